/** `clockwork-secrets inventory`: every place that uses a key, grouped by key and by variable, per package. */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint, renderInventoryMarkdown, renderInventoryText, type InventoryReport, type KeyGroup, type VariableGroup } from '../../src/cli/inventory.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { REPO, removeDir, tempDir, writeFiles } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';

const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const masked = (key: string) => `${key.slice(0, 4)}… (40 chars)`;
/** The keys planted in examples/leaky-app: the SHA-1 of "leaky-app fake key N". */
const PLANTED = Array.from({ length: 12 }, (_, index) => createHash('sha1').update(`leaky-app fake key ${index + 1}`).digest('hex'));
const DEPLOYED_KEY = fakeKey('inventory deployed key');

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--ignore-eslint-config'], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** No output of any format holds a full key. */
function expectNoKey(result: Run): void {
  expect(findKeyTokens(result.stdout + result.stderr)).toEqual([]);
  for (const key of [...PLANTED, DEPLOYED_KEY]) expect(result.stdout + result.stderr).not.toContain(key);
}

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(REPO, 'docs', 'inventory.schema.json'), 'utf8')) as object);

function parsed(result: Run): InventoryReport {
  const report = JSON.parse(result.stdout) as InventoryReport;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return report;
}

const keyGroups = (report: InventoryReport) => report.groups.filter((group): group is KeyGroup => group.kind === 'key');
const variable = (report: InventoryReport, name: string) => report.groups.find((group): group is VariableGroup => group.kind === 'variable' && group.name === name);
const places = (usages: ReadonlyArray<{ kind: string; file: string; line: number; package: string; service?: string }>) =>
  usages.map((usage) => `${usage.kind} ${usage.package}${usage.service ? `/${usage.service}` : ''} ${usage.file}:${usage.line}`);

/** A copy of the demo app, inventoried as soon as the file loads: each CLI run loads ESLint, so the two runs overlap. */
function leakyAppRun(): Promise<Run> {
  const app = tempDir('inventory-leaky');
  dirs.push(app);
  cpSync(join(REPO, 'examples', 'leaky-app'), app, { recursive: true });
  return run(['inventory', '--format', 'json'], app);
}
const leakyApp = leakyAppRun();

describe('inventory of examples/leaky-app', () => {
  let runs: Record<'json' | 'text' | 'markdown', Run>;
  beforeAll(async () => {
    const json = await leakyApp;
    // The text and Markdown renderers are pure: fed the report the CLI printed, they print what it would.
    const report = JSON.parse(json.stdout) as InventoryReport;
    runs = { json, text: { ...json, stdout: renderInventoryText(report) }, markdown: { ...json, stdout: renderInventoryMarkdown(report) } };
  });

  it('groups every planted key by its masked form and fingerprint, and exits 0', () => {
    expect(runs.json.status).toBe(0);
    const report = parsed(runs.json);
    const groups = keyGroups(report);
    expect(groups.map((group) => group.fingerprint).sort()).toEqual(PLANTED.map(keyFingerprint).sort());
    for (const key of PLANTED) {
      const group = groups.find((item) => item.fingerprint === keyFingerprint(key))!;
      expect(group).toMatchObject({ id: `key:${keyFingerprint(key)}`, masked: masked(key), packages: ['leaky-app'] });
      expect(group.usages.every((usage) => usage.kind === 'hardcoded-key')).toBe(true);
    }
    // The committed .env sets the variable to a key, and the fallback read holds another.
    expect(groups.find((group) => group.fingerprint === keyFingerprint(PLANTED[10]!))).toMatchObject({ variables: ['CLOCKWORK_API_KEY'], usages: [{ file: '.env.production', line: 4 }] });
    expect(groups.find((group) => group.fingerprint === keyFingerprint(PLANTED[2]!))).toMatchObject({ variables: ['CLOCKWORK_API_KEY'], usages: [{ file: 'src/notify.mjs', line: 4 }] });
  });

  it('groups the variables with their reads and settings, and the clients with their imports and URLs', () => {
    const report = parsed(runs.json);
    expect(places(variable(report, 'CLOCKWORK_API_KEY')!.usages)).toEqual([
      'dotenv leaky-app .env.production:4',
      'env-read leaky-app src/debug.js:7',
      'env-read leaky-app src/notify.mjs:4',
    ]);
    expect(places(variable(report, 'NEXT_PUBLIC_CLOCKWORK_KEY')!.usages)).toEqual(['env-read leaky-app src/components/Balance.tsx:9']);
    const clients = report.groups.find((group) => group.kind === 'clients')!;
    expect(places(clients.usages.filter((usage) => usage.kind === 'client-import'))).toContain('client-import leaky-app src/sms.js:5');
    expect(places(clients.usages.filter((usage) => usage.kind === 'client-import'))).toContain('client-import leaky-app src/balance.ts:11');
    expect(clients.usages.filter((usage) => usage.kind === 'api-url').map((usage) => usage.file)).toEqual(expect.arrayContaining(['src/balance.ts', 'src/components/Balance.tsx', 'src/notify.mjs']));
  });

  it('never prints a full key, in any format', () => {
    for (const result of Object.values(runs)) {
      expect(result.status).toBe(0);
      expectNoKey(result);
    }
    expect(runs.text.stdout).toContain(`Key ${masked(PLANTED[6]!)} fingerprint ${keyFingerprint(PLANTED[6]!)}`);
    expect(runs.text.stdout).toContain('Variable CLOCKWORK_API_KEY — 3 usages in leaky-app');
    expect(runs.markdown.stdout).toContain(`## Key \`${masked(PLANTED[6]!)}\` (fingerprint \`${keyFingerprint(PLANTED[6]!)}\`)`);
    expect(runs.markdown.stdout).toContain('| leaky-app |  | `src/debug.js:7` | env read | reads process.env.CLOCKWORK_API_KEY |');
  });
});

