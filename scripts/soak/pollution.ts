/**
 * Prototype pollution check: the hostile inputs carry `__proto__`, `constructor` and `prototype`
 * keys, and the code under test (the CLI's commands, the sandbox) runs in the soak's own process,
 * so a careless merge of such input would show on the built-in prototypes afterwards.
 */
const WATCHED = [Object.prototype, Array.prototype, Function.prototype, String.prototype];

export type PrototypeSnapshot = string[][];

export function prototypeSnapshot(): PrototypeSnapshot {
  return WATCHED.map((proto) => Reflect.ownKeys(proto).map(String).sort());
}

/** Keys that appeared on a built-in prototype since `before` (empty: nothing was polluted). */
export function pollutionSince(before: PrototypeSnapshot): string[] {
  const after = prototypeSnapshot();
  const added: string[] = [];
  for (const [index, keys] of after.entries()) {
    const known = new Set(before[index]);
    for (const key of keys) if (!known.has(key)) added.push(key);
  }
  return added;
}
