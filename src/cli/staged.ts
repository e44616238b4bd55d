/**
 * `scan --staged`: the content about to be committed, read from the git index, never from the
 * working tree. One `git diff --cached` lists the staged blobs, one `git cat-file --batch` streams
 * them; the bytes go through the same scanning core as the working tree. Fast enough for every
 * commit: two git processes and only the files the commit touches.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join, relative, resolve, sep } from 'node:path';
import { firstLineOf, LOCKFILE_REASON, scanPlan } from '../scan/content.js';
import { scanSources, type ScanProgress, type ScanReport, type ScanSource } from './scan.js';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const SYMLINK_MODE = '120000';
const GITLINK_MODE = '160000';

export interface StagedEntry {
  /** Path relative to the work tree root, with `/` separators, as git prints it. */
  path: string;
  mode: string;
  blob: string;
}

/** The root of the git work tree holding `cwd`; an error outside one. */
export function workTreeRoot(cwd = process.cwd()): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new Error('--staged needs a git work tree: run it inside a repository.');
  }
}

/**
 * The added, copied, modified and renamed files in the index, with their staged blob ids. `--raw`
 * gives the blob id beside each path, so no path is ever written to a line-based protocol.
 */
export function stagedEntries(root: string, pathspecs: readonly string[] = []): StagedEntry[] {
  const output = execFileSync('git', ['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--diff-filter=ACMR', '--', ...pathspecs], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  // `:<old mode> <new mode> <old blob> <new blob> <status>\0<path>\0`, one pair per file.
  const fields = output.split('\0');
  const entries: StagedEntry[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const [, mode, , blob] = fields[index]!.slice(1).split(' ');
    if (mode === undefined || blob === undefined) continue;
    entries.push({ path: fields[index + 1]!, mode, blob });
  }
  return entries;
}

/** Every blob's bytes, read by one `git cat-file --batch` process, each id once. */
export function readBlobs(root: string, blobs: readonly string[]): Promise<Map<string, Buffer>> {
  const wanted = [...new Set(blobs)];
  const contents = new Map<string, Buffer>();
  if (wanted.length === 0) return Promise.resolve(contents);
  return new Promise((resolvePromise, reject) => {
    const git = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let pending: Buffer = Buffer.alloc(0);
    let stderr = '';
    git.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    git.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // Each object: `<id> <type> <size>\n<bytes>\n`; a missing one: `<id> missing\n`.
      for (;;) {
        const newline = pending.indexOf(10);
        if (newline < 0) return;
        const [id, type, size] = pending.subarray(0, newline).toString('latin1').split(' ');
        if (type === 'missing' || size === undefined) {
          pending = pending.subarray(newline + 1);
          continue;
        }
        const end = newline + 1 + Number(size);
        if (pending.length < end + 1) return;
        contents.set(id!, Buffer.from(pending.subarray(newline + 1, end)));
        pending = pending.subarray(end + 1);
      }
    });
    git.on('error', reject);
    git.on('close', (code) => {
      if (code === 0) resolvePromise(contents);
      else reject(new Error(`git cat-file failed (exit ${code}): ${stderr.trim()}`));
    });
    git.stdin.end(wanted.map((blob) => `${blob}\n`).join(''));
  });
}

/** `scan --staged [paths...]`: the staged content of every staged file (under `paths`, when given). */
export async function scanStaged(paths: readonly string[], options: Readonly<Record<string, unknown>>, onProgress?: ScanProgress): Promise<ScanReport> {
  const cwd = process.cwd();
  const root = workTreeRoot(cwd);
  const pathspecs = paths.map((path) => relative(root, resolve(path)).split(sep).join('/') || '.');
  const entries = stagedEntries(root, pathspecs).filter(
    (entry) => entry.mode !== GITLINK_MODE && !entry.path.split('/').some((part) => ALWAYS_SKIPPED.has(part)),
  );
  const shown = (path: string) => relative(cwd, join(root, path)) || path;
  const skipped: ScanReport['skipped'] = entries
    .filter((entry) => entry.mode === SYMLINK_MODE)
    .map((entry) => ({ file: shown(entry.path), kind: 'link' as const, reason: 'symbolic link, not followed' }));
  const files = entries.filter((entry) => entry.mode !== SYMLINK_MODE);
  const blobs = await readBlobs(root, files.map((entry) => entry.blob));
  const sources: ScanSource[] = [];
  for (const entry of files) {
    const bytes = blobs.get(entry.blob);
    const path = join(root, entry.path);
    // The same files as the working-tree scan: lockfiles counted, files no format reads left out.
    const plan = scanPlan(path, () => (bytes === undefined ? undefined : firstLineOf(bytes)));
    if (plan === 'lockfile') skipped.push({ file: shown(entry.path), kind: 'lockfile', reason: LOCKFILE_REASON });
    if (plan !== 'read') continue;
    sources.push({
      path,
      file: shown(entry.path),
      bytes: () => {
        if (bytes === undefined) throw new Error('staged blob not found in the repository');
        return bytes;
      },
    });
  }
  return scanSources(sources, options, skipped, onProgress);
}

/** What SARIF locations are relative to: the git work tree root (the checkout code scanning knows), else the working directory. */
export function sarifRoot(cwd = process.cwd()): string {
  try {
    return workTreeRoot(cwd);
  } catch {
    return cwd;
  }
}
