// `npm run bench`: measures the widget and prints a table; writes bench/results.md and docs/size.md.
// It only measures: nothing here passes or fails on a time. A run of a subset (--only) rewrites the
// sections it measured and keeps the others from the previous bench/results.md, marked as not
// re-measured (with the date they were measured).
//
//   1. Size       build (rollup -c), raw and gzip -9 bytes of dist/chat-widget.js and .esm.js, and the
//                 gzip size of each big dependency bundled alone with the same rollup + terser settings.
//   2. Open       a <chat-thread> whose account has 10,000 cached messages (seeded, then the page is
//                 reloaded so they are only in IndexedDB): time from appending the element to the first
//                 frame with message bubbles, and to the first frame showing the latest message; with the
//                 real server reachable, and with a server that accepts the connection but never answers
//                 (so connect() has not resolved when the cache paints).
//   3. Burst      two accounts registered in-band on the real Prosody; alice's page shows
//                 <chat-thread peer=bob>; bob (another browser, so his work is not on alice's main thread)
//                 sends 1,000 messages at once: time from the first send to the 1,000th message in alice's
//                 DOM, in her store, and the long tasks on alice's main thread meanwhile. Three ways:
//                   sdk     bob calls sendTextMessage 1,000 times (what the brief asks; bounded by bob's
//                           outbox writes, about a minute, so 1 run by default: --sdk-runs)
//                   raw     bob writes the same stanzas straight to his connection (no SDK outbox):
//                           alice's side at the real server's pace
//                   inject  the stanzas are fed into alice's client one per task, no server pace: the
//                           widget's own receiving capacity (receipts still go out for real)
//   4. Live       alice's page shows <chat-thread peer=bob> (script-tag bundle) connected to the real
//                 Prosody; bob, in another browser, calls sendTextMessage 60 times, one at a time, 250 ms
//                 apart (--live-count, --live-spacing). Per message: from just before bob's call to its
//                 text entering alice's thread DOM (MutationObserver on the shadow root), on one clock
//                 (performance.timeOrigin + now()); p50/p90/p99/max over all runs' messages, split into
//                 bob's call → the frame reaching alice's page (a websocket tap installed before the
//                 bundle, bench/ws-tap.js, on both pages: bob's side, then the server's) and that frame →
//                 the text in her DOM (the widget's own share: until her client announces it, then to the DOM).
//   5. Scroll     a 5,000-message archive between alice and bob (--scroll-count), seeded once through two
//                 SDK sessions writing raw stanzas, checked with a MAM count; on a Prosody of its own whose
//                 data dir is on /dev/shm by default (--scroll-data-base: it speeds up seeding; reading the
//                 archive back measured the same on disk). Alice's page opens <chat-thread peer=bob>; once
//                 it shows the latest message, every animation frame a wheel event and scrollTop = 0
//                 (--scroll-step screen: one screen up instead): time from the first scroll to the oldest
//                 message in the DOM, long tasks meanwhile, and the archive (MAM) queries her page sent
//                 (counted on the wire by the tap). Three passes a run: a fresh device (new browser
//                 context, new storage prefix) whose page opens with the chat; another fresh device where
//                 the element gets `peer` once connected; that device's page reloaded (cache warm).
// Each measurement runs 3 times (--runs N); the table shows the median and [min–max]. About 7 minutes.
//
// Options:
//   --no-build       use the existing dist/ (the sizes are still measured)
//   --runs N         repetitions of the open, burst, live and scroll measurements (default 3)
//   --only LIST      comma-separated subset of size,open,burst,live,scroll,upload (default all six)
//   --count N        messages in the burst (default 1000)
//   --profile        record a CPU profile of one extra (unmeasured) burst on alice's page and print the
//                    functions taking the most time inside long tasks (mapped through the source map);
//                    the profile is kept in .data/bench-profile/burst.cpuprofile (open it in DevTools)
//   --headed         show the browsers
//   --sdk-runs N     repetitions of the SDK burst (default 1: each takes about a minute, see results.md)
//   --burst-modes L  sdk,raw (default both): bob sends through the SDK, or writes stanzas straight to
//                    his connection (isolates alice's receiving side from the sender's own costs)
//   --data-base DIR  where the throwaway Prosody data dir goes (default .data; /dev/shm takes the
//                    disk's fsync cost out of the server's figures)
//   --keep-data      keep the Prosody data dir (and its prosody.log) after the run
//   --live-count N   messages bob sends in each live run (default 60)
//   --live-spacing MS  time between the starts of bob's sendTextMessage calls (default 250)
//   --scroll-count N messages in the deep-scroll archive (default 5000)
//   --scroll-step S  top (default: scrollTop = 0 every frame) or screen (one screen up every frame)
//   --scroll-data-base DIR  where the deep scroll's Prosody keeps its data (default /dev/shm when it
//                    exists and no --data-base is given, else --data-base): it speeds up seeding
//
// Needs /usr/bin/chromium and /usr/bin/prosody (scripts/ensure-deps.mjs installs them).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { chromium } from 'playwright-core';
import { startDevServer } from '@web/dev-server';
import { startProsody, freePort, ROOT } from './prosody.mjs';
import { localforageFromSource } from './build/localforage-esm.mjs';

const require = createRequire(import.meta.url);

// ---- options ------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(option('--runs', 3)));
const BURST = Math.max(1, Number(option('--count', 1000)));
const MEASUREMENTS = ['size', 'open', 'burst', 'live', 'scroll', 'upload'];
const ONLY = new Set(option('--only', MEASUREMENTS.join(',')).split(',').map((s) => s.trim()));
for (const name of ONLY) if (!MEASUREMENTS.includes(name)) throw new Error(`--only: unknown measurement "${name}" (${MEASUREMENTS.join(', ')})`);
const LIVE_COUNT = Math.max(1, Number(option('--live-count', 60)));
const LIVE_SPACING = Math.max(20, Number(option('--live-spacing', 250)));
const SCROLL_COUNT = Math.max(100, Number(option('--scroll-count', 5000)));
const SCROLL_STEP = option('--scroll-step', 'top') === 'screen' ? 'screen' : 'top';
const PROFILE = flag('--profile');
// Each SDK burst takes about a minute (see bench/results.md), so one run by default keeps the bench short.
const SDK_RUNS = Math.max(1, Number(option('--sdk-runs', 1)));
const BURST_MODES = option('--burst-modes', 'sdk,raw,inject').split(',').map((m) => m.trim()).filter((m) => ['sdk', 'raw', 'inject'].includes(m));
// Where the throwaway Prosody data dir goes (default .data): /dev/shm takes the disk out of the server's figures.
const DATA_BASE = path.resolve(option('--data-base', path.join(ROOT, '.data')));
// The deep scroll's own Prosody: its 5,000-message archive is seeded much faster off the disk.
const SCROLL_DATA_BASE = path.resolve(option('--scroll-data-base', argv.includes('--data-base') ? DATA_BASE : (existsSync('/dev/shm') ? '/dev/shm' : DATA_BASE)));
const HEADED = flag('--headed');
const SEEDED = 10_000;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const PAGE_HOST = '127.0.0.2';
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (...a) => console.log(`[bench ${elapsed()}]`, ...a);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- small statistics ---------------------------------------------------------------------------

