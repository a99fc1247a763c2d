/**
 * The examples every command's `--help` ends with, in one place. Each one works as pasted from the
 * clone's folder after the quick start (`npm ci && npm start`, then `npm link` or `npx
 * covage-orders …`); those that need a sandbox run apart name it (`covage-orders sandbox --port
 * 4010 --token demo-token`, in another terminal). test/docs/commands.test.ts checks their flags.
 */
export const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  validate: [
    'covage-orders validate examples/order.json',
    'covage-orders validate examples/order-broken.json --json',
    'covage-orders validate examples/order.json --dia-offering 3301 --strict-formats',
  ],
  submit: [
    'covage-orders submit examples/order.json',
    'covage-orders submit examples/order.json --json --quiet',
    'COVAGE_BASE_URL=http://127.0.0.1:4010 COVAGE_TOKEN=demo-token covage-orders submit examples/order.json',
  ],
  resume: [
    'covage-orders resume 594a1a0e0477 --base-url http://127.0.0.1:4010',
    'COVAGE_BASE_URL=http://127.0.0.1:4010 COVAGE_TOKEN=demo-token covage-orders resume 594a1a0e0477',
    'covage-orders resume 594a1a0e0477 --state-dir .covage-orders --json',
  ],
  export: [
    'covage-orders export --out lines.csv',
    'COVAGE_BASE_URL=http://127.0.0.1:4010 COVAGE_TOKEN=demo-token covage-orders export --out lines.csv',
    'covage-orders export --quiet > lines.csv',
  ],
  diagram: ['covage-orders diagram', 'covage-orders diagram line > line.mmd'],
  sandbox: [
    'covage-orders sandbox',
    'covage-orders sandbox --port 4010 --token demo-token --outcome-delay-ms 1500',
    'covage-orders sandbox --fault-rate 0.05 --seed 42 --latency-ms 100',
  ],
  track: [
    'covage-orders track covage',
    'covage-orders track obapi --status delivered --sort ref_asc --limit 5',
    'covage-orders track adobe --type RENEWAL --from 2000-01-01 --json',
    'covage-orders track orange-tracking --status Current',
  ],
  worker: [
    'PGPASSWORD=secret COVAGE_TOKEN=demo-token covage-orders worker --store postgres://covage@127.0.0.1:5432/orders --base-url http://127.0.0.1:4010',
    'covage-orders worker --store postgres://covage@db/orders --concurrency 8 --exit-when-idle',
  ],
};

/** The examples block of one command's help. */
export function examplesText(command: string): string {
  const examples = HELP_EXAMPLES[command];
  if (!examples) return '';
  return `\nExamples:\n${examples.map((example) => `  ${example}`).join('\n')}`;
}
