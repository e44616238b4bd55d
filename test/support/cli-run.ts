/**
 * The built `clockwork-secrets` bin run as an operator runs it, asynchronously (so cases run side
 * by side), and the checks every fault case ends with: no key lost, none where git would take it,
 * no file half-written, no output holding a key.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseFailure } from '../../src/codemod/detect-in-source.js';
import { parseDotenv } from '../../src/codemod/dotenv.js';
import { STAGING_SUFFIX } from '../../src/codemod/side-files.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { REPO } from './codemod-project.js';

/** The bin under test: the build here, or another (an installed package's, an older build's) to compare. */
export const BIN = process.env.CLOCKWORK_SECRETS_BIN ?? join(REPO, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

export interface CliRun {
  /** Resolves when the process ends. */
  done: Promise<CliResult>;
  kill(): void;
}

/** Runs as an unprivileged user where we are root: root ignores file modes, which some cases test. */
const AS_NOBODY = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];

export function startCli(args: readonly string[], cwd: string, options: { asNobody?: boolean } = {}): CliRun {
  const command = options.asNobody && AS_NOBODY.length > 0 ? [...AS_NOBODY, process.execPath] : [process.execPath];
  const child = spawn(command[0]!, [...command.slice(1), BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })));
  return { done, kill: () => child.kill('SIGKILL') };
}

export async function cli(args: readonly string[], cwd: string, options: { asNobody?: boolean } = {}): Promise<CliResult> {
  return startCli(args, cwd, options).done;
}

/** Hands `dir` to the user the bin runs as (see AS_NOBODY). */
export function giveToRunner(dir: string): void {
  if (AS_NOBODY.length === 0) return;
  const walk = (path: string) => {
    chownSync(path, 65534, 65534);
    if (lstatSync(path).isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(dir);
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A git repository with everything in `dir` committed. */
export function commitAll(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'fixture');
}

export function isGitIgnored(dir: string, path: string): boolean {
  const tracked = spawnSync('git', ['ls-files', '--error-unmatch', '--', path], { cwd: dir, stdio: 'ignore' }).status === 0;
  return !tracked && spawnSync('git', ['check-ignore', '-q', '--', path], { cwd: dir, stdio: 'ignore' }).status === 0;
}

export interface Planted {
  /** Relative to the tree. */
  file: string;
  value: string;
  /** The file's bytes before the run. */
  original: Buffer;
}

const NAME_READS = [/process\.env\.([A-Z_][A-Z\d_]*)/g, /clockworkSecret\(['"]([A-Z_][A-Z\d_]*)['"]\)/g];

/**
 * Every planted key is still in its file, or its file now reads a name that a git-ignored (or,
 * outside git, any) `.env` among `envFiles` maps to that very value; no file is half-written (each
 * is its old bytes or parses); no staged copy is left unless a kill may have left it.
 */
export function expectNothingLost(dir: string, planted: readonly Planted[], options: { envFiles?: string[]; inGit?: boolean; leftoversAllowed?: boolean } = {}): void {
  const envFiles = (options.envFiles ?? ['.env']).filter((env) => existsSync(join(dir, env)) && statSync(join(dir, env)).isFile());
  const envs = envFiles.map((env) => ({ env, entries: parseDotenv(readFileSync(join(dir, env), 'utf8')) }));
  for (const { file, value, original } of planted) {
    const bytes = readFileSync(join(dir, file));
    if (!bytes.equals(original)) {
      expect(parseFailure(bytes.toString('utf8'), join(dir, file)), `${file} is half-written`).toBeUndefined();
    }
    const text = bytes.toString('latin1');
    if (text.includes(value)) continue;
    const names = NAME_READS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!));
    const holder = envs.find(({ entries }) => names.some((name) => entries.get(name) === value));
    expect(holder, `the key planted in ${file} is neither in it nor in a .env under the name it reads`).toBeDefined();
    if (options.inGit) expect(isGitIgnored(dir, holder!.env), `${holder!.env} holds a key but git would commit it`).toBe(true);
  }
  if (!options.leftoversAllowed) expect(listFiles(dir).filter((path) => path.endsWith(STAGING_SUFFIX))).toEqual([]);
}

export function expectNoKeyIn(output: string, planted: readonly Planted[]): void {
  expect(findKeyTokens(output)).toEqual([]);
  for (const { value } of planted) expect(output.includes(value)).toBe(false);
}

export function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}
