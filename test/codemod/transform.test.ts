/**
 * The codemod, one behaviour per fixture, in process (react-codemod's `defineTest` and
 * jscodeshift's `applyTransform` are the models): each folder of test/fixtures/codemod/ is a
 * package (its package.json, and a tsconfig.json where the TypeScript output kind matters) with
 * one `input.<ext>`, somewhere in it, and its expected output beside it. For every provider the
 * input goes through what `fix` does to one file, on the fixture's own path: `keysInFile`, then
 * `planNames` (with an empty `.env`), then `rewriteFile`.
 *
 * `output.<ext>` is the output for every provider that has no `output.<provider>.<ext>` of its
 * own; call sites are provider-neutral, so most fixtures have just the one. Keys are written as
 * `{{KEY_A}}` placeholders (fake values from test/support), in inputs and goldens alike.
 * UPDATE_FIXTURES=1 rewrites the goldens (review the diff before committing).
 *
 * Then: every TypeScript output type-checks with its generated module under `--strict`, a second
 * run changes nothing, and at the CLI level the same tree gives the same bytes and names whatever
 * the worker count or the order the files are named in.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysInFile, rewriteFile, type FileOutcome } from '../../src/codemod/rewrite-file.js';
import type { KeyRecord } from '../../src/codemod/rewrite.js';
import { settingsFrom } from '../../src/codemod/settings.js';
import { planNames } from '../../src/detect/naming.js';
import { DEFAULT_PROVIDER_SETTINGS, renderSecretsModule, secretsModuleFileName, type Provider } from '../../src/providers/index.js';
import { REPO, removeDir, render, tempDir, templatize, writeFiles } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'codemod');
const PROVIDERS = ['env', 'aws', 'vault', 'conjur'] as const satisfies readonly Provider[];
const UPDATE = process.env.UPDATE_FIXTURES === '1';

/**
 * What the report says of each key, per fixture: `line:column`, then the name and how it is read,
 * or why it was left (`marked` when a marker comment says so in the code). `remote` is for aws,
 * vault and conjur where they differ from env.
 */
const LOAD_TIME = 'read while a CommonJS file loads, before loadClockworkSecrets() can run';
const KEYS: Record<string, { env: string[]; remote?: string[] }> = {
  'bom-crlf': { env: ['5:27 CLOCKWORK_API_KEY, sync read'] },
  'cjs-async-function': { env: ['4:38 CLOCKWORK_API_KEY, async read'] },
  'cjs-client-top-level': { env: ['2:47 CLOCKWORK_API_KEY, sync read'], remote: [`2:47 CLOCKWORK_API_KEY, marked: ${LOAD_TIME}`] },
  'cjs-sync-function': { env: ['4:36 CLOCKWORK_API_KEY, sync read'] },
  'comment-key': { env: ['3:27 redacted'] },
  'email-gateway': { env: ['2:74 CLOCKWORK_API_KEY, sync read'] },
  'esm-top-level': { env: ['3:43 CLOCKWORK_API_KEY, sync read'] },
  'existing-import': { env: ['6:31 CLOCKWORK_MARKETING_KEY, sync read'] },
  'jquery-page-script': { env: ['5:12 CLOCKWORK_API_KEY, marked: runs in the browser (a page script that uses the DOM)'] },
  'js-env-fallback': { env: ['4:42 CLOCKWORK_KEY, env read'], remote: ['4:42 CLOCKWORK_KEY, sync read'] },
  'jsx-attribute-server-component': { env: ['10:32 CLOCKWORK_BALANCE_API_KEY, sync read'] },
  'next-use-client': { env: ["4:64 CLOCKWORK_API_KEY, marked: runs in the browser (marked 'use client')"] },
  'partial-import': { env: ['9:33 CLOCKWORK_MARKETING_KEY, sync read'] },
  'shebang-use-strict': { env: ['6:79 CLOCKWORK_API_KEY, async read'] },
  'string-enum-member': { env: ['2:16 CLOCKWORK_KEY_PRODUCTION, left: a string enum member cannot read a value at run time'] },
  'ts-commonjs-async': { env: ['4:31 CLOCKWORK_API_KEY, async read'] },
  'ts-env-fallback': { env: ['6:46 CLOCKWORK_KEY, env read'], remote: ['6:46 CLOCKWORK_KEY, sync read'] },
  'ts-env-fallback-in-expression': { env: ['1:116 CLOCKWORK_KEY, env read'], remote: ['1:116 CLOCKWORK_KEY, sync read'] },
  'ts-environment-config': { env: ['8:26 CLOCKWORK_API_KEY_PRODUCTION, sync read', '11:26 CLOCKWORK_API_KEY_STAGING, sync read'] },
  'url-concatenation': { env: ['2:62 CLOCKWORK_API_KEY, sync read'] },
  'url-template': { env: ['2:59 CLOCKWORK_API_KEY, sync read'] },
  'vite-react-component': {
    env: ['4:62 CLOCKWORK_API_KEY, marked: runs in the browser (part of a browser-only build: a Vite or Create React App source folder)'],
  },
  'xml-payload': { env: ['5:64 CLOCKWORK_API_KEY, sync read'] },
};

