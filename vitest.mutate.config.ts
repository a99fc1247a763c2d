import { defineConfig } from 'vitest/config';

/** The tests `npm run mutate` runs against each mutant: the rules', the schemas', the sandbox's rule table's. */
export default defineConfig({
  test: {
    include: [
      'test/rules/**/*.test.ts',
      'test/schemas/**/*.test.ts',
      'test/sandbox/rules/**/*.test.ts',
    ],
    // Two readings compared through HTTP: a check of the sandbox against the client, too slow
    // to rerun per mutant; each side's own tests are what kill its mutants.
    exclude: ['test/rules/clientAndSandboxAgree.test.ts'],
    setupFiles: ['test/mutate.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
