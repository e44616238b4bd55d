/**
 * The generated secrets modules of a package, and the names file they are made from.
 *
 * `clockwork-secrets.json` beside the modules lists the secret names the package reads, the
 * provider and the module kinds: the codemod's record, never parsed back out of generated code.
 * So reformatting a module (Prettier) or editing it loses no name: a run regenerates the modules
 * only when the names, the provider or the kinds change, or a module is missing; otherwise it
 * leaves them byte for byte, and a second run changes nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_KINDS, PROVIDERS, renderSecretsModule, secretsModuleFileName, type ModuleKind, type Provider, type ProviderSettings } from '../providers/index.js';
import { readText, writeAtomic } from './side-files.js';

export const NAMES_FILE = 'clockwork-secrets.json';

export interface NamesFile {
  provider: Provider;
  names: string[];
  modules: ModuleKind[];
}

/** The names file in `dir`, if there is a readable one (it holds names, never values). */
export function readNamesFile(dir: string): NamesFile | undefined {
  const text = readText(join(dir, NAMES_FILE));
  if (text === '') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${join(dir, NAMES_FILE)} is not valid JSON: fix or delete it, then run again.`);
  }
  const record = data as Partial<NamesFile>;
  const names = Array.isArray(record.names) ? record.names.filter((name): name is string => typeof name === 'string') : [];
  const modules = Array.isArray(record.modules) ? record.modules.filter((kind): kind is ModuleKind => MODULE_KINDS.includes(kind)) : [];
  const provider = PROVIDERS.includes(record.provider as Provider) ? (record.provider as Provider) : 'env';
  return { provider, names, modules };
}

function renderNamesFile(file: NamesFile): string {
  return `${JSON.stringify(
    {
      $comment: 'Written by clockwork-secrets fix: the secret names this package reads and the modules made from them. Keep it in git.',
      provider: file.provider,
      names: file.names,
      modules: file.modules,
    },
    null,
    2,
  )}\n`;
}

/**
 * Makes the package's modules in `dir` serve `names` (added to those it already serves) for the
 * `kinds` this run needs, with `provider`. Returns the paths written.
 */
export function ensureSecretModules(
  dir: string,
  provider: Provider,
  kinds: ReadonlySet<ModuleKind>,
  names: readonly string[],
  settings: ProviderSettings,
): string[] {
  const before = readNamesFile(dir);
  const allNames = [...new Set([...(before?.names ?? []), ...names])].sort();
  // Both TypeScript kinds share `clockwork-secrets.ts`: the kind this run needs wins.
  const wanted = new Set([...(before?.modules ?? []), ...kinds]);
  if ([...kinds].some((kind) => kind.startsWith('ts-'))) {
    for (const kind of wanted) if (kind.startsWith('ts-') && !kinds.has(kind)) wanted.delete(kind);
  }
  const modules = MODULE_KINDS.filter((kind) => wanted.has(kind));
  if (modules.length === 0 || allNames.length === 0) return [];
  const after: NamesFile = { provider, names: allNames, modules };
  const changed = before === undefined || renderNamesFile(before) !== renderNamesFile(after);
  const written: string[] = [];
  for (const kind of modules) {
    const path = join(dir, secretsModuleFileName(kind));
    if (!changed && existsSync(path)) continue;
    writeAtomic(path, renderSecretsModule(provider, kind, allNames, settings));
    written.push(path);
  }
  if (changed) {
    const path = join(dir, NAMES_FILE);
    writeAtomic(path, renderNamesFile(after));
    written.push(path);
  }
  return written;
}
