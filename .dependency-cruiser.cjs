/**
 * `npm run lint` checks that no module imports itself through others (type-only imports
 * included): dependency-cruiser, with swc to read TypeScript (TypeScript 7 has no JS API).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-import-cycle',
      comment: 'A module must not depend on itself through others: move the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
  },
};
