/**
 * What git would do with a file, asked of git itself: whether a key written there could be
 * committed. A text reading of `.gitignore` gets negations, nested files, global excludes and
 * tracked files wrong; git does not.
 */
import { spawnSync } from 'node:child_process';
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
