import type { Scenario } from '../scenario.js';
import { confirmationRules } from './confirmationRules.js';

/** Every scenario, built only when it is run (building one may generate its data). */
export const SCENARIOS: { id: string; build: () => Scenario }[] = [
  { id: 'rules', build: () => confirmationRules() },
];
