// A @web/test-runner plugin that runs a throwaway Prosody for the browser tests.
//
// serverStart: starts Prosody on free 127.0.0.1 ports with a fresh data dir .data/test-<pid>-<time>.
// serverStop (and SIGINT/SIGTERM/uncaught exceptions/exit): stops it and deletes the data dir.
//
// Commands for tests (`executeServerCommand` from @web/test-runner-commands):
//   'xmpp-server-info'                          -> { service, bosh, domain, httpPort }
//   'xmpp-server-stop'                          -> true once Prosody has exited
//   'xmpp-server-start'                         -> true once it accepts connections again
//                                                  (same ports and data dir: accounts and archive kept)
//   'xmpp-create-account' {username, password}  -> { username, password, jid }

import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startProsody, createAccount, freePorts, ROOT } from './prosody.mjs';

/** Remove .data/test-<pid>-* dirs left by runs that were killed outright (their pid is gone). */
function removeAbandonedDataDirs() {
  const base = path.join(ROOT, '.data');
  if (!existsSync(base)) return;
  for (const name of readdirSync(base)) {
    const pid = Number(/^test-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if (err.code === 'ESRCH') rmSync(path.join(base, name), { recursive: true, force: true });
    }
  }
}

/**
 * @param {{dataDir?: string, keepData?: boolean, quiet?: boolean}} [options]
 */
export function xmppServerPlugin({ dataDir, keepData = !!process.env.CHAT_KEEP_TEST_DATA, quiet = true } = {}) {
  dataDir = path.resolve(ROOT, dataDir ?? `.data/test-${process.pid}-${Date.now().toString(36)}`);
  let server;
  let starting;
  let stoppedBy;
  let cleanedUp = false;

  function cleanupSync() {
    // Synchronous last resort: signal Prosody and remove the data dir.
    if (cleanedUp) return;
    cleanedUp = true;
    try { if (server?.pid) process.kill(server.pid, 'SIGTERM'); } catch { /* gone */ }
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  }

  async function cleanup() {
    if (cleanedUp) return;
    await starting?.catch(() => {});
    await server?.stop();
    cleanedUp = true;
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  }

  // The test runner stops its servers (and so this plugin) on SIGINT itself, but not on SIGTERM:
  // stop Prosody and remove the data dir on both, and make sure the process then ends.
  const onSignal = (signal) => {
    cleanup().finally(() => {
      setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), signal === 'SIGINT' ? 10000 : 1000).unref();
    });
  };

  return {
    name: 'xmpp-server',

    async serverStart() {
      removeAbandonedDataDirs();
      const [httpPort, c2sPort] = await freePorts(2);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      process.on('exit', cleanupSync);
      // A 1 MiB upload limit, so that "over the server's limit" (413) is tested with a small file.
      starting = startProsody({ dataDir, httpPort, c2sPort, uploadLimit: 1024 * 1024, quiet });
      server = await starting;
      if (!quiet) console.log(`[xmpp-server] ${server.service} (data ${dataDir})`);
    },

    async serverStop() {
      await cleanup();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', cleanupSync);
    },

    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'xmpp-server-info': {
          // A test file that stopped the server and failed before starting it again must not
          // leave it down for the next file.
          if (!server.running && stoppedBy !== session?.id) await server.start();
          const { service, bosh, domain, httpPort } = server;
          return { service, bosh, domain, httpPort };
        }
        case 'xmpp-server-stop':
          stoppedBy = session?.id;
          await server.stop();
          return true;
        case 'xmpp-server-start':
          await server.start();
          return true;
        case 'xmpp-create-account': {
          const { username, password } = payload ?? {};
          if (typeof username !== 'string' || typeof password !== 'string') {
            throw new Error('xmpp-create-account needs {username, password}');
          }
          return createAccount(server, username, password);
        }
        default:
          return undefined; // not ours
      }
    },
  };
}
