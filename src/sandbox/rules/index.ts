export { isDiaLine } from './dia.js';
export { ORDER_CREATED_STATES, sessionStateOf } from './flowchart.js';
export { siretIsValid } from './siret.js';
export {
  CONTACT_FIELDS_AT_CONFIRMATION,
  CPE_FIELDS,
  CPE_OPTION,
  type Finding,
  findingsOf,
  RULES,
  type Rule,
  type RuleContext,
  type SandboxLine,
} from './table.js';
