import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ORDER_FILE_BYTES } from '../../src/cli/readOrderFile.js';
import { assertBuilt, runCli } from './support/cli.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function validate(...args: string[]): Promise<Run> {
  const run = await runCli(['validate', ...args]);
  return { code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr };
}

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-bad-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Exit 2, one line on stderr matching `reason`, nothing on stdout, no stack trace. */
async function expectRefused(path: string, reason: RegExp, ...flags: string[]) {
  const run = await validate(path, ...flags);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^covage-orders: /);
  expect(lines[0]).toMatch(reason);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

const line = { product_offering_id: '2173', product_offering_qualification_item_id: 'q-1' };

// One child process per kind of bad input; test/cli/validate-parse.test.ts checks every reason
// and location in-process.
describe.concurrent('validate refuses bad input: exit 2, one line, no stack trace', () => {
  it('not JSON: says where it breaks', async () => {
    const path = await file('bad.json', '{\n  "session": {},\n  "lines": [,]\n}\n');
    await expectRefused(path, /bad\.json: not valid JSON at line 3, column 13: unexpected ","$/);
  });

  it('not YAML: says where it breaks', async () => {
    const path = await file('bad.yaml', 'session: {}\nlines:\n  - a: 1\n   b: 2\n');
    await expectRefused(path, /not valid YAML at line \d+, column \d+: /);
  });

  it('wrong types: lines not an array', async () => {
    const path = await file('lines-object.json', '{"session": {}, "lines": {"a": 1}}');
    await expectRefused(path, /not an order file .*: lines: expected array, got an object$/);
  });

  it('wrong types: a line that is not an object', async () => {
    const path = await file('line-number.json', '{"lines": [42]}');
    await expectRefused(path, /lines\[0\]: a line is a JSON object$/);
  });

  it('wrong types: the file is an array', async () => {
    await expectRefused(
      await file('array.json', '[1, 2]'),
      /\(top\): expected object, got an array$/,
    );
  });

  it('a file over the limit is refused before it is read', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '{"session": {}, "lines": []}');
    await truncate(path, MAX_ORDER_FILE_BYTES + 1); // sparse: its size alone is over the limit
    await expectRefused(
      path,
      new RegExp(
        `${MAX_ORDER_FILE_BYTES + 1} bytes is over the ${MAX_ORDER_FILE_BYTES}-byte limit`,
      ),
    );
  });

  it('deeply nested JSON', async () => {
    const depth = 100_000;
    const path = await file('deep.json', `{"lines": [${'['.repeat(depth)}${']'.repeat(depth)}]}`);
    await expectRefused(path, /nested deeper than 32 levels at lines\[0\]\[0\]/);
  });

  it('deeply nested YAML', async () => {
    const depth = 100_000;
    const path = await file('deep.yaml', `lines: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    await expectRefused(path, /nested (too deeply|deeper than 32 levels)/);
  });

  it('a __proto__ key in a line', async () => {
    const text = JSON.stringify({ lines: [line] }).replace(
      '{"product',
      '{"__proto__": {"enni": "x"}, "product',
    );
    await expectRefused(
      await file('proto.json', text),
      /"__proto__" is not allowed \(at lines\[0\]\.__proto__\)$/,
    );
  });

  it('a __proto__ key in YAML', async () => {
    const path = await file('proto.yaml', '__proto__:\n  polluted: true\nlines: []\n');
    await expectRefused(path, /"__proto__" is not allowed \(at __proto__\)$/);
  });

  it('a file whose size says nothing of its length (/proc/self/pagemap): the read stops at the limit', async () => {
    await expectRefused(
      '/proc/self/pagemap',
      new RegExp(`its content is over the ${MAX_ORDER_FILE_BYTES}-byte limit`),
    );
  });

  it('a FIFO: refused without waiting for a writer', async () => {
    const fifo = join(dir, 'order.fifo');
    execFileSync('mkfifo', [fifo]);
    await expectRefused(fifo, /order\.fifo: not a file/);
  });

  it('a missing file', async () => {
    await expectRefused(join(dir, 'nowhere.json'), /cannot read the file \(ENOENT\)$/);
  });

  it('a directory', async () => {
    const path = join(dir, 'a-directory.json');
    await mkdir(path, { recursive: true });
    await expectRefused(path, /not a file$/);
  });

  it('with --json too: nothing on stdout', async () => {
    await expectRefused(
      await file('bad-json-flag.json', '{"lines": [,]}'),
      /not valid JSON/,
      '--json',
    );
  });

  it('no file, or an unknown option: exit 2', async () => {
    expect((await validate()).code).toBe(2);
    const path = await file('ok.json', JSON.stringify({ lines: [line] }));
    const run = await validate(path, '--colour');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/unknown option '--colour'/);
  });
});
