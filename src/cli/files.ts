/**
 * The source files under the given paths: what git tracks or would track (so `.gitignore` is
 * honoured exactly), or, outside a git work tree, a walk that skips node_modules, VCS folders and
 * the simple patterns of each `.gitignore` met on the way.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { SOURCE_EXTENSIONS } from '../codemod/detect-in-source.js';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(path).toLowerCase()) && !path.endsWith('.d.ts');
}

export function listSourceFiles(paths: readonly string[]): string[] {
  const files = new Set<string>();
  for (const path of paths.map((item) => resolve(item))) {
    if (!existsSync(path)) throw new Error(`No such file or folder: ${path}`);
    if (statSync(path).isFile()) {
      // Named files pass the same test as found ones: a hook may hand over every staged file.
      if (isSourceFile(path)) files.add(path);
      continue;
    }
    for (const file of gitFiles(path) ?? walk(path, [])) {
      if (isSourceFile(file) && !file.split(sep).some((part) => ALWAYS_SKIPPED.has(part))) files.add(file);
    }
  }
  return [...files].sort();
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
    return output.split('\0').filter(Boolean).map((file) => join(dir, file)).filter((file) => existsSync(file));
  } catch {
    return undefined;
  }
}

type Ignore = (relativePath: string, isDirectory: boolean) => boolean;

function walk(dir: string, ignores: readonly { base: string; test: Ignore }[]): string[] {
  const gitignore = join(dir, '.gitignore');
  const scoped = existsSync(gitignore) ? [...ignores, { base: dir, test: compileGitignore(readFileSync(gitignore, 'utf8')) }] : ignores;
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    const isDirectory = entry.isDirectory();
    if (scoped.some(({ base, test }) => test(relative(base, path).split(sep).join('/'), isDirectory))) continue;
    if (isDirectory) files.push(...walk(path, scoped));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** The common `.gitignore` forms: names, `dir/`, `*` and `**` globs, anchored `/x`; no negation. */
function compileGitignore(text: string): Ignore {
  const rules = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
    .map((line) => {
      const directoryOnly = line.endsWith('/');
      const pattern = directoryOnly ? line.slice(0, -1) : line;
      const anchored = pattern.includes('/');
      const body = (pattern.startsWith('/') ? pattern.slice(1) : pattern)
        .split('**')
        .map((piece) => piece.split('*').map(escapeRegExp).join('[^/]*'))
        .join('.*');
      return { directoryOnly, regex: new RegExp(anchored ? `^${body}(?:/|$)` : `(?:^|/)${body}(?:/|$)`) };
    });
  return (path, isDirectory) => rules.some(({ directoryOnly, regex }) => (!directoryOnly || isDirectory) && regex.test(path));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
