/** The generated modules under test: every provider (and the node-vault variant) in every module kind, rendered once. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROVIDER_SETTINGS, MODULE_KINDS, renderSecretsModule, type ModuleKind, type Provider, type ProviderSettings } from '../../src/providers/index.js';

export const GOLDEN_DIR = fileURLToPath(new URL('../fixtures/providers/', import.meta.url));

/** The names every golden module is rendered with, unsorted to show that the module sorts them. */
export const NAMES = ['CLOCKWORK_API_KEY_STAGING', 'CLOCKWORK_API_KEY'] as const;

export interface Variant {
  /** Golden folder: the provider, or `vault-node-vault`. */
  label: string;
  provider: Provider;
  settings: ProviderSettings;
}

export const VARIANTS: readonly Variant[] = [
  { label: 'env', provider: 'env', settings: DEFAULT_PROVIDER_SETTINGS },
  { label: 'aws', provider: 'aws', settings: DEFAULT_PROVIDER_SETTINGS },
  { label: 'vault', provider: 'vault', settings: DEFAULT_PROVIDER_SETTINGS },
  { label: 'vault-node-vault', provider: 'vault', settings: { ...DEFAULT_PROVIDER_SETTINGS, useNodeVault: true } },
  { label: 'conjur', provider: 'conjur', settings: DEFAULT_PROVIDER_SETTINGS },
];

const GOLDEN_FILE: Record<ModuleKind, string> = { 'ts-esm': 'ts-esm.ts', 'ts-cjs': 'ts-cjs.ts', esm: 'esm.mjs', cjs: 'cjs.cjs' };

export interface Rendered extends Variant {
  kind: ModuleKind;
  source: string;
  /** Path of its golden file. */
  golden: string;
}

export const RENDERED: readonly Rendered[] = VARIANTS.flatMap((variant) =>
  MODULE_KINDS.map((kind) => ({
    ...variant,
    kind,
    source: renderSecretsModule(variant.provider, kind, NAMES, variant.settings),
    golden: join(GOLDEN_DIR, variant.label, GOLDEN_FILE[kind]),
  })),
);

export function rendered(label: string, kind: ModuleKind): Rendered {
  const found = RENDERED.find((entry) => entry.label === label && entry.kind === kind);
  if (!found) throw new Error(`no variant ${label} ${kind}`);
  return found;
}
