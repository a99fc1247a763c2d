/**
 * A consumer can use the package: `npm pack` it, install the tarball in a fresh project, then a
 * TypeScript file (types resolve under `tsc --noEmit`) and a plain `.mjs` file import
 * `checkConfirmation` and the schemas from `covage-orders`, and the `bin` runs.
 *
 * Offline: the consumer gets a lockfile made of the tarball plus this repository's own
 * production entries (same versions, same integrity), so `npm ci --offline` takes every
 * dependency from the npm cache that `npm ci` filled for this repository.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'dist/src/index.js');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const npm = (args: string[], cwd: string) =>
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, cwd);

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/** The consumer's own dependencies besides the tarball: the peers, at this repository's versions. */
function appDependencies(
  pkg: { peerDependencies?: Record<string, string> },
  lock: { packages: Record<string, LockEntry> },
): Record<string, string> {
  return Object.fromEntries(
    Object.keys(pkg.peerDependencies ?? {}).map((name) => [
      name,
      String(lock.packages[`node_modules/${name}`]?.version ?? pkg.peerDependencies?.[name]),
    ]),
  );
}

/** A lockfile for a project that depends on the tarball and its peers only. */
async function consumerLock(tarballSpec: string) {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  // The app installs the peer dependencies (xstate) itself, at the version this repository uses.
  const peers = Object.keys(pkg.peerDependencies ?? {});
  const packages: Record<string, unknown> = {
    '': {
      name: 'consumer',
      dependencies: { 'covage-orders': tarballSpec, ...appDependencies(pkg, lock) },
    },
    'node_modules/covage-orders': {
      version: pkg.version,
      resolved: tarballSpec,
      license: pkg.license,
      dependencies: pkg.dependencies,
      peerDependencies: pkg.peerDependencies,
      engines: pkg.engines,
      bin: pkg.bin,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/')) continue;
    if (!entry.dev && !entry.devOptional) packages[path] = entry;
    else if (peers.includes(path.slice('node_modules/'.length))) {
      const { dev: _dev, devOptional: _devOptional, ...kept } = entry;
      packages[path] = kept;
    }
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

const CONSUMER_TS = `import {
  type ConfirmationCheck,
  checkConfirmation,
  type LineCreate,
  lineCreateSchema,
  lineSchema,
  type Issue,
  type Line,
} from 'covage-orders';

const line: LineCreate = lineCreateSchema.parse({
  product_offering_id: '2173',
  product_offering_qualification_item_id: 'q-1',
  enni2: 'AZ2',
});
const check: ConfirmationCheck = checkConfirmation(line, { diaOfferingIds: ['3301'] });
const ready: boolean = check.ready;
const firstPath: string | undefined = check.issues[0]?.path;
const severity: Issue['severity'] = 'warning';
const answered: Line | undefined = lineSchema.safeParse({}).data;
// The types are real, not any: these must be refused.
// @ts-expect-error ready is a boolean
const notANumber: number = check.ready;
// @ts-expect-error an unknown option
checkConfirmation(line, { colour: 'blue' });
export { answered, firstPath, notANumber, ready, severity };
`;

const CONSUMER_MJS = `import { checkConfirmation, lineCreateSchema } from 'covage-orders';

const line = lineCreateSchema.parse({
  product_offering_id: '2173',
  product_offering_qualification_item_id: 'q-1',
  cpe_network_number: 'NET-1',
});
const check = checkConfirmation(line);
console.log(JSON.stringify({ ready: check.ready, paths: check.issues.map((issue) => issue.path), cpe: line.cpe_networking_number }));
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  },
  files: ['consumer.ts'],
};

describe('the packed package, installed in a fresh project', () => {
  let dir: string;
  let project: string;
  let tarball: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
    dir = await mkdtemp(join(tmpdir(), 'covage-consumer-'));
    // --ignore-scripts: `npm test` has built dist/ already; `prepare` would rebuild it under
    // the feet of the other test files.
    const pack = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    const [packed] = JSON.parse(pack.stdout) as { filename: string }[];
    if (!packed) throw new Error('npm pack made no tarball');
    const filename = packed.filename;
    tarball = join(dir, filename);
    project = join(dir, 'consumer');
    await mkdir(project);
    const spec = `file:../${filename}`;
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8'));
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { 'covage-orders': spec, ...appDependencies(pkg, lock) },
      }),
    );
    await writeFile(join(project, 'package-lock.json'), JSON.stringify(await consumerLock(spec)));
    const flags = ['--ignore-scripts', '--no-audit', '--no-fund'];
    let install = await npm(['ci', '--offline', ...flags], project);
    if (install.code !== 0 && /ENOTCACHED/.test(install.stderr)) {
      // The npm cache lacks a tarball (node_modules was not installed by `npm ci`).
      install = await npm(['ci', '--prefer-offline', ...flags], project);
    }
    if (install.code !== 0) throw new Error(`npm ci failed: ${install.stderr}`);
    await writeFile(join(project, 'consumer.ts'), CONSUMER_TS);
    await writeFile(join(project, 'consumer.mjs'), CONSUMER_MJS);
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  }, 90_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a TypeScript file imports checkConfirmation and the schemas, types resolved', async () => {
    const result = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], project);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('a plain .mjs file imports and runs them', async () => {
    const result = await run(process.execPath, ['consumer.mjs'], project);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      ready: false,
      paths: ['enni', 'related_contact_information', 'cpe_networking_number'],
      cpe: 'NET-1',
    });
  });

  it('the testing entry’s example of docs/testing.md runs: every path of the session model', async () => {
    const doc = await readFile(join(ROOT, 'docs/testing.md'), 'utf8');
    const block = /<!-- testing-example -->\s*```js\n([\s\S]*?)```/.exec(doc)?.[1];
    if (!block) throw new Error('docs/testing.md has no block after <!-- testing-example -->');
    await writeFile(join(project, 'model.test.mjs'), block);
    const result = await run(process.execPath, ['model.test.mjs'], project);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const passed = result.stdout.split('\n').filter((line) => line.startsWith('ok - '));
    expect(passed.length).toBeGreaterThan(5);
    expect(result.stdout).toContain(`${passed.length} paths passed`);
    for (const state of ['completed', 'partial', 'rejected', 'invalid'])
      expect(
        passed.some((line) => line.includes(`"${state}"`)),
        state,
      ).toBe(true);
  }, 120_000);

  it('the bin runs the CLI', async () => {
    await writeFile(join(project, 'order.json'), await readFile(join(ROOT, 'examples/order.json')));
    const result = await run(
      join(project, 'node_modules/.bin/covage-orders'),
      ['validate', 'order.json', '--json'],
      project,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ready: true });
  });

  it('ships the built code and its types, not the sources or the tests', async () => {
    const files = (await run('tar', ['-tzf', tarball], dir)).stdout;
    expect(files).toContain('package/dist/src/index.js');
    expect(files).toContain('package/dist/src/index.d.ts');
    expect(files).toContain('package/dist/src/cli/main.js');
    expect(files).not.toMatch(/package\/(src|test|bench)\//);
  });
});
