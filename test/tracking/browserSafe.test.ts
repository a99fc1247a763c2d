import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module reachable from `entry` by static imports: the project's files and the packages. */
function importGraph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2]) as string;
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(join(ROOT, entry));
  return { files: [...files].map((file) => relative(ROOT, file)), packages: [...packages] };
}

describe('tracking runs in a browser bundle', () => {
  for (const entry of ['src/tracking/index.ts', 'machines/tracking/tracking.machine.ts']) {
    it(`${entry} reaches no Node module, no sandbox and no CLI`, () => {
      const graph = importGraph(entry);
      expect(graph.packages.filter((name) => name.startsWith('node:'))).toEqual([]);
      // A package's subpath counts as the package: `zod/mini` is zod.
      const names = graph.packages.map((name) => name.split('/')[0] ?? name);
      expect(names.every((name) => ['zod', 'xstate', 'ky'].includes(name))).toBe(true);
      expect(graph.files.filter((file) => /src\/(sandbox|cli)\//.test(file))).toEqual([]);
      for (const file of graph.files)
        expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/\bBuffer\.|process\.env/);
    });
  }

  it('the tracking machine does not import ky', () => {
    expect(importGraph('machines/tracking/tracking.machine.ts').packages).not.toContain('ky');
  });
});
