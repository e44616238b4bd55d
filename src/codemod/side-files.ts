/**
 * The files beside the code that the codemod keeps: `.env` (the values), `.env.example` (the
 * names), `.gitignore` (ignores the `.env`), and the generated secrets modules.
 *
 * A key is never written where git would commit it: git is asked before the `.env` is touched,
 * its ignore entry is written first (a kill cannot leave keys in a file git would take), and a
 * tracked or un-ignorable target is refused. `.env` is only ever appended to (never replaced, so a
 * symbolic link, the owner's mode and concurrent edits survive); other files are replaced atomically.
 */
import { appendFileSync, chmodSync, closeSync, existsSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendDotenv, ensureIgnored, parseDotenv } from './dotenv.js';
import { describeFsError, onPath } from './fs-errors.js';
import { gitVerdict } from './git.js';

/** Every staged copy the codemod writes ends so: an interrupted run's leftovers are found by it. */
export const STAGING_SUFFIX = '.clockwork-secrets.tmp';

export function readText(path: string): string {
  return onPath(path, () => (existsSync(path) ? readFileSync(path, 'utf8') : ''));
}

export function writeAtomic(path: string, content: string, mode?: number): void {
  const temporary = `${path}.${process.pid}${STAGING_SUFFIX}`;
  onPath(path, () => {
    try {
      writeFileSync(temporary, content, mode === undefined ? undefined : { mode });
      if (mode !== undefined) chmodSync(temporary, mode);
      renameSync(temporary, path);
    } catch (error) {
      if (existsSync(temporary)) unlinkSync(temporary);
      throw error;
    }
  });
}

export function readDotenv(path: string): Map<string, string> {
  return parseDotenv(readText(path));
}

export interface EnvFiles {
  env: string;
  example: string;
}

/** How the `.env` is kept out of git. */
export type Protection = 'ignored by git' | 'to be ignored by git' | 'outside any git work tree';

export class UnsafeSecretFileError extends Error {}

/** The file a write to `env` lands in: the target of a symbolic link, or `env` itself. */
function landingPath(env: string): { target: string; isLink: boolean } {
  const isLink = onPath(env, () => existsSync(env) && lstatSync(env).isSymbolicLink());
  const target = isLink ? onPath(env, () => realpathSync(env)) : join(onPath(dirname(env), () => realpathSync(dirname(env))), basename(env));
  return { target, isLink };
}

/**
 * Makes sure git would never commit `env`: asks git, adds an ignore entry when the file is merely
 * not ignored yet, and refuses (throws, having written nothing) when it is tracked or cannot be
 * ignored. `dryRun` only asks.
 */
export function protectSecretFile(env: string, dryRun = false): Protection {
  const { target, isLink } = landingPath(env);
  const shown = relative(process.cwd(), env) || env;
  const verdict = gitVerdict(target);
  if (verdict === 'ignored') return 'ignored by git';
  if (verdict === 'outside') {
    // Ignored ahead of time, for the day this folder becomes a repository.
    if (!dryRun && !isLink) ensureIgnoreEntry(target);
    return 'outside any git work tree';
  }
  if (verdict === 'tracked') {
    throw new UnsafeSecretFileError(
      `${shown} is tracked by git, so keys written there would be committed. Nothing was written. ` +
        `Name a git-ignored file with --dotenv, or untrack this one first (git rm --cached ${shown}, then ignore it).`,
    );
  }
  if (dryRun) return 'to be ignored by git';
  const restore = ensureIgnoreEntry(target);
  if (gitVerdict(target) === 'ignored') return 'ignored by git';
  restore();
  throw new UnsafeSecretFileError(`${shown} stays visible to git even with an entry in ${join(dirname(target), ".gitignore")}. Nothing was written. Name a git-ignored file with --dotenv.`);
}

/** Adds `target`'s name to the `.gitignore` beside it, if missing; returns how to undo that. */
function ensureIgnoreEntry(target: string): () => void {
  const gitignore = join(dirname(target), '.gitignore');
  const before = readText(gitignore);
  const after = ensureIgnored(before, basename(target));
  if (after === before) return () => {};
  writeAtomic(gitignore, after);
  return () => writeAtomic(gitignore, before);
}

