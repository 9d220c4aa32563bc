// Start and stop a private Prosody (0.12, Debian's /usr/bin/prosody) for development and tests.
//
//   import { startProsody, createAccount, freePort } from './prosody.mjs';
//   const server = await startProsody({ dataDir: '.data/test-123', httpPort, c2sPort });
//   await createAccount(server, 'alice', 'alice-pass');
//   ... server.service is ws://localhost:<httpPort>/xmpp-websocket ...
//   await server.stop();
//
// CLI: `node scripts/prosody.mjs` runs it in the foreground on the default ports (http 5280, c2s 5222,
// or CHAT_HTTP_PORT / CHAT_C2S_PORT) with data dir .data/dev (or CHAT_DATA_DIR), creates the demo
// accounts alice/alice-pass and bob/bob-pass, and stops cleanly on Ctrl-C / SIGTERM.
//
// The config is server/prosody.cfg.lua; it reads CHAT_DATA_DIR, CHAT_HTTP_PORT and CHAT_C2S_PORT from
// the environment, which this module sets for the prosody and prosodyctl processes it runs.
// Everything listens on 127.0.0.1 only. A system Prosody (Debian's service) would also want 5222/5280:
// then set CHAT_HTTP_PORT / CHAT_C2S_PORT. Tests always use free ports.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG = path.join(ROOT, 'server', 'prosody.cfg.lua');
export const DOMAIN = 'localhost';
export const DEFAULT_HTTP_PORT = 5280;
export const DEFAULT_C2S_PORT = 5222;
export const DEFAULT_DATA_DIR = path.join(ROOT, '.data', 'dev');
const PROSODY = '/usr/bin/prosody';
const PROSODYCTL = '/usr/bin/prosodyctl';
const READY_TIMEOUT_MS = 20000;
const STOP_TIMEOUT_MS = 10000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nobody listens on right now (the kernel picks it; on 127.0.0.1 unless told). */
export async function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Several distinct free ports. */
export async function freePorts(n) {
  const ports = new Set();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** Is something already listening on host:port (or on all interfaces at port)? */
export function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(true));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

