/**
 * The live view on a terminal: a header and one row per line (key, external_id, status, API
 * state, order reference or error), redrawn in place by log-update.
 */
import { createLogUpdate } from 'log-update';
import type { LineResult, OrderSession } from '../../runtime/orderSession.js';
import { style } from '../style.js';
import { lineDetail, lineStatus, type Tone } from './lineStatus.js';
import { phaseLabel, sessionState } from './sessionPhase.js';

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const TICK_MS = 100;

export interface FrameInput {
  /** The spinner's current character. */
  spinner: string;
  /** Plain text (it is cut to the width, then styled). */
  title: string;
  lines: readonly LineResult[];
  /** Terminal size: rows are cut to the width, and the list to the height. */
  width: number;
  height: number;
}

function symbol(tone: Tone, spinner: string): string {
  switch (tone) {
    case 'waiting':
      return style.dim('·');
    case 'busy':
      return style.cyan(spinner);
    case 'held':
      return style.blue('•');
    case 'good':
      return style.green('✔');
    case 'bad':
      return style.red('✘');
  }
}

function cut(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

const settled = (tone: Tone) => tone === 'good' || tone === 'bad';

/** The lines that fit: unsettled ones first, then in order; the rest are counted. */
function visibleLines(lines: readonly LineResult[], room: number): LineResult[] {
  if (lines.length <= room) return [...lines];
  const open = lines.filter((line) => !settled(lineStatus(line).tone));
  const done = lines.filter((line) => settled(lineStatus(line).tone));
  return [...open, ...done].slice(0, Math.max(1, room - 1)).sort((a, b) => a.index - b.index);
}

/** One frame of the live view, as text (pure: tested without a terminal). */
export function renderFrame(input: FrameInput): string {
  const room = Math.max(3, input.height - 2);
  const shown = visibleLines(input.lines, room);
  const keyWidth = Math.max(2, ...shown.map((line) => line.key.length));
  const idWidth = Math.min(
    28,
    Math.max(11, ...shown.map((line) => (line.externalId ?? '').length)),
  );
  const rows = shown.map((line) => {
    const status = lineStatus(line);
    const columns = cut(
      [
        line.key.padEnd(keyWidth),
        cut(line.externalId ?? '', idWidth).padEnd(idWidth),
        status.label.padEnd(13),
        (line.apiState ?? '').padEnd(19),
      ].join(' '),
      input.width - 4,
    );
    // "  ✔ " + columns + " " + detail, within the width.
    const detail = cut(lineDetail(line), input.width - 5 - columns.length);
    const text = detail
      ? `${columns} ${status.tone === 'bad' ? style.red(detail) : detail}`
      : columns;
    return `  ${symbol(status.tone, input.spinner)} ${text.trimEnd()}`;
  });
  if (shown.length < input.lines.length) {
    const tones = input.lines.map((line) => lineStatus(line).tone);
    const count = (tone: Tone) => tones.filter((t) => t === tone).length;
    const more = `  … ${input.lines.length - shown.length} more (in all: ${count('good')} ✔, ${count('bad')} ✘, ${count('busy')} under way)`;
    rows.push(style.dim(cut(more, input.width)));
  }
  return [style.bold(cut(input.title, input.width)), ...rows].join('\n');
}

export interface LiveProgress {
  stop(): void;
}

/** Starts redrawing the session's view on `stream` until `stop()` (which clears it). */
export function startLiveProgress(
  session: OrderSession,
  stream: NodeJS.WriteStream,
  target: string,
): LiveProgress {
  const log = createLogUpdate(stream);
  const started = Date.now();
  let tick = 0;
  const draw = () => {
    const result = session.result();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const spinner = SPINNER[tick % SPINNER.length] ?? '-';
    const sessionId = result.sessionId
      ? `session ${result.sessionId}`
      : 'session (not created yet)';
    const title = `${spinner} ${sessionId} · ${phaseLabel(sessionState(session))} · ${seconds}s · ${target}`;
    log(
      renderFrame({
        spinner,
        title,
        lines: result.lines,
        width: stream.columns ?? 80,
        height: stream.rows ?? 24,
      }),
    );
  };
  const timer = setInterval(() => {
    tick++;
    draw();
  }, TICK_MS);
  const subscription = session.on('*', draw);
  draw();
  return {
    stop() {
      clearInterval(timer);
      subscription.unsubscribe();
      log.clear();
      log.done();
    },
  };
}