/** The browser fixtures: never rewritten, only marked. */
const BROWSER = ['jquery-page-script', 'next-use-client', 'vite-react-component'];

function summary(key: KeyRecord): string {
  const at = `${key.line}:${key.column}`;
  if (key.mode === 'comment') return `${at} redacted`;
  if (key.rewritten) return `${at} ${key.name}, ${key.mode} read`;
  return `${at} ${key.name}, ${key.marked ? 'marked' : 'left'}: ${key.leftBecause}`;
}

/** Types the TypeScript outputs need beyond Node's: the client module and a JSX namespace. */
const AMBIENT_TYPES = `declare module 'clockworksms' {
  export function createClient(key: string): { send(to: string, content: string): Promise<void> };
}
declare namespace JSX {
  interface IntrinsicElements { [name: string]: Record<string, unknown> }
  interface Element {}
  interface ElementChildrenAttribute { children: {} }
}
`;

interface Fixture {
  name: string;
  dir: string;
  input: string;
  ext: string;
}

interface Run {
  source: string;
  outcome: FileOutcome;
  /** The file after the run: the source itself when unchanged. */
  after: string;
}

function findInputs(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return findInputs(path);
    return entry.startsWith('input.') ? [path] : [];
  });
}

const fixtures: Fixture[] = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
  .sort()
  .map((name) => {
    const dir = join(FIXTURES, name);
    const inputs = findInputs(dir);
    if (inputs.length !== 1) throw new Error(`fixture ${name} needs exactly one input file, has ${inputs.length}`);
    return { name, dir, input: inputs[0]!, ext: extname(inputs[0]!) };
  });

/** What `fix` does to one file of a run that holds only this file, with an empty `.env`. */
function transform(path: string, source: string, provider: Provider): Run {
  const settings = settingsFrom({ provider });
  const found = keysInFile(path, source, settings.detector);
  if (found.error !== undefined) throw new Error(`${path}: ${found.error}`);
  const names = planNames(found.keys, new Map());
  const { outcome, output } = rewriteFile(path, source, settings, names);
  return { source, outcome, after: output ?? source };
}

function goldenPath(fixture: Fixture, provider?: Provider): string {
  return join(dirname(fixture.input), `output${provider ? `.${provider}` : ''}${fixture.ext}`);
}

function goldenFiles(fixture: Fixture): string[] {
  const dir = dirname(fixture.input);
  return readdirSync(dir).filter((file) => file.startsWith('output.')).map((file) => join(dir, file));
}

/** The output shared by most providers goes to `output.<ext>`, each other one to `output.<provider>.<ext>`. */
function writeGoldens(fixture: Fixture, outputs: ReadonlyMap<Provider, string>): void {
  for (const file of goldenFiles(fixture)) unlinkSync(file);
  const groups = new Map<string, Provider[]>();
  for (const provider of PROVIDERS) {
    const text = outputs.get(provider)!;
    groups.set(text, [...(groups.get(text) ?? []), provider]);
  }
  const [shared, ...others] = [...groups].sort((a, b) => b[1].length - a[1].length);
  writeFileSync(goldenPath(fixture), shared![0]);
  for (const [text, providers] of others) for (const provider of providers) writeFileSync(goldenPath(fixture, provider), text);
}

