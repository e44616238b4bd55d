import { awsSource } from './aws.js';
import { conjurSource } from './conjur.js';
import { Writer, type ModuleFlavour } from './flavour.js';
import { renderSecretModule, type ProviderName, type ProviderSettings } from './secret-module.js';
import { vaultSource } from './vault.js';

export type Provider = 'env' | ProviderName;
export const PROVIDERS: readonly Provider[] = ['env', 'aws', 'vault', 'conjur'];

const SOURCES = { aws: awsSource, vault: vaultSource, conjur: conjurSource } as const;

/** The generated secrets module of a vault provider, for the files of one flavour. */
export function renderProviderModule(
  provider: ProviderName,
  flavour: ModuleFlavour,
  names: readonly string[],
  settings: ProviderSettings,
): string {
  return renderSecretModule(provider, flavour, names, (w: Writer) => SOURCES[provider](w, settings));
}