const nums = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
function median(xs) {
  const s = nums(xs).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const min = (xs) => (nums(xs).length ? Math.min(...nums(xs)) : undefined);
const max = (xs) => (nums(xs).length ? Math.max(...nums(xs)) : undefined);
const fmt = (x, digits = 0) => (x === undefined ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
/** "median [min–max] unit" for a list of runs. */
function stat(xs, unit = 'ms', digits = 0) {
  if (nums(xs).length === 0) return 'n/a';
  const u = unit ? ` ${unit}` : '';
  if (nums(xs).length === 1) return `${fmt(xs[0], digits)}${u}`;
  return `${fmt(median(xs), digits)}${u} [${fmt(min(xs), digits)}–${fmt(max(xs), digits)}]`;
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// ---- cleanup ------------------------------------------------------------------------------------

const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error(`[bench] cleanup: ${error.message}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n[bench] ${signal}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---- 1. size ------------------------------------------------------------------------------------

function build() {
  log('npx rollup -c');
  const res = spawnSync('npx', ['--no', '--', 'rollup', '-c'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) {
    process.stderr.write(res.stdout + res.stderr);
    throw new Error(`the build failed (exit ${res.status}); fix it or run with --no-build to use the existing dist/`);
  }
}

function fileSize(rel) {
  const code = readFileSync(path.join(ROOT, rel));
  return { file: rel, raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const versionOf = (name) => {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};

/** What the widget imports from each dependency, bundled alone (IIFE, terser as in rollup.config.mjs). */
const DEPENDENCY_ENTRIES = [
  {
    name: 'strophe.js',
    packages: ['strophe.js'],
    code: "export { Strophe, $iq, $msg, $pres, MemoryStorageBackend } from 'strophe.js';",
  },
  {
    name: 'localforage',
    packages: ['localforage'],
    note: 'as the bundle takes it (scripts/build/localforage-esm.mjs)',
    code: "export { default } from 'localforage';",
  },
  {
    name: 'lit + @lit/context',
    packages: ['lit', '@lit/context'],
    code: [
      "export { LitElement, html, css, nothing } from 'lit';",
      "export { property, state, query } from 'lit/decorators.js';",
      "export { repeat } from 'lit/directives/repeat.js';",
      "export { createContext, provide, consume } from '@lit/context';",
    ].join('\n'),
  },
  {
    name: '@lit-labs/virtualizer',
    packages: ['@lit-labs/virtualizer'],
    note: 'its own code: lit is left out (counted in the row above)',
    code: "import '@lit-labs/virtualizer';",
    external: (id) => /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/.test(id),
  },
];

/**
 * The plugins of the script-tag build in rollup.config.mjs (resolve, commonjs, the localforage and
 * template plugins, esbuild, terser with its options), without its size printer, so the dependencies
 * are measured exactly as the bundle builds them. Falls back to equivalent settings if the config
 * cannot be read that way.
 */
let buildPlugins;
async function iifePlugins() {
  if (buildPlugins) return buildPlugins;
  try {
    const configs = (await import(pathToFileURL(path.join(ROOT, 'rollup.config.mjs')).href)).default;
    const iife = [configs].flat().find((c) => [c.output].flat().some((o) => o?.format === 'iife' || o?.format === 'amd'));
    if (!iife?.plugins?.some((p) => p?.name === 'terser')) throw new Error('no terser in the script-tag build');
    buildPlugins = iife.plugins.filter((p) => p && p.name !== 'print-sizes');
  } catch (error) {
    console.warn(`[bench] measuring dependencies with default settings (${error.message})`);
    buildPlugins = [
      localforageFromSource(),
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      commonjs({ strictRequires: false }),
      terser({ ecma: 2021, format: { comments: false }, compress: { passes: 3, pure_getters: true }, toplevel: true }),
    ];
  }
  return buildPlugins;
}

async function bundleAlone(entry) {
  const ENTRY = '\0bench-entry';
  const bundle = await rollup({
    input: ENTRY,
    external: entry.external,
    onwarn: () => undefined,
    plugins: [
      { name: 'bench-entry', resolveId: (id) => (id === ENTRY ? ENTRY : null), load: (id) => (id === ENTRY ? entry.code : null) },
      ...(await iifePlugins()),
    ],
  });
  try {
    const { output } = await bundle.generate({ format: 'iife', name: 'Dep', inlineDynamicImports: true, globals: (id) => id.replace(/\W/g, '_') });
    const code = output[0].code;
    return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
  } finally {
    await bundle.close();
  }
}

/** The budget: the script until a chat is open (issue 8: 64 KiB, kept since), and all of the script-tag
 * bundle's parts together. Issue 8 set the second at 96 KiB for its files, met at its close (98,258
 * bytes); issue 9's message actions (menu, reply previews, forward dialog, favourites view, and the
 * core's delete, favourites, edit and reaction parts), all loaded on demand, took it past that, so from
 * issue 9 on it was 128 KiB: a ceiling on what a person who uses every feature downloads. Issue 10's
 * chat management (the chat-settings sync, clearing, the row and header menus, the archived list,
 * notifications), all loaded on demand, ended at 132,913 bytes: 136 KiB from issue 10 on. */
const BEFORE_CHAT_LIMIT = 64 * 1024;
const EVERYTHING_LIMIT = 136 * 1024;

/**
 * The script-tag bundle's parts: dist/chat-widget.js (what a page runs before a chat opens) and the
 * parts it loads on demand from beside itself (dist/chat-widget.<part>-<hash>.js, named in it), each
 * gzipped alone as each is fetched alone; the two budget figures; the ESM build's files.
 */
function measureParts() {
  const main = fileSize('dist/chat-widget.js');
  // The parts the script names, and the parts those name (a lightbox the thread loads), once each.
  const names = [];
  const scan = (file) => {
    const code = readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of code.matchAll(/["'](?:\.\/)?(chat-widget\.[\w]+-[\w-]+?)(?:\.js)?["']/g)) {
      if (names.includes(m[1])) continue;
      names.push(m[1]);
      scan(`dist/${m[1]}.js`);
    }
  };
  scan(main.file);
  const parts = names.map((n) => ({ ...fileSize(`dist/${n}.js`), part: n.slice('chat-widget.'.length).split('-')[0] }));
  const esmEntry = fileSize('dist/chat-widget.esm.js');
  const esmCode = readFileSync(path.join(ROOT, esmEntry.file), 'utf8');
  const esmParts = [...new Set([...esmCode.matchAll(/["']\.\/(chat-widget\.esm\.[\w.-]+?\.js)["']/g)].map((m) => m[1]))].map((n) => fileSize(`dist/${n}`));
  const everything = main.gzip + parts.reduce((sum, p) => sum + p.gzip, 0);
  return {
    main, parts, esm: [esmEntry, ...esmParts],
    beforeChat: main.gzip, everything,
    limits: { beforeChat: BEFORE_CHAT_LIMIT, everything: EVERYTHING_LIMIT },
  };
}

async function measureSize() {
  const split = measureParts();
  const bundles = [split.main, ...split.parts, ...split.esm];
  const deps = [];
  for (const entry of DEPENDENCY_ENTRIES) {
    const size = await bundleAlone(entry);
    deps.push({ ...entry, ...size, versions: entry.packages.map((p) => `${p}@${versionOf(p)}`).join(', ') });
  }
  return { bundles, deps, split };
}

/** What each on-demand part of the script-tag bundle holds and when it loads (by its chunk name). */
const PART_NOTES = {
  list: '`<chat-list>`: the recent chats, their filter and the new-chat form',
  thread: '`<chat-thread>`: the thread element, bubbles, composer, @lit-labs/virtualizer',
  'media-send': 'sending files: XEP-0363 upload, type sniffing, detection, encryption',
  'media-download': 'downloading and decrypting `aesgcm://` files',
  'media-list': '`getMediaMessages`',
  registration: 'XEP-0077 registration (`register`, guests)',
  lightbox: 'the picture viewer', gallery: 'the chat\'s media gallery', recorder: 'the voice-note recorder',
};
const PART_WHEN = {
  list: 'the pointer or the focus reaches the launcher\'s button, its panel opens, or a `<chat-list>` enters the page (or `ChatWidget.loadList()`)',
  thread: 'the launcher\'s panel opens (or is about to), or a `<chat-thread>` enters the page (or `ChatWidget.loadThread()`)',
};
/** The closing section of docs/size.md: how the budget is kept as features come. */
const SIZE_PLAN = [
  '## Keeping to the budget',
  '',
  '- A heavy part that is only needed once a person does something (the lightbox, the media gallery, the',
  '  voice recorder, decrypting `aesgcm://` files) goes behind an `import()` where it is first needed;',
  '  rollup makes it a part of its own, in both builds, and the loader fetches it from beside the script.',
  '  A part named after its folder (`src/components/<part>/define.ts` → `chat-widget.<part>-<hash>.js`)',
  '  gets its own row above; add a line to `PART_NOTES`/`PART_WHEN` in scripts/bench.mjs.',
  '- What everything before a chat needs stays in `dist/chat-widget.js`: the launcher, the SDK and its',
  '  core (receiving every kind of message and every change to one: retractions, reactions, favourites),',
  '  lit, strophe.js (less its SharedWorker connection and XHTML-IM, stubbed at build time), localforage.',
  '- The core\'s actions are `import()`s too (sending files, deleting, favourites, edits and reactions,',
  '  reply lookups and forwarding, registration): fetched on first use, sharing the script\'s core.',
  '- Parts under 1 KB are merged back (rollup `experimentalMinChunkSize`): a request costs more.',
  '- `npm run bench -- --only size` prints both figures against the budget (64 KiB before a chat opens,',
  '  136 KiB for everything since issue 10; 128 KiB for issue 9; 96 KiB for issue 8\'s files); `test/e2e/bundle.test.ts` and `bundle-page.test.ts` check that the thread',
  '  loads and works from the built files.',
];

const within = (bytes, limit) => `${bytes <= limit ? 'within' : 'OVER'} ${limit / 1024} KiB`;
/** The two budget lines, printed by the bench and written to both documents. */
function budgetLines(split) {
  return [
    ['before a chat opens (dist/chat-widget.js)', `${fmt(split.beforeChat)} bytes gzip (${kb(split.beforeChat)}), ${within(split.beforeChat, split.limits.beforeChat)}`],
    ['everything (the script and every part it can load)', `${fmt(split.everything)} bytes gzip (${kb(split.everything)}), ${within(split.everything, split.limits.everything)}`],
  ];
}

function writeSizeDoc(size) {
  const { split } = size;
  const [esm, ...esmParts] = split.esm;
  const depsGzip = size.deps.reduce((sum, d) => sum + d.gzip, 0);
  const lines = [
    '# Size',
    '',
    'What a page downloads to show the chat widget. Measured by `npm run bench` (scripts/bench.mjs, `--only size`',
    'for this part), which rewrites this file; gzip is `gzip -9` (zlib level 9) of each minified file, each',
    'file compressed alone, as each is fetched alone.',
    '',
    '## The budget',
    '',
    '| Figure | gzip -9 | Budget |',
    '| --- | ---: | --- |',
    `| before a chat opens: \`${split.main.file}\` | **${fmt(split.beforeChat)} bytes** (${kb(split.beforeChat)}) | ${within(split.beforeChat, split.limits.beforeChat)} |`,
    `| everything: the script and every part it can load | **${fmt(split.everything)} bytes** (${kb(split.everything)}) | ${within(split.everything, split.limits.everything)} |`,
    '',
    `Left before a chat opens: ${fmt(split.limits.beforeChat - split.beforeChat)} bytes; in all: ${fmt(split.limits.everything - split.everything)} bytes.`,
    '',
    '## The script-tag bundle, part by part',
    '',
    '| File | What it is | When it loads | Minified | gzip -9 |',
    '| --- | --- | --- | ---: | ---: |',
    `| \`${split.main.file}\` | the launcher, the list, the SDK and core, lit, strophe.js, localforage, and a loader | the \`<script>\` tag | ${kb(split.main.raw)} | **${kb(split.main.gzip)}** |`,
    ...split.parts.map((p) => `| \`${p.file}\` | ${PART_NOTES[p.part] ?? `the ${p.part}`} | ${PART_WHEN[p.part] ?? 'when first needed'} | ${kb(p.raw)} | ${kb(p.gzip)} |`),
    '',
    'The parts load from beside the script (their URL from the `<script src>`), run on the script\'s own lit',
    'and core, and are fetched once per page; the file names carry a hash of their content, so a cached part',
    'of another version never meets the script. How it works: `scripts/build/script-tag.mjs`; what loads the',
    'thread: `src/components/thread/lazy.ts`. Translations (`dist/locales/<locale>.js`, about 1.5 KB gzip each)',
    'are fetched only for a page in that language and are not counted above.',
    '',
    '## The ESM build (for bundlers)',
    '',
    '| File | What it is | Minified | gzip -9 |',
    '| --- | --- | ---: | ---: |',
    `| \`${esm.file}\` | the widget's own code but the thread, dependencies left to the bundler | ${kb(esm.raw)} | ${kb(esm.gzip)} |`,
    ...esmParts.map((p) => `| \`${p.file}\` | an \`import()\` of the entry (the thread): the app's bundler splits it off | ${kb(p.raw)} | ${kb(p.gzip)} |`),
    '',
    '## The dependencies, each alone',
    '',
    'For context: what the widget imports from each dependency, bundled alone with the plugins of the',
    'script-tag build in `rollup.config.mjs` (same resolve, commonjs, terser options; minified).',
    'gzip sizes do not add up exactly: compressing things together is a little smaller than apart.',
    '',
    '| Dependency | Version | Minified | gzip -9 | Note |',
    '| --- | --- | ---: | ---: | --- |',
    ...size.deps.map((d) => `| ${d.name} | ${d.versions} | ${kb(d.raw)} | ${kb(d.gzip)} | ${d.note ?? ''} |`),
    `| **all four** | | | ${kb(depsGzip)} | sum of the rows |`,
    `| the widget's own code | ${pkg.name}@${pkg.version} | ${kb(split.esm.reduce((s, f) => s + f.raw, 0))} | ${kb(split.esm.reduce((s, f) => s + f.gzip, 0))} | the ESM files above |`,
    '',
    `So about ${Math.round((depsGzip / split.everything) * 100)}% of the script-tag bundle (gzip, all parts) is dependencies, strophe.js the largest;`,
    'the elements, store and protocol code are the rest. The virtualizer is in the thread part.',
    '',
    '## Compared with',
    '',
    '| Client | gzip before a chat opens |',
    '| --- | ---: |',
    `| this widget (\`${split.main.file}\`) | ${kb(split.main.gzip)} |`,
    '| converse.js | about 424 KB |',
    '',
    'The converse.js figure is the size noted for this project (its full build loads about 424 KB gzip',
    'before a chat opens); it was not measured by this script.',
    '',
    ...SIZE_PLAN,
    '',
    `_Last measured ${new Date().toISOString().slice(0, 10)} with Node ${process.version}, rollup ${versionOf('rollup')}._`,
    '',
  ];
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  writeFileSync(path.join(ROOT, 'docs', 'size.md'), lines.join('\n'));
}

// ---- servers and browsers -----------------------------------------------------------------------

/** A TCP server that accepts connections and never answers: a chat server that has not answered yet. */
async function startSilentServer() {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise((resolve, reject) => server.listen(port, '127.0.0.1', resolve).once('error', reject));
  return {
    service: `ws://127.0.0.1:${port}/xmpp-websocket`,
    stop: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Workarounds the bench had to apply to the build; listed in bench/results.md. */
const workarounds = [];

/**
 * The script-tag bundle must set window.ChatWidget. If the build does not (terser's `toplevel: true`
 * drops the IIFE's unused top-level `var ChatWidget`, leaving `!function(t){...}({})`), the pages get
 * the same bytes with only the final argument changed to `window.ChatWidget={}`, so the bench can run;
 * every position before the tail (and so the source map) is unchanged.
 */
function exposeGlobal(code) {
  if (/(^|[^.\w$])ChatWidget\s*=/.test(code) || /window\.ChatWidget|globalThis\.ChatWidget|self\.ChatWidget/.test(code)) return code;
  const tail = /\}\(\{\}\);?(\s*\/\/# sourceMappingURL=\S*)?\s*$/;
  if (!tail.test(code)) return code;
  if (!workarounds.includes('global')) {
    workarounds.push('global');
    console.warn('[bench] dist/chat-widget.js does not set window.ChatWidget (the IIFE ends with `}({});`): ' +
      'serving it to the bench pages with `}(window.ChatWidget={});` instead. See bench/results.md.');
  }
  return code.replace(tail, (_, map = '') => `}(window.ChatWidget={});${map}\n`);
}

async function startPages() {
  const port = await freePort(PAGE_HOST);
  const server = await startDevServer({
    config: {
      rootDir: ROOT, hostname: PAGE_HOST, port, nodeResolve: false, watch: false,
      middleware: [
        async (ctx, next) => {
          if (ctx.method === 'GET' && ctx.path === '/dist/chat-widget.js') {
            ctx.set('Cache-Control', 'no-store');
            ctx.type = 'application/javascript';
            ctx.body = exposeGlobal(readFileSync(path.join(ROOT, 'dist', 'chat-widget.js'), 'utf8'));
            return;
          }
          await next();
        },
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
    logStartMessage: false,
  });
  return { base: `http://${PAGE_HOST}:${port}`, stop: () => server.stop() };
}

async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: !HEADED, args: CHROMIUM_ARGS });
  cleanups.push(() => browser.close());
  return browser;
}

async function openPage(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') console.error(`[page ${msg.type()}] ${msg.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.bench && window.ChatWidget);
  return page;
}

async function reload(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => window.bench && window.ChatWidget);
}

// ---- 2. open a 10,000-message thread ------------------------------------------------------------

async function measureOpen({ browser, base, prosody, silent, runId }) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const url = `${base}/bench/thread.html`;
  const page = await openPage(context, url);
  const prefix = `bench-open-${runId}`;
  const alice = { username: `alice-${runId}`, password: 'bench-pass' };
  const bob = `bob-${runId}@${prosody.domain}`;
  await page.evaluate((a) => bench.register(a), { service: prosody.service, domain: prosody.domain, ...alice });
  log(`seeding ${SEEDED.toLocaleString('en-US')} messages into ${alice.username}'s cache`);
  const seeded = await page.evaluate((a) => bench.seed(a), {
    service: prosody.service, domain: prosody.domain, prefix, username: alice.username, peer: bob, count: SEEDED,
  });
  if (seeded.added !== SEEDED) throw new Error(`seeding added ${seeded.added} messages, expected ${SEEDED}`);
  log(`seeded in ${fmt(seeded.ms)} ms (rows ${seeded.firstRow}..${seeded.lastRow})`);
  const lastNeedle = `[${SEEDED - 1}]`;

  const modes = [
    { key: 'reachable', service: prosody.service, waitConnected: 5000 },
    { key: 'silent', service: silent.service, waitConnected: 0 },
  ];
  const runs = { reachable: [], silent: [] };
  const evals = [];
  for (let i = 0; i < RUNS; i++) {
    for (const mode of modes) {
      await reload(page, url); // a new document: nothing of the cache is in memory, only in IndexedDB
      evals.push(await page.evaluate(() => bench.bundle.evalMs));
      const r = await page.evaluate((a) => bench.openThread(a), {
        service: mode.service, domain: prosody.domain, prefix, ...alice, peer: bob, lastNeedle, waitConnected: mode.waitConnected,
      });
      runs[mode.key].push(r);
      log(`open ${mode.key} #${i + 1}: first paint ${fmt(r.firstPaintAt, 1)} ms (${r.rowsAtFirstPaint} bubbles${r.firstPaintShowsLatest ? ', latest shown' : ', latest NOT shown'}), ` +
        `latest shown ${fmt(r.latestPaintAt, 1)} ms, ${r.rowsInDom} bubbles in DOM, connected ${r.connectedAt === undefined ? 'no' : `${fmt(r.connectedAt)} ms`}` +
        `${r.timedOut ? ' TIMED OUT' : ''}, long tasks ${r.longtasks.length}`);
    }
  }
  let profile;
  if (PROFILE) {
    log('profiling one more open (server not answering; not counted in the figures)');
    await reload(page, url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const r = await page.evaluate((a) => bench.openThread(a), {
      service: silent.service, domain: prosody.domain, prefix, ...alice, peer: bob, lastNeedle, waitConnected: 0,
    });
    profile = { result: r, cpuProfile: (await cdp.send('Profiler.stop')).profile };
    await cdp.detach();
  }
  await context.close();
  return { seeded, runs, evals, profile };
}

// ---- 3. burst of incoming messages --------------------------------------------------------------

/** The machine's CPU counters (all cores), from /proc/stat. */
function machineCpu() {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = f.map(Number);
    return { busy: user + nice + system + irq + softirq, idle, iowait, steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return undefined;
  }
}

/** Share of the machine's CPU time between two machineCpu() readings: busy, waiting on I/O, stolen by the host. */
function cpuShare(a, b) {
  if (!a || !b) return undefined;
  const total = b.total - a.total || 1;
  return { busy: (b.busy - a.busy) / total, iowait: (b.iowait - a.iowait) / total, steal: (b.steal - a.steal) / total };
}

/** CPU time (user + system) a process has used so far, from /proc (Linux). */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

async function startProfiler(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return profile;
  };
}

/** Two new accounts on the real server: alice's page shows <chat-thread peer=bob> and is connected, bob's
 * page has an SDK signed in to send with (each in its own browser context). */
async function twoPeople({ aliceContext, bobContext, base, prosody, runId, purpose }) {
  const url = `${base}/bench/thread.html`;
  const alicePage = await openPage(aliceContext, url);
  const bobPage = await openPage(bobContext, url);
  const alice = { username: `alice-${runId}`, password: 'bench-pass' };
  const bob = { username: `bob-${runId}`, password: 'bench-pass' };
  const server = { service: prosody.service, domain: prosody.domain };
  const aliceReg = await bobPage.evaluate((a) => bench.register(a), { ...server, ...alice });
  const bobReg = await bobPage.evaluate((a) => bench.register(a), { ...server, ...bob });
  await alicePage.evaluate((a) => bench.openLive(a), { ...server, ...alice, prefix: `bench-${purpose}-${runId}`, peer: bobReg.jid });
  await bobPage.evaluate((a) => bench.prepareSender(a), { ...server, ...bob, prefix: `bench-${purpose}-${runId}` });
  return { alicePage, bobPage, aliceReg, bobReg };
}

/** mode 'sdk': bob calls sendTextMessage; mode 'raw': bob writes the stanzas straight to his connection. */
async function measureBurst({ browser, senderBrowser, base, prosody, runId, mode = 'sdk', profile = false }) {
  const aliceContext = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const bobContext = await senderBrowser.newContext();
  try {
    const { alicePage, bobPage, aliceReg, bobReg } = await twoPeople({ aliceContext, bobContext, base, prosody, runId, purpose: 'burst' });
    const tag = `burst-${runId}`;
    await alicePage.evaluate((a) => bench.watchBurst(a), { peer: bobReg.jid, count: BURST, tag, timeoutMs: mode === 'sdk' ? 150_000 : 90_000 });
    const cpuBefore = processCpuMs(prosody.pid);
    const machineBefore = machineCpu();
    const stopAlice = profile ? await startProfiler(aliceContext, alicePage) : undefined;
    const stopBob = profile ? await startProfiler(bobContext, bobPage) : undefined;
    const sending = mode === 'inject'
      ? alicePage.evaluate((a) => bench.injectBurst(a), { from: bobReg.jid, count: BURST, tag })
      : bobPage.evaluate(([fn, a]) => bench[fn](a), [mode === 'raw' ? 'burstRaw' : 'burst', { to: aliceReg.jid, count: BURST, tag }]);
    const received = await alicePage.evaluate((a) => bench.burstResult(a), { peer: bobReg.jid, count: BURST, tag });
    const sent = await sending;
    const serverCpuMs = processCpuMs(prosody.pid) - cpuBefore;
    const machine = cpuShare(machineBefore, machineCpu());
    if (mode === 'sdk') Object.assign(sent, await bobPage.evaluate(() => bench.senderAcks({ waitMs: 500 })));
    const cpuProfile = await stopAlice?.();
    const senderProfile = await stopBob?.();
    await bobPage.evaluate(() => bench.disconnectSender()).catch(() => undefined);
    const since = (epochMs) => (epochMs === undefined ? undefined : epochMs - sent.epochStart);
    return {
      sent,
      received,
      cpuProfile,
      senderProfile,
      serverCpuMs,
      machine,
      milestonesMs: received.epochMilestones?.map(since),
      domMs: since(received.epochDom),
      threadMs: since(received.epochThread),
      frameMs: since(received.epochFrame),
      storeMs: since(received.epochStore),
      firstInStoreMs: since(received.epochFirstInStore),
    };
  } finally {
    await aliceContext.close().catch(() => undefined);
    await bobContext.close().catch(() => undefined);
  }
}

// ---- 4. live message latency --------------------------------------------------------------------

/** The websocket tap (bench/ws-tap.js), installed in a context's pages before any of their scripts. */
const WS_TAP = path.join(ROOT, 'bench', 'ws-tap.js');

/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = nums(xs).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : undefined;
}
/** "p50 / p90 / p99 / max" of a pooled list of values. */
const spread = (xs, digits = 1) => (nums(xs).length
  ? `${[50, 90, 99].map((p) => fmt(percentile(xs, p), digits)).join(' / ')} / ${fmt(max(xs), digits)} ms`
  : 'n/a');

/**
 * One live run: fresh accounts; alice's page shows <chat-thread peer=bob> and is connected; bob, in the
 * other browser, sends LIVE_COUNT messages LIVE_SPACING ms apart. Returns one record per message with
 * epoch times: call (bob, just before sendTextMessage), resolved (bob), wire (bob's frame out), frame
 * (alice's page has the frame), announced (alice's client emits it), dom (text in her thread), painted.
 */
async function measureLive({ browser, senderBrowser, base, prosody, runId }) {
  const aliceContext = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const bobContext = await senderBrowser.newContext();
  try {
    await aliceContext.addInitScript({ path: WS_TAP });
    await bobContext.addInitScript({ path: WS_TAP });
    const { alicePage, bobPage, aliceReg } = await twoPeople({ aliceContext, bobContext, base, prosody, runId, purpose: 'live' });
    await sleep(500); // let both sides' start-up traffic (catch-up, carbons, presence) go by
    const tag = `live-${runId}`;
    const watch = await alicePage.evaluate((a) => bench.watchLive(a), { tag, count: LIVE_COUNT });
    const sent = await bobPage.evaluate((a) => bench.sendSpaced(a), { to: aliceReg.jid, count: LIVE_COUNT, tag, spacingMs: LIVE_SPACING });
    const received = await alicePage.evaluate(() => bench.liveResult({ waitMs: 3000 }));
    await bobPage.evaluate(() => bench.disconnectSender()).catch(() => undefined);
    const messages = sent.messages.map((s, i) => {
      const r = received.messages[i] ?? {};
      const d = (a, b) => (a === undefined || b === undefined ? undefined : b - a);
      return {
        error: s.error,
        total: d(s.epochCall, r.epochDom), // bob's call → text in alice's DOM
        toFrame: d(s.epochCall, r.epochFrame), // (a) bob's call → the frame reaches alice's page
        toWire: d(s.epochCall, s.epochWire), // (a1) bob's call → his frame leaves
        wireToFrame: d(s.epochWire, r.epochFrame), // (a2) bob's frame → alice's page: Prosody and loopback
        frameToDom: d(r.epochFrame, r.epochDom), // (b) the widget's own share
        frameToAnnounced: d(r.epochFrame, r.epochAnnounced), // (b1) frame → her client announces it
        announcedToDom: d(r.epochAnnounced, r.epochDom), // (b2) announced → text in the DOM
        domToPainted: d(r.epochDom, r.epochPainted),
        callResolved: d(s.epochCall, s.epochResolved),
      };
    });
    return { messages, storeHook: watch.storeHook, longtasks: received.longtasks };
  } finally {
    await aliceContext.close().catch(() => undefined);
    await bobContext.close().catch(() => undefined);
  }
}

// ---- 6. a 10 MB file ----------------------------------------------------------------------------

const UPLOAD_BYTES = 10_000_000;

/** Bob (another browser) sends a 10 MB document (XEP-0363 upload to Prosody's http_file_share on
 * loopback, then the message); alice's page shows <chat-thread peer=bob>. */
async function measureUpload({ browser, senderBrowser, base, prosody, runId }) {
  const aliceContext = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const bobContext = await senderBrowser.newContext();
  try {
    const { alicePage, bobPage, aliceReg } = await twoPeople({ aliceContext, bobContext, base, prosody, runId, purpose: 'upload' });
    await sleep(500);
    const name = `ten-mb-${runId}.pdf`;
    const shown = alicePage.evaluate((a) => bench.watchFile(a), { name });
    const sent = await bobPage.evaluate((a) => bench.sendBigFile(a), { to: aliceReg.jid, bytes: UPLOAD_BYTES, name });
    const { epochShown } = await shown;
    await bobPage.evaluate(() => bench.disconnectSender()).catch(() => undefined);
    return {
      events: sent.events,
      toFirstProgress: sent.epochFirstProgress - sent.epochCall,
      toUploaded: sent.epochUploaded - sent.epochCall,
      toResolved: sent.epochResolved - sent.epochCall,
      toShown: epochShown - sent.epochCall,
    };
  } finally {
    await aliceContext.close().catch(() => undefined);
    await bobContext.close().catch(() => undefined);
  }
}

// ---- 5. deep scroll -----------------------------------------------------------------------------

/**
 * Seeds SCROLL_COUNT messages between two fresh accounts on `prosody` (see bench.connectSeeders and
 * bench.seedArchive in bench/harness.js), then checks with a MAM count that alice's archive holds them.
 */
async function seedDeepArchive({ senderBrowser, base, prosody, runId }) {
  const context = await senderBrowser.newContext();
  try {
    const page = await openPage(context, `${base}/bench/thread.html`);
    const server = { service: prosody.service, domain: prosody.domain };
    const accounts = { alice: { username: `alice-${runId}`, password: 'bench-pass' }, bob: { username: `bob-${runId}`, password: 'bench-pass' } };
    for (const a of Object.values(accounts)) await page.evaluate((x) => bench.register(x), { ...server, ...a });
    const tag = `deep-${runId}`;
    const jids = await page.evaluate((a) => bench.connectSeeders(a), { ...server, prefix: `bench-seed-${runId}`, accounts, tag });
    const seeded = await page.evaluate((a) => bench.seedArchive(a), { count: SCROLL_COUNT, tag });
    const archived = await page.evaluate((a) => bench.archiveCount(a), { role: 'alice', withJid: jids.bob });
    await page.evaluate(() => bench.disconnectSeeders());
    if (archived !== SCROLL_COUNT) throw new Error(`alice's archive with bob holds ${archived} items, expected ${SCROLL_COUNT}`);
    return { ...seeded, archived, accounts, jids, tag };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** The deep-scroll passes of a run, in order. */
const SCROLL_PASSES = [
  { key: 'withPage', label: 'fresh device, chat opened with the page' },
  { key: 'cold', label: 'fresh device, chat opened once connected' },
  { key: 'warm', label: 'cache warm (that device, page reloaded)' },
];
/** A pass gives up when no older message has come into the DOM for this long. */
const SCROLL_STALL_MS = 6000;

/**
 * One deep-scroll run, three passes, each opening <chat-thread> and scrolling to the top:
 *   withPage  a fresh device (new context, new storage prefix) whose page opens straight on the chat:
 *             the element goes in with all its attributes, while its client is still connecting;
 *   cold      another fresh device where the element gets `peer` once its client is connected;
 *   warm      the `cold` device's page reloaded: the cache now holds what the cold pass loaded.
 */
async function measureScroll({ browser, base, prosody, archive, runId }) {
  const url = `${base}/bench/thread.html`;
  const { accounts, jids, tag } = archive;
  const open = (prefix, peerWhenConnected) => ({
    service: prosody.service, domain: prosody.domain, prefix, ...accounts.alice, peer: jids.bob,
    latestNeedle: `${tag}#${SCROLL_COUNT - 1}:`, peerWhenConnected,
  });
  const scroll = { oldestNeedle: `${tag}#0:`, tag, step: SCROLL_STEP, stallMs: SCROLL_STALL_MS };
  const device = async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    await context.addInitScript({ path: WS_TAP });
    return { context, page: await openPage(context, url) };
  };
  const pass = async (page, openArgs) => {
    const opened = await page.evaluate((a) => bench.openDeep(a), openArgs);
    return { open: opened, scroll: await page.evaluate((a) => bench.deepScroll(a), scroll) };
  };
  const out = {};
  const first = await device();
  try {
    out.withPage = await pass(first.page, open(`bench-scroll-${runId}a`, false));
  } finally {
    await first.context.close().catch(() => undefined);
  }
  const second = await device();
  try {
    out.cold = await pass(second.page, open(`bench-scroll-${runId}b`, true));
    // The same device again: a second for the cache's batched writes, then a new document.
    await sleep(1500);
    await reload(second.page, url);
    out.warm = await pass(second.page, open(`bench-scroll-${runId}b`, false));
  } finally {
    await second.context.close().catch(() => undefined);
  }
  return out;
}

// ---- attribution: source map, long animation frames, CPU profile --------------------------------

async function loadSourceMap() {
  try {
    const { SourceMapConsumer } = require('source-map');
    const raw = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'chat-widget.js.map'), 'utf8'));
    const consumer = await new SourceMapConsumer(raw);
    const code = readFileSync(path.join(ROOT, 'dist', 'chat-widget.js'), 'utf8');
    const lineStarts = [0];
    for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const sources = new Map();
    const sourceLine = (source, line) => {
      if (!sources.has(source)) {
        const content = consumer.sourceContentFor(source, true);
        sources.set(source, content ? content.split('\n') : null);
      }
      return sources.get(source)?.[line - 1]?.trim();
    };
    const describe = (pos) => {
      if (!pos?.source) return undefined;
      const file = pos.source.replace(/^(\.\.\/)+/, '');
      const text = sourceLine(pos.source, pos.line);
      return `${file}:${pos.line}${pos.name ? ` ${pos.name}` : ''}${text ? ` — ${text.slice(0, 90)}` : ''}`;
    };
    return {
      /** line (1-based) and column (0-based) in dist/chat-widget.js → "source:line name — code". */
      at: (line, column) => describe(consumer.originalPositionFor({ line, column })),
      /** a character offset in dist/chat-widget.js → the same. */
      atChar(offset) {
        let lo = 0;
        let hi = lineStarts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (lineStarts[mid] <= offset) lo = mid;
          else hi = mid - 1;
        }
        return describe(consumer.originalPositionFor({ line: lo + 1, column: offset - lineStarts[lo] }));
      },
      destroy: () => consumer.destroy(),
    };
  } catch (error) {
    console.warn(`[bench] no source map lookups (${error.message})`);
    return { at: () => undefined, atChar: () => undefined, destroy: () => undefined };
  }
}

