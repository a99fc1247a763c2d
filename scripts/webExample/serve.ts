/**
 * `npm run example:web`: builds examples/web, starts a sandbox and a small static server for the
 * page (another origin: the sandbox answers CORS for loopback origins), and prints the page's
 * address. Line 2 of every session is rejected on its contact's insee_code (a scripted outcome),
 * to show a partial outcome. Ctrl-C stops both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../src/sandbox/index.js';
import { buildWebExample } from './build.js';
import { serveStatic } from './static.js';

const TOKEN = 'sandbox-token';

const outdir = await mkdtemp(join(tmpdir(), 'covage-web-'));
await buildWebExample(outdir);
const sandbox = await startSandbox({
  tokens: [TOKEN],
  outcomeDelayMs: 1500,
  scriptedOutcomes: [{ line: 2, on: 'insee_code' }],
});
const site = await serveStatic(outdir);
const page = `${site.url}/?api=${encodeURIComponent(sandbox.url)}&token=${TOKEN}`;
console.log(`sandbox: ${sandbox.url}`);
console.log(`open:    ${page}`);

const stop = async () => {
  await site.close();
  await sandbox.close();
  await rm(outdir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