export class DotenvChangedError extends Error {}

export interface Recorded {
  /** Names appended to `.env` (the rest it already held with the same value). */
  added: string[];
  protection: Protection;
}

/**
 * Records `entries` (name, value): the `.env` made safe from git first, then missing entries
 * appended to it, names to `.env.example`. A name `.env` gives another value means it changed
 * since the names were planned: that throws before anything is written.
 */
export function recordSecrets(files: EnvFiles, entries: ReadonlyArray<readonly [string, string]>): Recorded {
  const before = readText(files.env);
  const known = parseDotenv(before);
  for (const [name, value] of entries) {
    if (known.has(name) && known.get(name) !== value) {
      throw new DotenvChangedError(`${files.env} gives ${name} another value than the one planned (it changed during the run). Nothing was written; run again.`);
    }
  }
  const protection = protectSecretFile(files.env);
  const after = appendDotenv(before, entries);
  // Appended, never replaced; a new .env is readable by its owner only.
  if (after !== before) onPath(files.env, () => appendFileSync(files.env, after.slice(before.length), { mode: 0o600 }));
  const example = readText(files.example);
  const exampleAfter = appendDotenv(example, entries.map(([name]) => [name, ''] as const));
  if (exampleAfter !== example) onPath(files.example, () => appendFileSync(files.example, exampleAfter.slice(example.length)));
  return { added: entries.filter(([name]) => !known.has(name)).map(([name]) => name), protection };
}

/**
 * An exclusive lock file holding its owner's pid: how runs and jscodeshift workers share a
 * package's `.env`. A lock whose owner died (same host, no such process) is taken over.
 */
export interface Lock {
  release(): void;
}

export class LockHeldError extends Error {}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

const FOREIGN_LOCK_STALE_MS = 60 * 60 * 1000;
const LOCK_TIMEOUT_MS = 120_000;

export async function acquireLock(lockPath: string, options: { wait: boolean }): Promise<Lock> {
  const started = Date.now();
  for (;;) {
    const owner = tryCreateLock(lockPath);
    if (owner === undefined) return { release: () => onPath(lockPath, () => existsSync(lockPath) && unlinkSync(lockPath)) };
    if (isStale(lockPath, owner)) continue;
    if (!options.wait || Date.now() - started > LOCK_TIMEOUT_MS) {
      const who = owner ? `process ${owner.pid} on ${owner.host}, since ${owner.since}` : 'another process';
      throw new LockHeldError(
        `Another clockwork-secrets run (${who}) is working on ${dirname(lockPath)}. Let it finish, then run again; ` +
          `if it is no longer running, delete ${lockPath}.`,
      );
    }
    await sleep(10 + Math.random() * 20);
  }
}

/** Undefined when the lock was created; otherwise its owner (null when unreadable). */
function tryCreateLock(lockPath: string): LockOwner | null | undefined {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw describeFsError(error, lockPath);
    try {
      return JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
    } catch {
      return null;
    }
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  } finally {
    closeSync(fd);
  }
  return undefined;
}

function isStale(lockPath: string, owner: LockOwner | null): boolean {
  let dead: boolean;
  if (owner === null) {
    // Written by nobody we know (or caught mid-write): only age tells.
    dead = Date.now() - lstatMtime(lockPath) > LOCK_TIMEOUT_MS;
  } else if (owner.host === hostname()) {
    dead = !isAlive(owner.pid);
  } else {
    dead = Date.now() - Date.parse(owner.since) > FOREIGN_LOCK_STALE_MS;
  }
  if (!dead) return false;
  try {
    unlinkSync(lockPath);
  } catch {
    // Another run took it over first.
  }
  return true;
}

function lstatMtime(path: string): number {
  try {
    return lstatSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` holding the lock, waiting for it if need be. */
export async function withFileLock<T>(lockPath: string, work: () => T): Promise<T> {
  const lock = await acquireLock(lockPath, { wait: true });
  try {
    return work();
  } finally {
    lock.release();
  }
}