/** Scripts that ran inside long animation frames (≥ 50 ms), grouped by entry point, longest first. */
function summarizeLongFrames(frames, sourceMap) {
  const groups = new Map();
  for (const f of frames) {
    for (const s of f.scripts) {
      const where = s.url?.endsWith('/dist/chat-widget.js') && s.char >= 0 ? sourceMap.atChar(s.char) : undefined;
      const key = `${s.invoker} ${where ?? s.url ?? ''}`;
      const g = groups.get(key) ?? { invoker: s.invoker, where, count: 0, total: 0, max: 0, forced: 0 };
      g.count += 1;
      g.total += s.duration;
      g.max = Math.max(g.max, s.duration);
      g.forced += s.forcedStyleAndLayout ?? 0;
      groups.set(key, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.total - a.total);
}

/** From a CPU profile: the busy stretches over 50 ms (long tasks) and what ran in them. */
function analyzeProfile(profile, sourceMap) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (node) => {
    const cf = node.callFrame;
    if (cf.url.endsWith('/dist/chat-widget.js')) {
      return sourceMap.at(cf.lineNumber + 1, cf.columnNumber) ?? `${cf.functionName || '(anonymous)'} chat-widget.js:${cf.lineNumber + 1}:${cf.columnNumber}`;
    }
    return `${cf.functionName || '(anonymous)'}${cf.url ? ` ${cf.url.replace(/^.*\//, '')}:${cf.lineNumber + 1}` : ''}`;
  };
  // Timeline of samples.
  let t = profile.startTime;
  const samples = profile.samples.map((id, i) => {
    t += profile.timeDeltas[i];
    return { id, t };
  });
  // "(program)" is the browser's own work outside JS (including rendering); it counts as idle here, so
  // the stretches are JS-driven work only (rendering appears in the long-frame figures instead).
  const idle = (id) => ['(idle)', '(program)'].includes(byId.get(id).callFrame.functionName);
  // Busy stretches: consecutive samples that are not idle/program.
  const stretches = [];
  let current = null;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const busy = !idle(s.id);
    const dt = (samples[i + 1]?.t ?? s.t) - s.t;
    if (busy) {
      current ??= { start: s.t, end: s.t, samples: [] };
      current.end = s.t + dt;
      current.samples.push({ id: s.id, dt });
    } else if (current) {
      stretches.push(current);
      current = null;
    }
  }
  if (current) stretches.push(current);
  const long = stretches.filter((s) => (s.end - s.start) / 1000 >= 50);
  const self = new Map();
  const inclusive = new Map();
  let totalLong = 0;
  for (const stretch of long) {
    totalLong += (stretch.end - stretch.start) / 1000;
    for (const { id, dt } of stretch.samples) {
      const node = byId.get(id);
      const name = label(node);
      self.set(name, (self.get(name) ?? 0) + dt / 1000);
      const seen = new Set();
      for (let n = id; n !== undefined; n = parent.get(n)) {
        const l = label(byId.get(n));
        if (seen.has(l)) continue;
        seen.add(l);
        inclusive.set(l, (inclusive.get(l) ?? 0) + dt / 1000);
      }
    }
  }
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  const selfAll = new Map();
  let busyMs = 0;
  for (let i = 0; i < samples.length; i++) {
    if (idle(samples[i].id)) continue;
    const dt = ((samples[i + 1]?.t ?? samples[i].t) - samples[i].t) / 1000;
    busyMs += dt;
    const name = label(byId.get(samples[i].id));
    selfAll.set(name, (selfAll.get(name) ?? 0) + dt);
  }
  return {
    busyMs,
    selfAllTop: top(selfAll, 15),
    longStretches: long.map((s) => (s.end - s.start) / 1000).sort((a, b) => b - a),
    totalLongMs: totalLong,
    selfTop: top(self, 15),
    inclusiveTop: top(inclusive, 25).filter(([name]) => !/^\(root\)|^\(program\)/.test(name)),
  };
}

function saveProfile(name, cpuProfile) {
  const dir = path.join(ROOT, '.data', 'bench-profile');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), JSON.stringify(cpuProfile));
  return path.relative(ROOT, path.join(dir, name));
}