function deploymentRun(): Promise<Run> {
  const root = tempDir('inventory-deploy');
  dirs.push(root);
  writeFiles(root, {
    'package.json': '{ "name": "acme", "private": true, "workspaces": ["packages/*"] }',
    '.env.example': '# Clockwork\nCLOCKWORK_API_KEY=\nPORT=3000\n',
    'docker-compose.yml': [
      'services:',
      '  api:',
      '    image: acme/api',
      '    environment:',
      '      - CLOCKWORK_API_KEY=${CLOCKWORK_API_KEY}',
      '      - PORT=3000',
      '  worker:',
      '    image: acme/worker',
      '    environment:',
      `      CLOCKWORK_API_KEY: ${DEPLOYED_KEY}`,
      '',
    ].join('\n'),
    'k8s/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: sms-api',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          env:',
      '            - name: CLOCKWORK_API_KEY',
      '              valueFrom:',
      '                secretKeyRef:',
      '                  name: clockwork',
      '                  key: api-key',
      '',
    ].join('\n'),
    '.github/workflows/ci.yml': [
      'name: ci',
      'on: push',
      'jobs:',
      '  integration:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      CLOCKWORK_API_KEY: ${{ secrets.CLOCKWORK_API_KEY }}',
      '    steps:',
      '      - run: npm test',
      '',
    ].join('\n'),
    'packages/api/package.json': '{ "name": "@acme/api", "type": "module" }',
    'packages/api/clockwork-secrets.json': '{\n  "provider": "env",\n  "names": [\n    "CLOCKWORK_API_KEY"\n  ],\n  "modules": ["ts-esm"]\n}\n',
    'packages/api/src/send.ts': [
      "import Clockwork from 'clockworksms';",
      "import { clockworkSecret } from '../clockwork-secrets.js';",
      '',
      "const client = new Clockwork({ key: clockworkSecret('CLOCKWORK_API_KEY') });",
      'const { CLOCKWORK_FROM: from = "Acme" } = process.env;',
      "export const region = import.meta.env.CLOCKWORK_REGION ?? process.env['CLOCKWORK_REGION'];",
      'export { client, from };',
      '',
    ].join('\n'),
    'packages/worker/package.json': '{ "name": "@acme/worker" }',
    'packages/worker/src/job.js': `const clockwork = require('clockwork')({ key: process.env.CLOCKWORK_API_KEY || '${DEPLOYED_KEY}' });\nmodule.exports = { clockwork };\n`,
  });
  return run(['inventory', '.', '--format', 'json'], root);
}
const deployment = deploymentRun();

