// Builds the script-tag bundle (dist/chat-widget.js, IIFE, self-contained, sets window.ChatWidget) and
// the ESM build for bundlers (dist/chat-widget.esm.js, dependencies left to the bundler) from one
// entry, the translations (dist/locales/<locale>.js, loaded by both on demand), and prints each
// file's raw and gzip size.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minifyTemplates } from './scripts/build/minify-templates.mjs';
import { localforageFromSource } from './scripts/build/localforage-esm.mjs';
import { stropheSlim } from './scripts/build/strophe-slim.mjs';
import { stripMsgDesc } from './scripts/build/strip-msg-desc.mjs';
import { scriptTagLoader, virtualizerLayoutInThread, chunkName, dropStaleParts, DEFINE } from './scripts/build/script-tag.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys(pkg.dependencies);

function sizes() {
  return {
    name: 'print-sizes',
    writeBundle(options, bundle) {
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const raw = Buffer.byteLength(chunk.code);
        const gz = gzipSync(chunk.code, { level: 9 }).length;
        console.log(`${options.dir ?? 'dist'}/${file}: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
      }
    },
  };
}

// Translations stay out of both bundles, so a page in English downloads none of them: the elements'
// import('./generated/locales/<locale>.js') becomes an import of dist/locales/<locale>.js, found next
// to the bundle (the ESM file imports it relatively; the script-tag bundle from its own <script src>).
const LOCALES_DIR = 'src/components/shared/generated/locales';
const locales = readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
const STR_TAG = fileURLToPath(new URL('./node_modules/@lit/localize/internal/str-tag.js', import.meta.url));
const LOCALE_IMPORT = /\/generated\/locales\/([\w-]+)\.js$/;
function lazyLocales() {
  return {
    name: 'lazy-locales',
    resolveDynamicImport(specifier) {
      const locale = typeof specifier === 'string' && LOCALE_IMPORT.exec(specifier)?.[1];
      return locale ? { id: `./locales/${locale}.js`, external: true } : null;
    },
    renderDynamicImport({ format, targetModuleId }) {
      if (format === 'es' || !targetModuleId?.startsWith('./locales/')) return null;
      // A classic script has no import.meta.url: resolve against the <script src> (kept in the intro).
      return { left: 'import(new URL(', right: ', chatWidgetScriptUrl).href)' };
    },
  };
}
// document.currentScript is only set while the script first runs; without it (a page that injects the
// bundle oddly) the translations are looked for next to the page.
const scriptUrlIntro = 'var chatWidgetScriptUrl = (document.currentScript && document.currentScript.src) || location.href;';

const plugins = (external) => [
  lazyLocales(),
  stripMsgDesc(),
  ...(external ? [] : [localforageFromSource(), stropheSlim(), virtualizerLayoutInThread()]),
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'], ...(external ? { resolveOnly: (m) => !dependencies.some((d) => m === d || m.startsWith(`${d}/`)) } : {}) }),
  commonjs({ strictRequires: false }),
  minifyTemplates(),
  scriptTagLoader(),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
  terser({ ecma: 2021, module: !external ? false : true, format: { comments: false }, compress: { passes: 3, pure_getters: true, unsafe: true, unsafe_arrows: true, unsafe_methods: true, unsafe_comps: true, keep_fargs: false, pure_funcs: ['log.debug', 'log.info', 'log.warn', 'log.error', 'log.log', 'console.debug'] }, toplevel: true }),
  sizes(),
];

export default [
  {
    input: 'src/widget.ts',
    // The entry chunk may export more than widget.ts does (what the on-demand chunks import from it),
    // rather than rollup moving the shared code into a third chunk behind a facade.
    preserveEntrySignatures: 'allow-extension',
    // AMD chunks wrapped by scripts/build/script-tag.mjs: one classic script, parts on demand beside it.
    output: {
      dir: 'dist', entryFileNames: 'chat-widget.js', chunkFileNames: chunkName('chat-widget'), format: 'amd',
      amd: { autoId: true, define: DEFINE }, minifyInternalExports: true, sourcemap: true, intro: scriptUrlIntro, experimentalMinChunkSize: 1000,
      plugins: [dropStaleParts('chat-widget')],
    },
    plugins: plugins(false),
  },
  {
    input: 'src/widget.ts',
    external: (id) => dependencies.some((d) => id === d || id.startsWith(`${d}/`)),
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', entryFileNames: 'chat-widget.esm.js', chunkFileNames: chunkName('chat-widget.esm'), format: 'es', sourcemap: true, plugins: [dropStaleParts('chat-widget.esm')] },
    plugins: plugins(true),
  },
  // One self-contained module per translation (its `str` tag included: a few bytes), for both bundles.
  ...locales.map((locale) => ({
    input: `${LOCALES_DIR}/${locale}.ts`,
    output: { dir: 'dist/locales', entryFileNames: `${locale}.js`, format: 'es', sourcemap: true },
    plugins: [
      { name: 'str-tag-only', resolveId: (id) => (id === '@lit/localize' ? STR_TAG : null) },
      ...plugins(true),
    ],
  })),
];