function expectedOutput(fixture: Fixture, provider: Provider): string {
  const own = goldenPath(fixture, provider);
  return readFileSync(existsSync(own) ? own : goldenPath(fixture), 'utf8');
}

const runs = new Map<string, Run>();
const runOf = (fixture: Fixture, provider: Provider) => runs.get(`${fixture.name}/${provider}`)!;

beforeAll(() => {
  for (const fixture of fixtures) {
    const source = render(readFileSync(fixture.input, 'utf8'));
    for (const provider of PROVIDERS) runs.set(`${fixture.name}/${provider}`, transform(fixture.input, source, provider));
    if (UPDATE) writeGoldens(fixture, new Map(PROVIDERS.map((provider) => [provider, templatize(runOf(fixture, provider).after)])));
  }
});

describe.each(fixtures)('$name', (fixture) => {
  it.each(PROVIDERS)('%s: rewrites the input as its golden', (provider) => {
    const run = runOf(fixture, provider);
    expect(run.outcome.error).toBeUndefined();
    expect(templatize(run.after)).toBe(expectedOutput(fixture, provider));
  });

  it.each(PROVIDERS)('%s: reports each key', (provider) => {
    const expected = KEYS[fixture.name];
    expect(expected, `no expected keys for fixture ${fixture.name}`).toBeDefined();
    const keys = provider === 'env' ? expected!.env : (expected!.remote ?? expected!.env);
    expect(runOf(fixture, provider).outcome.keys.map(summary)).toEqual(keys);
  });

  it.each(PROVIDERS)('%s: a second run changes nothing', (provider) => {
    const again = transform(fixture.input, runOf(fixture, provider).after, provider);
    expect(again.outcome.status).toBe('unchanged');
  });
});

describe('goldens', () => {
  it('no two are byte-identical: a provider gets its own golden only where its output differs', () => {
    const seen = new Map<string, string>();
    for (const file of fixtures.flatMap(goldenFiles)) {
      const text = readFileSync(file, 'utf8');
      expect(seen.get(text), `${relative(FIXTURES, file)} repeats another golden`).toBeUndefined();
      seen.set(text, relative(FIXTURES, file));
    }
  });

  it('each fixture has a shared golden and per-provider ones only for known providers', () => {
    for (const fixture of fixtures) {
      expect(existsSync(goldenPath(fixture)), fixture.name).toBe(true);
      const allowed = new Set([goldenPath(fixture), ...PROVIDERS.map((provider) => goldenPath(fixture, provider))]);
      for (const file of goldenFiles(fixture)) expect(allowed.has(file), relative(FIXTURES, file)).toBe(true);
    }
    expect(Object.keys(KEYS).sort()).toEqual(fixtures.map((fixture) => fixture.name));
  });
});

