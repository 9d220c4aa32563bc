// The script-tag bundle with parts loaded on demand. Rollup cannot split an IIFE, so the script-tag
// build is made in AMD form (entry chunk dist/chat-widget.js, one chunk per dynamic import beside it,
// ids = file names without .js) and this plugin wraps the entry chunk in a tiny loader (about 0.5 KB
// gzip) that:
//   - runs the entry at once, synchronously, while the <script> runs (so window.ChatWidget and the
//     elements defined by the entry are there as soon as the tag has run, as with the old IIFE), and
//     copies the entry's public exports to window.ChatWidget (the internal ones that the chunks import
//     stay in the registry);
//   - loads a chunk when the code first asks for it (`import()`) with a <script> next to the bundle
//     (the URL from document.currentScript.src, read while the bundle runs; the chunk gets that
//     script's nonce and crossorigin), and hands it the entry's exports: one copy of lit, of the core
//     and of the SDK for the whole page;
//   - keeps its registry on window.__chatWidgetModules, so a page that loads the bundle twice runs it
//     once (the second tag finds the entry registered and only re-copies the API).
// Nothing else on the page is touched: the chunks call window.__chatWidgetDefine, not `define`, so a
// page's own AMD loader (RequireJS) neither sees nor confuses them.
import MagicString from 'magic-string';

export const ENTRY_ID = 'chat-widget';
export const DEFINE = '__chatWidgetDefine';
const REGISTRY = '__chatWidgetModules';

/** The loader (ES5 but for the arrow-free style terser then shortens), before the entry chunk. */
function head() {
  return `(function () {
// The parts are beside this script. document.currentScript is set while a classic script first runs;
// without it (the file loaded as a module, or injected oddly) the last script named chat-widget*.js.
var script = document.currentScript || [].slice.call(document.querySelectorAll('script[src*="chat-widget"]')).pop();
var base = (script && script.src) || location.href;
var R = window.${REGISTRY} || (window.${REGISTRY} = { m: {}, p: {}, r: {}, d: {} });
// Rollup names chunks './<file>' in dependency lists and import(): the id is the file without .js.
function norm(id) {
  if (id.slice(0, 2) === './') id = id.slice(2);
  return id.slice(-3) === '.js' ? id.slice(0, -3) : id;
}
function load(id) {
  id = norm(id);
  if (id in R.m) return Promise.resolve(R.m[id]);
  return R.p[id] || (R.p[id] = new Promise(function (resolve, reject) {
    var s = document.createElement('script');
    var fail = function (error) { delete R.p[id]; delete R.d[id]; s.remove(); reject(error); };
    R.r[id] = { resolve: resolve, reject: fail };
    s.src = new URL(id + '.js', base).href;
    s.async = true;
    if (script && script.nonce) s.nonce = script.nonce;
    if (script && script.crossOrigin !== null) s.crossOrigin = script.crossOrigin;
    s.onerror = function () { fail(new Error('chat-widget: could not load ' + s.src)); };
    s.onload = function () { if (!R.d[id]) fail(new Error('chat-widget: ' + s.src + ' is not a part of this widget')); };
    (document.head || document.documentElement).appendChild(s);
  }));
}
function define(id, deps, factory) {
  if (id in R.m) return;
  R.d[id] = true;
  deps = deps.map(function (d) { return d === 'exports' || d === 'require' ? d : norm(d); });
  var waiting = deps.filter(function (d) { return d !== 'exports' && d !== 'require' && !(d in R.m); });
  var done = R.r[id] || { resolve: function () {}, reject: function (error) { throw error; } };
  if (waiting.length) {
    Promise.all(waiting.map(load)).then(function () { define(id, deps, factory); }, done.reject);
    return;
  }
  var exports = {};
  var require = function (ids, resolve, reject) { load(ids[0]).then(resolve, reject); };
  if (id === ${JSON.stringify(ENTRY_ID)}) {
    factory.apply(null, deps.map(function (d) { return d === 'exports' ? exports : d === 'require' ? require : R.m[d]; }));
  } else {
    try {
      factory.apply(null, deps.map(function (d) { return d === 'exports' ? exports : d === 'require' ? require : R.m[d]; }));
    } catch (error) {
      return done.reject(error);
    }
  }
  R.m[id] = exports;
  done.resolve(exports);
}
if (!window.${DEFINE}) window.${DEFINE} = define;
var ${DEFINE} = define;
`;
}

