/**
 * Writing the generated secrets modules of a package: each loads every name that any module
 * there loads plus the new ones (so one loader serves every file); untouched when nothing is
 * missing, so a second run changes nothing.
 */
import { join } from 'node:path';
import { moduleFileName, type ModuleFlavour } from '../providers/flavour.js';
import { renderProviderModule, type Provider } from '../providers/index.js';
import { namesInModule, type ProviderSettings } from '../providers/secret-module.js';
import { readText, writeAtomic } from './side-files.js';

/** Returns the paths written. */
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
