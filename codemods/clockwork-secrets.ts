/**
 * jscodeshift transform: every key `clockwork-secrets/no-hardcoded-key` reports becomes an
 * environment or vault lookup, and its value is recorded in the package's `.env`.
 *
 *   npx jscodeshift --no-babel -t node_modules/eslint-plugin-clockwork-secrets/dist/codemods/jscodeshift.cjs \
 *     --provider=env|aws|vault|conjur [--env-var=NAME] [--secret-id=ID] src
 *
 * (jscodeshift.cjs wraps this ES module so that it loads with or without Babel registration.)
 *
 * Run alone, each worker takes a lock on `.env` to name values consistently. The
 * `clockwork-secrets fix` CLI runs this same transform with `names` (planned across the whole run)
 * and a `collect` callback instead, and writes every side file once, from one process.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { join } from 'node:path';
import { maskKey } from '../src/detect/mask.js';
import { detectInSource, parseFailure } from '../src/codemod/detect-in-source.js';
import { planNames } from '../src/codemod/naming.js';
import { projectOf, relativeSpecifier, type Project } from '../src/codemod/project.js';
import { isEnvName } from '../src/codemod/env-name.js';
import { hintOf, rewriteDetections, type KeyRecord, type Rewrite } from '../src/codemod/rewrite.js';
import { readDotenv, readText, recordSecrets, withFileLock, writeAtomic } from '../src/codemod/side-files.js';
import { moduleFileName, type ModuleFlavour } from '../src/providers/flavour.js';
import { PROVIDERS, renderProviderModule, type Provider } from '../src/providers/index.js';
import { DEFAULT_PROVIDER_SETTINGS, namesInModule, type ProviderSettings } from '../src/providers/secret-module.js';
import type { DetectorOptions } from '../src/eslint/key-detector.js';

/** What one file's rewrite hands back to the CLI in collect mode. */
export interface FileOutcome {
  path: string;
  status: 'unchanged' | 'changed' | 'failed';
  /** Each value travels only in memory, for the CLI to write to `.env` once. */
  keys: KeyRecord[];
  flavour: ModuleFlavour | undefined;
  error?: string;
}

export interface TransformSettings {
  provider: Provider;
  envVar: string | undefined;
  detector: DetectorOptions;
  vaultSettings: ProviderSettings;
  envFile: string | undefined;
  moduleDir: string | undefined;
}

