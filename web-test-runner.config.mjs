// @web/test-runner configuration: TypeScript tests in Debian's Chromium, against a real, throwaway
// Prosody started by scripts/wtr-xmpp-plugin.mjs (free ports, data dir .data/test-*, deleted after).
//
// `npm test` (scripts/test.mjs) runs this after a type check; extra arguments pass through, e.g.
//   npm test -- --files test/unit/store.test.ts
//   npx web-test-runner --files test/e2e/server.test.ts
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { xmppServerPlugin } from './scripts/wtr-xmpp-plugin.mjs';
import { componentPartsPlugin } from './scripts/component-parts.mjs';
import { freePort } from './scripts/prosody.mjs';
import { fileURLToPath } from 'node:url';

const commonjs = fromRollup(rollupCommonjs);

// 127.0.0.2: the dev server then binds loopback only ('localhost' / '127.0.0.1' make it bind every
// interface), and http://127.0.0.2 is still a secure context in Chromium.
const hostname = '127.0.0.2';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  hostname,
  port: await freePort(hostname),
  // One test file at a time: all files share one Prosody, and some stop and restart it.
  concurrency: 1,
  concurrentBrowsers: 1,
  // Drop lit's one-line dev-mode notice that every test file would print.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  testFramework: {
    config: { timeout: 20000 },
  },
  testsStartTimeout: 60000,
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    // localforage ships UMD only.
    commonjs({ include: ['**/node_modules/localforage/**'], strictRequires: false }),
    xmppServerPlugin(),
    // `component-parts`: the part names the element templates set (test/components/launcher-parts.test.ts).
    componentPartsPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox', // required as root
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