// ---- report -------------------------------------------------------------------------------------

function machineNote() {
  const cpus = os.cpus();
  let chromiumVersion = '';
  try {
    chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { /* unknown */ }
  return `${cpus.length} cores (${cpus[0]?.model?.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` +
    `shared and noisy (other work runs on the same machine); Node ${process.version}; ${chromiumVersion || 'Chromium'} headless; ` +
    'Prosody 0.12 on loopback.';
}

/** Rows: [null, title, suffix?] starts a section, [label, value] is a figure, {raw} a line kept as it was. */
function table(rows) {
  const out = ['| Measurement | Result |', '| --- | --- |'];
  for (const row of rows) {
    if (!Array.isArray(row)) out.push(row.raw);
    else if (row[0] === null) out.push(`| **${row[1]}**${row[2] ?? ''} | |`);
    else out.push(`| ${row[0]} | ${row[1]} |`);
  }
  return out.join('\n');
}

function printTable(rows) {
  const width = Math.max(...rows.filter(([a]) => a !== null).map(([a]) => a.length));
  for (const [a, b] of rows) {
    if (a === null) console.log(`\n${b}`);
    else console.log(`  ${a.padEnd(width)}  ${b}`);
  }
}

function longTaskFigures(runs) {
  const counts = runs.map((r) => r.longtasks.length);
  const maxes = runs.map((r) => (r.longtasks.length ? Math.max(...r.longtasks.map((t) => t.duration)) : 0));
  const totals = runs.map((r) => r.longtasks.reduce((s, t) => s + t.duration, 0));
  return { counts, maxes, totals };
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  const results = { date: new Date().toISOString(), machine: machineNote(), runs: RUNS, burst: BURST };
  const rows = [];

  if (ONLY.has('size')) {
    if (!flag('--no-build')) build();
    log('measuring sizes (each dependency bundled alone)');
    results.size = await measureSize();
    writeSizeDoc(results.size);
    rows.push([null, 'Size (gzip -9)']);
    for (const [what, value] of budgetLines(results.size.split)) rows.push([what, value]);
    for (const b of results.size.bundles) rows.push([`  ${b.file}`, `${kb(b.raw)} raw, ${kb(b.gzip)} gzip`]);
    for (const d of results.size.deps) rows.push([`  dependency alone: ${d.name}`, `${kb(d.raw)} raw, ${kb(d.gzip)} gzip`]);
  } else if (!flag('--no-build')) {
    build();
  }
  if (!existsSync(path.join(ROOT, 'dist', 'chat-widget.js'))) throw new Error('dist/chat-widget.js is missing: run without --no-build');

  const needServer = ['open', 'burst', 'live', 'scroll', 'upload'].some((m) => ONLY.has(m));
  if (needServer) {
    const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const dataDir = path.join(DATA_BASE, `bench-${runId}`);
    if (!flag('--keep-data')) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const [httpPort, c2sPort] = [await freePort(), await freePort()];
    log(`starting Prosody (data ${path.relative(ROOT, dataDir)})`);
    const prosody = await startProsody({ dataDir, httpPort, c2sPort, quiet: true });
    cleanups.push(() => prosody.stop());
    const silent = await startSilentServer();
    cleanups.push(() => silent.stop());
    const pages = await startPages();
    cleanups.push(() => pages.stop());
    const browser = await launchBrowser();
    const sourceMap = await loadSourceMap();
    cleanups.push(() => sourceMap.destroy());

    if (ONLY.has('open')) {
      log(`open: ${SEEDED.toLocaleString('en-US')}-message thread, ${RUNS} runs per mode`);
      const open = await measureOpen({ browser, base: pages.base, prosody, silent, runId });
      results.open = open;
      rows.push([null, `Open a ${SEEDED.toLocaleString('en-US')}-message thread from the IndexedDB cache (from appending <chat-thread>)`]);
      rows.push(['  bundle parse + run (page load, before the element)', stat(open.evals, 'ms', 1)]);
      for (const [key, title] of [['reachable', 'server reachable'], ['silent', 'server not answering (connect pending)']]) {
        const r = open.runs[key];
        rows.push([`  ${title}: first frame with bubbles (visible to the reader)`, stat(r.map((x) => x.firstPaintAt), 'ms', 1)]);
        rows.push([`  ${title}: first frame showing the latest message`, stat(r.map((x) => x.latestPaintAt), 'ms', 1)]);
        rows.push([`  ${title}: bubbles in the DOM (first paint / settled)`, `${stat(r.map((x) => x.rowsAtFirstPaint), '')} / ${stat(r.map((x) => x.rowsSettled), '')}`]);
        rows.push([`  ${title}: first painted frame already shows the latest`, `${r.filter((x) => x.firstPaintShowsLatest).length} of ${r.length} runs ` +
          `(rows in view at first paint: ${[...new Set(r.map((x) => x.firstPaintVisible))].join(', ')}; the latest is m-${SEEDED - 1})`]);
        rows.push([`  ${title}: latest message visible after settling`, `${r.filter((x) => x.latestVisibleSettled).length} of ${r.length} runs (last: "${(r.at(-1)?.lastVisibleText ?? '').slice(0, 24)}…")`]);
        if (key === 'reachable') rows.push([`  ${title}: connected (after the element was appended)`, stat(r.map((x) => x.connectedAt), 'ms', 0)]);
        else rows.push([`  ${title}: connection state when measured`, [...new Set(r.map((x) => x.connection))].join(', ')]);
        const lt = longTaskFigures(r);
        rows.push([`  ${title}: long tasks while opening (count / longest)`, `${stat(lt.counts, '')} / ${stat(lt.maxes, 'ms')}`]);
      }
      if (open.profile) {
        results.openProfile = analyzeProfile(open.profile.cpuProfile, sourceMap);
        results.openProfile.file = saveProfile('open.cpuprofile', open.profile.cpuProfile);
        delete open.profile.cpuProfile;
      }
      results.openLongFrames = summarizeLongFrames([...open.runs.reachable, ...open.runs.silent].flatMap((r) => r.longFrames), sourceMap).slice(0, 8);
    }

    // Bob's browser (the sender in the burst and live measurements, the seeder of the deep scroll).
    let senderBrowserStarted;
    const senderBrowserOnce = () => (senderBrowserStarted ??= launchBrowser());

    if (ONLY.has('burst')) {
      const senderBrowser = await senderBrowserOnce();
      const n = BURST.toLocaleString('en-US');
      results.burst = {};
      for (const mode of BURST_MODES) {
        const runs = [];
        for (let i = 0; i < (mode === 'sdk' ? SDK_RUNS : RUNS); i++) {
          const r = await measureBurst({ browser, senderBrowser, base: pages.base, prosody, runId: `${runId}${mode}${i}`, mode });
          runs.push(r);
          const lt = r.received.longtasks;
          log(`burst ${mode} #${i + 1}: ${BURST} sent → in alice's store ${fmt(r.storeMs)} ms, in her thread ${fmt(r.threadMs)} ms, ` +
            `in her DOM ${r.received.domNeverShown ? 'never (the thread stopped following)' : `${fmt(r.domMs)} ms, painted ${fmt(r.frameMs)} ms`}; ` +
            (mode === 'sdk' ? `bob: calls resolved ${fmt(r.sent.queuedMs)} ms, acked ${r.sent.allSentMs !== undefined ? `all at ${fmt(r.sent.allSentMs)} ms` : `${r.sent.acked}/${BURST} at ${fmt(r.sent.atMs)} ms`}; ` : `stanzas written/fed in ${fmt(r.sent.callsMs)} ms; `) +
            `long tasks ${lt.length}, longest ${fmt(lt.length ? Math.max(...lt.map((t) => t.duration)) : 0)} ms; server CPU ${fmt(r.serverCpuMs)} ms; ` +
            `machine busy ${fmt((r.machine?.busy ?? NaN) * 100)}%, iowait ${fmt((r.machine?.iowait ?? NaN) * 100)}%, steal ${fmt((r.machine?.steal ?? NaN) * 100)}%` +
            `${r.received.timedOut ? ' TIMED OUT' : ''}; store ${r.received.storeCount}/${BURST}${r.received.inOrder ? ' in order' : ' OUT OF ORDER'}`);
        }
        results.burst[mode] = runs.map(({ cpuProfile, senderProfile, ...r }) => r);
        rows.push([null, {
          sdk: `Burst: bob calls sendTextMessage ${n} times at once; alice's page shows <chat-thread peer=bob>`,
          raw: `Burst, receiving side only: bob writes ${n} message stanzas straight to his connection (no SDK outbox)`,
          inject: `Burst without the server's pace: ${n} stanzas fed into alice's client one per task, as fast as her page runs`,
        }[mode]]);
        const shown = runs.filter((r) => !r.received.domNeverShown);
        rows.push([`  first send → ${n}th message in alice's DOM`, `${stat(shown.map((r) => r.domMs))}${shown.length < runs.length ? ` (${runs.length - shown.length} of ${runs.length} runs: never, the thread stopped following the latest message)` : ''}`]);
        rows.push([`  first send → first frame showing the ${n}th`, stat(shown.map((r) => r.frameMs))]);
        rows.push([`  first send → the ${n}th in the thread's message list`, stat(runs.map((r) => r.threadMs))]);
        rows.push([`  first send → all ${n} in alice's store`, stat(runs.map((r) => r.storeMs))]);
        rows.push(['  first send → first message in alice\'s store', stat(runs.map((r) => r.firstInStoreMs))]);
        rows.push(['  server (Prosody) CPU time during the burst', stat(runs.map((r) => r.serverCpuMs))]);
        const pct = (xs) => stat(xs.map((x) => (x === undefined ? undefined : x * 100)), '%');
        rows.push(['  machine CPU during the burst: busy / I/O wait / stolen by the host', `${pct(runs.map((r) => r.machine?.busy))} / ${pct(runs.map((r) => r.machine?.iowait))} / ${pct(runs.map((r) => r.machine?.steal))}`]);
        if (mode === 'sdk') {
          rows.push([`  bob: the ${n} sendTextMessage calls resolved`, stat(runs.map((r) => r.sent.queuedMs))]);
          const acked = runs.filter((r) => r.sent.allSentMs !== undefined);
          rows.push([`  bob: all ${n} acknowledged by the server (status sent)`, acked.length === runs.length
            ? stat(runs.map((r) => r.sent.allSentMs))
            : `not yet when alice had them all: ${runs.map((r) => `${r.sent.acked}/${BURST} at ${fmt(r.sent.atMs)} ms`).join(', ')}`]);
        } else if (mode === 'raw') {
          rows.push([`  bob: time to write the ${n} stanzas`, stat(runs.map((r) => r.sent.callsMs))]);
        } else {
          rows.push([`  alice: time to feed the ${n} stanzas in (one task each)`, stat(runs.map((r) => r.sent.callsMs))]);
        }
        const lt = longTaskFigures(runs.map((r) => r.received));
        rows.push(['  alice: long tasks during the burst (count)', stat(lt.counts, '')]);
        rows.push(['  alice: longest task', stat(lt.maxes)]);
        rows.push(['  alice: total time in long tasks', stat(lt.totals)]);
        rows.push(['  alice: longest gap between frames', stat(runs.map((r) => r.received.maxFrameGap))]);
        rows.push([`  alice: store holds all ${n}, in order (getChatMessages)`, `${runs.filter((r) => r.received.storeCount === BURST && r.received.inOrder).length} of ${runs.length} runs`]);
        rows.push([`  alice: ${n}th message in view at the end`, `${runs.filter((r) => r.received.latestInView).length} of ${runs.length} runs`]);
        results[`burstLongFrames_${mode}`] = summarizeLongFrames(runs.flatMap((r) => r.received.longFrames), sourceMap).slice(0, 10);
      }

      if (PROFILE) {
        for (const mode of BURST_MODES) {
          log(`profiling one more ${mode} burst (not counted in the figures)`);
          const r = await measureBurst({ browser, senderBrowser, base: pages.base, prosody, runId: `${runId}p${mode}`, mode, profile: true });
          results[`burstProfile_${mode}`] = analyzeProfile(r.cpuProfile, sourceMap);
          results[`burstProfile_${mode}`].file = saveProfile(`burst-${mode}-alice.cpuprofile`, r.cpuProfile);
          if (mode === 'sdk') {
            results.senderProfile = analyzeProfile(r.senderProfile, sourceMap);
            results.senderProfile.file = saveProfile('burst-sdk-bob.cpuprofile', r.senderProfile);
          }
        }
      }
    }

    if (ONLY.has('upload')) {
      const senderBrowser = await senderBrowserOnce();
      log(`upload: bob sends a ${fmt(UPLOAD_BYTES / 1e6, 0)} MB document, ${RUNS} runs`);
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await measureUpload({ browser, senderBrowser, base: pages.base, prosody, runId: `${runId}u${i}` });
        runs.push(r);
        log(`upload #${i + 1}: uploaded in ${fmt(r.toUploaded)} ms, call resolved ${fmt(r.toResolved)} ms, shown at alice ${fmt(r.toShown)} ms (${r.events} progress events)`);
      }
      results.upload = runs;
      const pick = (k) => runs.map((r) => r[k]);
      rows.push([null, `A 10 MB file: bob (another browser) calls sendDocumentMessage with a ${fmt(UPLOAD_BYTES)}-byte PDF; XEP-0363 upload to Prosody's http_file_share on loopback; alice's page shows <chat-thread peer=bob>`]);
      rows.push(['  bob: call → first progress event', stat(pick('toFirstProgress'))]);
      rows.push(['  bob: call → the last byte uploaded (progress reaches the total)', stat(pick('toUploaded'))]);
      rows.push(['  bob: call → its promise resolved (uploaded, message sent)', stat(pick('toResolved'))]);
      rows.push(["  alice: bob's call → the document in her thread's DOM", stat(pick('toShown'))]);
      rows.push(['  progress events per upload', stat(pick('events'), '', 0)]);
    }

    if (ONLY.has('live')) {
      const senderBrowser = await senderBrowserOnce();
      log(`live: bob sends ${LIVE_COUNT} messages ${LIVE_SPACING} ms apart, ${RUNS} runs`);
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await measureLive({ browser, senderBrowser, base: pages.base, prosody, runId: `${runId}l${i}` });
        runs.push(r);
        const m = r.messages;
        const pick = (k) => m.map((x) => x[k]);
        log(`live #${i + 1}: ${nums(pick('total')).length}/${LIVE_COUNT} shown; end to end p50/p90/p99/max ${spread(pick('total'))}; ` +
          `call → frame at alice p50 ${fmt(percentile(pick('toFrame'), 50), 1)} ms (bob's side ${fmt(percentile(pick('toWire'), 50), 1)}, ` +
          `server ${fmt(percentile(pick('wireToFrame'), 50), 1)}); frame → DOM p50 ${fmt(percentile(pick('frameToDom'), 50), 1)} ms; ` +
          `long tasks ${r.longtasks.length}${m.some((x) => x.error) ? `; errors: ${m.find((x) => x.error).error}` : ''}`);
      }
      results.live = runs;
      const all = runs.flatMap((r) => r.messages);
      const pool = (k) => all.map((x) => x[k]);
      const perRunP50 = (k) => stat(runs.map((r) => percentile(r.messages.map((x) => x[k]), 50)), 'ms', 1);
      const n = nums(pool('total')).length;
      rows.push([null, `Live message latency: bob (another browser) calls sendTextMessage ${LIVE_COUNT} times, ${LIVE_SPACING} ms apart; ` +
        `alice's page shows <chat-thread peer=bob>. Targets: p50 ≤ 8 ms, p99 ≤ 20 ms end to end (converse.js: 12 ms)`]);
      rows.push(['  messages measured (all runs pooled; figures are p50 / p90 / p99 / max)', `${n} of ${all.length} (${runs.length} runs × ${LIVE_COUNT})`]);
      rows.push(["  end to end: bob's call → text in alice's thread DOM", spread(pool('total'))]);
      rows.push(['  end to end, p50 of each run', perRunP50('total')]);
      rows.push(["  (a) bob's call → the websocket frame reaches alice's page", spread(pool('toFrame'))]);
      rows.push(["    (a1) bob's call → his frame leaves his page (his SDK: store, outbox write, send)", spread(pool('toWire'))]);
      rows.push(["    (a2) his frame leaves → alice's page has it (Prosody: routing, archiving; loopback)", spread(pool('wireToFrame'))]);
      rows.push(["  (b) the frame → text in alice's DOM (the widget's own share)", spread(pool('frameToDom'))]);
      if (runs.every((r) => r.storeHook)) {
        rows.push(['    (b1) frame → her client announces the message (parse, coalescing timer, store)', spread(pool('frameToAnnounced'))]);
        rows.push(['    (b2) announced → text in the DOM (store notification, thread re-read, render)', spread(pool('announcedToDom'))]);
      }
      rows.push(['  text in the DOM → the next frame painted', spread(pool('domToPainted'))]);
      rows.push(['  bob: sendTextMessage call → its promise resolved', spread(pool('callResolved'))]);
      rows.push(['  alice: long tasks during a run (count / longest)', `${stat(runs.map((r) => r.longtasks.length), '')} / ${stat(runs.map((r) => max(r.longtasks.map((t) => t.duration)) ?? 0))}`]);
    }

    if (ONLY.has('scroll')) {
      const senderBrowser = await senderBrowserOnce();
      const scrollDataDir = path.join(SCROLL_DATA_BASE, `bench-scroll-${runId}`);
      if (!flag('--keep-data')) cleanups.push(() => rmSync(scrollDataDir, { recursive: true, force: true }));
      const [scrollHttp, scrollC2s] = [await freePort(), await freePort()];
      log(`scroll: starting a second Prosody for the archive (data ${scrollDataDir})`);
      const archiveServer = await startProsody({ dataDir: scrollDataDir, httpPort: scrollHttp, c2sPort: scrollC2s, quiet: true });
      cleanups.push(() => archiveServer.stop());
      log(`scroll: seeding ${SCROLL_COUNT.toLocaleString('en-US')} messages`);
      const archive = await seedDeepArchive({ senderBrowser, base: pages.base, prosody: archiveServer, runId: `${runId}s` });
      log(`scroll: seeded in ${fmt(archive.ms)} ms (${fmt(SCROLL_COUNT / (archive.ms / 1000))} msg/s); alice's archive with bob: ${archive.archived} items`);
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await measureScroll({ browser, base: pages.base, prosody: archiveServer, archive, runId: `${runId}s${i}` });
        runs.push(r);
        for (const { key } of SCROLL_PASSES) {
          const x = r[key].scroll;
          log(`scroll ${key} #${i + 1}: latest shown ${fmt(r[key].open.shownMs)} ms; first scroll → oldest in DOM ` +
            `${x.timedOut ? `never (${x.stalled ? 'stalled' : 'timed out'} at #${x.lowestReached})` : `${fmt(x.ms)} ms`}; long tasks ${x.longtasks.length} ` +
            `(longest ${fmt(max(x.longtasks.map((t) => t.duration)) ?? 0)} ms); MAM queries ${x.mam.length} ` +
            `(${fmt(x.mam.reduce((a, q) => a + (q.waitMs ?? 0), 0))} ms waiting for answers); loads ${x.loads}; frames ${x.frames}, longest gap ${fmt(x.maxFrameGap)} ms`);
        }
      }
      results.scroll = { archive: { ms: archive.ms, archived: archive.archived, dataBase: SCROLL_DATA_BASE }, runs };
      const n = SCROLL_COUNT.toLocaleString('en-US');
      rows.push([null, `Deep scroll: a ${n}-message archive on the real Prosody; alice opens <chat-thread peer=bob> and scrolls to the oldest ` +
        `(${SCROLL_STEP === 'top' ? 'wheel event + scrollTop = 0' : 'wheel event + one screen up'} every frame). Target: ≤ 5 s, no long task over 50 ms`]);
      rows.push(['  archive seeded (once, two SDK sessions writing raw stanzas; checked by a MAM count)',
        `${n} messages in ${fmt(archive.ms / 1000, 1)} s (${fmt(SCROLL_COUNT / (archive.ms / 1000))} msg/s), Prosody data on ${SCROLL_DATA_BASE}`]);
      for (const { key, label } of SCROLL_PASSES) {
        const p = runs.map((r) => r[key]);
        const sc = p.map((x) => x.scroll);
        const done = sc.filter((x) => !x.timedOut);
        const missed = sc.filter((x) => x.timedOut);
        rows.push([`  ${label}: latest message shown (from ${key === 'cold' ? 'setting peer' : 'appending the element'})`, stat(p.map((x) => x.open.shownMs))]);
        const why = [...new Set(missed.map((x) => `${x.stalled ? `nothing older came in for ${SCROLL_STALL_MS / 1000} s` : 'timed out'} with #${x.lowestReached} the oldest shown`))];
        rows.push([`  ${label}: first scroll → the oldest message in the DOM`, `${done.length ? stat(done.map((x) => x.ms)) : 'never'}` +
          `${missed.length ? ` (${missed.length} of ${sc.length} runs did not get there: ${why.join('; ')})` : ''}`]);
        if (key === 'withPage' && !done.length) {
          rows.push([`  ${label}: archive (MAM) queries while scrolling`, stat(sc.map((x) => x.mam.length), '')]);
          continue; // the rest would describe a scroll that never got anywhere
        }
        rows.push([`  ${label}: long tasks meanwhile (count / longest / total)`, `${stat(sc.map((x) => x.longtasks.length), '')} / ` +
          `${stat(sc.map((x) => max(x.longtasks.map((t) => t.duration)) ?? 0))} / ${stat(sc.map((x) => x.longtasks.reduce((a, t) => a + t.duration, 0)))}`]);
        rows.push([`  ${label}: longest gap between frames`, stat(sc.map((x) => x.maxFrameGap))]);
        rows.push([`  ${label}: archive (MAM) queries sent meanwhile (on the wire)`, stat(sc.map((x) => x.mam.length), '')]);
        if (sc.every((x) => x.mam.length)) {
          rows.push([`  ${label}: time waiting for those answers (sum; per query p50)`, `${stat(sc.map((x) => x.mam.reduce((a, q) => a + (q.waitMs ?? 0), 0)))}; ` +
            `${stat(sc.map((x) => percentile(x.mam.map((q) => q.waitMs), 50)), 'ms', 1)}`]);
          rows.push([`  ${label}: results per query (max asked / results got, median)`, `${[...new Set(sc.flatMap((x) => x.mam.map((q) => q.max)))].join(', ')} / ` +
            `${stat(sc.map((x) => median(x.mam.map((q) => q.results))), '')}`]);
        }
        rows.push([`  ${label}: archive queries while opening (before the first scroll)`, stat(p.map((x) => x.open.mamQueries), '')]);
        rows.push([`  ${label}: "Loading older messages…" shown (steps that waited)`, stat(sc.map((x) => x.loads), '')]);
        rows.push([`  ${label}: time per step (first scroll → oldest, over those steps)`, stat(done.map((x) => (x.loads ? x.ms / x.loads : undefined)))]);
      }
      results.scrollLongFrames = summarizeLongFrames(runs.flatMap((r) => r.cold.scroll.longFrames), sourceMap).slice(0, 10);
      for (const r of runs) for (const { key } of SCROLL_PASSES) delete r[key].scroll.longFrames;
    }
  }

  results.rows = rows;
  results.workarounds = workarounds;
  printTable(rows);
  writeResults(results);
  log(`wrote bench/results.md${ONLY.has('size') ? ' and docs/size.md' : ''}`);
}

