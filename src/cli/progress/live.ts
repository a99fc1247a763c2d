/**
 * The live view on a terminal: a header, the lines under way first (then the last ones that
 * settled), and a footer with the counts, redrawn in place by log-update ten times a second.
 * Events only update the model (O(1) each); a frame reads the counters and the few rows that fit,
 * so a session of 10,000 lines redraws as fast as one of 3.
 */
import { createLogUpdate } from 'log-update';
import type { OrderSession } from '../../runtime/orderSession.js';
import { describeWaiting } from '../../runtime/waiting.js';
import { style } from '../style.js';
import { lineStatus, type Tone } from './lineStatus.js';
import type { LineView, ProgressModel } from './model.js';
import { phaseLabel, sessionState } from './sessionPhase.js';

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const TICK_MS = 100;

export interface FrameInput {
  /** The spinner's current character. */
  spinner: string;
  /** Plain text (it is cut to the width, then styled). */
  title: string;
  model: ProgressModel;
  /** Terminal size: rows are cut to the width, and the list to the height. */
  width: number;
  height: number;
  /** The line machine's state now, for the rows drawn (a line being created has no event). */
  peek?: (key: string) => string | undefined;
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

/**
 * The rows that fit: every line when they all do; else the lines under way (a third of the rows
 * kept for the last ones that settled, failures included), then the last settled.
 */
export function visibleLines(model: ProgressModel, room: number): LineView[] {
  if (model.size <= room) return model.all();
  const rows = room - 1; // one row for the counts
  const settledRows = model.recent(Math.floor(rows / 3)).length;
  const open = model.open(rows - settledRows);
  const recent = model.recent(rows - open.length);
  const shown = new Map<string, LineView>();
  for (const view of [...open, ...recent]) shown.set(view.key, view);
  return [...shown.values()].sort((a, b) => a.number - b.number);
}

/** Counts of a session's lines, in words: orders, failures, then what is still to come. */
export function countParts(model: ProgressModel): string[] {
  const parts = [`${model.count('good')} ✔`, `${model.count('bad')} ✘`];
  if (model.count('held') > 0) parts.push(`${model.count('held')} created`);
  if (model.count('waiting') > 0) parts.push(`${model.count('waiting')} to create`);
  if (model.count('busy') > 0) parts.push(`${model.count('busy')} under way`);
  return parts;
}

/** The row under the lines drawn: how many are not drawn, and the counts of the whole session. */
export function countsText(model: ProgressModel, hidden: number): string {
  return `  … ${hidden} more · ${model.size} lines: ${countParts(model).join(', ')}`;
}

/** One frame of the live view, as text (pure: tested without a terminal). */
export function renderFrame(input: FrameInput): string {
  const room = Math.max(3, input.height - 2);
  const shown = visibleLines(input.model, room);
  const numberWidth = Math.max(2, ...shown.map((line) => String(line.number).length));
  const idWidth = Math.min(
    24,
    Math.max(11, ...shown.map((line) => (line.externalId ?? '').length)),
  );
  const rows = shown.map((line) => {
    const machineState = input.peek?.(line.key);
    // The machine's own state is the latest word; the API's details come from the events.
    const status = machineState ? lineStatus({ machineState }) : line.status;
    const columns = cut(
      [
        String(line.number).padStart(numberWidth),
        cut(line.externalId ?? '', idWidth).padEnd(idWidth),
        status.label.padEnd(13),
        (line.apiState ?? '').padEnd(19),
      ].join(' '),
      input.width - 4,
    );
    // "  ✔ " + columns + " " + detail, within the width.
    const detail = cut(line.detail, input.width - 5 - columns.length);
    const text = detail
      ? `${columns} ${status.tone === 'bad' ? style.red(detail) : detail}`
      : columns;
    return `  ${symbol(status.tone, input.spinner)} ${text.trimEnd()}`;
  });
  if (shown.length < input.model.size)
    rows.push(
      style.dim(cut(countsText(input.model, input.model.size - shown.length), input.width)),
    );
  return [style.bold(cut(input.title, input.width)), ...rows].join('\n');
}

export interface LiveProgress {
  stop(): void;
}

/** Starts redrawing the session's view on `stream` until `stop()` (which clears it). */
export function startLiveProgress(
  session: OrderSession,
  model: ProgressModel,
  stream: NodeJS.WriteStream,
  target: string,
): LiveProgress {
  const log = createLogUpdate(stream);
  const started = Date.now();
  let tick = 0;
  const draw = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const spinner = SPINNER[tick % SPINNER.length] ?? '-';
    const name = model.sessionId ? `session ${model.sessionId}` : 'session (not created yet)';
    const waiting = session.waiting ? describeWaiting(session.waiting, Date.now()) : '';
    const phase = waiting || phaseLabel(sessionState(session));
    const title = `${spinner} ${name} · ${phase} · ${seconds}s · ${target}`;
    log(
      renderFrame({
        spinner,
        title,
        model,
        width: stream.columns ?? 80,
        height: stream.rows ?? 24,
        peek: (key) => session.lineState(key),
      }),
    );
  };
  const timer = setInterval(() => {
    tick++;
    draw();
  }, TICK_MS);
  draw();
  return {
    stop() {
      clearInterval(timer);
      log.clear();
      log.done();
    },
  };
}
