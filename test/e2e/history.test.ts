/**
 * `scan --history` on git repositories built here, commit by commit, with fixed dates: what it
 * finds, which commit it names, whether the key is still at HEAD, that each blob is read once, and
 * that nothing it prints holds a key or a commit subject.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { BIN } from '../support/cli-run.js';
import { fakeKey, fakeSha } from '../support/fake-keys.js';

/** Every commit subject carries this word; no output may. */
const SUBJECT_MARKER = 'Zanzibarquux';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

class Repo {
  readonly dir = mkdtempSync(join(tmpdir(), 'cw-history-'));
  private clock = Date.UTC(2021, 0, 1) / 1000;

  constructor() {
    dirs.push(this.dir);
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: `${this.clock} +0000`, GIT_COMMITTER_DATE: `${this.clock} +0000` } }).trim();
  }

  write(files: Record<string, string | null>): void {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) unlinkSync(join(this.dir, path));
      else {
        mkdirSync(dirname(join(this.dir, path)), { recursive: true });
        writeFileSync(join(this.dir, path), content);
      }
    }
  }

  /** Commits everything; returns the commit id and its author date as git prints `%aI`. */
  commit(files: Record<string, string | null>, subject: string): { id: string; date: string } {
    this.clock += 3600;
    this.write(files);
    this.git('add', '-A');
    this.git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '--allow-empty', '-m', `${subject} ${SUBJECT_MARKER}`);
    return { id: this.git('rev-parse', 'HEAD'), date: new Date(this.clock * 1000).toISOString().replace('.000Z', '+00:00') };
  }
}

interface HistoryJson {
  findings: Array<{ file: string; line: number; column: number; masked: string; commit: string; date: string; presentAtHead: boolean; alsoIntroduced: Array<{ commit: string; file: string }> }>;
  history: { commits: number; blobs: number; blobsRead: number; scans: number };
  skipped: Array<{ file: string; kind: string }>;
}

const planted: string[] = [];
const key = (label: string) => {
  const value = fakeKey(`history ${label}`);
  planted.push(value);
  return value;
};

