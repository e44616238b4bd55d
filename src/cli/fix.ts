/**
 * `clockwork-secrets fix`: the transform over a codebase. Workers first collect every key, this
 * process plans one name per value across the run, workers then run the transform with those
 * names. This process alone holds each package's lock, records every value in `.env` (before
 * any source file changes, so no key can be lost), writes the generated modules, and swaps each
 * rewritten file in atomically, unless it changed since it was read.
 */
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { accessSync, constants, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { mayHoldKeys } from '../codemod/detect-in-source.js';
import { findKnownValues } from '../detect/known-values.js';
import { KNOWN_IN_RUN } from '../eslint/key-detector.js';
import { lineStarts, positionAt } from '../detect/positions.js';
import { onPath } from '../codemod/fs-errors.js';
import { treeStateOf } from '../codemod/git.js';
import type { KeyKind } from '../detect/key-shape.js';
import { planNames, type KeyToName } from '../detect/naming.js';
import { projectOf, type Project } from '../codemod/project.js';
import { ensureSecretModules, NAMES_FILE, readNamesFile } from '../codemod/secret-modules.js';
import { settingsFrom, type TransformSettings } from '../codemod/settings.js';
import type { KeyRecord } from '../codemod/rewrite.js';
import { acquireLock, protectSecretFile, readDotenv, recordSecrets, STAGING_SUFFIX, type Lock, type Protection } from '../codemod/side-files.js';
import { TRIAGE_REASONS, triage } from '../detect/triage.js';
import { MODULE_KINDS, secretsModuleFileName, type ModuleKind, type Provider, type ProviderSettings } from '../providers/index.js';
import { scanOutsideCode } from '../scan/outside-code.js';
import { discoverFixFiles } from './files.js';
import { TaskPool } from './pool.js';

export interface FixOptions {
  paths: string[];
  dryRun: boolean;
  workers: number;
  /** jscodeshift-style options for the transform (provider, env-var, secret-id, …). */
  transformOptions: Record<string, string>;
  /** Write even where git cannot show or undo the change (a dirty tree, or no git at all). */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface FileChange {
  path: string;
  before: string;
  after: string;
  keys: KeyRecord[];
  /** The kind of generated module the file now imports, if any. */
  moduleKind: ModuleKind | undefined;
}

export interface SkippedFile {
  path: string;
  reason: string;
  /** It names Clockwork: a key may be left in it. */
  mentionsClockwork: boolean;
}

export interface FixReport {
  filesScanned: number;
  candidates: number;
  changes: FileChange[];
  /** Every key found, with its final name (values stay in memory, never printed). */
  keys: Array<KeyRecord & { path: string }>;
  failed: Array<{ path: string; error: string }>;
  /** Files not read as code: links, bundles, non-UTF-8 files. */
  skipped: SkippedFile[];
  /** Staged copies an interrupted earlier run left, now removed. */
  leftoversRemoved: number;
  /** Per `.env` file, the names this run added and how git is kept from it. */
  secretFiles: Map<string, { added: string[]; protection: Protection }>;
  modules: string[];
  /** CommonJS files that read a remote store's secrets synchronously: `loadClockworkSecrets()` must run before them. */
  syncEntryPoints: string[];
  /** The files fix reads but never rewrites (config, docs, scripts, `.env`), and the keys left in them. */
  outsideCode: { filesRead: number; keys: KeyOutsideCode[] };
}

/** A key in a file fix does not rewrite: to move into the store by hand, and rotate (the value stays in memory, never printed). */
export interface KeyOutsideCode {
  path: string;
  line: number;
  column: number;
  kind: KeyKind;
  value: string;
  reason: string;
}

interface Candidate {
  path: string;
  source: string;
  /** Of the bytes read: a file is replaced only while it still holds them. */
  digest: string;
}

const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function fix(options: FixOptions): Promise<FixReport> {
  const settings = settingsFrom(options.transformOptions);
  const { code: discovery, other } = discoverFixFiles(options.paths);
  const report: FixReport = {
    filesScanned: discovery.files.length,
    candidates: 0,
    changes: [],
    keys: [],
    failed: [],
    skipped: discovery.skipped.map((item) => ({ ...item, mentionsClockwork: false })),
    leftoversRemoved: 0,
    secretFiles: new Map(),
    modules: [],
    syncEntryPoints: [],
    outsideCode: { filesRead: 0, keys: [] },
  };
  const candidates: Candidate[] = [];
  /** Code files that name no Clockwork: read again only if the run proves a value they may hold. */
  const others: string[] = [];
  for (const path of discovery.files) {
    let bytes: Buffer;
    try {
      bytes = onPath(path, () => readFileSync(path));
    } catch (error) {
      report.failed.push({ path, error: (error as Error).message });
      continue;
    }
    const read = triage(bytes);
    if (read.kind === 'text') {
      if (mayHoldKeys(read.text, settings.detector)) candidates.push({ path, source: read.text, digest: digestOf(bytes) });
      else others.push(path);
    } else {
      const mentionsClockwork = read.kind !== 'binary' && mayHoldKeys(read.text, settings.detector);
      report.skipped.push({ path, reason: TRIAGE_REASONS[read.kind], mentionsClockwork });
    }
  }
  report.candidates = candidates.length;
  readOutsideCode(other, report, settings);

  const pool = new TaskPool(candidates.length, options.workers);
  const locks: Lock[] = [];
  try {
    // Pass 1: every key of the run, to plan one name per value and `.env` file (a package each).
    const keysOf = new Map<string, KeyToName[]>();
    const collect = async (files: readonly Candidate[], detector: TransformSettings['detector']) => {
      const found = await pool.run(files.map(({ path, source }) => ({ kind: 'keys', path, source, detector })));
      for (const result of found) {
        if (result.kind !== 'keys') continue;
        if (result.error !== undefined && !keysOf.has(result.path)) report.failed.push({ path: result.path, error: result.error });
        keysOf.set(result.path, result.keys);
      }
    };
    await collect(candidates, settings.detector);
    // A value proven anywhere in the run is a key wherever it appears, under any name: the files
    // that hold one the first pass did not find there are read again, knowing every value.
    const knownValues = [...new Set([...keysOf.values()].flat().map((key) => key.value))];
    if (knownValues.length > 0) {
      const known = new Set(knownValues);
      const recheck: Candidate[] = [];
      for (const candidate of [...candidates, ...readAll(others)]) {
        const own = new Set((keysOf.get(candidate.path) ?? []).map((key) => key.value));
        if (findKnownValues(candidate.source, known).some((occurrence) => !own.has(occurrence.value))) recheck.push(candidate);
      }
      await collect(recheck, { ...settings.detector, knownValues });
      for (const candidate of recheck) if (!candidates.includes(candidate)) candidates.push(candidate);
      addCopiesOutsideCode(other, known, report);
    }
    const byProject = new Map<string, { project: Project; keys: KeyToName[] }>();
    const withKeys = candidates.filter((candidate) => (keysOf.get(candidate.path)?.length ?? 0) > 0);
    for (const { path } of withKeys) {
      const project = projectOf(path, settings);
      const group = byProject.get(project.files.env) ?? { project, keys: [] };
      group.keys.push(...keysOf.get(path)!);
      byProject.set(project.files.env, group);
    }

    // From here until every write is done, no other run may touch these packages' `.env`.
    if (!options.dryRun) {
      const leftoverProjects = discovery.leftovers.map((path) => projectOf(path, settings).files.env);
      for (const env of [...new Set([...byProject.keys(), ...leftoverProjects])].sort()) {
        locks.push(await acquireLock(`${env}.lock`, { wait: false }));
      }
      for (const leftover of discovery.leftovers) onPath(leftover, () => unlinkSync(leftover));
      report.leftoversRemoved = discovery.leftovers.length;
    }
    const nameOf = new Map<string, Map<string, string>>();
    for (const [envFile, { keys }] of byProject) {
      // Refused before any work is done for it, and asked again when writing.
      protectSecretFile(envFile, true);
      // Names the code already reads stay theirs, even where `.env` is missing (a fresh clone, CI).
      const reserved = readNamesFile(byProject.get(envFile)!.project.moduleDir)?.names ?? [];
      nameOf.set(envFile, planNames(keys, readDotenv(envFile), { baseName: settings.envVar, reserved }));
    }
    // A `.env` this run records keys in is the store, kept from git: its keys are where they belong.
    report.outsideCode.keys = report.outsideCode.keys.filter((key) => !byProject.has(key.path));

    // Pass 2: the transform itself, with the planned names.
    const rewrites = await pool.run(
      withKeys.map(({ path, source }) => ({
        kind: 'rewrite',
        path,
        source,
        options: options.transformOptions,
        knownValues,
        names: nameOf.get(projectOf(path, settings).files.env)!,
      })),
      (done) => options.onProgress?.(done, withKeys.length),
    );
    const digests = new Map<string, string>();
    for (const [index, result] of rewrites.entries()) {
      if (result.kind !== 'rewrite') continue;
      const { outcome, output } = result;
      if (outcome.status === 'failed') report.failed.push({ path: outcome.path, error: outcome.error ?? 'failed' });
      report.keys.push(...outcome.keys.map((key) => ({ ...key, path: outcome.path })));
      if (output === undefined || outcome.status !== 'changed') continue;
      report.changes.push({ path: outcome.path, before: withKeys[index]!.source, after: output, keys: outcome.keys, moduleKind: outcome.moduleKind });
      digests.set(outcome.path, withKeys[index]!.digest);
      const commonJs = outcome.moduleKind === 'cjs' || outcome.moduleKind === 'ts-cjs';
      if (commonJs && settings.provider !== 'env' && outcome.keys.some((key) => key.rewritten && key.mode === 'sync')) report.syncEntryPoints.push(outcome.path);
    }
    if (!options.dryRun && !options.force) refuseUnsafeTree(report, byProject, settings);
    if (options.dryRun) {
      for (const envFile of byProject.keys()) report.secretFiles.set(envFile, { added: [], protection: protectSecretFile(envFile, true) });
    } else {
      write(report, digests, byProject, nameOf, settings);
    }
  } finally {
    for (const lock of locks.reverse()) lock.release();
    await pool.close();
  }
  return report;
}

function write(
  report: FixReport,
  digests: ReadonlyMap<string, string>,
  byProject: Map<string, { project: Project; keys: KeyToName[] }>,
  nameOf: Map<string, Map<string, string>>,
  settings: TransformSettings,
): void {
  // Staged first, each beside its file: one that cannot be written (read-only, say) fails alone,
  // and if the secret files cannot be written, no source file has changed yet.
  const staged: Array<{ change: FileChange; temporary: string }> = [];
  for (const change of report.changes) {
    const temporary = `${change.path}${STAGING_SUFFIX}`;
    try {
      onPath(change.path, () => accessSync(change.path, constants.W_OK));
      onPath(temporary, () => writeFileSync(temporary, change.after, { mode: statSync(change.path).mode & 0o777 }));
      staged.push({ change, temporary });
    } catch (error) {
      removeQuietly(temporary);
      report.failed.push({ path: change.path, error: `cannot be written: ${(error as Error).message}` });
    }
  }
  try {
    for (const [envFile, { project }] of byProject) {
      // Values the code holds; a key found only in a comment is redacted and needs rotating, not keeping.
      const inCode = new Set(report.keys.filter((key) => key.mode !== 'comment' && projectOf(key.path, settings).files.env === envFile).map((key) => key.value));
      const entries = [...nameOf.get(envFile)!].filter(([value]) => inCode.has(value)).map(([value, name]) => [name, value] as const);
      report.secretFiles.set(envFile, recordSecrets(project.files, entries));
      const changes = report.changes.filter((change) => projectOf(change.path, settings).files.env === envFile);
      writeModules(project, changes, report, settings.provider, settings.vaultSettings);
    }
  } catch (error) {
    for (const { temporary } of staged) removeQuietly(temporary);
    throw error;
  }
  // A file edited since it was read keeps the edit, and its keys stay where they are.
  const replaced = new Set<string>();
  for (const { change, temporary } of staged) {
    const current = onPath(change.path, () => readFileSync(change.path));
    if (digestOf(current) !== digests.get(change.path)) {
      removeQuietly(temporary);
      report.failed.push({ path: change.path, error: 'changed while fix was running: left as it is now; run fix again' });
      continue;
    }
    onPath(change.path, () => renameSync(temporary, change.path));
    replaced.add(change.path);
  }
  report.changes = report.changes.filter((change) => replaced.has(change.path));
  for (const key of report.keys) {
    if (key.rewritten && digests.has(key.path) && !replaced.has(key.path)) {
      key.rewritten = false;
      key.leftBecause = 'its file was not replaced (see the failures above)';
    }
  }
}

export class DirtyTreeError extends Error {}

/**
 * Stops a real run that would write where git cannot show or undo it: files with uncommitted
 * changes or untracked and not ignored, or no git work tree at all (react-codemod's rule).
 */
function refuseUnsafeTree(report: FixReport, byProject: ReadonlyMap<string, { project: Project }>, settings: TransformSettings): void {
  const targets = report.changes.map((change) => change.path);
  for (const { project } of byProject.values()) {
    targets.push(project.files.example);
    if (protectSecretFile(project.files.env, true) !== 'ignored by git') targets.push(join(dirname(project.files.env), '.gitignore'));
    targets.push(join(project.moduleDir, NAMES_FILE), ...MODULE_KINDS.map((kind) => join(project.moduleDir, secretsModuleFileName(kind))));
  }
  const { outside, dirty } = treeStateOf(targets);
  const shown = (paths: string[]) => paths.slice(0, 10).map((path) => `  ${relative(process.cwd(), path) || path}`).join('\n') + (paths.length > 10 ? `\n  … and ${paths.length - 10} more` : '');
  if (outside.length > 0) {
    throw new DirtyTreeError(`These files are not in a git work tree, so git could not show or undo what fix changes:\n${shown(outside)}\nPut them under git and commit first, or pass --force.`);
  }
  if (dirty.length > 0) {
    throw new DirtyTreeError(`These files have changes git has not committed, and fix would write them:\n${shown(dirty)}\nCommit or stash them first (fix --dry-run shows what would change), or pass --force.`);
  }
}

/** Keys in the files fix leaves alone: read, never written. */
function readOutsideCode(paths: readonly string[], report: FixReport, settings: TransformSettings): void {
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = onPath(path, () => readFileSync(path));
    } catch (error) {
      report.failed.push({ path, error: (error as Error).message });
      continue;
    }
    const result = scanOutsideCode(path, bytes, settings.detector);
    if (result?.kind !== 'scanned') continue;
    report.outsideCode.filesRead++;
    report.outsideCode.keys.push(...result.findings.map(({ line, column, kind, value, reason }) => ({ path, line, column, kind, value, reason })));
  }
}

