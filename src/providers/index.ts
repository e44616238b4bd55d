/**
 * The providers: each owns its generated-module read code and its call-site text. The generated
 * module (`renderSecretsModule`) is one per package and module kind, for every provider, `env`
 * included, and exports the same API whatever the store, so call sites never change with it.
 */
import { awsProvider } from './aws.js';
import { conjurProvider } from './conjur.js';
import { envProvider } from './env.js';
import type { ModuleKind } from './module-kind.js';
import { renderModule } from './module-template.js';
import type { Provider, Quote, SecretsProvider } from './provider.js';
import type { ProviderSettings } from './settings.js';
import { vaultProvider } from './vault.js';

export { MODULE_KINDS, secretsModuleFileName, type ModuleKind } from './module-kind.js';
export { ACCESSORS, SECRET_NAME_TYPE } from './module-template.js';
export { secretRead, type Provider, type Quote, type SecretReadOptions, type SecretsProvider } from './provider.js';
export { DEFAULT_PROVIDER_SETTINGS, type ProviderSettings } from './settings.js';

export const PROVIDERS: readonly Provider[] = ['env', 'aws', 'vault', 'conjur'];

const BY_NAME: Record<Provider, SecretsProvider> = { env: envProvider, aws: awsProvider, vault: vaultProvider, conjur: conjurProvider };

export function secretsProvider(provider: Provider): SecretsProvider {
  return BY_NAME[provider];
}

/**
 * The generated secrets module of a package, for the files of one module kind. `names` are the
 * secret names the package reads (from the names file, never from an earlier module); the
 * TypeScript kinds type the accessors with their union, and a Conjur module loads each by name.
 */
export function renderSecretsModule(provider: Provider, kind: ModuleKind, names: readonly string[], settings: ProviderSettings): string {
  const source = BY_NAME[provider];
  return renderModule({ provider, store: source.store }, kind, names, (w) => source.moduleSource(w, settings, names));
}

/** How an env-fallback site (`process.env.X || '<key>'`) reads under a provider, once its literal is gone. */
export function fallbackRead(provider: Provider, envName: string, quote?: Quote): string {
  return BY_NAME[provider].fallbackRead(envName, quote);
}
