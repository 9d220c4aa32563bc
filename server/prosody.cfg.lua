-- Prosody 0.12 configuration for local development and tests of the chat widget.
--
-- Loopback only, no TLS, no server-to-server. Not for production.
--
-- Run it through scripts/prosody.mjs (`npm start`, `node scripts/prosody.mjs`, the test runner),
-- which sets the environment below and starts `prosody -F --config server/prosody.cfg.lua`.
--
-- Environment (read here with Prosody's ENV_<NAME> config lookup):
--   CHAT_HTTP_PORT   HTTP port for websocket, BOSH and file upload  (default 5280)
--                      ws://localhost:<port>/xmpp-websocket
--                      http://localhost:<port>/http-bind
--   CHAT_C2S_PORT    plain XMPP client port                          (default 5222)
--   CHAT_UPLOAD_LIMIT largest file upload in bytes                    (default 10 MiB)
--   CHAT_DATA_DIR    data directory: SQLite database, uploads, log, pidfile, certs
--                    (default: <repo>/.data/dev; the scripts always pass an absolute path)
--
-- Everything listens on 127.0.0.1 only. s2s (5269), https (5281), direct TLS and the external
-- component port are all off. Note that a system Prosody installed by the Debian package would use
-- 5222/5269/5280 too: if one runs, set CHAT_HTTP_PORT / CHAT_C2S_PORT to other ports.

local lfs = require "lfs";

local function absolute(path)
	if path:sub(1, 1) == "/" then return path end
	return lfs.currentdir() .. "/" .. path;
end

local config_dir = absolute(prosody.paths.config or ".");
local data_dir = absolute(ENV_CHAT_DATA_DIR or (config_dir .. "/../.data/dev"));
local http_port = tonumber(ENV_CHAT_HTTP_PORT) or 5280;
local c2s_port = tonumber(ENV_CHAT_C2S_PORT) or 5222;
-- Largest upload in bytes (XEP-0363 max-file-size): 10 MiB, the test server 1 MiB so "too large" is testable.
local upload_limit = tonumber(ENV_CHAT_UPLOAD_LIMIT) or 10 * 1024 * 1024;

-- Prosody refuses to start as root unless told; as a normal user it needs (and gets) nothing.
run_as_root = require "util.pposix".getuid() == 0;

data_path = data_dir;
pidfile = data_dir .. "/prosody.pid";
log = {
	info = data_dir .. "/prosody.log";
};
-- An empty directory: without it Prosody logs an error while indexing certificates.
certificates = data_dir .. "/certs";

---------- Network: loopback only ----------
interfaces = { "127.0.0.1" };
local_interfaces = { "127.0.0.1" };
c2s_interfaces = { "127.0.0.1" };
http_interfaces = { "127.0.0.1" };
https_interfaces = { "127.0.0.1" };

c2s_ports = { c2s_port };
c2s_direct_tls_ports = {};
http_ports = { http_port };
https_ports = {};
s2s_ports = {};
s2s_direct_tls_ports = {};
component_ports = {};
http_default_host = "localhost";

---------- No TLS: plain auth over loopback ----------
c2s_require_encryption = false;
s2s_require_encryption = false;
allow_unencrypted_plain_auth = true;
consider_websocket_secure = true;
consider_bosh_secure = true;
-- Do NOT set access_control_allow_origins in 0.12.3: it breaks loading websocket/BOSH/file_share.
-- Their CORS is on by default, which is what a page on another origin needs.

authentication = "internal_hashed";

---------- Storage: SQLite (no 10,000-item archive cap as with internal storage) ----------
storage = "sql";
sql = { driver = "SQLite3", database = data_dir .. "/prosody.sqlite" };

---------- Modules ----------
modules_enabled = {
	"disco";
	"roster";
	"saslauth";
	"register";        -- XEP-0077 in-band registration
	"carbons";         -- XEP-0280
	"smacks";          -- XEP-0198 stream management with resumption
	"mam";             -- XEP-0313
	"pep";
	"private";         -- XEP-0049
	"vcard4";
	"vcard_legacy";
	"blocklist";       -- XEP-0191
	"bookmarks";
	"ping";
	"csi_simple";
	"offline";
	"time";
	"version";
	"websocket";       -- RFC 7395
	"bosh";            -- XEP-0124/0206
	"http";
};
modules_disabled = {
	"s2s";             -- autoloaded otherwise, and listens on 5269
	"s2s_auth_certs";
	"dialback";
	"tls";
};

---------- In-band registration, unthrottled for tests ----------
allow_registration = true;
min_seconds_between_registrations = 0;
-- With min_seconds_between_registrations = 0 mod_register_limits builds a throttle of 1 per 0 s,
-- which can refuse two registrations in the same instant: give it explicit generous values,
-- and exempt loopback altogether (the allowlist skips the throttle).
registration_throttle_max = 1000000;
registration_throttle_period = 1;
registration_allowlist = { "127.0.0.1", "::1" };

---------- MAM ----------
default_archive_policy = true;
archive_expires_after = "never";
mam_include_total = true;
max_archive_query_results = 500;

VirtualHost "localhost"

Component "upload.localhost" "http_file_share"
	-- Without http_host slot URLs would use upload.localhost, which Node does not resolve.
	http_host = "localhost";
	http_file_share_size_limit = upload_limit;
	http_file_share_daily_quota = 1024 * 1024 * 1024;
