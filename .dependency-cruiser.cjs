/**
 * Import rules checked in CI (`npm run lint:deps`): no cycles, and the layers of
 * docs/ARCHITECTURE.md (Conventions) in the direction they are drawn.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and hides which module owns a rule.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-not-to-domains',
      severity: 'error',
      comment: 'platform/ is the shared core: it knows nothing of the product built on it (the composition root wires them).',
      from: { path: '^server/platform/', pathNot: '\\.test\\.tsx?$' },
      // The database types describe every table; a column typed by a domain's own enum names that type only.
      to: { path: '^server/(domains|ai|cv-render|cli|emails)/|^server/(jobs|composition|app|server|worker|main)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-imports-only-contracts',
      severity: 'error',
      comment: 'The web app shares the API contracts (schema.ts) and the words people read, never server code.',
      from: { path: '^web/src/' },
      to: { path: '^server/', pathNot: '(^|/)schema\\.ts$|^server/platform/words/[^/]+\\.ts$|-words\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