describe('what a rewrite keeps', () => {
  const byName = (name: string) => fixtures.find((fixture) => fixture.name === name)!;

  it.each(BROWSER)('%s: browser code gets a marker line and nothing else', (name) => {
    for (const provider of PROVIDERS) {
      const run = runOf(byName(name), provider);
      const markers = run.after.split('\n').filter((line) => line.trim().startsWith('// @clockwork-secrets: this code runs in the browser'));
      expect(markers).toHaveLength(1);
      expect(run.after.split('\n').filter((line) => !markers.includes(line)).join('\n')).toBe(run.source);
      expect(run.outcome.keys.every((key) => key.marked && !key.rewritten && key.leftBecause?.startsWith('runs in the browser'))).toBe(true);
      expect(run.outcome.moduleKind).toBeUndefined();
    }
  });

  it('a BOM and CRLF line endings', () => {
    const { after } = runOf(byName('bom-crlf'), 'env');
    expect(after.startsWith('\uFEFF// Reminder jobs.\r\n')).toBe(true);
    expect(after.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('a shebang and a directive stay first', () => {
    const { after } = runOf(byName('shebang-use-strict'), 'vault');
    expect(after.startsWith("#!/usr/bin/env node\n'use strict';\n")).toBe(true);
  });

  it('a comment key leaves no key and no import', () => {
    const { after, outcome } = runOf(byName('comment-key'), 'vault');
    expect(templatize(after)).not.toMatch(/\{\{\w+\}\}/);
    expect(after).not.toContain('clockwork-secrets');
    expect(outcome.moduleKind).toBeUndefined();
  });

  it('an existing import is not repeated', () => {
    const { after } = runOf(byName('existing-import'), 'aws');
    expect(after.match(/from '\.\/clockwork-secrets\.mjs'/g)).toHaveLength(1);
  });
});

describe('TypeScript outputs', () => {
  /**
   * One program for every TypeScript output and the generated module beside it (rendered for the
   * names the output reads), in memory under a folder per provider and fixture. Each folder's
   * package.json says what the codemod found the package compiles to (`type: module` for ts-esm,
   * where top-level await needs it), so NodeNext reads each file as its package runs it.
   */
  it('type-check under --strict, with their generated modules', () => {
    const root = join(REPO, 'test', '.tmp', 'transform-typecheck');
    const files = new Map<string, string>([[join(root, 'ambient.d.ts'), AMBIENT_TYPES]]);
    for (const fixture of fixtures.filter((item) => item.ext === '.ts' || item.ext === '.tsx')) {
      const manifest = JSON.parse(readFileSync(join(fixture.dir, 'package.json'), 'utf8')) as { type?: string };
      for (const provider of PROVIDERS) {
        const { after, outcome } = runOf(fixture, provider);
        const dir = join(root, provider, fixture.name);
        const type = outcome.moduleKind === 'ts-esm' ? 'module' : outcome.moduleKind === 'ts-cjs' ? 'commonjs' : (manifest.type ?? 'commonjs');
        files.set(join(dir, 'package.json'), JSON.stringify({ type }));
        files.set(join(dir, relative(fixture.dir, fixture.input)), after);
        if (outcome.moduleKind === undefined) continue;
        const names = [...new Set(outcome.keys.filter((key) => key.rewritten && key.mode !== 'comment').map((key) => key.name))];
        const moduleDir = existsSync(join(fixture.dir, 'src')) ? join(dir, 'src') : dir;
        files.set(join(moduleDir, secretsModuleFileName(outcome.moduleKind)), renderSecretsModule(provider, outcome.moduleKind, names, DEFAULT_PROVIDER_SETTINGS));
      }
    }
    expect(typecheck(files)).toBe('');
  });
});

/** `tsc --noEmit --strict` over in-memory files, resolving packages from the repository. */
function typecheck(files: ReadonlyMap<string, string>): string {
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      jsx: 'preserve',
      types: ['node'],
      typeRoots: [join(REPO, 'node_modules', '@types')],
      skipLibCheck: true,
    },
    REPO,
  );
  expect(errors).toEqual([]);
  const dirs = new Set([...files.keys()].flatMap((file) => ancestors(dirname(file))));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, directoryExists, getSourceFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
  host.readFile = (file) => files.get(file) ?? readFile.call(host, file);
  host.directoryExists = (dir) => dirs.has(dir) || (directoryExists?.call(host, dir) ?? false);
  host.realpath = (path) => (files.has(path) || dirs.has(path) ? path : ts.sys.realpath?.(path) ?? path);
  host.getSourceFile = (file, language, ...rest) => {
    const text = files.get(file);
    return text === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, text, language);
  };
  const roots = [...files.keys()].filter((file) => /\.tsx?$/.test(file));
  const program = ts.createProgram(roots, options, host);
  return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => REPO,
    getNewLine: () => '\n',
  });
}

function ancestors(dir: string): string[] {
  const list: string[] = [];
  for (let current = dir; current.startsWith(REPO); current = dirname(current)) list.push(current);
  return list;
}

