/**
 * The files beside the code that the codemod keeps: `.env` (the values, mode 0600, never an
 * existing entry overwritten), `.env.example` (the names), `.gitignore` (ignores `.env`), and the
 * generated secrets modules. Every write is atomic: a crash leaves the old file or the new one.
 */
import { chmodSync, closeSync, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendDotenv, ensureIgnored, parseDotenv } from './dotenv.js';

export function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

export function writeAtomic(path: string, content: string, mode?: number): void {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content, mode === undefined ? undefined : { mode });
  if (mode !== undefined) chmodSync(temporary, mode);
  renameSync(temporary, path);
}

export function readDotenv(path: string): Map<string, string> {
  return parseDotenv(readText(path));
}

export interface EnvFiles {
  env: string;
  example: string;
  gitignore: string;
}

/**
 * Records `entries` (name, value): appended to `.env` when missing, names to `.env.example`, and
 * `.env` ignored by git. Returns the names actually added to `.env`.
 */
export function recordSecrets(files: EnvFiles, entries: ReadonlyArray<readonly [string, string]>): string[] {
  if (entries.length === 0) return [];
  const existed = existsSync(files.env);
  const before = readText(files.env);
  const known = parseDotenv(before);
  const added = entries.filter(([name]) => !known.has(name)).map(([name]) => name);
  const after = appendDotenv(before, entries);
  // A new .env is readable by its owner only; an existing one keeps the mode its owner chose.
  if (after !== before) writeAtomic(files.env, after, existed ? statSync(files.env).mode & 0o777 : 0o600);
  const example = readText(files.example);
  const exampleAfter = appendDotenv(example, entries.map(([name]) => [name, ''] as const));
  if (exampleAfter !== example) writeAtomic(files.example, exampleAfter);
  const ignore = readText(files.gitignore);
  const ignoreAfter = ensureIgnored(ignore);
  if (ignoreAfter !== ignore) writeAtomic(files.gitignore, ignoreAfter);
  return added;
}

const LOCK_STALE_MS = 60_000;
const LOCK_TIMEOUT_MS = 120_000;

/**
 * Runs `work` holding an exclusive lock file: how independent jscodeshift workers share `.env`
 * without losing or duplicating entries.
 */
export async function withFileLock<T>(lockPath: string, work: () => T): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lockPath, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lockPath)) continue;
      if (Date.now() - started > LOCK_TIMEOUT_MS) throw new Error(`Timed out waiting for the lock ${lockPath}.`, { cause: error });
      await sleep(10 + Math.random() * 20);
    }
  }
  try {
    return work();
  } finally {
    unlinkSync(lockPath);
  }
}

function isStale(lockPath: string): boolean {
  try {
    if (Date.now() - statSync(lockPath).mtimeMs < LOCK_STALE_MS) return false;
    unlinkSync(lockPath);
    return true;
  } catch {
    return true;
  }
}
