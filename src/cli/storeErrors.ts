import { LeaseLostError } from '../lease/leaseLostError.js';
import { SessionLockedError } from '../lease/sessionLockedError.js';
import { SnapshotStoreError } from '../store/snapshotRecord.js';
import { CliError, EXIT } from './exitCodes.js';

/**
 * Runs `action`; a state file that cannot be read or written is a one-line error (exit 2), a
 * session another runner holds is one too (exit 6, naming the holder and its start time).
 */
export async function reportingStoreErrors<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof SnapshotStoreError) throw new CliError(error.message, EXIT.badInput);
    if (error instanceof SessionLockedError)
      throw new CliError(
        `${error.message}: nothing was sent; wait for it to finish, or pass --wait <seconds>`,
        EXIT.locked,
      );
    if (error instanceof LeaseLostError) throw new CliError(error.message, EXIT.locked);
    throw error;
  }
}
