import { DEFAULT_SESSION_OPTIONS, type SessionInput, type SessionMachineOptions } from './types.js';

/** The session's options: the defaults, with what the input gives. */
export function mergeOptions(input: SessionInput['options']): SessionMachineOptions {
  return {
    ...DEFAULT_SESSION_OPTIONS,
    ...input,
    poll: { ...DEFAULT_SESSION_OPTIONS.poll, ...input?.poll },
    diaOfferingIds: [...(input?.diaOfferingIds ?? DEFAULT_SESSION_OPTIONS.diaOfferingIds)],
  };
}
