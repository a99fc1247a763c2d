import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root, found from this file whether it runs from `scripts/` or `dist/scripts/`. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'covage-orders') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the covage-orders package root');
    dir = parent;
  }
}

/**
 * The built CLI: the one of the same build when this module runs built (`dist/scripts/soak/`),
 * else the package's `dist/` (the tests run the .ts sources; `npm run build` makes it).
 */
export function cliPath(): string {
  const sameBuild = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  return existsSync(sameBuild) ? sameBuild : join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
}
