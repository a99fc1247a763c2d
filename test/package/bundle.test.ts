/**
 * Bundle budgets: what an app pays, in a browser bundle, for what it imports from the package.
 * Each budget bundles an import of the BUILT package (`dist/`, what npm ships) with esbuild for
 * the browser, minified, and holds its gzip size. Sizes are deterministic (same sources, same
 * esbuild), so a test can hold them; timings live in `npm run bench`.
 *
 * The budgets and the measure are in bench/support/bundle.ts (`npm run bench -- bundle` reports
 * them); to add a budget, add an entry to BUDGETS there.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUDGETS, KB, MAIN, measureBundle as measure } from '../../bench/support/bundle.js';

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

describe('bundle budgets (esbuild, browser, minified, gzip)', () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);

  for (const budget of BUDGETS) {
    it(`${budget.name}: at most ${kb(budget.maxGzipBytes)} gzip`, async () => {
      const { gzipBytes, minifiedBytes } = await measure(budget.source);
      expect(
        gzipBytes,
        `${budget.name}: ${kb(gzipBytes)} gzip (${kb(minifiedBytes)} minified)`,
      ).toBeLessThanOrEqual(budget.maxGzipBytes);
    });
  }

  for (const budget of BUDGETS) {
    it(`${budget.name}: no zod locale and no classic zod (zod/mini and our own messages)`, async () => {
      const { inputs } = await measure(budget.source);
      expect(inputs.some((input) => input.includes('node_modules/zod/v4/mini/'))).toBe(true);
      expect(
        inputs.filter((input) => /node_modules\/zod\/v4\/(locales|classic)\//.test(input)),
      ).toEqual([]);
    });
  }
});
