import pc from 'picocolors';

/** Terminal styling; picocolors turns itself off for NO_COLOR, dumb terminals and pipes. */
export const style = pc;

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
