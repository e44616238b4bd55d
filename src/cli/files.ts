/**
 * The source files under the given paths: what git tracks or would track (so `.gitignore` is
 * honoured exactly), or, outside a git work tree, a walk that skips node_modules and VCS folders
 * and applies each `.gitignore` met on the way (with the `ignore` package, as git reads them).
 * Symbolic links are never followed: each is reported, so a key behind one is not silently missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { SOURCE_EXTENSIONS } from '../codemod/detect-in-source.js';
import { STAGING_SUFFIX } from '../codemod/side-files.js';
import { describeFsError } from '../codemod/fs-errors.js';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(path).toLowerCase()) && !path.endsWith('.d.ts');
}

export interface Discovery {
  files: string[];
  /** Source-named paths not read, and why (a symbolic link). */
  skipped: Array<{ path: string; reason: string }>;
  /** Staged copies an interrupted `fix` left behind, to clean up under the package lock. */
  leftovers: string[];
}

export function discoverSourceFiles(paths: readonly string[]): Discovery {
  const files = new Set<string>();
  const skipped = new Map<string, string>();
  const leftovers = new Set<string>();
  const consider = (file: string, stats: Stats | undefined) => {
    if (file.endsWith(STAGING_SUFFIX)) leftovers.add(file);
    if (!isSourceFile(file) || !stats) return;
    if (stats.isSymbolicLink()) skipped.set(file, 'symbolic link, not followed');
    else if (stats.isFile()) files.add(file);
  };
  for (const path of paths.map((item) => resolve(item))) {
    const stats = lstatOrUndefined(path);
    if (!stats) throw new Error(`No such file or folder: ${path}`);
    // Named files pass the same test as found ones: a hook may hand over every staged file.
    if (!stats.isDirectory()) {
      consider(path, stats);
      continue;
    }
    for (const file of gitFiles(path) ?? walk(path, [])) {
      if (file.split(sep).some((part) => ALWAYS_SKIPPED.has(part))) continue;
      consider(file, lstatOrUndefined(file));
    }
  }
  return { files: [...files].sort(), skipped: [...skipped].map(([path, reason]) => ({ path, reason })), leftovers: [...leftovers].sort() };
}

/** The source files alone, for callers that need no report of what was passed over. */
export function listSourceFiles(paths: readonly string[]): string[] {
  return discoverSourceFiles(paths).files;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw describeFsError(error, path);
  }
}

/** Git's view of `dir`, or undefined outside a work tree or for a folder git ignores (asked for by name). */
function gitFiles(dir: string): string[] | undefined {
  try {
    const ignored = spawnSync('git', ['check-ignore', '-q', '.'], { cwd: dir, stdio: 'ignore' });
    if (ignored.status === 0) return undefined;
    const output = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return output.split('\0').filter(Boolean).map((file) => join(dir, file));
  } catch {
    return undefined;
  }
}

function walk(dir: string, scopes: readonly { base: string; rules: Ignore }[]): string[] {
  let gitignore: string | undefined;
  try {
    gitignore = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    gitignore = undefined;
  }
  const scoped = gitignore === undefined ? scopes : [...scopes, { base: dir, rules: ignore().add(gitignore) }];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    const isDirectory = entry.isDirectory();
    const ignored = scoped.some(({ base, rules }) => rules.ignores(relative(base, path).split(sep).join('/') + (isDirectory ? '/' : '')));
    if (ignored) continue;
    if (isDirectory) files.push(...walk(path, scoped));
    else files.push(path);
  }
  return files;
}
