/**
 * The main entry point must load in a browser bundle: walking the static import graph of the
 * BUILT files from it, no `node:` module (nor a bare Node built-in such as `fs`), no Node-only
 * dependency, and nothing from the sandbox, the file store or the CLI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist/src');
const MAIN = join(DIST, 'index.js');

/**
 * What to walk from: the main entry; until it is built, the schemas and the rules (the entry
 * points this foundation provides).
 */
const ENTRIES = existsSync(MAIN)
  ? [MAIN]
  : [join(DIST, 'schemas/index.js'), join(DIST, 'rules/index.js')];

/** Dependencies that only run on Node (terminal, HTTP server, process). */
const NODE_ONLY_PACKAGES = [
  '@hono/node-server',
  'commander',
  'log-update',
  'cli-table3',
  'picocolors',
];
/** Folders of this package that are Node-only, each behind its own entry point or the CLI. */
const NODE_ONLY_FOLDERS = ['sandbox/', 'cli/', 'store/file.js', 'store/postgres/', 'worker/'];

const IMPORT_PATTERNS = [
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** The module specifiers a built file imports (static, re-exports, side effects, dynamic). */
function importsOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of withoutComments.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found];
}

interface Graph {
  files: string[];
  external: Map<string, string>;
}

function walk(entries: string[]): Graph {
  const files = new Set<string>();
  const external = new Map<string, string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else if (!external.has(specifier)) external.set(specifier, relative(ROOT, file));
    }
  }
  return { files: [...files], external };
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

describe('the browser-safe entry point', () => {
  for (const entry of ENTRIES) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  }
  const graph = walk(ENTRIES);

  it(`walks from ${ENTRIES.map((entry) => relative(ROOT, entry)).join(' and ')}`, () => {
    expect(graph.files.length).toBeGreaterThan(ENTRIES.length);
    for (const file of graph.files) expect(existsSync(file), file).toBe(true);
  });

  it('imports no node: module and no Node built-in', () => {
    const builtins = new Set(builtinModules);
    const offending = [...graph.external].filter(
      ([specifier]) => specifier.startsWith('node:') || builtins.has(packageName(specifier)),
    );
    expect(offending.map(([specifier, from]) => `${specifier} (from ${from})`)).toEqual([]);
  });

  it('imports only xstate, zod, ky and immer from outside the package', () => {
    const allowed = ['immer', 'ky', 'xstate', 'zod'];
    const outside = [...graph.external].filter(([specifier]) => !specifier.startsWith('.'));
    expect(
      outside
        .filter(([specifier]) => !allowed.includes(packageName(specifier)))
        .map(([specifier, from]) => `${specifier} (from ${from})`),
    ).toEqual([]);
    // The walk does reach the engine's own dependencies (it follows the real graph).
    const reached = new Set(outside.map(([specifier]) => packageName(specifier)));
    for (const name of ['xstate', 'zod', 'ky']) expect(reached.has(name), name).toBe(true);
  });

  it('imports no Node-only dependency', () => {
    const offending = [...graph.external].filter(([specifier]) =>
      NODE_ONLY_PACKAGES.includes(packageName(specifier)),
    );
    expect(offending.map(([specifier, from]) => `${specifier} (from ${from})`)).toEqual([]);
  });

  it('reaches nothing in the sandbox, the CLI or the file store', () => {
    const offending = graph.files
      .map((file) => relative(DIST, file).replace(/\\/g, '/'))
      .filter((file) => NODE_ONLY_FOLDERS.some((folder) => file.startsWith(folder)));
    expect(offending).toEqual([]);
  });
});

describe('importsOf, the import scanner', () => {
  it('finds static imports, re-exports, side-effect and dynamic imports', () => {
    const source = [
      "import { a } from './a.js';",
      "import * as b from 'b';",
      "import c, {\n  d,\n} from '@scope/c/sub';",
      "export * from './e.js';",
      "export { f } from 'node:fs';",
      "import './g.js';",
      "const h = await import('h');",
      "// import { nope } from 'commented';",
      "/* import 'also-commented'; */",
      "const text = 'import x from y';",
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(
      ['./a.js', 'b', '@scope/c/sub', './e.js', 'node:fs', './g.js', 'h'].sort(),
    );
  });
});
