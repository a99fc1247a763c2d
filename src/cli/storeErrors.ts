import { SnapshotStoreError } from '../store/snapshotRecord.js';
import { CliError, EXIT } from './exitCodes.js';

/** Runs `action`; a state file that cannot be read or written is a one-line error (exit 2). */
export async function reportingStoreErrors<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof SnapshotStoreError) throw new CliError(error.message, EXIT.badInput);
    throw error;
  }
}
