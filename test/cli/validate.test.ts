import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { assertBuilt, BROKEN, ORDER, runCli } from './support/cli.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function validate(...args: string[]): Promise<Run> {
  const run = await runCli(['validate', ...args]);
  return { code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr };
}

interface JsonReport {
  ready: boolean;
  issues: { path: string; code: string; severity: string; message: string }[];
  lines: {
    index: number;
    ready: boolean;
    issues: { path: string; code: string; severity: string; message: string }[];
  }[];
}

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-validate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeOrder(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe.concurrent('validate examples/order.json', () => {
  it('is ready: exit 0, a readable report per line', async () => {
    const run = await validate(ORDER);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'line 1 (lines[0]), external_id ACME-2025-0042-01, offering 2173: ready',
    );
    expect(run.stdout).toContain(
      'line 3 (lines[2]), external_id ACME-2025-0042-03, offering 3301: ready',
    );
    expect(run.stdout).toContain('! enni  enni_overridden_for_dia');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '3 lines: ready to confirm (0 errors, 1 warning)',
    );
  });

  it('has at least 3 lines, a DIA line with an enni and a 7021 line with its CPE fields', async () => {
    const order = JSON.parse(await readFile(ORDER, 'utf8')) as { lines: Record<string, unknown>[] };
    expect(order.lines.length).toBeGreaterThanOrEqual(3);
    expect(order.lines.some((line) => line.offer_family === 'DIA' && line.enni)).toBe(true);
    const with7021 = order.lines.find((line) => (line.option_ids as string[])?.includes('7021'));
    expect(with7021?.cpe_serial_number).toBeTruthy();
    expect(with7021?.cpe_networking_number ?? with7021?.cpe_network_number).toBeTruthy();
  });
});

describe.concurrent('validate examples/order-broken.json', () => {
  it('is not ready: exit 1', async () => {
    const run = await validate(BROKEN);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'line 1 (lines[0]), external_id broken-01-no-enni, offering 2173: not ready',
    );
    expect(run.stdout).toContain('✗ enni  required_at_confirmation');
    expect(run.stdout).toContain('session (all lines together):');
  });

  it('breaks each rule once (three different fields required at confirmation)', async () => {
    const run = await validate(BROKEN, '--json');
    const report = JSON.parse(run.stdout) as JsonReport;
    const codes = [...report.issues, ...report.lines.flatMap((line) => line.issues)].map(
      (issue) => issue.code,
    );
    const counts = Object.fromEntries(
      [...new Set(codes)].map((code) => [code, codes.filter((c) => c === code).length]),
    );
    expect(counts).toEqual({
      required_at_confirmation: 3,
      cpe_required_with_7021: 1,
      cpe_forbidden_without_7021: 1,
      enni_overridden_for_dia: 1,
      siret_required: 1,
      siret_invalid: 1,
      postcode_invalid: 1,
      insee_code_invalid: 1,
      phone_number_invalid: 1,
      email_invalid: 1,
      latitude_out_of_range: 1,
      longitude_out_of_range: 1,
      required_at_creation: 1,
      invalid_format: 1,
      conflicting_alias: 1,
      unknown_field: 1,
      invalid_type: 1,
      duplicate_external_id: 1,
      duplicate_qualification_item: 1,
    });
    const paths = report.lines.flatMap((line) => line.issues.map((issue) => issue.path));
    expect(paths).toEqual(
      expect.arrayContaining([
        'enni',
        'related_contact_information',
        'related_contact_information[0].insee_code',
      ]),
    );
  });
});

describe.concurrent('validate --json', () => {
  it('prints one JSON document and nothing else', async () => {
    const run = await validate(ORDER, '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.ready).toBe(true);
    expect(report.lines.map((line) => [line.index, line.ready])).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
    expect(report.lines[2]?.issues).toEqual([
      {
        path: 'enni',
        code: 'enni_overridden_for_dia',
        severity: 'warning',
        message: expect.any(String),
      },
    ]);
  });

  it('gives each issue its path, code, severity and message', async () => {
    const report = JSON.parse((await validate(BROKEN, '--json')).stdout) as JsonReport;
    expect(report.ready).toBe(false);
    expect(report.lines[2]).toEqual({
      line: 3,
      index: 2,
      ready: false,
      issues: [
        {
          path: 'related_contact_information[0].insee_code',
          code: 'required_at_confirmation',
          severity: 'error',
          message: 'insee_code is required to confirm the line',
        },
      ],
    });
  });

  it('a session with no line is not ready', async () => {
    const run = await validate(
      await writeOrder('empty.json', { session: {}, lines: [] }),
      '--json',
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ready: false,
      issues: [{ path: 'lines', code: 'session_has_no_line', severity: 'error' }],
      lines: [],
    });
  });
});

describe.concurrent('validate options and formats', () => {
  const dia = {
    product_offering_id: '9001',
    product_offering_qualification_item_id: 'q-9001',
    related_contact_information: [
      {
        end_customer_name: 'Covage corp',
        contact1_email_address: 'john.doe@example.fr',
        contact1_firstname: 'John',
        contact1_lastname: 'Doe',
        contact1_phone_number: '0123456789',
        city: 'Mont-Saint-Aignan',
        postcode: '76130',
        street_name: 'Rue Andrei Sakharov',
        street_number: '4',
        insee_code: '76451',
      },
    ],
  };

  it('--dia-offering, repeatable, names DIA offerings (which need no enni)', async () => {
    const file = await writeOrder('dia.json', { lines: [dia] });
    expect((await validate(file)).code).toBe(1);
    expect((await validate('--dia-offering', '9001', file)).code).toBe(0);
    expect((await validate('--dia-offering', '1', '--dia-offering', '9001', file)).code).toBe(0);
    expect((await validate(file, '--dia-offering', '1')).code).toBe(1);
  });

  it('--strict-formats turns the checks the doc does not state into errors', async () => {
    const doubtful = {
      ...dia,
      enni: 'AZ1',
      related_contact_information: [{ ...dia.related_contact_information[0], postcode: '7613' }],
    };
    const file = await writeOrder('formats.json', { lines: [doubtful] });
    expect((await validate(file)).code).toBe(0);
    expect((await validate(file, '--strict-formats')).code).toBe(1);
  });

  it('reads YAML order files, with the same result as JSON', async () => {
    const order = JSON.parse(await readFile(BROKEN, 'utf8')) as unknown;
    for (const name of ['broken.yaml', 'broken.yml']) {
      const run = await validate(await writeOrder(name, stringify(order)), '--json');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse((await validate(BROKEN, '--json')).stdout));
    }
  });

  it('--help documents the exit codes', async () => {
    const run = await validate('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit status: 0 ready, 1 not ready, 2 the file cannot be read');
    expect(run.stdout).toContain('--dia-offering <id>');
  });
});
