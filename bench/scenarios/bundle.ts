import { existsSync } from 'node:fs';
import type { Probe, ProbeFigure, ProbeResult } from '../scenario.js';
import { BUDGETS, KB, MAIN, measureBundle, REPORTED } from '../support/bundle.js';

const kb = (bytes: number) => Math.round((bytes / KB) * 10) / 10;

/**
 * Browser bundle sizes (esbuild, browser, minified, gzip) of the built main entry: the budgeted
 * imports with their budgets, and a React form's imports for scale.
 */
export function bundleProbe(): Probe {
  return {
    id: 'bundle',
    title: 'browser bundle of the main entry (esbuild, minified, gzip)',
    async run(): Promise<ProbeResult> {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm run bench builds it`);
      const figures: ProbeFigure[] = [];
      for (const { name, source, maxGzipBytes } of [
        ...BUDGETS,
        ...REPORTED.map((entry) => ({ ...entry, maxGzipBytes: undefined })),
      ]) {
        const measured = await measureBundle(source);
        figures.push({ name: `${name}: gzip`, value: kb(measured.gzipBytes), unit: 'KB' });
        if (maxGzipBytes !== undefined)
          figures.push({ name: `${name}: gzip budget`, value: kb(maxGzipBytes), unit: 'KB' });
        figures.push({ name: `${name}: minified`, value: kb(measured.minifiedBytes), unit: 'KB' });
      }
      return {
        figures,
        method:
          'esbuild bundles an import of dist/src/index.js for the browser, minified (ESM); gzip by node:zlib at its default level. The budgets are held by test/package/bundle.test.ts',
      };
    },
  };
}
