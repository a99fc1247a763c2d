/**
 * immer's `produce`, as the machines use it inside `assign` to update their context immutably.
 *
 * A dedicated instance, so that this package changes no global immer setting of the app that
 * embeds it. Auto-freeze is off: every `assign` replaces the context anyway, and deep-freezing a
 * session's context after each line report (lines, statuses, the session read back) cost time in
 * proportion to the number of lines (see docs/performance.md).
 */
import { Immer } from 'immer';

const immer = new Immer({ autoFreeze: false });

export const produce: Immer['produce'] = immer.produce;