/** The built bin, asynchronously: the cases run side by side. */
async function run(cwd: string, ...args: string[]) {
  const child = spawn(process.execPath, [BIN, 'scan', '--history', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const output = stdout + stderr;
  for (const value of planted) expect(output.includes(value), 'a full key in the output').toBe(false);
  expect(output).not.toContain(SUBJECT_MARKER);
  return { code, stdout, output };
}

async function text(cwd: string, ...args: string[]) {
  const result = await run(cwd, ...args);
  // Commit ids are shortened in text: nothing key-shaped at all.
  expect(findKeyTokens(result.output)).toEqual([]);
  return result;
}

async function json(cwd: string, ...args: string[]): Promise<{ code: number | null; report: HistoryJson }> {
  const result = await run(cwd, ...args, '--json');
  return { code: result.code, report: JSON.parse(result.stdout) as HistoryJson };
}

const masked = (value: string) => `${value.slice(0, 4)}… (40 chars)`;

describe.concurrent('scan --history', () => {
  it('prints SARIF too, each key with a fingerprint of its own and no key in it', async () => {
    const repo = new Repo();
    const first = key('sarif first');
    const second = key('sarif second');
    repo.commit({ 'src/sms.js': `const CLOCKWORK_API_KEY = '${first}';\n` }, 'add');
    repo.commit({ 'src/sms.js': `const CLOCKWORK_API_KEY = '${second}';\n` }, 'replace');
    const { code, stdout } = await run(repo.dir, '--format', 'sarif');
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string>; message: { text: string } }> }> };
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0]!.results;
    expect(results.map((result) => result.ruleId)).toEqual(['clockwork-secrets/no-hardcoded-key', 'clockwork-secrets/no-hardcoded-key']);
    // The fingerprint follows the key (one-way), so two keys at one place are two alerts.
    const fingerprints = results.map((result) => result.partialFingerprints['clockworkSecrets/v1']);
    expect(new Set(fingerprints).size).toBe(2);
    expect(findKeyTokens(stdout).filter((token) => token.value === first || token.value === second)).toEqual([]);
  });

  it('finds a key added then removed, names the commit that added it, and says it is gone from HEAD', async () => {
    const repo = new Repo();
    const value = key('added then removed');
    repo.commit({ 'src/app.js': 'export const port = 8080;\n' }, 'start');
    const added = repo.commit({ 'src/sms.js': `const CLOCKWORK_API_KEY = '${value}';\nexport default CLOCKWORK_API_KEY;\n` }, 'add sms');
    repo.commit({ 'src/sms.js': 'export default process.env.CLOCKWORK_API_KEY;\n' }, 'remove key');
    expect(repo.git('ls-files')).not.toContain('.env');

    const { code, report } = await json(repo.dir);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ file: 'src/sms.js', line: 1, column: 27, masked: masked(value), commit: added.id, date: added.date, presentAtHead: false, alsoIntroduced: [] }),
    ]);
    const shown = await text(repo.dir);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toContain(`src/sms.js:1:27  ${masked(value)}  held by "CLOCKWORK_API_KEY"  introduced in ${added.id.slice(0, 12)} (${added.date}), not present at HEAD`);
  });

  it('says a key still in a file at HEAD is present, even at another path', async () => {
    const repo = new Repo();
    const value = key('still there');
    const added = repo.commit({ 'config.json': `{ "clockwork": { "apiKey": "${value}" } }\n` }, 'config');
    repo.commit({ 'config.json': null, 'src/client.js': `const clockwork = require('clockwork')({ key: '${value}' });\n` }, 'move to code');
    const { report } = await json(repo.dir);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'config.json', commit: added.id, presentAtHead: true });
    expect(report.findings[0]!.alsoIntroduced.map((intro) => intro.file)).toEqual(['src/client.js']);
  });

  it('finds a key that lives only on a side branch with --all, not in a range without it', async () => {
    const repo = new Repo();
    const value = key('side branch');
    repo.commit({ 'src/app.js': 'export const port = 8080;\n' }, 'start');
    repo.git('checkout', '-q', '-b', 'side');
    const side = repo.commit({ 'src/sms.ts': `export const clockworkKey: string = '${value}';\n` }, 'side work');
    repo.git('checkout', '-q', 'main');
    repo.commit({ 'README.md': '# app\n' }, 'docs');

    const all = await json(repo.dir);
    expect(all.code).toBe(1);
    expect(all.report.findings).toEqual([expect.objectContaining({ file: 'src/sms.ts', commit: side.id, presentAtHead: false })]);
    const mainOnly = await text(repo.dir, 'main');
    expect(mainOnly.code).toBe(0);
    expect(mainOnly.stdout).toContain('0 hardcoded Clockwork keys in history (main)');
    const sideRange = await json(repo.dir, 'main..side');
    expect(sideRange.report.findings.map((finding) => finding.commit)).toEqual([side.id]);
    expect(sideRange.report.history.commits).toBe(1);
  });

  it('reads a renamed file once and names the commit that first brought the key in', async () => {
    const repo = new Repo();
    const value = key('renamed');
    const first = repo.commit({ 'lib/sms.js': `const CLOCKWORK_KEY = '${value}';\n` }, 'first');
    repo.git('mv', 'lib/sms.js', 'lib/messaging.js');
    const renamed = repo.commit({}, 'rename');
    const { report } = await json(repo.dir);
    expect(report.history).toMatchObject({ blobs: 1, blobsRead: 1, scans: 1 });
    expect(report.findings).toEqual([
      expect.objectContaining({ file: 'lib/sms.js', commit: first.id, presentAtHead: true, alsoIntroduced: [expect.objectContaining({ file: 'lib/messaging.js', commit: renamed.id })] }),
    ]);
  });

  it('reports no git SHA from lockfiles, nor from hash-named values in a Clockwork file', async () => {
    const repo = new Repo();
    const shas = Array.from({ length: 30 }, (_, index) => fakeSha(`lock ${index}`));
    const lock = { name: 'p', lockfileVersion: 3, packages: Object.fromEntries(shas.map((sha, index) => [`node_modules/dep${index}`, { resolved: `git+ssh://git@github.com/o/dep${index}.git#${sha}`, clockworkKey: sha }])) };
    repo.commit({ 'package-lock.json': JSON.stringify(lock, null, 2), 'yarn.lock': shas.map((sha, index) => `dep${index}@github:o/dep#${sha}:\n  resolved "${sha}"\n`).join('\n') }, 'locks');
    repo.commit({ 'src/clockwork.js': `// clockwork client\nconst commitSha = '${shas[0]}';\nconst etag = '${shas[1]}';\n` }, 'hashes');
    const { code, report } = await json(repo.dir);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.skipped.filter((item) => item.kind === 'lockfile').map((item) => item.file).sort()).toEqual(['package-lock.json', 'yarn.lock']);
  });

  it('reads a blob once whatever the number of commits, branches and paths that hold it', async () => {
    const repo = new Repo();
    const value = key('many commits');
    const leak = `const CLOCKWORK_API_KEY = '${value}';\n`;
    const added = repo.commit({ 'src/sms.js': leak, 'src/copy.js': leak }, 'add');
    for (let index = 0; index < 25; index++) repo.commit({ 'src/counter.js': `export const count = ${index};\n` }, `bump ${index}`);
    repo.git('checkout', '-q', '-b', 'other');
    repo.commit({ 'src/sms.js': null }, 'drop');
    const back = repo.commit({ 'src/sms.js': leak }, 'restore');
    repo.git('checkout', '-q', 'main');
    const blobs = repo.git('rev-list', '--objects', '--all', '--filter=object:type=blob').split('\n').filter((line) => line.includes(' ')).length;

    const { report } = await json(repo.dir);
    // The leak's blob, and 25 versions of counter.js: each read once, with one format.
    expect(blobs).toBe(26);
    expect(report.history).toMatchObject({ commits: 28, blobs, blobsRead: blobs, scans: blobs });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'src/copy.js', commit: added.id, presentAtHead: true });
    expect(report.findings[0]!.alsoIntroduced).toEqual([expect.objectContaining({ file: 'src/sms.js', commit: added.id }), expect.objectContaining({ file: 'src/sms.js', commit: back.id })]);
  });

  it('finds a key that only a merge brought in (a conflict resolution) and names the merge', async () => {
    const repo = new Repo();
    const value = key('merge resolution');
    repo.commit({ 'src/sms.js': 'export const from = "A";\n' }, 'start');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit({ 'src/sms.js': 'export const from = "B";\n' }, 'topic');
    repo.git('checkout', '-q', 'main');
    repo.commit({ 'src/sms.js': 'export const from = "C";\n' }, 'main');
    spawnSync('git', ['merge', '-q', 'topic'], { cwd: repo.dir });
    const merge = repo.commit({ 'src/sms.js': `export const CLOCKWORK_API_KEY = '${value}';\n` }, 'merge');
    expect(repo.git('rev-list', '--parents', '-n', '1', 'HEAD').split(' ')).toHaveLength(3);
    const { report } = await json(repo.dir);
    expect(report.findings).toEqual([expect.objectContaining({ file: 'src/sms.js', commit: merge.id, presentAtHead: true })]);
  });

  it('reads one blob once per format when its paths give it two', async () => {
    const repo = new Repo();
    const value = key('two formats');
    const bytes = `CLOCKWORK_API_KEY=${value}\n`;
    repo.commit({ '.env.production': bytes, 'deploy/clockwork.sh': bytes }, 'two formats');
    const { report } = await json(repo.dir);
    expect(report.history).toMatchObject({ blobs: 1, blobsRead: 1, scans: 2 });
    expect(report.findings).toHaveLength(1);
  });

  it('exits 0 on a clean history, 2 outside a repository or on a bad range', async () => {
    const repo = new Repo();
    repo.commit({ 'src/app.js': 'export const clockworkKey = process.env.CLOCKWORK_API_KEY;\n' }, 'clean');
    expect(await text(repo.dir)).toMatchObject({ code: 0 });
    const outside = mkdtempSync(join(tmpdir(), 'cw-no-git-'));
    dirs.push(outside);
    expect((await text(outside)).code).toBe(2);
    expect((await text(repo.dir, 'nope..main')).code).toBe(2);
    expect((await text(repo.dir, 'main', 'main')).code).toBe(2);
  });
});