/** Reads jscodeshift's options (strings from the command line, camelCase or kebab-case). */
export function settingsFrom(options: Options): TransformSettings {
  const get = (name: string): string | undefined => {
    const kebab = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    const value: unknown = options[name] ?? options[kebab];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const list = (name: string) => get(name)?.split(',').map((item) => item.trim()).filter(Boolean) ?? [];
  const provider = (get('provider') ?? 'env') as Provider;
  if (!PROVIDERS.includes(provider)) throw new Error(`Unknown provider "${provider}": use one of ${PROVIDERS.join(', ')}.`);
  const envVar = get('envVar');
  if (envVar !== undefined && !isEnvName(envVar)) throw new Error(`--env-var "${envVar}" is not a valid environment variable name.`);
  return {
    provider,
    envVar,
    detector: { extraNames: list('extraNames'), allowedValues: list('allowedValues'), clientModules: list('clientModules') },
    vaultSettings: {
      secretId: get('secretId') ?? DEFAULT_PROVIDER_SETTINGS.secretId,
      vaultMount: get('vaultMount') ?? DEFAULT_PROVIDER_SETTINGS.vaultMount,
      vaultPath: get('vaultPath') ?? DEFAULT_PROVIDER_SETTINGS.vaultPath,
      useNodeVault: false,
      conjurPrefix: get('conjurPrefix') ?? DEFAULT_PROVIDER_SETTINGS.conjurPrefix,
    },
    envFile: get('dotenv'),
    moduleDir: get('moduleDir'),
  };
}

export default async function transform(file: FileInfo, api: API, options: Options): Promise<string | undefined> {
  const settings = settingsFrom(options);
  const collect = typeof options.collect === 'function' ? (options.collect as (outcome: FileOutcome) => void) : undefined;
  const detected = detectInSource(file.source, file.path, settings.detector);
  if (detected.kind === 'parse-error') {
    const { message, line, column } = detected.error;
    collect?.({ path: file.path, status: 'failed', keys: [], flavour: undefined, error: `does not parse (${line}:${column}): ${message}` });
    // jscodeshift reports a thrown error for the file and leaves it untouched.
    throw new Error(`${file.path} does not parse (${line}:${column}): ${message}. Left untouched.`);
  }
  if (detected.kind === 'skipped' || detected.detections.length === 0) {
    collect?.({ path: file.path, status: 'unchanged', keys: [], flavour: undefined });
    return undefined;
  }

  const project = projectOf(file.path, settings);
  const providerSettings = { ...settings.vaultSettings, useNodeVault: project.dependencies.has('node-vault') };
  // jscodeshift's --dry: plan names against `.env` as it is, and write nothing beside the code either.
  const dry = options.dry === true;
  const planFile = () => {
    const planned = planNames(
      detected.detections.map((detection) => ({ value: detection.value, kind: detection.kind, hint: hintOf(detection) })),
      readDotenv(project.files.env),
      settings.envVar,
    );
    if (!dry) recordSecrets(project.files, [...planned].map(([value, name]) => [name, value] as const));
    return planned;
  };
  const names =
    options.names instanceof Map
      ? (options.names as ReadonlyMap<string, string>)
      : dry
        ? planFile()
        : await withFileLock(`${project.files.env}.lock`, planFile);

  const rewrite = rewriteDetections(file.source, file.path, detected.sourceCode, detected.detections, {
    provider: settings.provider,
    nameOf: (value) => {
      const name = names.get(value);
      if (name === undefined) throw new Error(`${file.path}: no name was planned for a key (${maskKey(value)}).`);
      return name;
    },
    moduleSpecifier: (flavour) => moduleSpecifier(file.path, project, flavour),
    packageType: project.packageType,
  });
  assertParses(file.path, rewrite);

  const changed = rewrite.output !== file.source;
  if (collect) {
    collect({ path: file.path, status: changed ? 'changed' : 'unchanged', keys: rewrite.keys, flavour: rewrite.flavour });
    return changed ? rewrite.output : undefined;
  }
  if (rewrite.flavour && settings.provider !== 'env' && !dry) {
    const flavours = new Set([rewrite.flavour]);
    const moduleNames = rewrite.keys.filter((key) => key.mode !== 'comment' && key.rewritten).map((key) => key.name);
    const provider = settings.provider;
    await withFileLock(`${project.files.env}.lock`, () =>
      ensureSecretModules(project.moduleDir, provider, flavours, moduleNames, providerSettings),
    );
  }
  for (const key of rewrite.keys) {
    const where = `${file.path}:${key.line}:${key.column}`;
    api.report(
      key.rewritten
        ? `${where} moved ${maskKey(key.value)} to ${key.name}`
        : `${where} left ${maskKey(key.value)} in place: ${key.leftBecause ?? 'it cannot be rewritten'}`,
    );
  }
  return changed ? rewrite.output : undefined;
}

function moduleSpecifier(path: string, project: Project, flavour: ModuleFlavour): string {
  // TypeScript resolves `./x.js` to `./x.ts` under every module resolution mode.
  const target = join(project.moduleDir, moduleFileName(flavour));
  return flavour === 'ts' ? relativeSpecifier(path, target).replace(/\.ts$/, '.js') : relativeSpecifier(path, target);
}

/** The output must parse with the parser that read the input, or the file is left as it was. */
function assertParses(path: string, rewrite: Rewrite): void {
  const failure = parseFailure(rewrite.output, path);
  if (failure) {
    throw new Error(`${path}: the rewritten code would not parse (${failure.line}:${failure.column}: ${failure.message}). Left untouched.`);
  }
}

/**
 * Writes the generated modules of `flavours` into `dir`, each loading every name that any
 * module there loads plus `names` (so one loader serves every file); untouched when nothing is
 * missing, so a second run changes nothing. Returns the paths written.
 */
export function ensureSecretModules(
  dir: string,
  provider: Exclude<Provider, 'env'>,
  flavours: ReadonlySet<ModuleFlavour>,
  names: readonly string[],
  settings: ProviderSettings,
): string[] {
  const paths = (['ts', 'esm', 'cjs'] as const).map((flavour) => [flavour, join(dir, moduleFileName(flavour))] as const);
  const existing = new Map(paths.map(([flavour, path]) => [flavour, readText(path)]));
  const all = [...new Set([...names, ...[...existing.values()].flatMap(namesInModule)])];
  const written: string[] = [];
  for (const [flavour, path] of paths) {
    const source = existing.get(flavour)!;
    if (!flavours.has(flavour) && source === '') continue;
    const known = namesInModule(source);
    if (source !== '' && all.every((name) => known.includes(name))) continue;
    writeAtomic(path, renderProviderModule(provider, flavour, all, settings));
    written.push(path);
  }
  return written;
}
