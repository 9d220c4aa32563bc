// A rollup plugin for the script-tag bundle: parts of strophe.js that the widget can never run are
// replaced by stubs that say they are not bundled:
// - WorkerWebsocket, its connection through a SharedWorker, chosen only with the `worker` connection
//   option, which the widget never passes (about 300 lines);
// - the XHTML-IM sanitizer behind `Builder.h()` / `Strophe.createHtml` (XEP-0071, which the widget
//   neither sends nor reads: bodies are text).
// The build fails if strophe.js changes so that one of them is no longer found, rather than silently
// bundling it (or, worse, stubbing something else).
import MagicString from 'magic-string';

const STUBS = [
  {
    what: 'class WorkerWebsocket',
    find: /\nclass WorkerWebsocket extends Websocket \{\n[\s\S]*?\n\}\n/,
    stub: '\nclass WorkerWebsocket extends Websocket {\n  constructor() { throw new Error("strophe.js WorkerWebsocket (the `worker` option) is not bundled in chat-widget"); }\n}\n',
  },
  {
    what: 'const XHTML',
    find: /\nconst XHTML = \{\n[\s\S]*?\n\};\n/,
    stub: '\nconst XHTML = { tags: [], attributes: {}, css: [] };\n',
  },
  {
    what: 'function createFromHtmlElement',
    find: /\nfunction createFromHtmlElement\(elem\) \{\n[\s\S]*?\n\}\n/,
    stub: '\nfunction createFromHtmlElement() {\n  throw new Error("strophe.js XHTML-IM (Builder.h, createHtml) is not bundled in chat-widget");\n}\n',
  },
];

export function stropheSlim() {
  return {
    name: 'strophe-slim',
    transform(code, id) {
      if (!/[\\/]strophe\.js[\\/]dist[\\/]strophe\.esm\.js$/.test(id)) return null;
      const out = new MagicString(code);
      for (const { what, find, stub } of STUBS) {
        const m = find.exec(code);
        if (!m) this.error(`strophe-slim: ${what} not found in strophe.esm.js (strophe.js changed?)`);
        out.overwrite(m.index, m.index + m[0].length, stub);
      }
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}
