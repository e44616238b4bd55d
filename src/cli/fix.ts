/**
 * `clockwork-secrets fix`: the transform over a codebase. Workers first collect every key, this
 * process plans one name per value across the run, workers then run the transform with those
 * names. This process alone records every value in `.env` (before any source file changes, so
 * no key can be lost), writes the generated modules, and swaps each rewritten file in atomically.
 */
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { ensureSecretModules, settingsFrom, type TransformSettings } from '../../codemods/clockwork-secrets.js';
import { mayHoldKeys } from '../codemod/detect-in-source.js';
import { planNames, type KeyToName } from '../codemod/naming.js';
import { projectOf, type Project } from '../codemod/project.js';
import type { KeyRecord } from '../codemod/rewrite.js';
import { readDotenv, recordSecrets } from '../codemod/side-files.js';
import type { ModuleFlavour } from '../providers/flavour.js';
import type { ProviderSettings } from '../providers/secret-module.js';
import { listSourceFiles } from './files.js';
import { TaskPool } from './pool.js';

export interface FixOptions {
  paths: string[];
  dryRun: boolean;
  workers: number;
  /** jscodeshift-style options for the transform (provider, env-var, secret-id, …). */
  transformOptions: Record<string, string>;
  onProgress?: (done: number, total: number) => void;
}

export interface FileChange {
  path: string;
  before: string;
  after: string;
  keys: KeyRecord[];
  /** The generated module the file now imports, if any. */
  flavour: ModuleFlavour | undefined;
}

export interface FixReport {
  filesScanned: number;
  candidates: number;
  changes: FileChange[];
  /** Every key found, with its final name (values stay in memory, never printed). */
  keys: Array<KeyRecord & { path: string }>;
  failed: Array<{ path: string; error: string }>;
  /** Per `.env` file, the names this run added. */
  envAdded: Map<string, string[]>;
  modules: string[];
  /** Files that read secrets synchronously through a generated module: wire the loader before them. */
  syncEntryPoints: string[];
}

export async function fix(options: FixOptions): Promise<FixReport> {
  const settings = settingsFrom(options.transformOptions);
  const files = listSourceFiles(options.paths);
  const candidates: Array<{ path: string; source: string }> = [];
  for (const path of files) {
    const source = readFileSync(path, 'utf8');
    if (mayHoldKeys(source, settings.detector)) candidates.push({ path, source });
  }
  const report: FixReport = {
    filesScanned: files.length,
    candidates: candidates.length,
    changes: [],
    keys: [],
    failed: [],
    envAdded: new Map(),
    modules: [],
    syncEntryPoints: [],
  };

  const pool = new TaskPool(candidates.length, options.workers);
  try {
    // Pass 1: every key of the run, to plan one name per value and `.env` file (a package each).
    const found = await pool.run(candidates.map(({ path, source }) => ({ kind: 'keys', path, source, detector: settings.detector })));
    const byProject = new Map<string, { project: Project; keys: KeyToName[] }>();
    const withKeys: Array<{ path: string; source: string }> = [];
    for (const [index, result] of found.entries()) {
      if (result.kind !== 'keys') continue;
      if (result.error !== undefined) report.failed.push({ path: result.path, error: result.error });
      if (result.keys.length === 0) continue;
      withKeys.push(candidates[index]!);
      const project = projectOf(result.path, settings);
      const group = byProject.get(project.files.env) ?? { project, keys: [] };
      group.keys.push(...result.keys);
      byProject.set(project.files.env, group);
    }
    const nameOf = new Map<string, Map<string, string>>();
    for (const [envFile, { keys }] of byProject) nameOf.set(envFile, planNames(keys, readDotenv(envFile), settings.envVar));

    // Pass 2: the transform itself, with the planned names.
    const rewrites = await pool.run(
      withKeys.map(({ path, source }) => ({
        kind: 'rewrite',
        path,
        source,
        options: options.transformOptions,
        names: nameOf.get(projectOf(path, settings).files.env)!,
      })),
      (done) => options.onProgress?.(done, withKeys.length),
    );
    for (const [index, result] of rewrites.entries()) {
      if (result.kind !== 'rewrite') continue;
      const { outcome, output } = result;
      if (outcome.status === 'failed') report.failed.push({ path: outcome.path, error: outcome.error ?? 'failed' });
      report.keys.push(...outcome.keys.map((key) => ({ ...key, path: outcome.path })));
      if (output === undefined || outcome.status !== 'changed') continue;
      report.changes.push({ path: outcome.path, before: withKeys[index]!.source, after: output, keys: outcome.keys, flavour: outcome.flavour });
      if (outcome.flavour && outcome.keys.some((key) => key.rewritten && key.mode === 'sync')) report.syncEntryPoints.push(outcome.path);
    }
    if (!options.dryRun) write(report, byProject, nameOf, settings);
  } finally {
    await pool.close();
  }
  return report;
}

function write(
  report: FixReport,
  byProject: Map<string, { project: Project; keys: KeyToName[] }>,
  nameOf: Map<string, Map<string, string>>,
  settings: TransformSettings,
): void {
  // Staged first: if any rewritten file cannot be written, nothing has changed yet.
  const staged = report.changes.map((change) => ({ change, temporary: `${change.path}.clockwork-secrets.tmp` }));
  try {
    for (const { change, temporary } of staged) writeFileSync(temporary, change.after, { mode: statSync(change.path).mode & 0o777 });
    for (const [envFile, { project }] of byProject) {
      const names = nameOf.get(envFile)!;
      report.envAdded.set(envFile, recordSecrets(project.files, [...names].map(([value, name]) => [name, value] as const)));
      if (settings.provider !== 'env') {
        const changes = report.changes.filter((change) => projectOf(change.path, settings).files.env === envFile);
        writeModules(project, changes, report, settings.provider, settings.vaultSettings);
      }
    }
  } catch (error) {
    for (const { temporary } of staged) if (existsSync(temporary)) unlinkSync(temporary);
    throw error;
  }
  for (const { change, temporary } of staged) renameSync(temporary, change.path);
}

/** Every generated module of a project loads every name, so any one loader serves the whole app. */
function writeModules(
  project: Project,
  changes: readonly FileChange[],
  report: FixReport,
  provider: 'aws' | 'vault' | 'conjur',
  vaults: ProviderSettings,
): void {
  const settings = { ...vaults, useNodeVault: project.dependencies.has('node-vault') };
  const flavours = new Set(changes.flatMap((change) => (change.flavour ? [change.flavour] : [])));
  const names = changes.flatMap((change) => change.keys.filter((key) => key.rewritten && key.mode !== 'comment').map((key) => key.name));
  report.modules.push(...ensureSecretModules(project.moduleDir, provider, flavours, names, settings));
}