/** Copies of the run's keys in the files fix leaves alone, where no context proved them there. */
function addCopiesOutsideCode(paths: readonly string[], known: ReadonlySet<string>, report: FixReport): void {
  const listed = new Set(report.outsideCode.keys.map((key) => `${key.path}:${key.line}`));
  for (const { path, source } of readAll(paths)) {
    const starts = lineStarts(source);
    for (const occurrence of findKnownValues(source, known)) {
      const { line, column } = positionAt(starts, occurrence.start);
      if (listed.has(`${path}:${line}`)) continue;
      report.outsideCode.keys.push({ path, line, column, kind: occurrence.kind, value: occurrence.value, reason: KNOWN_IN_RUN });
    }
  }
}

/** The readable text files among `paths`, read again (a file that vanished or changed kind is passed over). */
function readAll(paths: readonly string[]): Candidate[] {
  const files: Candidate[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue;
    }
    const read = triage(bytes);
    if (read.kind === 'text') files.push({ path, source: read.text, digest: digestOf(bytes) });
  }
  return files;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never written, or already gone.
  }
}

/** One module per kind the package's files need, each serving every name the package reads. */
function writeModules(project: Project, changes: readonly FileChange[], report: FixReport, provider: Provider, vaults: ProviderSettings): void {
  const settings = { ...vaults, useNodeVault: project.dependencies.has('node-vault') };
  const kinds = new Set(changes.flatMap((change) => (change.moduleKind ? [change.moduleKind] : [])));
  const names = changes.flatMap((change) => change.keys.filter((key) => key.rewritten && key.mode !== 'comment').map((key) => key.name));
  report.modules.push(...ensureSecretModules(project.moduleDir, provider, kinds, names, settings));
}
