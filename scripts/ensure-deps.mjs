// Make sure what `npm test` / `npm start` need is installed:
//   - node_modules, in step with package-lock.json (`npm ci`; `npm install` when there is no lock);
//   - Debian packages: prosody and lua-dbi-sqlite3 (the SQLite driver behind the MAM archive), and
//     chromium for the browser tests.
// As root the missing Debian packages are installed with apt-get (`apt-get update` only if the first
// install attempt fails). As a normal user the exact `sudo apt-get install` command is printed and the
// process exits with 1.
//
// About a system Prosody: on a normal Debian box installing the `prosody` package also starts its
// system service, listening on 5222 (c2s), 5269 (s2s) and 5280 (http) on all interfaces. This project
// never uses that service or /etc/prosody: it runs its own Prosody from server/prosody.cfg.lua with a
// data dir under .data/. Test runs always pick free ports, so they never clash with it. `npm start`
// and `node scripts/prosody.mjs` use the default dev ports 5280/5222 and stop with a clear message if
// those are taken: then either choose others, e.g.
//     CHAT_HTTP_PORT=5290 CHAT_C2S_PORT=5232 npm start
// or stop the system service (`sudo systemctl disable --now prosody`).
//
// Usage: import { ensureDeps } from './ensure-deps.mjs'; await ensureDeps({ needChromium, needProsody });
//        node scripts/ensure-deps.mjs [--no-chromium] [--no-prosody]

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Does node_modules hold what package-lock.json asks for? */
function nodeModulesCurrent() {
  const nm = path.join(ROOT, 'node_modules');
  if (!existsSync(nm)) return { ok: false, why: 'node_modules is missing' };
  const lockFile = path.join(ROOT, 'package-lock.json');
  if (!existsSync(lockFile)) return { ok: true };
  const hiddenFile = path.join(nm, '.package-lock.json'); // written by npm after every install
  if (!existsSync(hiddenFile)) {
    return statSync(nm).mtimeMs >= statSync(lockFile).mtimeMs ? { ok: true } : { ok: false, why: 'node_modules is older than package-lock.json' };
  }
  if (statSync(hiddenFile).mtimeMs >= statSync(lockFile).mtimeMs) return { ok: true };
  // The lock file is newer: it may only have been touched (git checkout, npm writing the two files
  // in either order), so compare what it lists with what is installed before reinstalling.
  const lock = readJson(lockFile);
  const hidden = readJson(hiddenFile);
  if (!lock?.packages || !hidden?.packages) return { ok: false, why: 'package-lock.json is newer than node_modules' };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/') || entry.optional || entry.link) continue;
    const installed = hidden.packages[key];
    if (!installed || installed.version !== entry.version) {
      return { ok: false, why: `package-lock.json is newer than node_modules (${key.slice(13)} ${entry.version})` };
    }
  }
  return { ok: true };
}

function debInstalled(pkg) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return res.status === 0 && /install ok installed/.test(res.stdout);
}

function missingDebs({ needChromium, needProsody }) {
  const missing = [];
  if (needProsody) {
    if (!existsSync('/usr/bin/prosody') || !existsSync('/usr/bin/prosodyctl')) missing.push('prosody');
    if (!debInstalled('lua-dbi-sqlite3')) missing.push('lua-dbi-sqlite3');
  }
  if (needChromium && !existsSync('/usr/bin/chromium')) missing.push('chromium');
  return missing;
}

/**
 * @param {{needChromium?: boolean, needProsody?: boolean}} [options]
 */
export async function ensureDeps({ needChromium = true, needProsody = true } = {}) {
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20) {
    console.error(`Node ${process.versions.node} is too old: this project needs Node 20 or newer.`);
    process.exit(1);
  }

  const nm = nodeModulesCurrent();
  if (!nm.ok) {
    const hasLock = existsSync(path.join(ROOT, 'package-lock.json'));
    const args = hasLock ? ['ci'] : ['install'];
    console.log(`[deps] ${nm.why}: npm ${args.join(' ')}`);
    const code = run('npm', [...args, '--no-audit', '--no-fund']);
    if (code !== 0) {
      console.error(`[deps] npm ${args[0]} failed (exit ${code})`);
      process.exit(code);
    }
  }

  const missing = missingDebs({ needChromium, needProsody });
  if (missing.length === 0) return;

  const install = ['install', '-y', ...missing];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`[deps] missing Debian packages: ${missing.join(' ')}. Install them with:\n\n` +
      `    sudo apt-get install -y ${missing.join(' ')}\n\n` +
      '(If that installs and starts a system Prosody, it does not matter: see scripts/ensure-deps.mjs.)');
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`[deps] installing Debian packages: ${missing.join(' ')}`);
  let code = run('apt-get', install, { env });
  if (code !== 0) {
    console.log('[deps] apt-get install failed; running apt-get update and trying again');
    run('apt-get', ['update'], { env });
    code = run('apt-get', install, { env });
  }
  const still = missingDebs({ needChromium, needProsody });
  if (code !== 0 || still.length) {
    console.error(`[deps] could not install: ${still.join(' ') || missing.join(' ')} (apt-get exit ${code})`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const argv = process.argv.slice(2);
  await ensureDeps({ needChromium: !argv.includes('--no-chromium'), needProsody: !argv.includes('--no-prosody') });
  console.log('[deps] ok');
}