/** Linux only: have the kernel SIGTERM Prosody if this Node process dies, even by SIGKILL. */
let pdeathsig;
function hasPdeathsig() {
  if (pdeathsig === undefined) {
    try {
      pdeathsig = /--pdeathsig/.test(execFileSync('setpriv', ['--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      pdeathsig = false;
    }
  }
  return pdeathsig;
}

function envFor(dataDir, httpPort, c2sPort, uploadLimit) {
  return {
    ...process.env,
    ...(uploadLimit ? { CHAT_UPLOAD_LIMIT: String(uploadLimit) } : {}),
    CHAT_DATA_DIR: dataDir,
    CHAT_HTTP_PORT: String(httpPort ?? DEFAULT_HTTP_PORT),
    CHAT_C2S_PORT: String(c2sPort ?? DEFAULT_C2S_PORT),
  };
}

function readFrom(file, offset) {
  if (!existsSync(file)) return '';
  const size = statSync(file).size;
  if (size <= offset) return '';
  const buf = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, buf.length, offset);
  } finally {
    closeSync(fd);
  }
  return buf.toString('utf8');
}

function httpGet(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { host: `localhost:${port}` }, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function tcpOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** The pid in the data dir's pidfile if that process is a Prosody still running from that data dir. */
function stalePid(dataDir) {
  const pidfile = path.join(dataDir, 'prosody.pid');
  if (!existsSync(pidfile)) return undefined;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('prosody')) return undefined;
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return environ.includes(`CHAT_DATA_DIR=${dataDir}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitGone(pid, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { process.kill(pid, 0); } catch { return true; }
    await sleep(50);
  }
  return false;
}

const running = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort (uncaught exception, process.exit): never leave a Prosody behind.
  process.on('exit', () => {
    for (const child of running) {
      try { child.kill('SIGTERM'); } catch { /* gone */ }
    }
  });
}

/**
 * Start Prosody in the foreground with a private data dir. Resolves once it accepts connections.
 * `uploadLimit`: the largest file upload in bytes (XEP-0363 max-file-size; the config's default is 10 MiB).
 * @param {{dataDir?: string, httpPort?: number, c2sPort?: number, uploadLimit?: number, quiet?: boolean}} [options]
 */
export async function startProsody({ dataDir, httpPort, c2sPort, uploadLimit, quiet = false } = {}) {
  dataDir = path.resolve(ROOT, dataDir ?? process.env.CHAT_DATA_DIR ?? DEFAULT_DATA_DIR);
  httpPort = Number(httpPort ?? process.env.CHAT_HTTP_PORT ?? DEFAULT_HTTP_PORT);
  c2sPort = Number(c2sPort ?? process.env.CHAT_C2S_PORT ?? DEFAULT_C2S_PORT);
  if (!existsSync(PROSODY)) throw new Error(`${PROSODY} not found: run scripts/ensure-deps.mjs (apt-get install prosody lua-dbi-sqlite3)`);
  if (httpPort === c2sPort) throw new Error(`http and c2s ports must differ (both ${httpPort})`);

  const handle = {
    service: `ws://localhost:${httpPort}/xmpp-websocket`,
    bosh: `http://localhost:${httpPort}/http-bind`,
    domain: DOMAIN,
    httpPort,
    c2sPort,
    dataDir,
    config: CONFIG,
    logFile: path.join(dataDir, 'prosody.log'),
    get running() { return child !== undefined; },
    get pid() { return child?.pid; },
    // start/stop/restart run one at a time, in call order.
    stop: () => serial(doStop),
    start: () => serial(doStart),
    restart: () => serial(async () => { await doStop(); return doStart(); }),
  };
  let child;
  let exited;
  let queue = Promise.resolve();
  function serial(fn) {
    const result = queue.then(fn);
    queue = result.catch(() => {});
    return result;
  }

  async function doStart() {
    if (child) return handle;
    mkdirSync(path.join(dataDir, 'certs'), { recursive: true }); // an empty dir silences a certmanager error
    const stale = stalePid(dataDir);
    if (stale) {
      if (!quiet) console.warn(`[prosody] stopping a Prosody (pid ${stale}) left running from ${dataDir}`);
      process.kill(stale, 'SIGTERM');
      if (!(await waitGone(stale, STOP_TIMEOUT_MS))) {
        try { process.kill(stale, 'SIGKILL'); } catch { /* gone */ }
      }
    }
    for (const port of [httpPort, c2sPort]) {
      if (await portInUse(port)) {
        throw new Error(`port ${port} on 127.0.0.1 is already in use (a system Prosody?); ` +
          'choose other ports with CHAT_HTTP_PORT / CHAT_C2S_PORT');
      }
    }
    const logOffset = existsSync(handle.logFile) ? statSync(handle.logFile).size : 0;
    const args = ['-F', '--config', CONFIG];
    const [cmd, argv] = hasPdeathsig() ? ['setpriv', ['--pdeathsig', 'SIGTERM', PROSODY, ...args]] : [PROSODY, args];
    const proc = spawn(cmd, argv, {
      cwd: dataDir,
      env: envFor(dataDir, httpPort, c2sPort, uploadLimit),
      // Own process group: Ctrl-C in a terminal reaches Node, which then stops Prosody in order.
      detached: hasPdeathsig(),
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'],
    });
    child = proc;
    running.add(proc);
    installExitHook();
    exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        running.delete(proc);
        if (child === proc) child = undefined;
        resolve({ code, signal });
      });
      proc.once('error', (err) => {
        running.delete(proc);
        if (child === proc) child = undefined;
        resolve({ code: -1, signal: null, error: err });
      });
    });

    const deadline = Date.now() + READY_TIMEOUT_MS;
    let lastError = '';
    for (;;) {
      if (child !== proc) {
        const { code, signal, error } = await exited;
        throw new Error(`prosody exited before it was ready (code ${code}, signal ${signal}${error ? `, ${error.message}` : ''})\n` +
          readFrom(handle.logFile, logOffset));
      }
      const log = readFrom(handle.logFile, logOffset);
      const failed = log.split('\n').find((l) => /Failed to open server port|Not listening on any ports/.test(l));
      if (failed) {
        await doStop();
        throw new Error(`prosody could not listen: ${failed.trim()}`);
      }
      const listening = log.includes(`Activated service 'http' on [127.0.0.1]:${httpPort}`) &&
        log.includes(`Activated service 'c2s' on [127.0.0.1]:${c2sPort}`);
      if (listening) {
        try {
          const res = await httpGet(httpPort, '/xmpp-websocket');
          if (res.status === 200 && (await tcpOpen(c2sPort))) break;
          lastError = `GET /xmpp-websocket: ${res.status}`;
        } catch (err) {
          lastError = err.message;
        }
      }
      if (Date.now() > deadline) {
        await doStop();
        throw new Error(`prosody did not become ready in ${READY_TIMEOUT_MS} ms (${lastError})\n${log}`);
      }
      await sleep(50);
    }
    if (!quiet) console.log(`[prosody] ready: ${handle.service} (c2s 127.0.0.1:${c2sPort}, data ${dataDir.startsWith(ROOT + path.sep) ? path.relative(ROOT, dataDir) : dataDir})`);
    return handle;
  }

  async function doStop() {
    const proc = child;
    if (!proc) return;
    const done = exited;
    try { proc.kill('SIGTERM'); } catch { /* already gone */ }
    const timer = setTimeout(() => { try { proc.kill('SIGKILL'); } catch { /* gone */ } }, STOP_TIMEOUT_MS);
    await done;
    clearTimeout(timer);
  }

  return handle.start();
}

