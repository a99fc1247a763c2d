/**
 * How a transition reads on a diagram: `EVENT [guard]` (as in the published Mermaid), `[guard]`
 * or `always` for an eventless one; and how labels are cut into lines that fit.
 */

/** The event part: `done` / `error` for an invoked actor's answer, `after DELAY` for a timer. */
export function eventText(eventType: string): string {
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  if (eventType.startsWith('xstate.done.')) return 'done';
  if (eventType.startsWith('xstate.error.')) return 'error';
  return eventType;
}

interface ComposedGuard {
  name: string;
  guards: unknown[];
}

const isComposed = (guard: unknown): guard is ComposedGuard =>
  typeof guard === 'function' && Array.isArray((guard as { guards?: unknown }).guards);

/** A guard's readable name: named guards by name; `and`, `or`, `not` spelled out. */
export function guardText(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (isComposed(guard)) {
    const parts = guard.guards.map((inner) => {
      const text = guardText(inner) ?? 'guard';
      return isComposed(inner) && inner.name !== 'not' ? `(${text})` : text;
    });
    if (guard.name === 'not') return `not ${parts[0]}`;
    return parts.join(guard.name === 'or' ? ' or ' : ' and ');
  }
  if (typeof guard === 'function') return guard.name || 'guard';
  const type = (guard as { type?: unknown }).type;
  return typeof type === 'string' ? type : 'guard';
}

export function transitionText(eventType: string, guard: unknown): string {
  const event = eventText(eventType);
  const condition = guardText(guard);
  if (event === '') return condition ? `[${condition}]` : 'always';
  return condition ? `${event} [${condition}]` : event;
}

/**
 * The lines a label is drawn on: cut at spaces to at most `max` characters where it can be
 * (a longer word stays whole: the box is sized to the longest line), continuations indented.
 */
export function wrapLabel(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && next.length > max) {
      lines.push(line);
      line = `  ${word}`;
    } else line = next;
  }
  lines.push(line);
  return lines;
}
