/**
 * The files under the given paths that a command reads: what git tracks or would track (so
 * `.gitignore` is honoured exactly), or, outside a git work tree, a walk that skips node_modules
 * and VCS folders and applies each `.gitignore` met on the way (with the `ignore` package, as git
 * reads them). `fix` takes JavaScript and TypeScript; `scan` every file a format reads.
 * Symbolic links are never followed: each is reported, so a key behind one is not silently missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type Stats } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { SOURCE_EXTENSIONS } from '../codemod/detect-in-source.js';
import { STAGING_SUFFIX } from '../codemod/side-files.js';
import { describeFsError } from '../codemod/fs-errors.js';
import { firstLineOf as firstLineOfBytes, LOCKFILE_REASON, scanPlan } from '../scan/content.js';
import { isLockfile } from '../detect/structured.js';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(path).toLowerCase()) && !path.endsWith('.d.ts');
}

export interface Discovery {
  files: string[];
  /** Paths that would be read but are not, and why (a symbolic link). */
  skipped: Array<{ path: string; reason: string }>;
  /** Staged copies an interrupted `fix` left behind, to clean up under the package lock. */
  leftovers: string[];
  /** Files passed over by name, unread, to be counted (lockfiles). */
  passedOver: Array<{ path: string; reason: string }>;
  /** Files named on the command line that the command has no reader for. */
  unclaimed: string[];
}

/** Which files a command reads. */
interface FileSelection {
  /** Whether `path` is read; `firstLine` reads the file's first line, for a name that does not say (a shebang). */
  reads(path: string, firstLine: () => string | undefined): boolean;
  /** Why a file is passed over unread and counted (a lockfile), if it is. */
  passOver?(path: string): string | undefined;
}

const SOURCE_FILES: FileSelection = { reads: isSourceFile };

/** Every file a `scan` format reads; lockfiles passed over. */
const SCANNED_FILES: FileSelection = {
  reads: (path, firstLine) => scanPlan(path, firstLine) === 'read',
  passOver: (path) => (isLockfile(path) ? LOCKFILE_REASON : undefined),
};

/** JavaScript and TypeScript files: what `fix` rewrites. */
export function discoverSourceFiles(paths: readonly string[]): Discovery {
  return discoverFiles(paths, SOURCE_FILES);
}

/** Every file `scan` reads: code, config, `.env`, docs, scripts, Dockerfiles. */
export function discoverScanFiles(paths: readonly string[]): Discovery {
  return discoverFiles(paths, SCANNED_FILES);
}

/**
 * One walk for `fix`: the source files it rewrites (as `discoverSourceFiles` finds them), and the
 * other files `scan` reads, which `fix` only reads.
 */
export function discoverFixFiles(paths: readonly string[]): { code: Discovery; other: string[] } {
  const all = discoverScanFiles(paths);
  const code: Discovery = {
    files: all.files.filter(isSourceFile),
    skipped: all.skipped.filter(({ path }) => isSourceFile(path)),
    leftovers: all.leftovers,
    passedOver: [],
    unclaimed: [],
  };
  return { code, other: all.files.filter((path) => !isSourceFile(path)) };
}

function discoverFiles(paths: readonly string[], selection: FileSelection): Discovery {
  const files = new Set<string>();
  const skipped = new Map<string, string>();
  const leftovers = new Set<string>();
  const passedOver = new Map<string, string>();
  const unclaimed = new Set<string>();
  const consider = (file: string, stats: Stats | undefined, named: boolean) => {
    if (file.endsWith(STAGING_SUFFIX)) leftovers.add(file);
    if (!stats) return;
    const passOver = selection.passOver?.(file);
    if (passOver !== undefined) {
      passedOver.set(file, passOver);
      return;
    }
    // A link is never opened, so its first line is never read.
    const reads = selection.reads(file, () => (stats.isFile() ? firstLineOf(file) : undefined));
    if (!reads) {
      if (named && !stats.isDirectory()) unclaimed.add(file);
      return;
    }
    if (stats.isSymbolicLink()) skipped.set(file, 'symbolic link, not followed');
    else if (stats.isFile()) files.add(file);
  };
  for (const path of paths.map((item) => resolve(item))) {
    const stats = lstatOrUndefined(path);
    if (!stats) throw new Error(`No such file or folder: ${path}`);
    // Named files pass the same test as found ones: a hook may hand over every staged file.
    if (!stats.isDirectory()) {
      consider(path, stats, true);
      continue;
    }
    for (const file of gitFiles(path) ?? walk(path, [])) {
      if (file.split(sep).some((part) => ALWAYS_SKIPPED.has(part))) continue;
      consider(file, lstatOrUndefined(file), false);
    }
  }
  const listed = (map: Map<string, string>) => [...map].sort(([a], [b]) => a.localeCompare(b)).map(([path, reason]) => ({ path, reason }));
  return {
    files: [...files].sort(),
    skipped: [...skipped].map(([path, reason]) => ({ path, reason })),
    leftovers: [...leftovers].sort(),
    passedOver: listed(passedOver),
    unclaimed: [...unclaimed].sort(),
  };
}

/** The source files alone, for callers that need no report of what was passed over. */
export function listSourceFiles(paths: readonly string[]): string[] {
  return discoverSourceFiles(paths).files;
}

/** A file's first line, from a short prefix of its bytes; undefined when it cannot be read. */
function firstLineOf(path: string): string | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const head = Buffer.alloc(256);
    return firstLineOfBytes(head.subarray(0, readSync(descriptor, head, 0, head.length, 0)));
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
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
