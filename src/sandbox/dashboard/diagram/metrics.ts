/**
 * Sizes of what the diagrams draw (px). Text is set in a monospaced font, so its width is known
 * on the server without a browser: every monospaced font in common use advances at most 0.62 em
 * per character (DejaVu Sans Mono and Menlo 0.602, Liberation Mono 0.6, Consolas 0.55).
 */
export const METRICS = {
  fontFamily: "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  advance: 0.62,
  stateFont: 13,
  labelFont: 12,
  labelLine: 15,
  /** Transition labels are cut at spaces beyond this many characters a line. */
  labelChars: 34,
  labelPadding: 4,
  stateHeight: 34,
  stateMinWidth: 72,
  /** Inside a state box, besides its name: both sides, and the current state's `▶ ` marker. */
  statePadding: 24,
  markerChars: 2,
  compoundTitle: 30,
  compoundPadding: 14,
  initialSize: 12,
} as const;

/** The drawn width of `chars` characters at `size` px. */
export function textWidth(chars: number, size: number): number {
  return Math.ceil(chars * size * METRICS.advance);
}
