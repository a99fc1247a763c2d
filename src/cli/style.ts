import pc from 'picocolors';

/**
 * Whether the CLI paints its output: NO_COLOR turns colours off, FORCE_COLOR (other than '0')
 * turns them on, and otherwise only a terminal gets them (not a pipe or a file, and not a dumb
 * terminal). picocolors alone would also paint when CI is set, which puts escape codes into
 * logs and into output other programs read.
 */
export function colorsWanted(
  env: NodeJS.ProcessEnv = process.env,
  stream: { isTTY?: boolean } = process.stdout,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Terminal styling for what the CLI writes on stdout. */
export const style = pc.createColors(colorsWanted());

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
