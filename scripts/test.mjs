// `npm test`: dependencies → lint → dependency rules → type check → build → pack test
// (scripts/pack-test.mjs) → @web/test-runner (web-test-runner.config.mjs) → its exit code.
// Extra arguments go to the test runner:  npm test -- --files test/unit/store.test.ts
// CHAT_SKIP_LINT=1 skips `npm run lint` (eslint.config.js); CHAT_SKIP_DEPS=1 skips `npm run deps`
// (dependency-cruiser, .dependency-cruiser.cjs); CHAT_SKIP_TYPECHECK=1 skips the `tsc --noEmit` step;
// CHAT_SKIP_BUILD=1 skips the build (bundles, dist/types, custom-elements.json; the pack test then uses
// dist/ as it is); CHAT_SKIP_PACK=1 skips the pack test. Lint and the dependency rules both run before
// either can fail the run, so one run shows the findings of both.
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

// Static checks first: a few seconds, and each finding names its file and rule. Both run before
// either fails the run.
const staticChecks = [
  { skip: 'CHAT_SKIP_LINT', script: 'lint', what: 'lint', tool: 'ESLint', config: 'eslint.config.js' },
  { skip: 'CHAT_SKIP_DEPS', script: 'deps', what: 'dependency rules', tool: 'dependency-cruiser', config: '.dependency-cruiser.cjs' },
];
const failedChecks = [];
for (const check of staticChecks) {
  if (process.env[check.skip]) continue;
  console.log(`[test] npm run ${check.script} (${check.tool})`);
  const code = await run('npm', ['run', '--silent', check.script]);
  if (code !== 0) failedChecks.push({ ...check, code });
}
if (failedChecks.length) {
  for (const { what, tool, config, script, skip, code } of failedChecks) {
    console.error(`\n[test] ${what} failed (exit ${code}): see the ${tool} errors above (rules in ${config}). ` +
      `\`npm run ${script}\` reruns just this check; ${skip}=1 skips it.`);
  }
  finish(1, `${failedChecks.map((c) => c.what).join(' and ')} failed`);
}

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
