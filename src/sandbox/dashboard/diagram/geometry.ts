/** Sizes and text measures shared by the layout and the SVG drawing (px). */
export const SIZES = {
  /** A simple state's box height. */
  stateHeight: 34,
  stateMinWidth: 84,
  /** Horizontal padding inside a state box, both sides together, with room for the current
   * state's marker and bold label. */
  statePadding: 44,
  /** Estimated width of one character of a state label (13px sans-serif). */
  stateCharWidth: 7.4,
  /** Estimated width of one character of a transition label (11px sans-serif). */
  edgeCharWidth: 6.2,
  /** Transition labels longer than this are cut with an ellipsis (the full text is a tooltip). */
  edgeLabelMaxChars: 30,
  /** Between two boxes of one row. */
  gap: 44,
  /** Between two rows. */
  rankGap: 58,
  /** Inside a compound state, around its children. */
  padding: 14,
  /** Room for a compound state's name above its children. */
  titleHeight: 26,
  /** The initial-state dot's diameter. */
  startSize: 14,
  /** How far a self-transition's loop reaches right of its box. */
  loopReach: 26,
} as const;

/** The width of a simple state's box for its label. */
export function stateWidth(label: string): number {
  return Math.max(
    SIZES.stateMinWidth,
    Math.ceil(label.length * SIZES.stateCharWidth + SIZES.statePadding),
  );
}

/** Parallel transitions (same source and target) drawn as one arrow: their labels joined. */
export function joinLabels(labels: readonly string[]): string {
  return [...new Set(labels.filter((label) => label !== ''))].join(' / ');
}

/** A transition label as drawn: cut to `edgeLabelMaxChars`, with an ellipsis when cut. */
export function shortLabel(label: string): string {
  return label.length <= SIZES.edgeLabelMaxChars
    ? label
    : `${label.slice(0, SIZES.edgeLabelMaxChars - 1).trimEnd()}…`;
}

/** The drawn width of a transition label. */
export function edgeLabelWidth(label: string): number {
  return Math.ceil(shortLabel(label).length * SIZES.edgeCharWidth);
}
