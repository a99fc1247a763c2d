/**
 * The process side of `startSandboxProcess`: starts the sandbox with the options given as JSON in
 * its first argument, prints its URL and admin token as one line of JSON, and stops when its
 * standard input closes (the parent exited or asked).
 */
import { type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
process.stdout.write(`${JSON.stringify({ url: sandbox.url, adminToken: sandbox.adminToken })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await sandbox.close();
  process.exit(0);
});
