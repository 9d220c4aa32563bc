// The CSS part names that our element templates set, read from their sources, for the test that
// keeps <chat-launcher>'s `exportparts` complete (test/components/launcher-parts.test.ts, through the
// `component-parts` test-runner command below). Reads the forms the sources use: `part="a ${x ? 'b' : 'c'}"`
// and `part=${x ? 'a' : nothing}` in lit templates, `part: 'a'` and `setAttribute('part', 'a')` in
// DOM-building code, and the gallery's `node(tag, className, text, 'a')`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = /^[a-z][a-z0-9-]*$/;

const quoted = (text) => [...text.matchAll(/(['"])([a-z][\w -]*)\1/g)].flatMap((m) => m[2].split(/\s+/));

/** The part names set in one source text (comments left out). */
export function partsInSource(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const names = [];
  for (const [, value] of code.matchAll(/\bpart="([^"]*)"/g)) {
    names.push(...value.replace(/\$\{[^}]*\}/g, ' ').split(/\s+/));
    for (const [expr] of value.matchAll(/\$\{[^}]*\}/g)) names.push(...quoted(expr));
  }
  for (const [, expr] of code.matchAll(/\bpart=\$\{([^}]*)\}/g)) names.push(...quoted(expr));
  for (const [, name] of code.matchAll(/\bpart:\s*(['"][^'"]*['"])/g)) names.push(...quoted(name));
  for (const [, name] of code.matchAll(/setAttribute\(\s*['"]part['"],\s*(['"][^'"]*['"])/g)) names.push(...quoted(name));
  for (const [, name] of code.matchAll(/\bnode\(\s*'\w+',\s*'[^']*',\s*(?:[^,()]+|\w+\([^()]*\)),\s*('[^']*')\s*\)/g)) names.push(...quoted(name));
  return [...new Set(names.filter((n) => NAME.test(n)))].sort();
}

/** The part names set by the .ts files under each of `dirs` (relative to the project). */
export function partsIn(...dirs) {
  const files = dirs.flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true })
    .filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, dir, f)));
  return [...new Set(files.flatMap((f) => partsInSource(readFileSync(f, 'utf8'))))].sort();
}

/** The `@csspart` names custom-elements.json gives each element, by tag, from a fresh `npm run analyze`
 * (about a second), so that a test file run alone reads the JSDoc as it is now. */
export function manifestParts() {
  execFileSync('npm', ['run', '--silent', 'analyze'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'custom-elements.json'), 'utf8'));
  const byTag = {};
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) if (d.tagName) byTag[d.tagName] = (d.cssParts ?? []).map((p) => p.name).sort();
  }
  return byTag;
}

/** @web/test-runner plugin: `executeServerCommand('component-parts')` answers what the thread's and the
 * list's templates set (shared/ counts for both: the avatar is in each) and what the manifest says. */
export function componentPartsPlugin() {
  return {
    name: 'component-parts',
    executeCommand({ command }) {
      if (command !== 'component-parts') return undefined;
      return {
        thread: partsIn('src/components/thread', 'src/components/shared'),
        list: partsIn('src/components/list', 'src/components/shared'),
        manifest: manifestParts(),
      };
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify({ thread: partsIn('src/components/thread', 'src/components/shared'), list: partsIn('src/components/list', 'src/components/shared') }, null, 1));
}
