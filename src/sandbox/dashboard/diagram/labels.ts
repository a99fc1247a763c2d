/**
 * How a transition's label is cut into lines that fit a box. Its wording (`EVENT [guard]`) is the
 * published diagrams' own: `transitionText` in src/diagrams/transitions.ts.
 */

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
