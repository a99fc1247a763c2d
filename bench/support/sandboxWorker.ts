/**
 * The worker side of `startSandboxThread`: starts the sandbox with the options it was given,
 * posts its URL and admin token, and closes it when asked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

const port = parentPort;
if (!port) throw new Error('sandboxWorker runs as a worker thread');
const sandbox = await startSandbox(workerData as SandboxOptions);
port.on('message', async (message: unknown) => {
  if (message === 'close') {
    await sandbox.close();
    port.postMessage({ closed: true });
    port.close();
  }
});
port.postMessage({ url: sandbox.url, adminToken: sandbox.adminToken });
