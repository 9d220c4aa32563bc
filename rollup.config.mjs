// Builds the script-tag bundle (dist/chat-widget.js, IIFE, self-contained, sets window.ChatWidget) and
// the ESM build for bundlers (dist/chat-widget.esm.js, dependencies left to the bundler) from one
// entry, and prints each file's raw and gzip size.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { minifyTemplates } from './scripts/build/minify-templates.mjs';
import { localforageFromSource } from './scripts/build/localforage-esm.mjs';

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

const plugins = (external) => [
  ...(external ? [] : [localforageFromSource()]),
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'], ...(external ? { resolveOnly: (m) => !dependencies.some((d) => m === d || m.startsWith(`${d}/`)) } : {}) }),
  commonjs({ strictRequires: false }),
  minifyTemplates(),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
  terser({ ecma: 2021, module: !external ? false : true, format: { comments: false }, compress: { passes: 3, pure_getters: true, unsafe: true, unsafe_arrows: true, unsafe_methods: true, unsafe_comps: true, keep_fargs: false, pure_funcs: ['log.debug', 'log.info', 'log.warn', 'log.error', 'log.log', 'console.debug'] }, toplevel: true }),
  sizes(),
];

export default [
  {
    input: 'src/widget.ts',
    output: { dir: 'dist', entryFileNames: 'chat-widget.js', format: 'iife', name: 'ChatWidget', extend: true, inlineDynamicImports: true, sourcemap: true },
    plugins: plugins(false),
  },
  {
    input: 'src/widget.ts',
    external: (id) => dependencies.some((d) => id === d || id.startsWith(`${d}/`)),
    output: { dir: 'dist', entryFileNames: 'chat-widget.esm.js', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
];
