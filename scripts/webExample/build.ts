/**
 * Builds examples/web (React 19, @xstate/react 6) with esbuild for the browser, minified, into
 * `outdir`: index.html, app.css and app.js. `covage-orders` resolves to this repository's built
 * main entry (dist/src/index.js), as an app resolves the installed package.
 */

import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** The repository's root: the nearest folder above this file with a package.json (source or dist/). */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = repositoryRoot();
export const EXAMPLE_DIR = join(ROOT, 'examples/web');
const MAIN = join(ROOT, 'dist/src/index.js');

/** `import … from 'covage-orders'` → the built main entry. */
const thisPackage: Plugin = {
  name: 'covage-orders',
  setup(on) {
    on.onResolve({ filter: /^covage-orders$/ }, () => ({ path: MAIN }));
  },
};

export interface BuiltExample {
  outdir: string;
  /** Bytes of app.js (minified). */
  bytes: number;
}

export async function buildWebExample(outdir: string): Promise<BuiltExample> {
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(EXAMPLE_DIR, 'src/main.tsx')],
    outfile: join(outdir, 'app.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [thisPackage],
    metafile: true,
    logLevel: 'silent',
  });
  for (const file of ['index.html', 'app.css'])
    await copyFile(join(EXAMPLE_DIR, file), join(outdir, file));
  const bytes = Object.values(result.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
  return { outdir, bytes };
}
