/**
 * A visible wait: on a terminal, a line that counts down in place; elsewhere, a plain line at the
 * start and then every 30 seconds.
 */
import { createLogUpdate } from 'log-update';

const PLAIN_EVERY_MS = 30_000;

/** `4:05`, `0:09`. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export interface Countdown {
  stop(): void;
}

export function startCountdown(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  waitMs: number,
  text: (left: string) => string,
): Countdown {
  const end = Date.now() + waitMs;
  const left = () => clockText(end - Date.now());
  if (stream.isTTY) {
    const log = createLogUpdate(stream as NodeJS.WriteStream);
    const draw = () => log(text(left()));
    draw();
    const timer = setInterval(draw, 250);
    return {
      stop() {
        clearInterval(timer);
        log.clear();
        log.done();
      },
    };
  }
  stream.write(`${text(left())}\n`);
  const timer = setInterval(() => stream.write(`${text(left())}\n`), PLAIN_EVERY_MS);
  return { stop: () => clearInterval(timer) };
}
