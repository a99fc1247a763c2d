/**
 * Runs ELK's layout in a worker thread: ELK (elkjs, compiled from Java) computes synchronously
 * for up to a second on a large machine, which would stall the sandbox's API meanwhile.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

const ELK_BUNDLE = createRequire(import.meta.url).resolve('elkjs/lib/elk.bundled.js');

/** The worker's whole program (CommonJS, evaluated): lay out one graph, answer, end. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ELK = require(workerData.bundle);
new ELK().layout(workerData.graph).then(
  (graph) => parentPort.postMessage({ graph }),
  (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
);
`;

export class DiagramLayoutError extends Error {
  override name = 'DiagramLayoutError';
}

/** The graph with every shape's and edge's position filled in (absolute coordinates). */
export function layoutGraph(graph: ElkNode): Promise<ElkNode> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bundle: ELK_BUNDLE, graph },
    });
    worker.once('message', (answer: { graph?: ElkNode; error?: string }) => {
      if (answer.graph) resolve(answer.graph);
      else reject(new DiagramLayoutError(`ELK could not lay out the diagram: ${answer.error}`));
    });
    worker.once('error', (error) =>
      reject(new DiagramLayoutError(`ELK's worker failed: ${error.message}`)),
    );
    worker.once('exit', (code) =>
      reject(new DiagramLayoutError(`ELK's worker ended (code ${code}) without a layout`)),
    );
  });
}
