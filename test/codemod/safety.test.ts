/**
 * Nothing lost, nothing broken: parse errors leave files untouched, existing `.env` entries are
 * never overwritten, BOM and CRLF survive, and parallel jscodeshift workers agree on names.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fix } from '../../src/cli/fix.js';
import { parseDotenv } from '../../src/codemod/dotenv.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { REPO, removeDir, tempDir, writeFiles } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function project(label: string, files: Record<string, string>): string {
  const dir = tempDir(label);
  dirs.push(dir);
  writeFiles(dir, { 'package.json': '{ "name": "p", "private": true }', ...files });
  return dir;
}

const A = fakeKey('safety A');
const B = fakeKey('safety B');

describe('a file that does not parse', () => {
  it('is reported, left byte for byte, and the other files are still fixed', async () => {
    const broken = `const CLOCKWORK_KEY = '${A}';\nfunction (\n`;
    const dir = project('parse', { 'src/broken.js': broken, 'src/ok.js': `const CLOCKWORK_KEY = '${B}';\n` });
    const report = await fix({ paths: [dir], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    expect(readFileSync(join(dir, 'src/broken.js'), 'utf8')).toBe(broken);
    expect(report.failed.map((failure) => failure.path)).toEqual([join(dir, 'src/broken.js')]);
    expect(report.failed[0]!.error).toMatch(/^does not parse \(2:10\): Parsing error: /);
    expect(findKeyTokens(report.failed[0]!.error)).toEqual([]);
    expect(readFileSync(join(dir, 'src/ok.js'), 'utf8')).toContain("clockworkSecret('CLOCKWORK_KEY')");
    expect(parseDotenv(readFileSync(join(dir, '.env'), 'utf8'))).toEqual(new Map([['CLOCKWORK_KEY', B]]));
  });
});

describe('an existing .env', () => {
  it('is never overwritten: a taken name moves the new value to a name from its context, comments and order stay', async () => {
    const existing = `# production values\r\nCLOCKWORK_API_KEY=${B}\r\nOTHER=1`;
    const dir = project('conflict', { '.env': existing, 'src/app.js': `const CLOCKWORK_API_KEY = '${A}';\n` });
    await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    const after = readFileSync(join(dir, '.env'), 'utf8');
    expect(after).toBe(`${existing}\r\nCLOCKWORK_API_KEY_APP=${A}\r\n`);
    expect(readFileSync(join(dir, 'src/app.js'), 'utf8')).toContain("clockworkSecret('CLOCKWORK_API_KEY_APP')");
  });

  it('lends its name to a value it already holds, with no duplicate entry', async () => {
    const existing = `SMS_KEY=${A}\n`;
    const dir = project('reuse', { '.env': existing, 'src/app.js': `const CLOCKWORK_KEY = '${A}';\n` });
    await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(existing);
    expect(readFileSync(join(dir, 'src/app.js'), 'utf8')).toContain("clockworkSecret('SMS_KEY')");
  });

  it('is created readable by its owner only', async () => {
    const dir = project('mode', { 'src/app.js': `const CLOCKWORK_KEY = '${A}';\n` });
    await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
  });
});

describe('byte-level fidelity', () => {
  it('keeps a BOM and CRLF line endings, and adds its import with CRLF', async () => {
    const source = `\uFEFF'use strict';\r\n// clockwork client\r\nconst Clockwork = require('clockwork');\r\nconst client = Clockwork({ key: '${A}' });\r\n`;
    const dir = project('crlf', { 'src/app.js': source });
    await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    const after = readFileSync(join(dir, 'src/app.js'), 'utf8');
    expect(after).toBe(
      `\uFEFF'use strict';\r\n// clockwork client\r\nconst Clockwork = require('clockwork');\r\nconst { clockworkSecret } = require('./clockwork-secrets.cjs');\r\nconst client = Clockwork({ key: clockworkSecret('CLOCKWORK_API_KEY') });\r\n`,
    );
    expect(after.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });

  it('dry run writes nothing at all', async () => {
    const source = `const CLOCKWORK_KEY = '${A}';\n`;
    const dir = project('dry', { 'src/app.js': source });
    const report = await fix({ paths: [dir], dryRun: true, workers: 1, transformOptions: { provider: 'aws' } });
    expect(report.changes).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'src']);
    expect(readFileSync(join(dir, 'src/app.js'), 'utf8')).toBe(source);
  });
});

describe('plain jscodeshift with parallel workers', () => {
  it('gives one name per value across files, records each value once, and leaves no lock behind', () => {
    const values = Array.from({ length: 6 }, (_, index) => fakeKey(`parallel ${index}`));
    const files: Record<string, string> = {};
    for (let index = 0; index < 24; index++) {
      const first = values[index % values.length]!;
      const second = values[(index * 7 + 3) % values.length]!;
      files[`src/file${index}.js`] = `const Clockwork = require('clockwork');\nconst a = Clockwork({ key: '${first}' });\nconst CLOCKWORK_BACKUP_KEY = '${second}';\n`;
    }
    const dir = project('parallel', files);
    const jscodeshift = join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    const transform = join(REPO, 'dist', 'codemods', 'clockwork-secrets.js');
    const output = execFileSync(process.execPath, [jscodeshift, '--no-babel', '--cpus=4', '-t', transform, '--provider=env', 'src'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(output).toMatch(/24 ok/);
    expect(findKeyTokens(output)).toEqual([]);
    const env = parseDotenv(readFileSync(join(dir, '.env'), 'utf8'));
    expect([...env.values()].sort()).toEqual([...values].sort());
    expect(readFileSync(join(dir, '.env'), 'utf8').trim().split('\n')).toHaveLength(values.length);
    const nameOf = new Map([...env].map(([name, value]) => [value, name]));
    for (let index = 0; index < 24; index++) {
      const after = readFileSync(join(dir, `src/file${index}.js`), 'utf8');
      expect(after).toContain(`clockworkSecret('${nameOf.get(values[index % values.length]!)}')`);
      expect(after).toContain(`clockworkSecret('${nameOf.get(values[(index * 7 + 3) % values.length]!)}')`);
      expect(findKeyTokens(after)).toEqual([]);
    }
    expect(existsSync(join(dir, '.env.lock'))).toBe(false);
  });
});

describe('plain jscodeshift entry points', () => {
  const jscodeshift = join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
  const entry = join(REPO, 'dist', 'codemods', 'jscodeshift.cjs');

  it('--dry writes nothing, not even beside the code', () => {
    const dir = project('jscodeshift-dry', { 'src/app.mjs': `export const CLOCKWORK_KEY = '${A}';\n` });
    const output = execFileSync(process.execPath, [jscodeshift, '--no-babel', '--dry', '--extensions=mjs', '-t', entry, '--provider=aws', 'src'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(output).toMatch(/1 ok/);
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'src']);
    expect(readdirSync(join(dir, 'src'))).toEqual(['app.mjs']);
  });
});

describe('plain jscodeshift with a vault provider', () => {
  it('generates one module per module kind, each loading every name of the package', () => {
    const values = Array.from({ length: 3 }, (_, index) => fakeKey(`standalone vault ${index}`));
    const files: Record<string, string> = {};
    for (let index = 0; index < 6; index++) {
      const extension = index % 2 === 0 ? 'cjs' : 'mjs';
      // CommonJS reads in a function: one at load time would need the loader before it.
      files[`src/f${index}.${extension}`] =
        extension === 'cjs'
          ? `const clockworkKey = () => '${values[index % 3]}';\nexports.clockworkKey = clockworkKey;\n`
          : `export const CLOCKWORK_KEY = '${values[index % 3]}';\n`;
    }
    const dir = project('standalone-vault', files);
    const jscodeshift = join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    const transform = join(REPO, 'dist', 'codemods', 'clockwork-secrets.js');
    execFileSync(process.execPath, [jscodeshift, '--no-babel', '--cpus=2', '--extensions=cjs,mjs', '-t', transform, '--provider=vault', 'src'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const env = parseDotenv(readFileSync(join(dir, '.env'), 'utf8'));
    expect([...env.values()].sort()).toEqual([...values].sort());
    const nameOf = new Map([...env].map(([name, value]) => [value, name]));
    // The names file lists every name the package reads, and both module kinds are made from it.
    const names = JSON.parse(readFileSync(join(dir, 'src', 'clockwork-secrets.json'), 'utf8')) as { provider: string; names: string[]; modules: string[] };
    expect(names).toMatchObject({ provider: 'vault', names: [...env.keys()].sort(), modules: ['esm', 'cjs'] });
    for (const [extension, indexes] of [['cjs', [0, 2, 4]], ['mjs', [1, 3, 5]]] as const) {
      expect(existsSync(join(dir, 'src', `clockwork-secrets.${extension}`))).toBe(true);
      for (const index of indexes) {
        expect(readFileSync(join(dir, `src/f${index}.${extension}`), 'utf8')).toContain(`clockworkSecret('${nameOf.get(values[index % 3]!)}')`);
      }
    }
  });
});

describe('a fallback whose env name cannot be written as process.env.NAME', () => {
  it('reads the name its value is kept under, so the code and .env agree', async () => {
    const dir = project('hint', { 'src/app.js': `// clockwork\nconst key = process.env['sms-key'] || '${A}';\nrequire('clockwork')({ key });\n` });
    await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    const env = parseDotenv(readFileSync(join(dir, '.env'), 'utf8'));
    expect([...env.values()]).toEqual([A]);
    const [name] = [...env.keys()];
    expect(name).toMatch(/^CLOCKWORK_/);
    expect(readFileSync(join(dir, 'src/app.js'), 'utf8')).toBe(`// clockwork\nconst key = process.env.${name};\nrequire('clockwork')({ key });\n`);
  });
});

describe('escapes a template cannot hold', () => {
  it('are spelled afresh, so the rewritten string keeps its value', async () => {
    // `\\101` (an octal escape) is legal in a sloppy string but not in the template the key moves into.
    const source = `var url = "https://api.clockworksms.com/http/send.aspx?key=${A}&to=1\\101";\n`;
    const dir = project('octal', { 'src/app.js': source });
    await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    expect(readFileSync(join(dir, 'src/app.js'), 'utf8')).toBe(
      'const { clockworkSecret } = require("./clockwork-secrets.cjs");\n\nvar url = `https://api.clockworksms.com/http/send.aspx?key=${clockworkSecret("CLOCKWORK_API_KEY")}&to=1A`;\n',
    );
  });
});

describe('files where nothing can move', () => {
  it('count as unchanged: a string enum member stays, reported, and the file is not rewritten', async () => {
    const source = `enum Clockwork {\n  ApiKey = '${A}',\n}\nexport default Clockwork;\n`;
    const dir = project('enum', { 'src/app.ts': source });
    const report = await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    expect(report.changes).toEqual([]);
    expect(report.keys.map(({ rewritten, leftBecause }) => ({ rewritten, leftBecause }))).toEqual([
      { rewritten: false, leftBecause: 'a string enum member cannot read a value at run time' },
    ]);
    expect(readFileSync(join(dir, 'src/app.ts'), 'utf8')).toBe(source);
    // The value is still recorded, so moving it by hand loses nothing.
    expect(parseDotenv(readFileSync(join(dir, '.env'), 'utf8'))).toEqual(new Map([['CLOCKWORK_API_KEY', A]]));
  });
});

describe('added imports follow the file', () => {
  it('keep semicolons in a file whose top-level statements all end in braces', async () => {
    const dir = project('semicolon', {
      'src/app.mjs': `export async function send() {\n  return fetch('https://api.clockworksms.com/http/send.aspx?key=${A}');\n}\n`,
    });
    await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'vault' } });
    expect(readFileSync(join(dir, 'src/app.mjs'), 'utf8')).toBe(
      // An ES module loads its secrets as it is imported: the read is synchronous even in async code.
      "import { clockworkSecret } from './clockwork-secrets.mjs';\n\nexport async function send() {\n  return fetch(`https://api.clockworksms.com/http/send.aspx?key=${clockworkSecret('CLOCKWORK_API_KEY')}`);\n}\n",
    );
  });

  it('drop semicolons in a file written without them', async () => {
    const dir = project('no-semicolon', {
      'src/app.js': `const Clockwork = require('clockwork')\nconst client = Clockwork({ key: '${A}' })\nmodule.exports = client\n`,
    });
    await fix({ paths: [join(dir, 'src')], dryRun: false, workers: 1, transformOptions: { provider: 'env' } });
    expect(readFileSync(join(dir, 'src/app.js'), 'utf8')).toBe(
      "const Clockwork = require('clockwork')\nconst { clockworkSecret } = require('./clockwork-secrets.cjs')\nconst client = Clockwork({ key: clockworkSecret('CLOCKWORK_API_KEY') })\nmodule.exports = client\n",
    );
  });
});