describe('inventory of deployment config and a monorepo', () => {
  let report: InventoryReport;
  let result: Run;
  beforeAll(async () => {
    result = await deployment;
    report = parsed(result);
  });

  it('lists every place that sets or reads the variable, with its package and service', () => {
    expect(result.status).toBe(0);
    expectNoKey(result);
    expect(places(variable(report, 'CLOCKWORK_API_KEY')!.usages)).toEqual([
      'dotenv acme .env.example:2',
      'ci acme/integration .github/workflows/ci.yml:7',
      'compose acme/api docker-compose.yml:5',
      'compose acme/worker docker-compose.yml:10',
      'kubernetes acme/sms-api k8s/deployment.yaml:11',
      'secrets-module @acme/api packages/api/clockwork-secrets.json:4',
      'secrets-module @acme/api packages/api/src/send.ts:4',
      'env-read @acme/worker packages/worker/src/job.js:1',
    ]);
    expect(variable(report, 'CLOCKWORK_API_KEY')!.packages).toEqual(['@acme/api', '@acme/worker', 'acme']);
    const details = variable(report, 'CLOCKWORK_API_KEY')!.usages.map((usage) => usage.detail);
    expect(details).toContain('sets CLOCKWORK_API_KEY: from ${{ secrets.CLOCKWORK_API_KEY }}');
    expect(details).toContain('sets CLOCKWORK_API_KEY: no value');
    expect(details).toContain('sets CLOCKWORK_API_KEY: from secretKeyRef name=clockwork key=api-key');
    expect(details).toContain(`sets CLOCKWORK_API_KEY: value ${masked(DEPLOYED_KEY)}, fingerprint ${keyFingerprint(DEPLOYED_KEY)}`);
    expect(places(variable(report, 'CLOCKWORK_FROM')!.usages)).toEqual(['env-read @acme/api packages/api/src/send.ts:5']);
    expect(places(variable(report, 'CLOCKWORK_REGION')!.usages)).toEqual(['env-read @acme/api packages/api/src/send.ts:6', 'env-read @acme/api packages/api/src/send.ts:6']);
    expect(variable(report, 'PORT')).toBeUndefined();
  });

  it('groups one key across packages and files, and lists the clients', () => {
    const [group, ...others] = keyGroups(report);
    expect(others).toEqual([]);
    expect(group).toMatchObject({ masked: masked(DEPLOYED_KEY), fingerprint: keyFingerprint(DEPLOYED_KEY), variables: ['CLOCKWORK_API_KEY'], packages: ['@acme/worker', 'acme'] });
    expect(places(group!.usages)).toEqual(['hardcoded-key acme docker-compose.yml:10', 'hardcoded-key @acme/worker packages/worker/src/job.js:1']);
    const clients = report.groups.find((item) => item.kind === 'clients')!;
    expect(places(clients.usages)).toEqual([
      'client-import @acme/api packages/api/src/send.ts:1',
      'client-construction @acme/api packages/api/src/send.ts:4',
      'client-import @acme/worker packages/worker/src/job.js:1',
    ]);
  });
});

const usageErrors = Promise.all([run(['inventory', '--format', 'sarif'], REPO), run(['inventory', 'no/such/folder'], REPO)]);

describe('exit codes', () => {
  it('exits 0 whatever it finds (above), 2 on a usage or I/O error', async () => {
    const [badFormat, missing] = await usageErrors;
    expect(badFormat).toMatchObject({ status: 2, stdout: '' });
    expect(badFormat.stderr).toContain('inventory --format must be text, json or markdown.');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No such file or folder');
  });
});

describe('the fingerprint', () => {
  it('is stable, short, and not the key', () => {
    const key = fakeKey('fingerprint');
    expect(keyFingerprint(key)).toBe(keyFingerprint(key));
    expect(keyFingerprint(key)).toMatch(/^[0-9a-f]{12}$/);
    expect(key).not.toContain(keyFingerprint(key));
    // Domain-separated: not a prefix of the key's plain SHA-256, which anyone could precompute.
    expect(createHash('sha256').update(key).digest('hex').startsWith(keyFingerprint(key))).toBe(false);
    expect(keyFingerprint(fakeKey('another'))).not.toBe(keyFingerprint(key));
  });
});
