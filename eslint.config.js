// ESLint (flat config). `npm run lint`; also a step of `npm test` (skip it with CHAT_SKIP_LINT=1).
//
// What is linted (`eslint .`): src/ and test/ (TypeScript, type-aware), scripts/ and the root configs
// (Node), bench/harness.js (a classic browser script). The rule set aims at real defects, not style:
// there is no formatting rule here, and rules that only fired on harmless idioms of this codebase are
// switched off or narrowed below, each with the reason.
//
// Type-aware linting (typescript-eslint's projectService over tsconfig.json) is affordable: the whole
// of `npm run lint` takes 6.5-11.5 s wall on the 2-core dev box. It is what makes no-floating-promises
// and no-misused-promises possible, the two rules most worth having over a promise-heavy XMPP client.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

// @typescript-eslint/unbound-method, minus lit event bindings. In html`<x @click=${this.onClick}>`
// lit calls the listener with `this` set to the host element (LitElement's renderOptions.host), so
// passing a method there is correct and the stock rule's report is a false positive. Everywhere else
// (addEventListener(this.method), a property binding such as .renderItem=${this.method}, a callback
// handed to strophe) an unbound method is a real bug, so the rule stays on for those.
const unboundMethod = tseslint.plugin.rules['unbound-method'];
const LIT_TAGS = new Set(['html', 'svg']);
function isLitEventBinding(node) {
  const template = node.parent;
  const tagged = template?.parent;
  if (template?.type !== 'TemplateLiteral' || tagged?.type !== 'TaggedTemplateExpression') return false;
  if (tagged.tag.type !== 'Identifier' || !LIT_TAGS.has(tagged.tag.name)) return false;
  const index = template.expressions.indexOf(node);
  return index >= 0 && /\s@[^\s=]+=["']?$/.test(template.quasis[index].value.raw);
}
// chai and DOM values: when an assertion on a DOM node, a node list or an event fails, its report
// carries the node and the test file hangs until the runner's limit (10 minutes) instead of failing at
// once (seen with expect(el).to.equal(null)). Tests assert booleans or counts about nodes instead:
// expect(root.querySelectorAll('img').length).to.equal(0), expect(a === b, 'why').to.equal(true).
// `.accessible()` (chai-a11y-axe) and `.dom` / `.shadowDom` (semantic-dom-diff) are made for nodes.
const DOM_MEMBERS = ['addEventListener', 'composedPath', 'nodeType'];
// Some selectors type querySelector() as any: then the call itself says it is a node.
const DOM_LOOKUP = /\.(querySelector(All)?|closest|getElementById|getElementsBy\w+)\([^)]*\)!?$|\.(activeElement|parentElement|firstElementChild|lastElementChild)!?$/;
function isDomLike(checker, type, depth = 0) {
  if (depth > 3) return false;
  if (type.isUnion()) return type.types.some((t) => isDomLike(checker, t, depth + 1));
  if (DOM_MEMBERS.some((name) => type.getProperty(name))) return true;
  // NodeList, HTMLCollection and arrays of nodes.
  const element = checker.getIndexTypeOfType?.(type, 1 /* IndexKind.Number */);
  return !!element && isDomLike(checker, element, depth + 1);
}
const chaiPlainValues = {
  meta: {
    type: 'problem',
    messages: { dom: 'Assert a boolean or a count about a DOM node, node list or event, not the value itself: a failing chai assertion on it hangs the test runner.' },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) return {};
    const checker = services.program.getTypeChecker();
    return {
      'CallExpression[callee.type="Identifier"][callee.name="expect"]'(node) {
        const [subject] = node.arguments;
        if (!subject) return;
        // expect(x).to.be.accessible(), expect(x).dom..., expect(x).shadowDom...
        let chain = node.parent;
        const names = [];
        while (chain?.type === 'MemberExpression') {
          names.push(chain.property.name);
          chain = chain.parent;
        }
        if (names.some((n) => n === 'accessible' || n === 'dom' || n === 'shadowDom' || n === 'lightDom')) return;
        const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(subject));
        if (isDomLike(checker, type) || (type.flags & 1 /* TypeFlags.Any */ && DOM_LOOKUP.test(context.sourceCode.getText(subject)))) {
          context.report({ node: subject, messageId: 'dom' });
        }
      },
    };
  },
};
const localPlugin = {
  rules: {
    'chai-plain-values': chaiPlainValues,
    'unbound-method': {
      meta: unboundMethod.meta,
      defaultOptions: unboundMethod.defaultOptions,
      create(context) {
        const filtered = Object.create(context, {
          report: { value: (descriptor) => (isLitEventBinding(descriptor.node) ? undefined : context.report(descriptor)) },
        });
        return unboundMethod.create(filtered);
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'custom-elements.json',
      // @lit/localize output (lit-localize build): generated, never edited by hand.
      'src/**/generated/**',
      'src/locales/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { local: localPlugin },
    rules: {
      // Same convention as tsc's noUnusedParameters: a leading _ marks "unused on purpose" (hook
      // parameters such as storeChanged(_change)); `{ dropped, ...kept } = x` is how we omit keys.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Async functions without await are how MemoryStorage and test doubles implement promise
      // interfaces (a throw becomes a rejection, as callers expect); the rule only produced noise.
      '@typescript-eslint/require-await': 'off',
      // Style only (a cast or `!` that changes nothing): never a defect, and its fixes would churn.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // See localPlugin above.
      '@typescript-eslint/unbound-method': 'off',
      'local/unbound-method': 'error',
      // `return promise` inside try/catch skips the catch (and finally runs too early): a real bug.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // A switch over a union (stanza kinds, connection states, store events) that forgets a member.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },

  // Browser TypeScript: the widget and its tests.
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/best-practice']],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/components/**/*.ts'],
    extends: [litA11y.configs.recommended],
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai property assertions: expect(x).to.exist, .to.be.true
      '@typescript-eslint/no-unused-expressions': 'off',
      // @open-wc/semantic-dom-diff types every chai .equal() as returning a promise (for its async
      // .dom.equal); plain expect(a).to.equal(b) is synchronous. Awaiting the real async assertions
      // (.accessible(), .dom.equal snapshots) is still enforced.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: 'Equal', package: 'chai' }] },
      ],
      // See chaiPlainValues above.
      'local/chai-plain-values': 'error',
    },
  },

  // Plain JavaScript: no type information (not in tsconfig.json), so no type-aware rules.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { 'local/unbound-method': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.mjs', '*.js', '*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Functions these scripts pass to Playwright's page.evaluate() run in the page, not in Node.
    files: ['scripts/bench.mjs', 'scripts/screenshot.mjs', 'scripts/screenshot-files.mjs', 'scripts/screenshot-media.mjs',
      'scripts/screenshot-kit.mjs', 'scripts/screenshot-chat.mjs', 'scripts/screenshot-actions.mjs'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', bench: 'readonly' } },
  },
  {
    files: ['bench/harness.js', 'bench/ws-tap.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
);
