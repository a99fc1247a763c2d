/**
 * `covage-orders/testing` (Node): model-based tests for apps built on the engine. Test models of
 * the session and a line as a user sees them (for `createTestModel` from `xstate/graph`), a
 * sandbox per test with scripted outcomes per line, and the steps that run the models' paths on a
 * real session actor. See docs/testing.md.
 */

export type { ScriptedOutcome } from '../sandbox/script.js';
export {
  type LineSteps,
  lineModelSteps,
  type SessionSteps,
  scriptFor,
  sessionModelSteps,
  userPaths,
} from './drivers.js';
export {
  type LineModelContext,
  type LineModelEvent,
  type LineTestModel,
  lineTestModel,
} from './lineModel.js';
export { sampleContact, sampleLine } from './sampleLine.js';
export {
  startTestSandbox,
  type TestSandbox,
  type TestSandboxOptions,
} from './sandbox.js';
export {
  type SessionModelContext,
  type SessionModelEvent,
  type SessionTestModel,
  sessionTestModel,
} from './sessionModel.js';
