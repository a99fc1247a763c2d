import type { Probe, Scenario } from '../scenario.js';
import { confirmationRules } from './confirmationRules.js';
import { LISTING_SCENARIOS } from './listing.js';
import { memoryProbe } from './memory.js';
import { orderSessionScenario } from './orderSession.js';

/** Every scenario, built only when it is run (building one may generate its data). */
export const SCENARIOS: { id: string; build: () => Scenario | Probe }[] = [
  { id: 'session', build: () => orderSessionScenario() },
  { id: 'rules', build: () => confirmationRules() },
  ...LISTING_SCENARIOS,
  { id: 'memory', build: () => memoryProbe() },
];
