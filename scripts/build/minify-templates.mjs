// A rollup plugin that squeezes the whitespace out of the css`` and html`` templates in
// src/components: indentation and line breaks in templates are bytes every visitor downloads.
// CSS: comments and the whitespace around { } ; , : are dropped. HTML: whitespace runs holding a
// line break between two tags are dropped (a bubble's text never sits between such tags).
export function minifyTemplates({ include = /\/src\/components\/.*\.ts$/ } = {}) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!include.test(id)) return null;
      let out = code.replace(/css`([^`$]*)`/g, (_, body) => `css\`${minifyCss(body)}\``);
      out = out.replace(/>\s*\n\s*</g, '><').replace(/`\s*\n\s*</g, '`<').replace(/>\s*\n\s*`/g, '>`');
      return { code: out, map: null };
    },
  };
}

export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/([^\s]):\s+/g, '$1:')
    .replace(/;}/g, '}')
    .trim();
}