function attributionLines(title, groups) {
  if (!groups?.length) return [];
  return [
    '', `### ${title}`, '',
    'Scripts that ran inside long animation frames, grouped by entry point (from the Long Animation',
    'Frames API, positions mapped through dist/chat-widget.js.map):', '',
    '| Entry point | Where | Times | Total | Longest | Forced style/layout |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...groups.map((g) => `| ${g.invoker} | ${(g.where ?? '').replace(/\|/g, '\\|')} | ${g.count} | ${fmt(g.total)} ms | ${fmt(g.max)} ms | ${fmt(g.forced)} ms |`),
  ];
}

// ---- keeping the sections of a previous run ------------------------------------------------------

/** Which measurement a section of bench/results.md belongs to, from its table title or ### heading. */
function sectionKey(title) {
  if (/^Size\b/.test(title)) return 'size';
  if (/^Open\b|while opening|extra open/.test(title)) return 'open';
  if (/^Burst\b|burst/i.test(title)) return 'burst';
  if (/^Live\b/.test(title)) return 'live';
  if (/^A 10 MB file\b/.test(title)) return 'upload';
  if (/^Deep scroll\b|scroll/i.test(title)) return 'scroll';
  return undefined;
}

const NOT_REMEASURED = /\s*_\(not re-measured in this run: figures from ([^)]*)\)_/;
const notRemeasured = (date) => ` _(not re-measured in this run: figures from ${date})_`;

