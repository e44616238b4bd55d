/**
 * What git would do with a file, asked of git itself: whether a key written there could be
 * committed. A text reading of `.gitignore` gets negations, nested files, global excludes and
 * tracked files wrong; git does not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';

export type GitVerdict =
  /** No git work tree holds the file. */
  | 'outside'
  /** Tracked: `git commit -a` publishes whatever is written there. */
  | 'tracked'
  | 'ignored'
  /** Untracked and not ignored: `git add .` publishes it. */
  | 'not-ignored';

function git(dir: string, args: string[]): number | null {
  return spawnSync('git', args, { cwd: dir, stdio: 'ignore' }).status;
}

/** git's verdict on `path` (its folder must exist). */
export function gitVerdict(path: string): GitVerdict {
  const dir = dirname(path);
  const name = basename(path);
  if (git(dir, ['rev-parse', '--is-inside-work-tree']) !== 0) return 'outside';
  if (git(dir, ['ls-files', '--error-unmatch', '--', name]) === 0) return 'tracked';
  const ignored = git(dir, ['check-ignore', '-q', '--', name]);
  if (ignored === 0) return 'ignored';
  if (ignored === 1) return 'not-ignored';
  throw new Error(`git could not say whether ${path} is ignored (git check-ignore exited ${String(ignored)}).`);
}

export interface TreeState {
  /** Paths in no git work tree. */
  outside: string[];
  /** Paths with uncommitted changes, or untracked and not ignored (`git status` lists them). */
  dirty: string[];
}

/**
 * Which of `paths` git cannot show or undo a change to: what react-codemod and next-codemod check
 * before they write. Paths that do not exist yet count only when git would list them.
 */
export function treeStateOf(paths: readonly string[]): TreeState {
  const state: TreeState = { outside: [], dirty: [] };
  const roots = new Map<string, string | undefined>();
  const byRoot = new Map<string, string[]>();
  for (const path of paths) {
    const dir = dirname(path);
    if (!roots.has(dir)) roots.set(dir, topLevel(dir));
    const root = roots.get(dir);
    if (root === undefined) state.outside.push(path);
    else byRoot.set(root, [...(byRoot.get(root) ?? []), path]);
  }
  for (const [root, files] of byRoot) {
    const listed = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...files.map((file) => `:(literal)${file}`)], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (listed.status !== 0) throw new Error(`git status failed in ${root}: ${listed.stderr.trim()}`);
    // Entries are `XY path`, NUL-separated; a rename adds its old path as the next entry.
    const entries = listed.stdout.split('\0').filter(Boolean);
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index]!;
      state.dirty.push(`${root}/${entry.slice(3)}`);
      if (entry[0] === 'R' || entry[0] === 'C') index++;
    }
  }
  return state;
}

function topLevel(dir: string): string | undefined {
  let start = dir;
  // A folder that does not exist yet (a new module directory) is asked about through its parent.
  while (!existsSync(start) && dirname(start) !== start) start = dirname(start);
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: start, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
