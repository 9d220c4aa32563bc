// custom-elements.json (`npm run analyze`, read by IDEs, frameworks and the pack test): the three
// elements only. Every component file is analyzed, so attributes the list and thread inherit from
// ChatElement are resolved into them; then modules that declare no custom element (shared helpers,
// styles, renderers, controllers) are dropped, and each define.ts says which tag it registers (it
// calls our define() helper, which the analyzer cannot follow). Events are typed in each class's JSDoc
// (`@event {CustomEvent<{jid: string}>} chat-open - ...`).

/** Keeps the element classes; everything else in src/components is an implementation detail. */
function elementsOnly() {
  return {
    name: 'chat-widget-elements-only',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const elements = manifest.modules.flatMap((mod) =>
        (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ mod, d })));
      const kept = new Set(elements.map(({ mod }) => mod.path));
      for (const { mod, d } of elements) {
        // Point the superclass at its source like inheritedFrom does (the analyzer writes the import's /….js).
        if (d.superclass?.module) d.superclass.module = d.superclass.module.replace(/^\//, '').replace(/\.js$/, '.ts');
        const definer = manifest.modules.find((m) => m.path === mod.path.replace(/[^/]+$/, 'define.ts'));
        const where = definer ?? mod;
        kept.add(where.path);
        where.exports = [
          ...(where.exports ?? []).filter((e) => e.kind !== 'custom-element-definition'),
          { kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: mod.path } },
        ];
      }
      manifest.modules = manifest.modules.filter((mod) => kept.has(mod.path)).map((mod) => {
        const declarations = (mod.declarations ?? []).filter((d) => d.customElement);
        const names = new Set(declarations.map((d) => d.name));
        const exports = (mod.exports ?? []).filter((e) =>
          e.kind === 'custom-element-definition' || (e.declaration.module === mod.path && names.has(e.declaration.name)));
        return { ...mod, declarations, exports };
      });
    },
  };
}

/** <chat-launcher> passes up every part of the list and the thread inside it (exportparts, from
 * src/components/launcher/exported-parts.ts; test/components/launcher-parts.test.ts keeps that list,
 * the templates and these docs in step): its manifest lists them too, from their own @csspart docs. */
function launcherPassesParts() {
  return {
    name: 'chat-widget-launcher-parts',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const byTag = new Map(manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d]));
      const launcher = byTag.get('chat-launcher');
      if (!launcher) return;
      const own = new Set((launcher.cssParts ?? []).map((p) => p.name));
      const passed = [];
      for (const tag of ['chat-list', 'chat-thread']) {
        for (const part of byTag.get(tag)?.cssParts ?? []) {
          if (own.has(part.name)) continue;
          own.add(part.name);
          passed.push({ ...part, description: `From <${tag}>: ${part.description ?? ''}`.trim() });
        }
      }
      launcher.cssParts = [...(launcher.cssParts ?? []), ...passed];
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/generated/**'],
  litelement: true,
  plugins: [elementsOnly(), launcherPassesParts()],
};
