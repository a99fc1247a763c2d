/** Writes docs/diagrams/ from the machine definitions: `npm run diagrams`. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDiagramFiles } from '../src/diagrams/catalog.js';

const dir = join(process.cwd(), 'docs', 'diagrams');
await mkdir(dir, { recursive: true });
for (const [name, text] of Object.entries(generateDiagramFiles())) {
  await writeFile(join(dir, name), text);
  process.stdout.write(`wrote docs/diagrams/${name}\n`);
}
