/** `scan --staged`: what the next commit holds, read from the git index, never from the working tree. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { readBlobs, stagedEntries } from '../../src/cli/staged.js';
import { writeFiles } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';
import { bin } from './run-bin.js';

const KEY = fakeKey('staged');
const OTHER = fakeKey('staged other');
const LEAK = `export const CLOCKWORK_API_KEY = '${KEY}';\n`;
const FIXED = 'export const CLOCKWORK_API_KEY = process.env.CLOCKWORK_API_KEY;\n';
const MASKED = `${KEY.slice(0, 4)}… (40 chars)`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
}

/** A repository in a temp dir with `committed` in its first commit. */
function repo(committed: Record<string, string> = { 'README.md': '# app\n' }): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-staged-'));
  dirs.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, committed);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

describe.concurrent('scan --staged', () => {
  it('finds a staged key the working copy no longer holds; the working-tree scan does not', async () => {
    const dir = repo({ 'src/sms.js': FIXED });
    writeFileSync(join(dir, 'src/sms.js'), LEAK);
    git(dir, 'add', 'src/sms.js');
    writeFileSync(join(dir, 'src/sms.js'), FIXED);
    const [staged, tree] = await Promise.all([bin(['scan', '--staged'], dir), bin(['scan'], dir)]);
    expect(staged).toMatchObject({ code: 1, stderr: '' });
    expect(staged.stdout).toBe(`src/sms.js:1:34  ${MASKED}  held by "CLOCKWORK_API_KEY"\n1 hardcoded Clockwork keys in 1 files scanned.\n`);
    expect(tree.code).toBe(0);
  });

  it('passes a staged fix while the working copy still holds the key', async () => {
    const dir = repo({ 'src/sms.js': LEAK });
    writeFileSync(join(dir, 'src/sms.js'), FIXED);
    git(dir, 'add', 'src/sms.js');
    writeFileSync(join(dir, 'src/sms.js'), LEAK);
    // An untracked file is not staged either: not the commit's business.
    writeFileSync(join(dir, 'notes.env'), `CLOCKWORK_API_KEY=${OTHER}\n`);
    const [staged, tree] = await Promise.all([bin(['scan', '--staged'], dir), bin(['scan'], dir)]);
    expect(staged.code).toBe(0);
    expect(staged.stdout).toBe('0 hardcoded Clockwork keys in 1 files scanned.\n');
    expect(tree.code).toBe(1);
  });

  it('reads only staged files, from a subfolder too, as SARIF relative to the repository root', async () => {
    const dir = repo({ 'src/old.js': LEAK, 'package-lock.json': '{}\n', 'README.md': '# app\n' });
    writeFiles(dir, {
      'src/new file.js': LEAK,
      'config/clockwork.env': `CLOCKWORK_API_KEY=${OTHER}\n`,
      'docs/notes.txt': `clockwork ${OTHER}\n`,
      'package-lock.json': '{ "lockfileVersion": 3 }\n',
    });
    git(dir, 'add', '-A');
    // A staged deletion has no content to check.
    git(dir, 'rm', '-q', '--cached', 'README.md');
    const { code, stdout } = await bin(['scan', '--staged', '--format', 'sarif'], join(dir, 'src'));
    expect(code).toBe(1);
    const located = (JSON.parse(stdout) as Log).runs[0]!.results!.map((result) => {
      const { artifactLocation, region } = result.locations![0]!.physicalLocation!;
      return `${artifactLocation!.uri}:${region!.startLine}`;
    });
    // src/old.js is committed and unchanged: not part of this commit's check.
    expect(located).toEqual(['config/clockwork.env:1', 'src/new%20file.js:1']);
  });

  it('is a usage error outside a git work tree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-nogit-'));
    dirs.push(dir);
    writeFiles(dir, { 'a.js': LEAK });
    const { code, stderr } = await bin(['scan', '--staged'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('--staged needs a git work tree');
  });
});

describe('reading the index', () => {
  it('lists each staged blob with its mode, whatever the name, and streams the blobs from one git process', async () => {
    const dir = repo();
    mkdirSync(join(dir, 'odd'));
    writeFileSync(join(dir, 'odd', 'line\nbreak.js'), LEAK);
    writeFileSync(join(dir, 'odd', 'copy.js'), LEAK);
    symlinkSync('copy.js', join(dir, 'odd', 'link.js'));
    git(dir, 'add', '-A');
    const entries = stagedEntries(dir);
    expect(entries.map(({ path, mode }) => [path, mode])).toEqual([
      ['odd/copy.js', '100644'],
      ['odd/line\nbreak.js', '100644'],
      ['odd/link.js', '120000'],
    ]);
    // Two files with the same content are one blob, read once.
    const blobs = await readBlobs(dir, entries.map((entry) => entry.blob));
    expect(blobs.size).toBe(2);
    expect(blobs.get(entries[0]!.blob)!.toString('utf8')).toBe(LEAK);
    expect(blobs.get(entries[2]!.blob)!.toString('utf8')).toBe('copy.js');
  });
});
