/**
 * Restoring a persisted snapshot restarts every promise actor that had not finished, with the
 * input it was started with. For the two writes that must not be repeated — creating a line
 * (POST) and confirming (PATCH …/confirm/) — that would be a blind second request. Before a
 * snapshot is restored, this marks those in-flight writes `reconcileFirst`, so the restarted
 * actor first reads the session back and only writes if the first attempt did not land.
 */
const WRITES_TO_RECONCILE = new Set(['createLine', 'confirmSession']);

interface PersistedChild {
  src?: unknown;
  snapshot?: { status?: unknown; input?: unknown; children?: Record<string, PersistedChild> };
}

/** Returns how many in-flight writes were marked. Mutates the (freshly parsed) snapshot. */
export function markInFlightWrites(snapshot: unknown): number {
  let marked = 0;
  const visit = (node: { children?: Record<string, PersistedChild> } | undefined) => {
    if (!node?.children) return;
    for (const child of Object.values(node.children)) {
      const inner = child.snapshot;
      if (!inner) continue;
      if (
        typeof child.src === 'string' &&
        WRITES_TO_RECONCILE.has(child.src) &&
        inner.status === 'active' &&
        typeof inner.input === 'object' &&
        inner.input !== null
      ) {
        (inner.input as { reconcileFirst?: boolean }).reconcileFirst = true;
        marked++;
      }
      visit(inner);
    }
  };
  visit(snapshot as { children?: Record<string, PersistedChild> });
  return marked;
}
