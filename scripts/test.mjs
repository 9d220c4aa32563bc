// `npm test`: dependencies → type check → build → pack test (scripts/pack-test.mjs) → @web/test-runner
// (web-test-runner.config.mjs) → its exit code.
// Extra arguments go to the test runner:  npm test -- --files test/unit/store.test.ts
// CHAT_SKIP_TYPECHECK=1 skips the `tsc --noEmit` step; CHAT_SKIP_BUILD=1 skips the build (bundles,
// dist/types, custom-elements.json; the pack test then uses dist/ as it is); CHAT_SKIP_PACK=1 skips the
// pack test.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let current;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // Ctrl-C already reached the child (same process group); SIGTERM/SIGHUP may not have.
    if (current && signal !== 'SIGINT') current.kill(signal);
    if (!current) process.exit(130);
  });
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    current = child;
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1));
    });
  });
}

function finish(code, what) {
  console.log(`\n${what}: exit ${code}, wall time ${elapsed()}`);
  process.exit(code);
}

await ensureDeps({ needChromium: true, needProsody: true });

if (!process.env.CHAT_SKIP_TYPECHECK) {
  console.log('[test] tsc --noEmit');
  const tsc = await run('npx', ['--no', '--', 'tsc', '--noEmit']);
  if (tsc !== 0) finish(tsc, 'type check failed');
}

if (!process.env.CHAT_SKIP_BUILD) {
  // The bundle test loads dist/chat-widget.js as a site would: build it from these sources first.
  console.log('[test] rollup -c');
  const build = await run('npx', ['--no', '--', 'rollup', '-c', '--silent']);
  if (build !== 0) finish(build, 'build failed');
  // What the package ships besides the bundles; the pack test checks them.
  console.log('[test] build:types, analyze');
  const types = await run('npm', ['run', '--silent', 'build:types']);
  if (types !== 0) finish(types, 'declaration build failed');
  const analyze = await run('npm', ['run', '--silent', 'analyze']);
  if (analyze !== 0) finish(analyze, 'custom-elements.json build failed');
}

if (!process.env.CHAT_SKIP_PACK) {
  console.log('[test] pack test');
  const pack = await run(process.execPath, ['scripts/pack-test.mjs', ...(process.env.CHAT_SKIP_BUILD ? ['--no-build'] : [])]);
  if (pack !== 0) finish(pack, 'pack test failed');
}

console.log('[test] web-test-runner');
const code = await run('npx', ['--no', '--', 'web-test-runner', '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)]);
finish(code, code === 0 ? 'tests passed' : 'tests failed');
