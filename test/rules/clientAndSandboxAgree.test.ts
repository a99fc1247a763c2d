/**
 * Two readings of the doc, one verdict: the client's pre-flight check (`checkConfirmation`,
 * src/rules) and the sandbox's outcome (its own rule table, src/sandbox/rules) must agree on
 * every line: the sandbox creates a line exactly when the client can send it, and makes it an
 * order exactly when the client says it is ready; a refused line's `termination_error` entries
 * are the client's errors, code for code and path for path.
 *
 * Where they differ on purpose (docs/rules.md, "The client and the sandbox"), the difference is
 * a test of its own below. Many lines are compared directly (the sandbox's body parser and
 * decider, no HTTP); a sample goes through real HTTP: createSession, lines, confirm, read back.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CovageHttpError } from '../../src/http/index.js';
import { checkConfirmation, checkSession, type Issue } from '../../src/rules/index.js';
import { parseBody } from '../../src/sandbox/body.js';
import { SandboxError } from '../../src/sandbox/errors.js';
import { createLineDecider, ORDER_STATES } from '../../src/sandbox/outcome.js';
import type { LineCreate, TerminationError } from '../../src/schemas/index.js';
import { lineCreateSchema } from '../../src/schemas/index.js';
import { startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';
import { arbEditedLine, DIA_OFFERING } from './editedLines.js';
import { completeLine, type Json } from './lines.js';

const OPTIONS = { diaOfferingIds: [DIA_OFFERING] };

/** What the sandbox made of a line: refused at creation, or created then judged. */
type Outcome = { created: false } | { created: true; order: boolean; errors: string[] };

const key = (code: string, path: string) => `${code} @ ${path}`;

function clientErrors(issues: Issue[]): string[] {
  return issues
    .filter((issue) => issue.severity === 'error')
    .map((issue) => key(issue.code, issue.path))
    .sort();
}

function judged(state: string, terminationError: TerminationError[]): Outcome {
  return {
    created: true,
    order: (ORDER_STATES as readonly string[]).includes(state),
    errors: terminationError.map((error) => key(error.code, error.property_path)).sort(),
  };
}

/** The sandbox without HTTP: its body parser, then its decider. */
const decide = createLineDecider({ seed: 7, ...OPTIONS });
function sandboxOutcome(line: unknown): Outcome {
  let input: LineCreate;
  try {
    input = parseBody(lineCreateSchema, line);
  } catch (error) {
    if (error instanceof SandboxError && error.status === 400) return { created: false };
    throw error;
  }
  const decision = decide(input, 1);
  return judged(decision.state, decision.terminationError);
}

/** The agreement every line must show. */
function expectAgreement(line: unknown, outcome: Outcome) {
  const client = checkConfirmation(line, OPTIONS);
  expect(outcome.created, 'created by the sandbox = sendable by the client').toBe(
    client.line !== null,
  );
  expect(outcome.created && outcome.order, 'an order = ready').toBe(client.ready);
  if (outcome.created) expect(outcome.errors).toEqual(clientErrors(client.issues));
}

/** The format checks the doc does not state: the client's `strictFormats` makes them errors. */
const FORMAT_CODES = new Set([
  'postcode_invalid',
  'insee_code_invalid',
  'phone_number_invalid',
  'email_invalid',
  'latitude_out_of_range',
  'longitude_out_of_range',
]);

describe('the client and the sandbox agree on every line (directly, many lines)', () => {
  it('created = sendable, an order = ready, and the same errors at the same paths', () => {
    fc.assert(
      fc.property(arbEditedLine, (line) => expectAgreement(line, sandboxOutcome(line))),
      { numRuns: 2_000 },
    );
  });

  it('the generated lines reach every verdict (the comparison is not vacuous)', () => {
    const lines = fc.sample(arbEditedLine, { numRuns: 2_000, seed: 1 });
    const outcomes = lines.map(sandboxOutcome);
    const codes = new Set(
      outcomes.flatMap((outcome) =>
        outcome.created ? outcome.errors.map((error) => error.split(' @ ')[0]) : [],
      ),
    );
    expect(outcomes.some((outcome) => !outcome.created)).toBe(true);
    expect(outcomes.some((outcome) => outcome.created && outcome.order)).toBe(true);
    expect([...codes].sort()).toEqual([
      'cpe_forbidden_without_7021',
      'cpe_required_with_7021',
      'required_at_confirmation',
      'siret_invalid',
      'siret_required',
    ]);
  });
});

describe('where they differ on purpose', () => {
  it('strictFormats is stricter than Covage: a line it refuses only for formats becomes an order', () => {
    fc.assert(
      fc.property(arbEditedLine, (line) => {
        const strict = checkConfirmation(line, { ...OPTIONS, strictFormats: true });
        const outcome = sandboxOutcome(line);
        if (strict.ready) expect(outcome).toMatchObject({ created: true, order: true });
        if (outcome.created && outcome.order)
          for (const issue of strict.issues.filter((found) => found.severity === 'error'))
            expect(FORMAT_CODES).toContain(issue.code);
      }),
      { numRuns: 1_000 },
    );
  });

  it('a duplicate external_id stops the client (checkSession), the sandbox makes both orders', () => {
    const lines = [completeLine({ external_id: 'A-1' }), completeLine({ external_id: 'A-1' })];
    expect(checkSession(lines, OPTIONS).issues).toEqual([
      expect.objectContaining({ code: 'duplicate_external_id', severity: 'error' }),
      expect.objectContaining({ code: 'duplicate_qualification_item', severity: 'warning' }),
    ]);
    for (const line of lines)
      expect(sandboxOutcome(line)).toEqual({ created: true, order: true, errors: [] });
  });

  it('a SIRET given without siret_known: a warning from the client, no matter to the sandbox', () => {
    const line = completeLine({
      related_contact_information: [
        { ...(completeLine().related_contact_information as Json[])[0], siret: '12345678901234' },
      ],
    });
    expect(checkConfirmation(line, OPTIONS)).toMatchObject({
      ready: true,
      issues: [expect.objectContaining({ code: 'siret_invalid', severity: 'warning' })],
    });
    expect(sandboxOutcome(line)).toEqual({ created: true, order: true, errors: [] });
  });
});

describe('the client and the sandbox agree through real HTTP (a sample of sessions)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ ...OPTIONS, outcomeDelayMs: 0 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('createSession, each line, confirm, read back: each line as the client predicted', async () => {
    const api = testClient(sandbox, { retry: false });
    await fc.assert(
      fc.asyncProperty(fc.array(arbEditedLine, { minLength: 1, maxLength: 4 }), async (lines) => {
        const session = await api.createSession({});
        const ids: (string | undefined)[] = [];
        for (const line of lines) {
          try {
            ids.push((await api.createLine(session.id, line as LineCreate)).id);
          } catch (error) {
            if (!(error instanceof CovageHttpError) || error.status !== 400) throw error;
            ids.push(undefined);
          }
        }
        if (ids.every((id) => id === undefined)) {
          for (const line of lines) expectAgreement(line, { created: false });
          return;
        }
        await api.confirmSession(session.id);
        const read = await api.getSession(session.id);
        lines.forEach((line, index) => {
          const id = ids[index];
          const held = read.product_order_item.find((item) => item.id === id);
          expectAgreement(
            line,
            held ? judged(held.state, held.termination_error ?? []) : { created: false },
          );
        });
      }),
      { numRuns: 25 },
    );
  });
});
