/**
 * Setup for `npm run mutate` only (vitest.mutate.config.ts): each mutant reruns the tests that
 * reach it, so property tests draw fewer cases there (a mutant that a property catches is
 * usually caught in the first few); `npm test` keeps fast-check's default of 100.
 */
import fc from 'fast-check';

fc.configureGlobal({ numRuns: 30 });
