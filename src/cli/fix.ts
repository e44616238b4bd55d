/**
 * `clockwork-secrets fix`: the transform over a codebase. Workers rewrite with placeholder names;
 * this process then plans one name per value across the run, records every value in `.env`
 * (before any source file changes, so no key can be lost), writes the generated modules, and
 * swaps each rewritten file in atomically.
 */
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSecretModule, placeholderName, settingsFrom, type TransformSettings } from '../../codemods/clockwork-secrets.js';
import { mayHoldKeys } from '../codemod/detect-in-source.js';
import { planNames } from '../codemod/naming.js';
import { projectOf, type Project } from '../codemod/project.js';
import type { KeyRecord } from '../codemod/rewrite.js';
import { readDotenv, recordSecrets } from '../codemod/side-files.js';
import { moduleFileName, type ModuleFlavour } from '../providers/flavour.js';
import type { ProviderSettings } from '../providers/secret-module.js';
import { listSourceFiles } from './files.js';
import { runAll } from './pool.js';
import type { TransformTask } from './run-transform.js';

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
  const tasks: TransformTask[] = [];
  for (const path of files) {
    const source = readFileSync(path, 'utf8');
    if (mayHoldKeys(source, settings.detector)) tasks.push({ path, source, options: options.transformOptions });
  }
  const results = await runAll(tasks, options.workers, (done) => options.onProgress?.(done, tasks.length));

  const report: FixReport = {
    filesScanned: files.length,
    candidates: tasks.length,
    changes: [],
    keys: [],
    failed: [],
    envAdded: new Map(),
    modules: [],
    syncEntryPoints: [],
  };

  // One plan per `.env`: each package of a monorepo names its own values.
  const byProject = new Map<string, { project: Project; keys: Array<KeyRecord & { path: string }> }>();
  for (const { outcome } of results) {
    if (outcome.status === 'failed') report.failed.push({ path: outcome.path, error: outcome.error ?? 'failed' });
    if (outcome.keys.length === 0) continue;
    const project = projectOf(outcome.path, settings);
    const group = byProject.get(project.files.env) ?? { project, keys: [] };
    group.keys.push(...outcome.keys.map((key) => ({ ...key, path: outcome.path })));
    byProject.set(project.files.env, group);
  }
  const nameOf = new Map<string, Map<string, string>>();
  for (const [envFile, { keys }] of byProject) {
    nameOf.set(envFile, planNames(keys, readDotenv(envFile), settings.envVar));
  }

  for (const [index, { outcome, output }] of results.entries()) {
    if (outcome.keys.length === 0) continue;
    const names = nameOf.get(projectOf(outcome.path, settings).files.env)!;
    const keys = outcome.keys.map((key) => ({ ...key, name: names.get(key.value)! }));
    report.keys.push(...keys.map((key) => ({ ...key, path: outcome.path })));
    if (output === undefined || outcome.status !== 'changed') continue;
    let after = output;
    for (const [value, name] of names) after = after.split(placeholderName(value)).join(name);
    report.changes.push({ path: outcome.path, before: tasks[index]!.source, after, keys, flavour: outcome.flavour });
    if (keys.some((key) => key.rewritten && key.mode === 'sync') && outcome.flavour) report.syncEntryPoints.push(outcome.path);
  }

  if (!options.dryRun) write(report, byProject, nameOf, settings);
  return report;
}

function write(
  report: FixReport,
  byProject: Map<string, { project: Project; keys: Array<KeyRecord & { path: string }> }>,
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

function writeModules(
  project: Project,
  changes: readonly FileChange[],
  report: FixReport,
  provider: 'aws' | 'vault' | 'conjur',
  vaults: ProviderSettings,
): void {
  const settings = { ...vaults, useNodeVault: project.dependencies.has('node-vault') };
  const namesByFlavour = new Map<ModuleFlavour, Set<string>>();
  for (const change of changes) {
    if (!change.flavour) continue;
    const names = namesByFlavour.get(change.flavour) ?? new Set<string>();
    for (const key of change.keys) if (key.rewritten && key.mode !== 'comment') names.add(key.name);
    namesByFlavour.set(change.flavour, names);
  }
  for (const [flavour, names] of namesByFlavour) {
    const path = join(project.moduleDir, moduleFileName(flavour));
    if (ensureSecretModule(path, provider, flavour, [...names], settings)) report.modules.push(path);
  }
}
