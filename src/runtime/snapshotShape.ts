/**
 * A stored session snapshot can carry the right format tag and still be damaged (edited by hand,
 * written by a buggy version, cut and patched). Restoring such a snapshot makes the machine fail
 * deep inside an action with a `TypeError`; this check finds the damage first and names it, so
 * `resumeOrderSession` reports a corrupt snapshot instead of crashing.
 */

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const isArray: Check = (value) => Array.isArray(value);
const isStringArray: Check = (value) => Array.isArray(value) && value.every(isString);
const orNull =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);

const counts: Check = (value) =>
  isObject(value) && Object.values(value).every((count) => isNumber(count));

const SESSION_CONTEXT: Record<string, Check> = {
  instanceKey: isString,
  sessionId: orNull(isString),
  request: isObject,
  lines: isObject,
  nextNumber: isNumber,
  revision: isNumber,
  counts,
  cursor: isNumber,
  inFlight: isNumber,
  confirmRequested: isBoolean,
  issues: isArray,
  outcome: orNull(isString),
  pollAttempt: isNumber,
  pollErrors: isNumber,
  error: orNull(isObject),
  options: (value) =>
    isObject(value) &&
    isNumber(value.concurrency) &&
    isStringArray(value.diaOfferingIds) &&
    isObject(value.poll),
};

const LINE_CONTEXT: Record<string, Check> = {
  key: isString,
  index: isNumber,
  sessionId: orNull(isString),
  draft: isObject,
  synced: orNull(isObject),
  remote: orNull(isObject),
  lineId: orNull(isString),
  diaOfferingIds: isStringArray,
  pending: orNull(isObject),
  lastUpdatedFields: isStringArray,
  warnings: isArray,
  standing: isString,
  reportedOutcome: orNull(isString),
};

const STATUSES = new Set(['active', 'done', 'stopped']);

function contextProblem(
  context: unknown,
  fields: Record<string, Check>,
  where: string,
): string | undefined {
  if (!isObject(context)) return `${where} has no context`;
  for (const [field, check] of Object.entries(fields)) {
    if (!Object.hasOwn(context, field) || !check(context[field]))
      return `${where}: "${field}" is missing or has the wrong type`;
  }
  return undefined;
}

/** Why a persisted session snapshot cannot be restored, or `undefined` when its shape is sound. */
export function snapshotProblem(snapshot: unknown): string | undefined {
  if (!isObject(snapshot)) return 'the snapshot is not an object';
  if (!isString(snapshot.status) || !STATUSES.has(snapshot.status))
    return `the snapshot's status is ${JSON.stringify(snapshot.status) ?? 'missing'}`;
  if (!isString(snapshot.value) && !isObject(snapshot.value)) return 'the snapshot has no state';
  const problem = contextProblem(snapshot.context, SESSION_CONTEXT, 'the session');
  if (problem) return problem;
  const registry = isObject(snapshot.children) ? snapshot.children.lines : undefined;
  if (!isObject(registry) || !isObject(registry.snapshot) || !isObject(registry.snapshot.lines))
    return 'the session has no stored lines';
  for (const [key, line] of Object.entries(registry.snapshot.lines)) {
    if (!isObject(line)) return `line ${key} has no stored snapshot`;
    const lineProblem = contextProblem(line.context, LINE_CONTEXT, `line ${key}`);
    if (lineProblem) return lineProblem;
  }
  return undefined;
}
