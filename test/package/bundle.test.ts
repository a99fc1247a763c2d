/**
 * Bundle budgets: what an app pays, in a browser bundle, for what it imports from the package.
 * Each budget bundles an import of the BUILT package (`dist/`, what npm ships) with esbuild for
 * the browser, minified, and holds its gzip size. Sizes are deterministic (same sources, same
 * esbuild), so a test can hold them; timings live in `npm run bench`.
 *
 * To add a budget, add an entry to BUDGETS.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'dist/src/index.js');

interface Budget {
  /** What is measured, in words. */
  name: string;
  /** The app's module: imports from the built main entry (`./dist/src/index.js`). */
  source: string;
  /** The most gzip bytes the minified bundle may take. */
  maxGzipBytes: number;
}

const KB = 1024;

const BUDGETS: Budget[] = [
  {
    name: 'checkConfirmation imported alone',
    source: `import { checkConfirmation } from './dist/src/index.js';
globalThis.check = checkConfirmation;`,
    maxGzipBytes: 25 * KB,
  },
  {
    name: 'the whole main entry',
    source: `import * as everything from './dist/src/index.js';
globalThis.everything = everything;`,
    maxGzipBytes: 60 * KB,
  },
];

interface Measured {
  minifiedBytes: number;
  gzipBytes: number;
  /** The modules that put bytes into the bundle (tree-shaken ones left out), from the root. */
  inputs: string[];
}

async function measure(source: string): Promise<Measured> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    minifiedBytes: output.byteLength,
    gzipBytes: gzipSync(output).byteLength,
    inputs: Object.values(result.metafile.outputs).flatMap((out) =>
      Object.entries(out.inputs)
        .filter(([, used]) => used.bytesInOutput > 0)
        .map(([input]) => relative(ROOT, join(ROOT, input))),
    ),
  };
}

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
