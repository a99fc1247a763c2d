import { fromPromise } from 'xstate';

/**
 * The placeholder of an actor the runtime provides (`src/runtime/actors.ts`) or an app provides
 * with `machine.provide({ actors })`: the machines name their side effects, never perform them.
 */
export function notProvided<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw new Error(`the "${name}" actor is not provided (see src/runtime or machine.provide)`);
  });
}
