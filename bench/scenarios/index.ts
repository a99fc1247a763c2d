import type { Probe, Scenario } from '../scenario.js';
import { bundleProbe } from './bundle.js';
import { confirmationRules } from './confirmationRules.js';
import { LISTING_SCENARIOS } from './listing.js';
import { memoryProbe } from './memory.js';
import { orderSessionScenario } from './orderSession.js';
import { scalingProbe } from './scaling.js';

/** Every scenario, built only when it is run (building one may generate its data). */
export const SCENARIOS: {
  id: string;
  build: (options: { sizes?: number[] }) => Scenario | Probe;
}[] = [
  { id: 'session', build: () => orderSessionScenario() },
  { id: 'rules', build: () => confirmationRules() },
  ...LISTING_SCENARIOS,
  { id: 'memory', build: () => memoryProbe() },
  { id: 'scaling', build: (options) => scalingProbe(options.sizes) },
  { id: 'bundle', build: () => bundleProbe() },
];
