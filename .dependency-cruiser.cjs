// The architecture rules `npm test` enforces (test/architecture/dependencies.test.ts runs them).
// TypeScript 7 is beyond dependency-cruiser's tsc parser, so swc parses the sources; swc marks
// `import type` and all-type specifier lists as "type-only", and these rules count them too.
// Cycles between domain folders are checked by the test itself: dependency-cruiser's folder scope
// counts every ancestor folder (src/domains holds every domain) and takes no `via` for folders.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles between modules, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domains-stay-pure',
      comment: 'The domain layer knows no HTTP, SQL, adapters, app wiring or CLI.',
      severity: 'error',
      from: { path: '^src/domains/' },
      to: { path: ['^src/(adapters|app|cli)/', '(^|/)node_modules/(fastify|@fastify/[^/]+|kysely|pg|pg-boss)/'] },
    },
    {
      name: 'adapters-not-app',
      comment: 'Adapters describe what they need from the app as their own ports; only src/app wires them together.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/app/' },
    },
  ],
  options: {
    parser: 'swc',
    includeOnly: ['^src/', '^web/src/', '(^|/)node_modules/(fastify|@fastify/[^/]+|kysely|pg|pg-boss)/'],
    exclude: { path: '\\.test\\.tsx?$' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: false,
  },
};
