/**
 * SIGINT / SIGTERM while a command works: the first one asks the command to stop cleanly (it
 * saves what it must, then exits 130); a second one exits at once.
 */
import { EXIT } from './exitCodes.js';

export interface Interrupts {
  /** Resolves on the first SIGINT or SIGTERM. */
  readonly signalled: Promise<NodeJS.Signals>;
  /** True once a signal arrived. */
  readonly received: boolean;
  /** Stops listening (the default behaviour of the signals comes back). */
  dispose(): void;
}

export function watchInterrupts(onSecond: () => void = () => {}): Interrupts {
  let received = false;
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const signalled = new Promise<NodeJS.Signals>((done) => {
    resolve = done;
  });
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      onSecond();
      process.exit(EXIT.interrupted);
    }
    received = true;
    resolve(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signalled,
    get received() {
      return received;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
