import type { SnapshotStore } from '../store/snapshotRecord.js';
import type { Lease } from './types.js';

/** A store that can refuse, by itself, the writes of a runner whose lease epoch is not current. */
export interface FencingStore {
  /** The same store, its writes made under `lease` (refused once a later epoch holds it). */
  withLease(lease: Lease): SnapshotStore;
}

/** Methods that only read (everything else counts as a write). */
const READS = /^(load|list|get|read|has|find|holder)/;

function isFencing(store: object): store is FencingStore {
  return typeof (store as Partial<FencingStore>).withLease === 'function';
}

/**
 * The store as a runner under `lease` sees it: every write first checks the lease (and a store
 * that fences by itself, such as the PostgreSQL one, also refuses a stale epoch in the database).
 */
export function fencedStore<S extends SnapshotStore>(store: S, lease: Lease): SnapshotStore {
  const inner: SnapshotStore = isFencing(store) ? store.withLease(lease) : store;
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || READS.test(property))
        return value;
      return async (...args: unknown[]) => {
        await lease.check();
        return value.apply(target, args);
      };
    },
  });
}