/** After the entry chunk: `publicNames`, the entry module's own exports, go to window.ChatWidget. */
function tail(publicNames) {
  return `
var api = window.ChatWidget = window.ChatWidget || {};
var entry = R.m[${JSON.stringify(ENTRY_ID)}];
${JSON.stringify(publicNames)}.forEach(function (name) { api[name] = entry[name]; });
})();
`;
}

/** A module's export names, `export * from` followed (what the entry offers, before rollup adds the
 * internal exports the on-demand chunks import). */
async function exportNames(context, id, seen = new Set()) {
  if (seen.has(id)) return [];
  seen.add(id);
  const info = context.getModuleInfo(id);
  const names = info.exports.filter((n) => n !== '*');
  for (const [source, bindings] of Object.entries(info.exportedBindings ?? {})) {
    if (!bindings.includes('*')) continue;
    const resolved = await context.resolve(source, id);
    if (resolved && !resolved.external) names.push(...(await exportNames(context, resolved.id, seen)).filter((n) => n !== 'default'));
  }
  return [...new Set(names)];
}

/** Wraps the AMD entry chunk in the loader; the other chunks stay `__chatWidgetDefine(id, deps, f)`. */
export function scriptTagLoader() {
  return {
    name: 'script-tag-loader',
    async renderChunk(code, chunk, options) {
      if (options.format !== 'amd' || !chunk.isEntry) return null;
      const publicNames = (await exportNames(this, chunk.facadeModuleId)).filter((n) => chunk.exports.includes(n));
      const s = new MagicString(code);
      s.prepend(head());
      s.append(tail(publicNames));
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}

/** The on-demand chunks' file names: `<prefix>.<folder>-<hash>.js` for a folder's define.ts (the
 * thread: chat-widget.thread-<hash>.js), else `<prefix>.<name>-<hash>.js`. The hash keeps a cached
 * chunk of another version from meeting this bundle. */
export function chunkName(prefix) {
  const defineOf = (id) => /([\w-]+)[\\/]define\.[tj]s$/.exec(id ?? '');
  return (chunk) => {
    // A chunk that also exports to a later part (the gallery reuses the thread's document badge) has
    // no facade module: it is still named after the define.ts it holds.
    const m = defineOf(chunk.facadeModuleId) ?? (chunk.isDynamicEntry ? chunk.moduleIds.map(defineOf).find(Boolean) : null);
    return `${prefix}.${m ? m[1] : chunk.name}-[hash].js`;
  };
}

/** @lit-labs/virtualizer imports its default layout with import() when the first layout is due: in
 * the script-tag bundle that would be a second file fetched after the thread's. This makes it a
 * static import of the same module, so it lands in the thread's chunk (which alone imports the
 * virtualizer). */
export function virtualizerLayoutInThread() {
  const DYNAMIC = "import('./layouts/flow.js')";
  return {
    name: 'virtualizer-layout-in-thread',
    transform(code, id) {
      if (!/[\\/]@lit-labs[\\/]virtualizer[\\/]Virtualizer\.js$/.test(id)) return null;
      if (!code.includes(DYNAMIC)) this.error(`${id} no longer has ${DYNAMIC}: update scripts/build/script-tag.mjs`);
      const s = new MagicString(code);
      s.prepend("import * as chatWidgetFlowLayout from './layouts/flow.js';\n");
      s.replaceAll(DYNAMIC, 'Promise.resolve(chatWidgetFlowLayout)');
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}

/** Removes the on-demand parts of earlier builds (`<prefix>.<part>-<hash>.js` and maps) that this build
 * did not write, so that dist/ (and the package, which ships dist/*.js) holds only parts the bundle
 * names. An output plugin: give it the output's own prefix. */
export function dropStaleParts(prefix) {
  return {
    name: 'drop-stale-parts',
    async writeBundle(options, bundle) {
      const { readdirSync, rmSync } = await import('node:fs');
      const { join } = await import('node:path');
      const dir = options.dir ?? 'dist';
      const part = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.[\\w]+-[\\w-]+\\.js(\\.map)?$`);
      for (const file of readdirSync(dir)) {
        if (!part.test(file) || bundle[file] || bundle[file.replace(/\.map$/, '')]) continue;
        // The ESM parts share the script-tag prefix: leave another prefix's files alone.
        if (prefix === 'chat-widget' && file.startsWith('chat-widget.esm.')) continue;
        rmSync(join(dir, file), { force: true });
      }
    },
  };
}
