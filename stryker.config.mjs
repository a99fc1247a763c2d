// @ts-check
/**
 * `npm run mutate`: mutation testing of the rules, the schemas and the sandbox's rule table
 * (docs/testing.md, "Mutation testing"). Not part of `npm test`: it takes minutes.
 * TypeScript 7 lacks `parseConfigFileTextToJson`, which Stryker 9 calls to check types (so no
 * TypeScript checker) and to rewrite the tsconfig's paths into its sandbox (so `tsconfigFile`
 * names no file: our tsconfig.json has no path to rewrite, and vitest needs none).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: ['src/rules/**/*.ts', 'src/schemas/**/*.ts', 'src/sandbox/rules/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['progress-append-only', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
  // Mutants whose code and covering tests did not change keep their last result.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
