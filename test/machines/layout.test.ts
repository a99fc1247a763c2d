/**
 * The machines are definitions only: small files, one folder per machine, importing schemas,
 * rules and the pure line helpers (src/lines) — never HTTP, the client, a store, files or the
 * sandbox — and no `event as {…}` casts (dynamic params read the events instead).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const MACHINES = join(ROOT, 'machines');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g;
const ALLOWED = ['machines/', 'src/schemas/', 'src/rules/', 'src/lines/'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const sources = files(MACHINES).filter((file) => file.endsWith('.ts'));

describe('machines/', () => {
  it('has one folder per machine, each with its <name>.machine.ts', () => {
    for (const name of ['session', 'line', 'export', 'tracking'])
      expect(readdirSync(join(MACHINES, name))).toContain(`${name}.machine.ts`);
  });

  it.each(sources.map((file) => relative(ROOT, file)))('%s has at most 250 lines', (file) => {
    expect(readFileSync(join(ROOT, file), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(
      250,
    );
  });

  it.each(sources.map((file) => relative(ROOT, file)))(
    '%s imports xstate, schemas, rules and line helpers only',
    (file) => {
      const source = readFileSync(join(ROOT, file), 'utf8');
      for (const [, specifier = ''] of source.matchAll(IMPORT)) {
        if (!specifier.startsWith('.')) {
          expect(specifier).toBe('xstate');
          continue;
        }
        const target = relative(ROOT, resolve(dirname(join(ROOT, file)), specifier));
        expect(
          ALLOWED.some((prefix) => target.startsWith(prefix)),
          `${file} imports ${target}`,
        ).toBe(true);
      }
      expect(source).not.toMatch(/\bevent as \{/);
    },
  );
});
