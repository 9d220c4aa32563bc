// dependency-cruiser: the layering of src/. `npm run deps` (= depcruise src); also a step of `npm test`
// (skip it with CHAT_SKIP_DEPS=1). Only severity "error" fails the run; "warn" is printed.
//
// The layers, lowest first (a layer may import the ones before it, never the ones after):
//   src/model/       types, JID helpers, SdkError, ids                  → nothing of ours
//   src/protocol/    one file per XEP: build/parse stanzas              → model (+ strophe.js)
//   src/store/       the store, chat log, persistence                   → model (+ localforage)
//   src/core/        the client composing the feature modules           → model, protocol, store (+ strophe.js)
//   src/sdk/         the reference API facade                           → core, model
//   src/components/  lit elements, one folder each + shared/            → model, core, sdk, their own
//   src/i18n/, src/components/shared/localize*                          (@lit/localize: UI only)
//   src/index.ts     ESM core entry: headless (no lit, no elements)
//   src/widget.ts    script-tag entry: everything
// Paths are relative to the repository root; npm packages appear as node_modules/<name>/… (not
// followed further). tsPreCompilationDeps makes `import type` visible too: a type-only import still
// couples two layers, so the layer rules count it unless a rule says otherwise.

const LIT = '^node_modules/(?:lit|lit-html|lit-element|@lit|@lit-labs)/';
const UI = ['^src/components/', '^src/i18n/', LIT];
const ENTRIES = '^src/(?:index|widget)[.]ts$';
// @lit/localize output (`lit-localize build`): loaded by a dynamic import the cruiser cannot follow.
const GENERATED = ['^src/locales/', '^src/[^.]*/generated/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---- the rules asked for in the issue ----
    {
      name: 'model-imports-nothing-of-ours',
      severity: 'error',
      comment: 'src/model/ is the bottom layer: plain types and helpers every other layer may use. It imports no other folder of src/.',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/model/' },
    },
    {
      name: 'protocol-imports-only-model',
      severity: 'error',
      comment: 'src/protocol/ builds and parses stanzas, one file per XEP. Of our code it may import src/model/ only (no core, store, sdk or UI).',
      from: { path: '^src/protocol/' },
      to: { path: '^src/', pathNot: '^src/(?:protocol|model)/' },
    },
    {
      name: 'store-imports-only-model',
      severity: 'error',
      comment: 'src/store/ (reducer, chat log, persistence) knows nothing of XMPP or of the client. Of our code it may import src/model/ only.',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: '^src/(?:store|model)/' },
    },
    {
      name: 'core-imports-only-lower-layers',
      severity: 'error',
      comment: 'src/core/ composes model, protocol and store. It never imports elements (src/components/), the facade (src/sdk/), i18n or an entry point: they sit on top of it.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/(?:core|model|protocol|store)/' },
    },
    {
      name: 'components-not-to-strophe',
      severity: 'error',
      comment: 'Elements never talk XMPP themselves: they go through core (or sdk). strophe.js stays below core, so it is not pulled into UI code.',
      from: { path: '^src/components/' },
      to: { path: '^node_modules/strophe[.]js/' },
    },
    {
      name: 'components-not-to-protocol',
      severity: 'error',
      comment: 'Elements never build or parse stanzas: what they need comes from core (types, client binding) or sdk.',
      from: { path: '^src/components/' },
      to: { path: '^src/protocol/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle of runtime imports: module evaluation order then depends on who is imported first (TDZ errors, undefined classes). Break it by moving the shared part down a layer.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },

    // ---- extras that follow from the layout ----
    {
      name: 'components-not-to-store-internals',
      severity: 'error',
      comment: 'Elements read the store through core (ChatClient and its change events), never by importing src/store/ code or localforage. A type-only import is only warned about (components-store-types-only).',
      from: { path: '^src/components/' },
      to: { path: ['^src/store/', '^node_modules/localforage/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'components-store-types-only',
      severity: 'warn',
      comment: 'A type-only import of src/store/ from an element: harmless at runtime, but the type had better be re-exported by model or core so the elements do not depend on the store layout.',
      from: { path: '^src/components/' },
      to: { path: '^src/store/', dependencyTypes: ['type-only'] },
    },
    {
      name: 'sdk-imports-only-core-and-model',
      severity: 'error',
      comment: 'src/sdk/ is the reference API facade over core: it never imports elements, i18n, or reaches past core into protocol/ or store/.',
      from: { path: '^src/sdk/' },
      to: { path: '^src/', pathNot: '^src/(?:sdk|core|model)/' },
    },
    {
      name: 'headless-layers-not-to-lit',
      severity: 'error',
      comment: 'model, protocol, store, core and sdk are headless (usable without a DOM framework): no lit, no @lit/* (@lit/localize included), no i18n, no elements.',
      from: { path: '^src/(?:model|protocol|store|core|sdk)/' },
      to: { path: UI },
    },
    {
      name: 'core-entry-stays-headless',
      severity: 'error',
      comment: 'src/index.ts is the ESM core entry: nothing reachable from it, directly or not, may be lit, @lit/*, i18n or an element (those belong to src/widget.ts).',
      from: { path: '^src/index[.]ts$' },
      to: { path: UI, reachable: true },
    },
    {
      name: 'protocol-npm-only-strophe',
      severity: 'error',
      comment: 'Of the npm packages src/protocol/ may use strophe.js only.',
      from: { path: '^src/protocol/' },
      to: { path: '^node_modules/', pathNot: '^node_modules/strophe[.]js/' },
    },
    {
      name: 'store-npm-only-localforage',
      severity: 'error',
      comment: 'Of the npm packages src/store/ may use localforage only (no strophe.js: the store does not know XMPP).',
      from: { path: '^src/store/' },
      to: { path: '^node_modules/', pathNot: '^node_modules/localforage/' },
    },
    {
      name: 'not-to-entry-points',
      severity: 'error',
      comment: 'src/index.ts and src/widget.ts are the public entries: modules import what they need from its own module, never through an entry (only widget.ts re-exports index.ts).',
      from: { path: '^src/', pathNot: '^src/widget[.]ts$' },
      to: { path: ENTRIES },
    },
    {
      name: 'src-not-to-outside',
      severity: 'error',
      comment: 'What ships is src/ and npm packages: it never imports test/ (fixtures, helpers), scripts/, bench/, demo/ or server/.',
      from: { path: '^src/' },
      to: { path: '^(?:test|scripts|bench|demo|server|dist)/' },
    },
    {
      name: 'no-circular-type-only',
      severity: 'warn',
      comment: 'A cycle closed by at least one `import type` (all-runtime cycles are no-circular errors): harmless at runtime, but a sign two modules want a shared type lower down.',
      from: {},
      to: { circular: true, via: { dependencyTypes: ['type-only'] } },
    },
    {
      name: 'reachable-from-an-entry',
      severity: 'warn',
      comment: 'This module is not reachable from src/widget.ts (which includes all of src/index.ts): nothing ships it. Remove it, or wire it in.',
      from: { path: '^src/widget[.]ts$' },
      to: { path: '^src/', pathNot: [ENTRIES, '[.]d[.]ts$', ...GENERATED], reachable: false },
    },

    // ---- from dependency-cruiser's recommended set ----
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file (typo, missing .js suffix target, package not installed).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'An npm package that is not declared in package.json (it only works because something else pulled it in).',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'src/ ships: a runtime import of a devDependency would be missing for users of the ESM build. Move the package to dependencies (type-only imports are fine).',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '^node_modules/@types/' },
    },
    {
      name: 'no-duplicate-dep-types',
      severity: 'warn',
      comment: 'A package listed in more than one section of package.json.',
      from: {},
      to: { moreThanOneDependencyType: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-deprecated',
      severity: 'warn',
      comment: 'The installed version of this npm package is marked deprecated.',
      from: {},
      to: { dependencyTypes: ['deprecated'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    moduleSystems: ['es6'],
    // tsconfig.json ("moduleResolution": "bundler") makes `./x.js` resolve to ./x.ts.
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'browser', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
