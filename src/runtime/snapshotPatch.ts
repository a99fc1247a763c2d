/**
 * Restoring a persisted snapshot restarts every promise actor that had not finished, with the
 * input it was started with. For the two writes that must not be repeated — creating a line
 * (POST) and confirming (PATCH …/confirm/) — that would be a blind second request. Before a
 * snapshot is restored, this marks those in-flight writes `reconcileFirst`, so the restarted
 * actor first reads the session back and only writes if the first attempt did not land.
 *
 * A stored session (format 2) is the session's header with its children: the `lines` registry
 * holds one record per line (`snapshot.children.lines.snapshot.lines[key]`), each with the
 * line's own children (its call under way, if any).
 */
const WRITES_TO_RECONCILE = new Set(['createLine', 'confirmSession', 'createSession']);

interface PersistedActor {
  src?: unknown;
  snapshot?: PersistedNode;
}

interface PersistedNode {
  status?: unknown;
  input?: unknown;
  context?: unknown;
  children?: Record<string, PersistedActor>;
  /** The line registry's records, by key. */
  lines?: Record<string, PersistedNode>;
}

interface LineContext {
  lineId?: unknown;
  draft?: { external_id?: unknown } | null;
  pending?: { external_id?: unknown } | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The stored lines of a stored session, by key (none when the snapshot has no registry). */
export function storedLines(snapshot: unknown): Record<string, PersistedNode> {
  const registry = (snapshot as PersistedNode | null)?.children?.lines?.snapshot;
  return isObject(registry?.lines) ? registry.lines : {};
}

/** Returns how many in-flight writes were marked. Mutates the (freshly parsed) snapshot. */
export function markInFlightWrites(snapshot: unknown): number {
  let marked = 0;
  const visit = (node: PersistedNode | undefined) => {
    if (!isObject(node)) return;
    for (const child of Object.values(node.children ?? {})) {
      const inner = child.snapshot;
      if (!isObject(inner)) continue;
      if (
        typeof child.src === 'string' &&
        WRITES_TO_RECONCILE.has(child.src) &&
        inner.status === 'active' &&
        isObject(inner.input)
      ) {
        (inner.input as { reconcileFirst?: boolean }).reconcileFirst = true;
        marked++;
      }
      visit(inner as PersistedNode);
    }
    for (const line of Object.values(node.lines ?? {})) visit(line);
  };
  visit(snapshot as PersistedNode);
  return marked;
}

/**
 * The `external_id`s of the lines a stored snapshot does not show as created, in a session that
 * has an id. A line's POST waits only until a stored snapshot holds the session's id, not for one
 * showing that POST under way; so any of these may have been sent after the snapshot was stored,
 * and each must look for itself in the session before it is created (see `createLineActors`).
 */
export function unsentLines(snapshot: unknown): Set<string> {
  const root = snapshot as { context?: { sessionId?: unknown } } | null;
  const ids = new Set<string>();
  if (typeof root?.context?.sessionId !== 'string') return ids;
  for (const line of Object.values(storedLines(snapshot))) {
    if (!isObject(line.context)) continue;
    const context: LineContext = line.context;
    if (context.lineId != null) continue;
    for (const body of [context.draft, context.pending]) {
      if (typeof body?.external_id === 'string') ids.add(body.external_id);
    }
  }
  return ids;
}

/** The session's looks on the documented paths (order tracking, the CSV export). */
const LOOKS = new Set(['trackOrders', 'readExport']);

/**
 * Drops the looks on the documented paths that a stored session had under way: restored, they
 * would start again (an export start, a page of order tracking) before RESUME decides, and a
 * session past its outcome deadline must end without looking again. RESUME restarts `following`
 * from its first look otherwise. Mutates the (freshly parsed) snapshot.
 */
export function dropRestoredLooks(snapshot: unknown): void {
  const children = (snapshot as PersistedNode | null)?.children;
  if (!isObject(children)) return;
  for (const [id, child] of Object.entries(children))
    if (typeof child.src === 'string' && LOOKS.has(child.src)) delete children[id];
}
