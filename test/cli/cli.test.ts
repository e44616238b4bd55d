/** The built `clockwork-secrets` binary, run as users and CI run it. */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectInSource } from '../../src/codemod/detect-in-source.js';
import { parseDotenv } from '../../src/codemod/dotenv.js';
import { listSourceFiles } from '../../src/cli/files.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { REPO, removeDir, tempDir, writeFiles } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';
import { eslintIn } from '../support/lint.js';

const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function run(args: string[], cwd = REPO) {
  // Run from the repository, whose own (dogfood) ESLint config is no project's: it is not loaded.
  const result = spawnSync(process.execPath, [CLI, ...args, '--ignore-eslint-config'], { cwd, encoding: 'utf8' });
  const output = result.stdout + result.stderr;
  // Whatever the command, nothing it prints may hold a full key.
  expect(findKeyTokens(output)).toEqual([]);
  return { code: result.status, output };
}

function project(label: string, files: Record<string, string>): string {
  const dir = tempDir(label);
  dirs.push(dir);
  writeFiles(dir, { 'package.json': '{ "name": "p", "private": true }', ...files });
  return dir;
}

describe('exit codes', () => {
  it('scan: 0 when clean, 1 when keys are found', () => {
    const clean = project('clean', { 'src/app.js': `// clockwork\nconst commitSha = '${fakeKey('sha-like')}';\n` });
    expect(run(['scan', clean])).toMatchObject({ code: 0 });
    const leaky = project('leaky', { 'src/app.js': `const CLOCKWORK_API_KEY = '${fakeKey('cli scan')}';\n` });
    const { code, output } = run(['scan', leaky]);
    expect(code).toBe(1);
    expect(output).toContain(`${fakeKey('cli scan').slice(0, 4)}… (40 chars)  held by "CLOCKWORK_API_KEY"`);
  });

  it('scan --json: findings and unparsable files, masked', () => {
    const dir = project('json', {
      'src/app.js': `const CLOCKWORK_API_KEY = '${fakeKey('cli json')}';\n`,
      'src/broken.js': `// clockwork\nconst = ;\n`,
    });
    const { code, output } = run(['scan', dir, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(output) as { filesScanned: number; findings: Array<{ masked: string }>; failed: Array<{ error: string }> };
    // src/app.js, src/broken.js, and package.json (scan reads JSON too).
    expect(report.filesScanned).toBe(3);
    expect(report.findings.map((finding) => finding.masked)).toEqual([`${fakeKey('cli json').slice(0, 4)}… (40 chars)`]);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]!.error).toMatch(/^does not parse \(2:7\)/);
  });

  it('2 for usage and I/O errors', () => {
    expect(run(['frobnicate'])).toMatchObject({ code: 2 });
    expect(run(['fix', '--provider', 'keychain'])).toMatchObject({ code: 2 });
    expect(run(['fix', '--workers', 'many'])).toMatchObject({ code: 2 });
    expect(run(['fix', '--bogus'])).toMatchObject({ code: 2 });
    expect(run(['scan', join(REPO, 'no', 'such', 'folder')])).toMatchObject({ code: 2 });
  });

  it('fix --dry-run: 1 (keys remain), a masked diff, and nothing written', () => {
    const source = `const CLOCKWORK_API_KEY = '${fakeKey('cli dry')}';\n`;
    const dir = project('dry', { 'src/app.js': source });
    const { code, output } = run(['fix', dir, '--dry-run']);
    expect(code).toBe(1);
    expect(output).toContain(`-const CLOCKWORK_API_KEY = '${fakeKey('cli dry').slice(0, 4)}… (40 chars)';`);
    expect(output).toContain("+const CLOCKWORK_API_KEY = clockworkSecret('CLOCKWORK_API_KEY');");
    expect(output).toContain('Rotate it:');
    expect(readFileSync(join(dir, 'src/app.js'), 'utf8')).toBe(source);
  });
});

