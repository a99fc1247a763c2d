/** Writes docs/openapi.json, the sandbox's OpenAPI document with its default options: `npm run openapi`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openApiText } from '../src/sandbox/openapi.js';

const path = join(process.cwd(), 'docs', 'openapi.json');
await writeFile(path, openApiText());
process.stdout.write('wrote docs/openapi.json\n');