/**
 * The sections of the bench/results.md a previous run wrote, by measurement: its table rows (markdown
 * lines, the section's title row first) and its ### blocks, each with the date it was measured (a
 * section that was already carried over keeps its own date).
 */
function previousSections() {
  const sections = new Map();
  let text;
  try {
    text = readFileSync(path.join(ROOT, 'bench', 'results.md'), 'utf8');
  } catch {
    return sections;
  }
  const fileDate = text.match(/ on (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC)/)?.[1] ?? 'an earlier run';
  const section = (key) => {
    if (!sections.has(key)) sections.set(key, { rows: [], blocks: [] });
    return sections.get(key);
  };
  const lines = text.split('\n');
  let current;
  let i = lines.indexOf('| Measurement | Result |');
  for (i = i < 0 ? lines.length : i + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const title = lines[i].match(/^\| \*\*(.*?)\*\*(.*?)\| \|$/);
    if (title) {
      current = sectionKey(title[1]);
      if (current) section(current).rows.push({ title: title[1], date: title[2].match(NOT_REMEASURED)?.[1] ?? fileDate });
    } else if (current) {
      section(current).rows.push(lines[i]);
    }
  }
  // The ### blocks up to "## How it is measured".
  let block;
  for (; i < lines.length && !lines[i].startsWith('## '); i++) {
    if (lines[i].startsWith('### ')) {
      const heading = lines[i].slice(4);
      const key = sectionKey(heading.replace(NOT_REMEASURED, ''));
      block = key ? { heading: heading.replace(NOT_REMEASURED, ''), date: heading.match(NOT_REMEASURED)?.[1] ?? fileDate, lines: [] } : undefined;
      if (block) section(key).blocks.push(block);
    } else if (block && !lines[i].startsWith('> ')) {
      block.lines.push(lines[i]);
    }
  }
  for (const { blocks } of sections.values()) {
    for (const b of blocks) while (b.lines.length && b.lines.at(-1) === '') b.lines.pop();
  }
  return sections;
}