function dataDirOf(target) {
  if (target && typeof target === 'object') return target.dataDir;
  return path.resolve(ROOT, target ?? DEFAULT_DATA_DIR);
}

/**
 * Create (or reset the password of) username@localhost with prosodyctl. Works whether or not the
 * server is running: both use the same SQLite database, so the new account is usable at once.
 * @param {string | {dataDir: string}} target a data dir or the handle from startProsody
 */
export async function createAccount(target, username, password) {
  const dataDir = dataDirOf(target);
  mkdirSync(path.join(dataDir, 'certs'), { recursive: true });
  const env = envFor(dataDir, target?.httpPort, target?.c2sPort);
  let last;
  for (let attempt = 0; attempt < 5; attempt++) {
    last = await new Promise((resolve) => {
      const proc = spawn(PROSODYCTL, ['--config', CONFIG, 'register', username, DOMAIN, password], {
        cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      proc.stdout.on('data', (c) => (out += c));
      proc.stderr.on('data', (c) => (out += c));
      proc.on('error', (err) => resolve({ code: -1, out: err.message }));
      proc.on('exit', (code) => resolve({ code, out }));
    });
    if (last.code === 0) return { username, password, jid: `${username}@${DOMAIN}` };
    // A concurrent write from the running server can briefly lock SQLite: try again.
    if (!/lock|busy/i.test(last.out)) break;
    await sleep(100 * (attempt + 1));
  }
  throw new Error(`prosodyctl register ${username}@${DOMAIN} failed (exit ${last.code}): ${last.out.trim()}`);
}

export const DEMO_ACCOUNTS = [
  { username: 'alice', password: 'alice-pass' },
  { username: 'bob', password: 'bob-pass' },
];

async function main() {
  const server = await startProsody({});
  for (const { username, password } of DEMO_ACCOUNTS) await createAccount(server, username, password);
  console.log(`XMPP websocket: ${server.service}`);
  console.log(`BOSH:           ${server.bosh}`);
  console.log(`c2s:            127.0.0.1:${server.c2sPort}`);
  console.log(`accounts:       ${DEMO_ACCOUNTS.map((a) => `${a.username}@${DOMAIN} / ${a.password}`).join(', ')}`);
  console.log(`log:            ${server.logFile}`);
  console.log('Ctrl-C to stop.');
  let stopping = false;
  const shutdown = async (sig) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[prosody] ${sig}: stopping`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
  // If Prosody dies on its own, say so and exit.
  const watch = setInterval(() => {
    if (!server.running && !stopping) {
      clearInterval(watch);
      console.error(`[prosody] exited unexpectedly; see ${server.logFile}`);
      process.exit(1);
    }
  }, 500);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}