describe('fix on a copy of examples/leaky-app', () => {
  it('moves every key it safely can, marks the browser one, and keeps every value the code holds', async () => {
    const dir = tempDir('leaky-app');
    dirs.push(dir);
    cpSync(join(REPO, 'examples', 'leaky-app'), dir, { recursive: true });
    const inCode = new Set<string>();
    const inComments = new Set<string>();
    for (const file of listSourceFiles([dir])) {
      const result = detectInSource(readFileSync(file, 'utf8'), file, {});
      if (result.kind !== 'parsed') continue;
      for (const detection of result.detections) (detection.site.type === 'comment' ? inComments : inCode).add(detection.value);
    }
    expect([inCode.size, inComments.size]).toEqual([8, 1]);

    const { code, output } = run(['fix', dir]);
    // SmsButton.tsx runs in the browser: its key stays, under a marker, and the run says so.
    expect(code).toBe(1);
    expect(output).toContain('7 keys moved, 1 redacted in comments, 1 left in place (9 distinct values)');
    expect(output).toMatch(/src\/components\/SmsButton\.tsx:\d+:\d+ {2}\w{4}… \(40 chars\) left in place, marked in the code: runs in the browser \(a React component that uses client hooks\)/);
    expect(readFileSync(join(dir, 'src/components/SmsButton.tsx'), 'utf8')).toContain('// @clockwork-secrets: this code runs in the browser');

    const results = await eslintIn(dir).lintFiles(['src/**/*.{js,mjs,ts,tsx}']);
    // The exposures of a key that is not in the code (logged, under a public name) are not fix's to move.
    expect(results.flatMap((result) => result.messages.map((message) => `${relative(dir, result.filePath)}:${message.ruleId}`))).toEqual([
      'src/components/Balance.tsx:clockwork-secrets/no-public-env-key',
      'src/components/SmsButton.tsx:clockwork-secrets/no-hardcoded-key',
      'src/debug.js:clockwork-secrets/no-key-in-logs',
    ]);
    // Every value the code holds is kept (the browser one too, for the server route it moves to); the comment-only one needs rotating, not keeping.
    expect(new Set(parseDotenv(readFileSync(join(dir, '.env'), 'utf8')).values())).toEqual(inCode);
    expect(run(['scan', dir])).toMatchObject({ code: 1 });
    const again = run(['fix', dir]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('0 keys moved, 0 redacted in comments, 1 left in place (1 distinct values)');
  });
});

describe('worker threads', () => {
  it('share one plan: one name per value across 40 files', () => {
    const values = Array.from({ length: 5 }, (_, index) => fakeKey(`pool ${index}`));
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index++) {
      files[`src/f${index}.js`] = `const CLOCKWORK_KEY = '${values[index % 5]}';\nmodule.exports = CLOCKWORK_KEY;\n`;
    }
    const dir = project('pool', files);
    const { code, output } = run(['fix', dir, '--workers', '2']);
    expect(code).toBe(0);
    expect(output).toContain('40 keys moved, 0 redacted in comments, 0 left in place (5 distinct values)');
    const env = parseDotenv(readFileSync(join(dir, '.env'), 'utf8'));
    // Five values want CLOCKWORK_KEY: each is told apart by the file stem that sorts first among its files (f12 before f2), never by a number.
    expect([...env.keys()].sort()).toEqual(['CLOCKWORK_KEY_F0', 'CLOCKWORK_KEY_F1', 'CLOCKWORK_KEY_F12', 'CLOCKWORK_KEY_F13', 'CLOCKWORK_KEY_F14']);
    const nameOf = new Map([...env].map(([name, value]) => [value, name]));
    for (let index = 0; index < 40; index++) {
      expect(readFileSync(join(dir, `src/f${index}.js`), 'utf8')).toContain(`clockworkSecret('${nameOf.get(values[index % 5]!)}')`);
    }
  });
});

describe('file discovery', () => {
  it('skips node_modules and what .gitignore ignores, outside a git work tree too', () => {
    const key = `'${fakeKey('discovery')}'`;
    const dir = project('discovery', {
      '.gitignore': '# build output\ngenerated/\n*.min.js\n',
      'src/app.js': `const CLOCKWORK_API_KEY = ${key};\n`,
      'src/bundle.min.js': `const CLOCKWORK_API_KEY = ${key};\n`,
      'generated/app.js': `const CLOCKWORK_API_KEY = ${key};\n`,
      'node_modules/dep/index.js': `const CLOCKWORK_API_KEY = ${key};\n`,
    });
    expect(listSourceFiles([dir]).map((file) => file.slice(dir.length + 1))).toEqual(['src/app.js']);
    // A file named on the command line passes the same test (a hook hands over every staged file).
    expect(listSourceFiles([join(dir, '.gitignore'), join(dir, 'src/app.js')])).toEqual([join(dir, 'src/app.js')]);
    const { code, output } = run(['scan', dir]);
    expect(code).toBe(1);
    // src/app.js and package.json: scan reads every file a format reads, not only code.
    expect(output).toContain('1 hardcoded Clockwork keys in 2 files scanned.');
  });
});