function writeResults(results) {
  const previous = previousSections();
  // This run's table rows, by measurement; the measurements not run keep their previous rows, marked.
  const tableRows = [];
  const kept = [];
  for (const key of MEASUREMENTS) {
    if (ONLY.has(key)) {
      let inSection = false;
      for (const row of results.rows) {
        if (row[0] === null) inSection = sectionKey(row[1]) === key;
        if (inSection) tableRows.push(row);
      }
    } else if (previous.get(key)?.rows.length) {
      kept.push(key);
      for (const row of previous.get(key).rows) {
        tableRows.push(typeof row === 'string' ? { raw: row } : [null, row.title, notRemeasured(row.date)]);
      }
    }
  }
  const runDate = results.date.replace('T', ' ').slice(0, 19);
  const lines = [
    '# Bench results',
    '',
    `Written by \`npm run bench\` (scripts/bench.mjs) on ${runDate} UTC` +
      (kept.length ? ` with \`--only ${[...ONLY].join(',')}\`; the sections marked "not re-measured" (${kept.join(', ')}) are kept from earlier runs.` : '; overwritten by each run.'),
    '',
    `Machine: ${results.machine}`,
    `Timings vary from run to run on such a machine: read them as orders of magnitude. Each figure is the`,
    `median of ${results.runs} runs with [min–max] unless it says otherwise${kept.length ? ' (kept sections: of the runs they say)' : ''}.`,
    '',
    table(tableRows),
    ...(results.workarounds?.includes('global') ? [
      '',
      '> **Build problem worked around:** `dist/chat-widget.js` does not set `window.ChatWidget` (terser',
      '> `toplevel: true` in rollup.config.mjs drops the IIFE\'s unused `var ChatWidget`; the file ends with',
      '> `}({});`). The bench serves the same bytes with the tail changed to `}(window.ChatWidget={});`.',
    ] : []),
  ];
  // The ### blocks: this run's for what it measured, the previous ones (marked) for the rest.
  const blocks = new Map(MEASUREMENTS.map((key) => [key, []]));
  blocks.get('open').push(attributionLines('Where the long frames went while opening', results.openLongFrames));
  blocks.get('burst').push(
    attributionLines('Where the long frames went during the SDK burst (alice)', results.burstLongFrames_sdk),
    attributionLines('Where the long frames went during the raw burst (alice)', results.burstLongFrames_raw),
    attributionLines('Where the long frames went during the injected burst (alice)', results.burstLongFrames_inject),
  );
  blocks.get('scroll').push(attributionLines('Where the long frames went during the deep scroll (alice, fresh device)', results.scrollLongFrames));
  for (const [key, title, profile] of [
    ['open', 'one extra open (server not answering)', results.openProfile],
    ['burst', 'one extra raw burst (alice\'s page)', results.burstProfile_raw],
    ['burst', 'one extra injected burst (alice\'s page)', results.burstProfile_inject],
    ['burst', 'one extra SDK burst (alice\'s page)', results.burstProfile_sdk],
    ['burst', 'one extra SDK burst (bob\'s page, the sender)', results.senderProfile],
  ]) {
    if (!profile) continue;
    const out = [];
    const esc = (name) => name.replace(/\|/g, '\\|');
    out.push('', `### CPU profile of ${title}`, '',
      `JS busy time ${fmt(profile.busyMs)} ms; busy stretches over 50 ms: ${profile.longStretches.length}, ${fmt(profile.totalLongMs)} ms in all` +
      `${profile.longStretches.length ? ` (longest ${profile.longStretches.slice(0, 5).map((x) => fmt(x)).join(', ')} ms)` : ''}. ` +
      `Profile: ${profile.file} (open it in Chrome DevTools, Performance panel). "(program)" time is left out.`, '',
      'Self time, whole profile:', '', '| Function | Self |', '| --- | ---: |',
      ...profile.selfAllTop.map(([name, ms]) => `| ${esc(name)} | ${fmt(ms, 1)} ms |`));
    if (profile.longStretches.length) {
      out.push('', 'Self time inside the stretches over 50 ms:', '', '| Function | Self |', '| --- | ---: |',
        ...profile.selfTop.map(([name, ms]) => `| ${esc(name)} | ${fmt(ms, 1)} ms |`),
        '', 'Inclusive time inside the stretches over 50 ms:', '', '| Function | Inclusive |', '| --- | ---: |',
        ...profile.inclusiveTop.map(([name, ms]) => `| ${esc(name)} | ${fmt(ms, 1)} ms |`));
    }
    blocks.get(key).push(out);
  }
  for (const key of MEASUREMENTS) {
    if (ONLY.has(key)) {
      for (const block of blocks.get(key)) lines.push(...block);
    } else {
      for (const b of previous.get(key)?.blocks ?? []) lines.push('', `### ${b.heading}${notRemeasured(b.date)}`, ...b.lines);
    }
  }
  lines.push('', '## How it is measured', '',
    '- **Size**: `npx rollup -c`, then zlib gzip level 9 of each file. docs/size.md has the dependency breakdown.',
    `- **Open**: one page seeds ${SEEDED.toLocaleString('en-US')} messages into the account's IndexedDB cache through \`ChatClient.openCache()\` and`,
    '  `ChatStore.apply()`, then the page is reloaded (nothing in memory). The clock starts when `<chat-thread>` is appended',
    '  (with service, domain, username, password, storage-prefix and peer attributes). "First frame with bubbles" is a task',
    '  queued from the first requestAnimationFrame in which `.row` elements are inside the thread\'s lit-virtualizer, i.e.',
    '  just after that frame was produced; "latest message" waits for the row of the newest message to be inside the',
    '  visible part of the scroller. "Server not answering": the websocket goes to a local TCP port that accepts and',
    '  never replies, so connect() is still pending.',
    `- **Burst**: fresh accounts registered with \`SDK.register()\` for each run; alice's page has a standalone`,
    '  `<chat-thread peer=bob>` with her credentials. Bob runs in a second Chromium (his work does not land on alice\'s main',
    '  thread). *sdk*: bob calls `sendTextMessage` ' + `${BURST.toLocaleString('en-US')} times without awaiting in between. *raw*: bob writes the same`,
    '  message stanzas (body, origin-id, active, receipt request, markable) straight to his strophe connection, bypassing his',
    '  store and outbox. *inject*: the stanzas are handed to alice\'s client (`onMessageStanza`) one per task, as websocket',
    '  frames arrive, as fast as her page runs them: no server in the way, her receipts still go to the server. The clock',
    '  starts at the first send (wall clock, performance.timeOrigin + now(), comparable between the two browsers). Alice\'s',
    '  page: a MutationObserver for the DOM (the row keyed `m-<rowId>` of the last message), a requestAnimationFrame loop',
    '  for the frame, the client\'s `message` events for the store, and `PerformanceObserver` for `longtask` and',
    '  `long-animation-frame` until both are done plus 500 ms. The store is then read back with `ChatClient.messages()`',
    '  (what `getChatMessages` calls) to check all messages are there, in order. Server CPU is Prosody\'s user+system time',
    '  from /proc; machine CPU is from /proc/stat (all processes, including other work on the machine).',
    `- **Live**: fresh accounts each run; alice's page has a standalone \`<chat-thread peer=bob>\` (script-tag bundle) and is`,
    `  connected and caught up before anything is sent. Bob, in a second Chromium, calls \`sendTextMessage\` ${LIVE_COUNT} times, one at`,
    `  a time, each call starting ${LIVE_SPACING} ms after the previous one, so each message arrives while nothing else does. Message`,
    '  i\'s text starts with a unique `live-<run>#i:`. Both pages get bench/ws-tap.js through `addInitScript`, before any of',
    '  their scripts: it wraps `WebSocket` and notes, on one clock (performance.timeOrigin + now(), comparable between the',
    '  two browsers on one machine), when a frame carrying the text leaves bob\'s page and when it reaches alice\'s (a',
    '  `message` listener added before strophe.js sets `onmessage`). A MutationObserver on the thread\'s shadow root',
    '  (childList, characterData, subtree) notes the first moment the text is in her DOM; a task queued from the next',
    '  requestAnimationFrame, when that frame has been produced. (b1)/(b2) split the widget\'s share at the moment her',
    '  client emits the message (`ChatClient.events` `message`, reached through `internals` in bench/harness.js).',
    '  All runs\' messages are pooled for the percentiles (nearest rank). (a2) includes Prosody writing the message into',
    '  both accounts\' archives (SQLite) before delivering it: on this machine\'s shared disk that write\'s fsync is most of',
    '  (a2) and varies a lot from run to run; `--data-base /dev/shm` takes it out. Headless Chromium serves a',
    '  requestAnimationFrame asked for on an idle page within about a millisecond (not at a vsync), so (b2) and',
    '  "next frame painted" come out shorter here than on a page showing on a 60 Hz display.',
    `- **Deep scroll**: a Prosody of its own (data under ${SCROLL_DATA_BASE}); two fresh accounts, both online in one page of`,
    `  bob's browser through the SDK, write ${SCROLL_COUNT.toLocaleString('en-US')} chat messages (one in three from alice) as raw stanzas (body and origin-id) on their`,
    '  connections, at most 200 not yet delivered at a time (the server archives before it delivers), the first and the last',
    '  alone so they are the oldest and newest in the archive. Then a MAM query with `<max>0</max>` checks that alice\'s',
    '  archive with bob holds exactly that many. Alice\'s pages have the websocket tap, which counts the archive queries',
    '  (`<query xmlns=\'urn:xmpp:mam:2\'>`) they send, the results that come back and the time to each `<fin>`. Each run:',
    '  *opened with the page*: a new browser context and storage prefix (empty IndexedDB), the element appended with all',
    '  its attributes at once; *opened once connected*: another fresh device, the element appended without `peer`, which is',
    '  set once its client is connected; *cache warm*: that device\'s page reloaded. Each time, once the newest message is',
    '  in view, every animation frame dispatches a `wheel` event on the lit-virtualizer (the thread only loads older',
    `  messages after the reader's own input) and sets ${SCROLL_STEP === 'top' ? '`scrollTop = 0`' : '`scrollTop` one screen up'}, until a MutationObserver sees the oldest message's text`,
    `  in the DOM; a pass gives up when nothing older has come in for ${SCROLL_STALL_MS / 1000} s. Long tasks from \`PerformanceObserver\``,
    '  (`longtask`) during that time; "Loading older messages…" counts the insertions of the thread\'s `.loading` indicator.',
    '',
  );
  writeFileSync(path.join(ROOT, 'bench', 'results.md'), lines.join('\n'));
  writeFileSync(path.join(ROOT, 'bench', 'results-latest.json'), JSON.stringify(results, null, 2));
}

try {
  await main();
  await cleanup();
  log('done');
  process.exit(0);
} catch (error) {
  console.error(`[bench] ${error.stack ?? error}`);
  await cleanup();
  process.exit(1);
}
