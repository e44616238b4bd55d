/**
 * Input/output fixtures for every provider × module kind (CommonJS, ES module, TypeScript, TSX),
 * run through `clockwork-secrets fix` over real files. The TypeScript outputs and the generated
 * modules are then type-checked with `tsc --noEmit --strict`, and a second run changes nothing.
 *
 * UPDATE_FIXTURES=1 rewrites the expected outputs (review the diff before committing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fix, type FixReport } from '../../src/cli/fix.js';
import { parseDotenv } from '../../src/codemod/dotenv.js';
import { FIXTURE_VALUES, REPO, removeDir, render, tempDir, templatize, writeFiles } from '../support/codemod-project.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'codemod');
const PROVIDERS = ['env', 'aws', 'vault', 'conjur'] as const;
const KINDS = [
  { kind: 'cjs', input: 'input.js', packageType: 'commonjs' },
  { kind: 'esm', input: 'input.mjs', packageType: 'module' },
  { kind: 'ts', input: 'input.ts', packageType: 'module' },
  { kind: 'tsx', input: 'input.tsx', packageType: 'module' },
] as const;
const UPDATE = process.env.UPDATE_FIXTURES === '1';

/** Types the TypeScript fixtures need: the client modules and a JSX namespace. */
const AMBIENT_TYPES = `declare module 'clockworksms' {
  export function createClient(key: string): { send(to: string, content: string): Promise<void> };
}
declare namespace JSX {
  interface IntrinsicElements { [name: string]: Record<string, unknown> }
  interface Element {}
  interface ElementChildrenAttribute { children: {} }
}
`;

const root = tempDir('fixtures');
const runs = new Map<string, { dir: string; report: FixReport }>();

function outputName(input: string, provider: string): string {
  const dot = input.lastIndexOf('.');
  return `output.${provider}${input.slice(dot)}`;
}

beforeAll(async () => {
  for (const provider of PROVIDERS) {
    for (const { kind, input, packageType } of KINDS) {
      const dir = join(root, provider, kind);
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ name: `fixture-${kind}`, private: true, type: packageType }),
      };
      for (const file of readdirSync(join(FIXTURES, kind)).filter((name) => !name.startsWith('output.'))) {
        files[`src/${file}`] = render(readFileSync(join(FIXTURES, kind, file), 'utf8'));
      }
      writeFiles(dir, files);
      const report = await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider } });
      runs.set(`${provider}/${kind}`, { dir, report });
    }
  }
});

afterAll(() => removeDir(root));

describe.each(PROVIDERS)('provider %s', (provider) => {
  it.each(KINDS)('rewrites the $kind fixture as expected', ({ kind, input }) => {
    const { dir, report } = runs.get(`${provider}/${kind}`)!;
    const actual = templatize(readFileSync(join(dir, 'src', input), 'utf8'));
    const expectedPath = join(FIXTURES, kind, outputName(input, provider));
    if (UPDATE) writeFileSync(expectedPath, actual);
    expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    expect(report.failed).toEqual([]);
    expect(report.keys.length).toBeGreaterThanOrEqual(3);
  });

  it.each(KINDS)('records every value of the $kind fixture in .env, once, and the names in .env.example', ({ kind }) => {
    const { dir, report } = runs.get(`${provider}/${kind}`)!;
    const env = parseDotenv(readFileSync(join(dir, '.env'), 'utf8'));
    const values = new Set(report.keys.map((key) => key.value));
    expect(new Set(env.values())).toEqual(values);
    expect(env.size).toBe(values.size);
    for (const key of report.keys) expect(env.get(key.name)).toBe(key.value);
    expect([...parseDotenv(readFileSync(join(dir, '.env.example'), 'utf8')).entries()]).toEqual([...env.keys()].map((name) => [name, '']));
    // test/.tmp is git-ignored already: git says so, and no entry is added.
    expect(report.secretFiles.get(join(dir, '.env'))?.protection).toBe('ignored by git');
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
    expect(values.has(FIXTURE_VALUES.SHA!)).toBe(false);
  });

  it.each(KINDS)('changes nothing in the $kind fixture on a second run', async ({ kind }) => {
    const { dir } = runs.get(`${provider}/${kind}`)!;
    const before = snapshot(dir);
    const again = await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider } });
    expect(again.keys).toEqual([]);
    expect(again.changes).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('generated modules', () => {
  it.each(PROVIDERS.filter((provider) => provider !== 'env'))('%s: one per module kind, loading the names it serves', (provider) => {
    for (const { kind } of KINDS) {
      const { dir, report } = runs.get(`${provider}/${kind}`)!;
      const file = { cjs: 'clockwork-secrets.cjs', esm: 'clockwork-secrets.mjs', ts: 'clockwork-secrets.ts', tsx: 'clockwork-secrets.ts' }[kind];
      const source = readFileSync(join(dir, 'src', file), 'utf8');
      const names = [...new Set(report.keys.filter((key) => key.mode !== 'comment').map((key) => key.name))].sort();
      expect(source).toContain(`SECRET_NAMES${kind === 'ts' || kind === 'tsx' ? ': readonly string[]' : ''} = ${JSON.stringify(names)};`);
      expect(source).toContain(`(provider: ${provider})`);
    }
  });

  it('the env provider generates none', () => {
    for (const { kind } of KINDS) {
      const files = readdirSync(join(runs.get(`env/${kind}`)!.dir, 'src'));
      expect(files.some((file) => file.startsWith('clockwork-secrets'))).toBe(false);
    }
  });
});

describe('TypeScript outputs', () => {
  it('type-check under tsc --noEmit --strict, generated modules included', () => {
    const dir = join(root, 'typecheck');
    writeFiles(dir, {
      'ambient.d.ts': AMBIENT_TYPES,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext',
          jsx: 'preserve', types: ['node'], typeRoots: [join(REPO, 'node_modules', '@types')], skipLibCheck: true,
        },
        include: ['ambient.d.ts', ...PROVIDERS.flatMap((provider) => [`../${provider}/ts/src/*.ts`, `../${provider}/tsx/src/*.tsx`, `../${provider}/tsx/src/*.ts`])],
      }),
    });
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
    expect(existsSync(join(root, 'aws', 'ts', 'src', 'clockwork-secrets.ts'))).toBe(true);
  });
});

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[full] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}
