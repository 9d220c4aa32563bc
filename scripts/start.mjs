// `npm start`: build, run the dev Prosody with demo accounts, and serve the demo pages.
//
//   http://127.0.0.2:8080/demo/index.html        one person
//   http://127.0.0.2:8080/demo/two-people.html   alice and bob side by side
//   GET /demo/config.json                        { service, domain, accounts: [...] } for the pages
//
// Pages may import /src/index.ts directly (TypeScript and bare imports are handled by the server)
// or load the build, /dist/chat-widget.js.
//
// Environment:
//   CHAT_HTTP_PORT  Prosody http port (websocket, BOSH, uploads)   default 5280
//   CHAT_C2S_PORT   Prosody c2s port                               default 5222
//   CHAT_DATA_DIR   Prosody data dir                               default .data/dev
//   CHAT_DEMO_PORT  demo web server port                           default 8080
//   CHAT_DEMO_HOST  demo web server address                        default 127.0.0.2 (loopback only)
// A system Prosody (Debian's service) also uses 5222/5280: if one runs, pick other ports, e.g.
//   CHAT_HTTP_PORT=5290 CHAT_C2S_PORT=5232 npm start
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { ensureDeps } from './ensure-deps.mjs';
import { startProsody, createAccount, portInUse, DEMO_ACCOUNTS, DEFAULT_DATA_DIR, ROOT } from './prosody.mjs';

const demoHost = process.env.CHAT_DEMO_HOST || '127.0.0.2';
const demoPort = Number(process.env.CHAT_DEMO_PORT || 8080);

await ensureDeps({ needChromium: false, needProsody: true });
if (await portInUse(demoPort, demoHost)) {
  console.error(`[start] ${demoHost}:${demoPort} is already in use: set CHAT_DEMO_PORT to another port`);
  process.exit(1);
}

// 1. Build (rollup.config.mjs). Demo pages importing /src work without it.
if (existsSync(path.join(ROOT, 'rollup.config.mjs'))) {
  console.log('[start] rollup -c');
  const res = spawnSync('npx', ['--no', '--', 'rollup', '-c'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) console.warn(`[start] warning: the build failed (exit ${res.status}); /dist may be stale or missing`);
} else {
  console.warn('[start] warning: no rollup.config.mjs yet, skipping the build (/dist is not available)');
}

// 2. Prosody and the demo accounts.
let prosody;
let devServer;
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    await devServer?.stop();
  } catch (err) {
    console.error(`[start] stopping the web server: ${err.message}`);
  }
  await prosody?.stop();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\n[start] ${signal}: stopping`);
    shutdown(0);
  });
}

try {
  prosody = await startProsody({ dataDir: process.env.CHAT_DATA_DIR || DEFAULT_DATA_DIR });
  for (const { username, password } of DEMO_ACCOUNTS) await createAccount(prosody, username, password);
} catch (err) {
  console.error(`[start] ${err.message}`);
  await shutdown(1);
}

// 3. The web server.
const commonjs = fromRollup(rollupCommonjs);
const demoConfig = {
  service: prosody.service,
  bosh: prosody.bosh,
  domain: prosody.domain,
  accounts: DEMO_ACCOUNTS,
};
try {
  devServer = await startDevServer({
    config: {
      rootDir: ROOT,
      hostname: demoHost,
      port: demoPort,
      nodeResolve: true,
      watch: false,
      middleware: [
        async (ctx, next) => {
          if (ctx.method === 'GET' && ctx.path === '/demo/config.json') {
            ctx.set('Cache-Control', 'no-store');
            ctx.type = 'application/json';
            ctx.body = JSON.stringify(demoConfig);
            return;
          }
          await next();
        },
      ],
      plugins: [
        esbuildPlugin({ ts: true, target: 'es2021', tsconfig: path.join(ROOT, 'tsconfig.json') }),
        commonjs({ include: ['**/node_modules/localforage/**'], strictRequires: false }),
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
    logStartMessage: false,
  });
} catch (err) {
  console.error(`[start] the web server could not start on ${demoHost}:${demoPort}: ${err.message}` +
    (err.code === 'EADDRINUSE' ? ' (set CHAT_DEMO_PORT to another port)' : ''));
  await shutdown(1);
}

const base = `http://${demoHost}:${demoPort}`;
console.log(`
Chat widget demo
  ${base}/demo/index.html
  ${base}/demo/two-people.html
  ${base}/demo/config.json

XMPP   ${prosody.service}   (c2s 127.0.0.1:${prosody.c2sPort}, domain ${prosody.domain})
Users  ${DEMO_ACCOUNTS.map((a) => `${a.username} / ${a.password}`).join(', ')}
Log    ${path.relative(ROOT, prosody.logFile)}

Ctrl-C to stop.`);

// If Prosody dies on its own, say so and stop.
setInterval(() => {
  if (!stopping && !prosody.running) {
    console.error(`[start] Prosody exited unexpectedly; see ${prosody.logFile}`);
    shutdown(1);
  }
}, 1000).unref();