describe('fix on a tree', () => {
  /**
   * About 40 files of one package where names need every tier: the same holder name for twelve
   * values across many functions and files, environment files, TypeScript and comment keys.
   * The built `fix` runs it: under vitest the source one cannot start its worker threads. (It starts
   * at most one worker per core, so "four" means two on a two-core runner, and none on one core.)
   */
  const key = (index: number) => fakeKey(`transform tree ${index}`);
  const tree: Record<string, string> = { 'package.json': JSON.stringify({ name: 'tree', private: true }) };
  for (let index = 0; index < 28; index++) {
    const stem = `job-${String(index).padStart(2, '0')}`;
    const fn = ['sendReminder', 'sendAlert', 'sendReceipt'][index % 3];
    tree[`src/jobs/${stem}.js`] = `const Clockwork = require('clockwork');

async function ${fn}(to) {
  const clockworkKey = '${key(index % 12)}';
  return Clockwork({ key: clockworkKey }).sendSms({ To: to, Content: '${stem}' });
}

module.exports = { ${fn} };
`;
  }
  for (const [index, environment] of ['production', 'staging', 'development'].entries()) {
    tree[`src/config/${environment}.mjs`] = `export default { clockwork: { apiKey: '${key(20 + index)}' } };\n`;
  }
  for (let index = 0; index < 6; index++) {
    tree[`src/routes/route-${index}.ts`] = `import { createClient } from 'clockworksms';

export async function handler(to: string): Promise<void> {
  await createClient('${key(index % 4)}').send(to, 'route ${index}');
}
`;
  }
  tree['src/settings.js'] = `module.exports = { clockwork: { apiKey: process.env.CLOCKWORK_KEY || '${key(30)}' } };\n`;
  tree['src/client.js'] = `const clockwork = require('clockwork')({ key: '${key(31)}' });\nmodule.exports = clockwork;\n`;
  tree['src/notes.js'] = `// The old Clockwork key ${key(32)} was revoked.\nmodule.exports = {};\n`;

  let root: string;
  beforeAll(() => {
    root = tempDir('transform-tree');
  });
  afterAll(() => removeDir(root));

  it('writes the same bytes and names with 1 or 4 workers, and with the files named in reverse order', async () => {
    const { fix } = (await import(pathToFileURL(join(REPO, 'dist', 'src', 'cli', 'fix.js')).href)) as typeof import('../../src/cli/fix.js');
    const sources = Object.keys(tree).filter((file) => file.startsWith('src/'));
    // Side by side: each run has its own copy, and the in-process one runs while the others' workers do.
    const runs = [
      { label: 'one worker', workers: 1, paths: (dir: string) => [join(dir, 'src')] },
      { label: 'four workers', workers: 4, paths: (dir: string) => [join(dir, 'src')] },
      { label: 'four workers, files in reverse order', workers: 4, paths: (dir: string) => sources.map((file) => join(dir, file)).reverse() },
    ];
    const results = await Promise.all(
      runs.map(async ({ label, workers, paths }) => {
        const dir = join(root, label.replaceAll(/\W+/g, '-'));
        writeFiles(dir, tree);
        const report = await fix({ paths: paths(dir), dryRun: false, workers, transformOptions: { provider: 'vault' }, force: true });
        expect(report.failed, label).toEqual([]);
        const names = report.keys.map((item) => `${relative(dir, item.path).split(sep).join('/')}:${item.line}:${item.column} ${item.name}`).sort();
        return { label, files: snapshot(dir), names };
      }),
    );
    const [one, ...others] = results;
    // Every source file, .env, .env.example, the names file and a module per kind; names need more than the base.
    expect(Object.keys(one!.files).length).toBeGreaterThan(Object.keys(tree).length + 3);
    expect(new Set(one!.names.map((line) => line.split(' ')[1])).size).toBeGreaterThan(12);
    for (const other of others) {
      expect(other.names, other.label).toEqual(one!.names);
      expect(other.files, other.label).toEqual(one!.files);
    }
  });
});

/** Every file under `dir`, by its path from `dir`, as a digest (`.env` holds the keys). */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[relative(dir, full).split(sep).join('/')] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return files;
}
