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

interface PersistedLine {
  src?: unknown;
  snapshot?: {
    context?: {
      lineId?: unknown;
      draft?: { external_id?: unknown };
      pending?: { external_id?: unknown } | null;
    };
  };
}

/**
 * The `external_id`s of the lines a stored snapshot does not show as created, in a session that
 * has an id. A line's POST waits only until a stored snapshot holds the session's id, not for one
 * showing that POST under way; so any of these may have been sent after the snapshot was stored,
 * and each must look for itself in the session before it is created (see `createLineActors`).
 */
export function unsentLines(snapshot: unknown): Set<string> {
  const root = snapshot as {
    context?: { sessionId?: unknown };
    children?: Record<string, PersistedLine>;
  } | null;
  const ids = new Set<string>();
  if (typeof root?.context?.sessionId !== 'string') return ids;
  for (const child of Object.values(root.children ?? {})) {
    const context = child.snapshot?.context;
    if (child.src !== 'line' || !context || context.lineId != null) continue;
    for (const body of [context.draft, context.pending]) {
      if (typeof body?.external_id === 'string') ids.add(body.external_id);
    }
  }
  return ids;
}
