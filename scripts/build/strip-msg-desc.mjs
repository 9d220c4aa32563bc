// A rollup plugin for both builds: drops the translator notes of @lit/localize's msg() calls
// (`msg('Photo', { desc: '…' })` → `msg('Photo')`). The notes are for translators (lit-localize extract
// reads them from the sources into xliff/); at run time msg() ignores them.
import MagicString from 'magic-string';

const DESC = /,\s*\{\s*desc:\s*'(?:[^'\\]|\\.)*'\s*\}/g;

export function stripMsgDesc() {
  return {
    name: 'strip-msg-desc',
    transform(code, id) {
      if (!/[\\/]src[\\/]components[\\/].*\.ts$/.test(id) || !code.includes('desc:')) return null;
      const out = new MagicString(code);
      for (const m of code.matchAll(DESC)) out.remove(m.index, m.index + m[0].length);
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}
