// `npm run test:pack` (also a step of `npm test`): the package as a user gets it.
//   1. builds what is missing or older than the sources (rollup bundles, dist/types, custom-elements.json);
//   2. `npm pack`s into a temporary directory and checks the tarball's file list, including the parts the
//      bundles load on demand (dist/chat-widget.thread-<hash>.js, ...; none with a second copy of lit);
//   3. makes a throwaway project there and installs the tarball into it: the tarball is unpacked into
//      node_modules/chat-widget and the package's production dependencies (as package-lock.json lists
//      them) are linked from this repo's node_modules, so no registry, cache or network is needed;
//      `--npm-install` runs a real `npm install <tarball>` instead (needs the registry or a warm cache);
//   4. resolves every `exports` entry with Node's resolver and checks custom-elements.json names the tags;
//   5. type-checks a file that uses the public types, strict, with `moduleResolution` "bundler" and
//      "nodenext", with this repo's TypeScript (and skipLibCheck off, so dist/types itself is checked);
//      the file has `@ts-expect-error` lines, so types that silently become `any` fail the test;
//   6. bundles `import 'chat-widget'` with rollup (tree-shaking on): the elements must still register,
//      i.e. `sideEffects` keeps the ESM file, <chat-thread> comes out as a chunk of its own (an import()),
//      and every import of the ESM file resolves from the install.
// Options: --no-build (use dist/ as it is), --keep (leave the temporary directory), --npm-install.
// Exit code 0 when everything holds, 1 otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  return ok;
};
function fail(message) {
  console.error(`[pack] FAILED: ${message}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (res.error) fail(`${cmd}: ${res.error.message}`);
  return res;
}

function runAsync(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => resolve({ code: 1, out: `${cmd}: ${err.message}` }));
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

// ---- 1. build what is missing or stale -------------------------------------------------------------

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const st = statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

const inputs = ['src', 'scripts/build', 'package.json', 'rollup.config.mjs', 'tsconfig.json', 'tsconfig.build.json'];
const newestInput = Math.max(...inputs.map((p) => newestMtime(path.join(ROOT, p))));
const targets = [
  { outputs: ['dist/chat-widget.js', 'dist/chat-widget.esm.js', 'dist/locales/ar.js'], cmd: ['npx', ['--no', '--', 'rollup', '-c', '--silent']] },
  { outputs: ['dist/types/widget.d.ts'], cmd: ['npm', ['run', '--silent', 'build:types']] },
  { outputs: ['custom-elements.json'], cmd: ['npm', ['run', '--silent', 'analyze']] },
];
for (const { outputs, cmd } of targets) {
  const files = outputs.map((o) => path.join(ROOT, o));
  const fresh = files.every((f) => existsSync(f) && statSync(f).mtimeMs >= newestInput);
  if (fresh) continue;
  if (argv.includes('--no-build')) {
    if (!files.every((f) => existsSync(f))) fail(`${outputs.join(', ')} missing and --no-build given; run npm run build`);
    continue;
  }
  console.log(`[pack] building ${outputs.join(', ')}`);
  if (run(...cmd).status !== 0) fail(`${cmd[1].join(' ')} failed`);
}

// ---- 2. npm pack ---------------------------------------------------------------------------------

const TMP = mkdtempSync(path.join(os.tmpdir(), 'chat-widget-pack-'));
const cleanup = () => {
  if (argv.includes('--keep')) console.log(`[pack] kept ${TMP}`);
  else rmSync(TMP, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', TMP], { stdio: ['ignore', 'pipe', 'inherit'] });
if (packed.status !== 0) fail('npm pack failed');
const [info] = JSON.parse(packed.stdout.toString());
const tarball = path.join(TMP, info.filename);
const shipped = new Set(info.files.map((f) => f.path));
console.log(`[pack] ${info.filename}: ${shipped.size} files, ${(info.size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked`);

for (const file of ['package.json', 'README.md', 'custom-elements.json', 'dist/chat-widget.js', 'dist/chat-widget.js.map', 'dist/chat-widget.esm.js', 'dist/chat-widget.esm.js.map', 'dist/locales/ar.js', 'dist/types/widget.d.ts']) {
  check(shipped.has(file), `the tarball lacks ${file}`);
}
// The parts the script-tag bundle loads on demand from beside itself (e.g. dist/chat-widget.thread-<hash>.js,
// named in it as "./chat-widget.thread-<hash>"), and the ESM build's chunks it imports: all in the tarball.
const onDemand = (file, found = []) => {
  for (const m of readFileSync(path.join(ROOT, file), 'utf8').matchAll(/["'](?:\.\/)?(chat-widget\.[\w.-]+?)(?:\.js)?["']/g)) {
    const part = `dist/${m[1]}.js`;
    if (part === file || found.includes(part) || part === 'dist/chat-widget.esm.js') continue;
    found.push(part);
    if (existsSync(path.join(ROOT, part))) onDemand(part, found);
  }
  return found;
};
const scriptParts = onDemand('dist/chat-widget.js');
const esmParts = onDemand('dist/chat-widget.esm.js');
check(scriptParts.some((f) => /^dist\/chat-widget\.thread-/.test(f)), 'dist/chat-widget.js names no thread part to load on demand');
check(esmParts.some((f) => /^dist\/chat-widget\.esm\.thread-/.test(f)), 'dist/chat-widget.esm.js imports no thread chunk');
for (const file of [...scriptParts, ...esmParts]) check(shipped.has(file), `the tarball lacks ${file}, which the bundles load`);
// One lit for the page: the script carries lit (it registers its version), the parts use the script's.
const LIT_MARK = /litHtmlVersions|reactiveElementVersions/;
check(LIT_MARK.test(readFileSync(path.join(ROOT, 'dist/chat-widget.js'), 'utf8')), 'dist/chat-widget.js carries no lit (has the marker changed?)');
for (const file of scriptParts) check(!LIT_MARK.test(readFileSync(path.join(ROOT, file), 'utf8')), `${file} carries a second copy of lit`);
for (const file of shipped) {
  check(!/^(src|test|scripts|server|bench|demo|docs)\//.test(file) && !file.endsWith('.tsbuildinfo'), `the tarball should not ship ${file}`);
}
// Every file a package.json field names is in the tarball.
const named = [pkg.main, pkg.module, pkg.types, pkg.customElements].filter(Boolean);
(function collect(value) {
  if (typeof value === 'string') named.push(value);
  else if (value && typeof value === 'object') Object.values(value).forEach(collect);
})(pkg.exports);
for (const file of named) check(shipped.has(path.posix.normalize(file)), `package.json names ${file}, which the tarball lacks`);

// ---- 3. a throwaway project with the tarball installed ----------------------------------------------

const APP = path.join(TMP, 'app');
const MODULES = path.join(APP, 'node_modules');
mkdirSync(path.join(APP, 'src'), { recursive: true });
writeFileSync(path.join(APP, 'package.json'), JSON.stringify({ name: 'pack-test-app', private: true, type: 'module' }, null, 2));

if (argv.includes('--npm-install')) {
  console.log('[pack] npm install <tarball>');
  const res = run('npm', ['install', tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error'], { cwd: APP });
  if (res.status !== 0) fail('npm install of the tarball failed');
} else {
  const target = path.join(MODULES, pkg.name);
  mkdirSync(target, { recursive: true });
  // npm pack writes a gzipped tar whose entries all start with package/.
  if (run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']).status !== 0) fail('could not unpack the tarball');
  // What `npm install` would put next to it: the production part of the lock (everything not marked
  // dev), top level only (nested copies live inside their parents). Symlinks into this repo's node_modules.
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  let linked = 0;
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!key.startsWith('node_modules/') || key.lastIndexOf('node_modules/') !== 0) continue;
    if (entry.dev || entry.devOptional || entry.link) continue;
    const name = key.slice('node_modules/'.length);
    const from = path.join(ROOT, 'node_modules', name);
    if (!existsSync(from)) {
      if (entry.optional) continue;
      fail(`${name} is in package-lock.json but not in node_modules: run npm ci`);
    }
    mkdirSync(path.dirname(path.join(MODULES, name)), { recursive: true });
    symlinkSync(from, path.join(MODULES, name), 'junction');
    linked++;
  }
  for (const dep of Object.keys(pkg.dependencies ?? {})) check(existsSync(path.join(MODULES, dep)), `dependency ${dep} was not linked`);
  console.log(`[pack] unpacked into ${path.relative(TMP, target)}, linked ${linked} production dependencies`);
}

// ---- 4. exports, resolved by Node -------------------------------------------------------------------

const expected = {
  [pkg.name]: 'dist/chat-widget.esm.js',
  [`${pkg.name}/chat-widget.js`]: 'dist/chat-widget.js',
  [`${pkg.name}/custom-elements.json`]: 'custom-elements.json',
  [`${pkg.name}/package.json`]: 'package.json',
};
writeFileSync(path.join(APP, 'resolve.mjs'), `import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
const out = {};
for (const spec of ${JSON.stringify(Object.keys(expected))}) {
  const r = {};
  try { r.import = fileURLToPath(import.meta.resolve(spec)); } catch (e) { r.import = 'ERROR ' + e.code; }
  try { r.require = require.resolve(spec); } catch (e) { r.require = 'ERROR ' + e.code; }
  out[spec] = r;
}
try { import.meta.resolve(${JSON.stringify(`${pkg.name}/dist/types/widget.d.ts`)}); out.encapsulated = false; } catch (e) { out.encapsulated = e.code; }
console.log(JSON.stringify(out));
`);
const resolved = run(process.execPath, ['resolve.mjs'], { cwd: APP, stdio: ['ignore', 'pipe', 'inherit'] });
if (resolved.status !== 0) fail('resolve.mjs failed');
const resolutions = JSON.parse(resolved.stdout.toString());
const installed = path.join(MODULES, pkg.name);
for (const [spec, file] of Object.entries(expected)) {
  for (const [condition, where] of Object.entries(resolutions[spec])) {
    const want = path.join(installed, file);
    check(path.resolve(where) === want && existsSync(want), `${condition} '${spec}' resolved to ${where}, expected ${want}`);
  }
}
check(resolutions.encapsulated === 'ERR_PACKAGE_PATH_NOT_EXPORTED', `a path outside "exports" should not resolve (got ${resolutions.encapsulated})`);

const manifest = JSON.parse(readFileSync(path.join(installed, 'custom-elements.json'), 'utf8'));
const tags = new Set(manifest.modules?.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean));
for (const tag of ['chat-launcher', 'chat-list', 'chat-thread']) check(tags.has(tag), `custom-elements.json does not declare <${tag}>`);

// ---- 5. type check, as a TypeScript user ------------------------------------------------------------

// Only public names: the other names in src/ may move.
writeFileSync(path.join(APP, 'src', 'use.ts'), `import { SDK, createSDK, type ChatSDK, type ChatMessage, type SdkResult, type RecentChat, type ChatThread } from 'chat-widget';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const assertType = <T extends true>(): T | void => undefined;

export async function use(): Promise<string> {
  const sdk: ChatSDK = createSDK();
  const init = await sdk.initializeSDK({ service: 'wss://chat.example.com/xmpp-websocket', domain: 'chat.example.com' });
  assertType<Equals<typeof init.data, { domain: string } | undefined>>();

  const sent = await SDK.sendTextMessage({ toJid: 'bob@chat.example.com', messageText: 'hello' });
  assertType<Equals<typeof sent, SdkResult<ChatMessage>>>();
  const status: number = sent.statusCode;
  const body: string | undefined = sent.data?.body;
  assertType<Equals<NonNullable<typeof sent.data>['status'], 'pending' | 'sent' | 'delivered' | 'seen' | 'received' | 'failed'>>();
  // @ts-expect-error: no such method (fails if the SDK's type is any)
  await SDK.sendTextMesage({ toJid: 'bob@chat.example.com', messageText: 'hello' });
  // @ts-expect-error: messageText is a string
  await SDK.sendTextMessage({ toJid: 'bob@chat.example.com', messageText: 42 });

  const recent = await sdk.getRecentChats();
  assertType<Equals<typeof recent.data, RecentChat[] | undefined>>();
  const unread: number = recent.data?.[0]?.unreadCount ?? 0;

  // Elements: typed through HTMLElementTagNameMap.
  const thread = document.createElement('chat-thread');
  assertType<Equals<typeof thread, ChatThread>>();
  assertType<Equals<typeof thread.peer, string | undefined>>();
  thread.peer = 'bob@chat.example.com';
  const list = document.createElement('chat-list');
  const launcher = document.createElement('chat-launcher');
  // @ts-expect-error: <chat-list> is not a plain HTMLElement: this equality is false
  assertType<Equals<typeof list, HTMLElement>>();
  // @ts-expect-error: nor is <chat-launcher>
  assertType<Equals<typeof launcher, HTMLElement>>();
  document.body.append(launcher, list, thread);

  // Events: typed through GlobalEventHandlersEventMap.
  let opened = '';
  document.addEventListener('chat-open', (e) => {
    assertType<Equals<typeof e, CustomEvent<{ jid: string }>>>();
    opened = e.detail.jid;
    // @ts-expect-error: chat-open's detail has no text
    opened = e.detail.text;
  });
  thread.addEventListener('chat-send', (e) => {
    const text: string = e.detail.text;
    const to: string = e.detail.toJid;
    if (!text.trim() || !to) e.preventDefault();
    e.detail.text = text.trim();
  });

  return \`\${status} \${body} \${unread} \${opened}\`;
}
`);
const base = { target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: false, forceConsistentCasingInFileNames: true };
const configs = {
  bundler: { ...base, module: 'ESNext', moduleResolution: 'bundler' },
  // node16 resolves packages as nodenext does (checked once by hand); left out to keep this quick.
  nodenext: { ...base, module: 'NodeNext', moduleResolution: 'NodeNext' },
};
for (const [name, compilerOptions] of Object.entries(configs)) {
  writeFileSync(path.join(APP, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, include: ['src'] }, null, 2));
}
const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const results = await Promise.all(Object.keys(configs).map((name) => runAsync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`, '--pretty', 'false'], { cwd: APP })));
Object.keys(configs).forEach((name, i) => {
  if (check(results[i].code === 0, `tsc with moduleResolution ${name} failed`)) console.log(`[pack] tsc (${name}): ok`);
  else console.error(`[pack] tsc (${name}):\n${results[i].out.trim()}`);
});

// ---- 6. a bundler keeps the element registrations (sideEffects) --------------------------------------

const { rollup } = await import(pathToFileURL(path.join(ROOT, 'node_modules', 'rollup', 'dist', 'es', 'rollup.js')).href);
const { nodeResolve } = await import(pathToFileURL(path.join(ROOT, 'node_modules', '@rollup', 'plugin-node-resolve', 'dist', 'es', 'index.js')).href);
writeFileSync(path.join(APP, 'src', 'elements.js'), `import '${pkg.name}';\n`);
const unresolved = [];
const dependencyImports = new Set();
const bundle = await rollup({
  input: path.join(APP, 'src', 'elements.js'),
  logLevel: 'silent',
  plugins: [
    nodeResolve({ rootDir: APP, browser: true, exportConditions: ['browser'] }),
    {
      // Resolve the ESM file's own imports (lit, strophe.js, ...) from where the package is installed,
      // then leave them out: whether they resolve is the question, not what is in them.
      name: 'resolve-then-external',
      async resolveId(source, importer) {
        if (!importer || source.startsWith('.') || path.isAbsolute(source) || source === pkg.name) return null;
        const r = await this.resolve(source, importer, { skipSelf: true });
        if (!r || r.external) unresolved.push(source);
        dependencyImports.add(source);
        return { id: source, external: true };
      },
    },
  ],
});
const { output } = await bundle.generate({ format: 'es' });
await bundle.close();
check(unresolved.length === 0, `imports of the ESM build that do not resolve from the install: ${unresolved.join(', ')}`);
check(dependencyImports.size > 0, 'the ESM build imports none of its dependencies (are they bundled in?)');
const chunks = output.filter((o) => o.type === 'chunk');
const code = chunks.find((c) => c.isEntry).code;
for (const tag of ['chat-launcher', 'chat-list']) {
  check(code.includes(`"${tag}"`) && code.includes('customElements.define'), `\`import '${pkg.name}'\` through rollup no longer registers <${tag}> (sideEffects?)`);
}
// <chat-thread> is an import() of the ESM build: the app's bundler splits it off, and keeps its definition.
const thread = chunks.filter((c) => !c.isEntry && c.code.includes('"chat-thread"') && c.code.includes('"lit-virtualizer"'));
check(thread.length === 1 && !code.includes('"lit-virtualizer"'), `\`import '${pkg.name}'\` through rollup does not split <chat-thread> into a chunk of its own (${chunks.length} chunks)`);
console.log(`[pack] rollup: \`import '${pkg.name}'\` keeps the element registrations, <chat-thread> in a chunk of its own (${chunks.length} chunks); ${dependencyImports.size} dependency imports resolve`);

if (failures.length) {
  for (const f of failures) console.error(`[pack] FAILED: ${f}`);
  console.error(`[pack] ${failures.length} check(s) failed, ${elapsed()}`);
  process.exit(1);
}
console.log(`[pack] all checks passed, ${elapsed()}`);
