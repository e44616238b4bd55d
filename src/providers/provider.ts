/**
 * A provider owns both texts that depend on the store: the generated module's read code, and how
 * a call site reads a secret. Call sites are the same for every provider
 * (`clockworkSecret('NAME')`), except an env fallback under `env`, which keeps its own read.
 */
import type { ModuleWriter } from './module-kind.js';
import { ACCESSORS, isSecretName, type ProviderModule } from './module-template.js';
import type { ProviderSettings } from './settings.js';

export type Provider = 'env' | 'aws' | 'vault' | 'conjur';

export type Quote = "'" | '"';

export interface SecretsProvider {
  readonly name: Provider;
  /** The store, as a reader knows it (the module header names it). */
  readonly store: string;
  /** This provider's part of the generated module. */
  moduleSource(w: ModuleWriter, settings: ProviderSettings, names: readonly string[]): ProviderModule;
  /**
   * How an env-fallback site reads once its literal is gone: `process.env.X || '<key>'` becomes
   * `process.env.X` under env (the read is kept), `clockworkSecret('X')` under a remote store.
   */
  fallbackRead(envName: string, quote?: Quote): string;
}

export interface SecretReadOptions {
  /** sync: `clockworkSecret('NAME')`; async: `getClockworkSecret('NAME')`, for the caller to await. */
  mode?: 'sync' | 'async';
  quote?: Quote;
}

/** A call site's read of a secret: the same text under every provider. */
export function secretRead(name: string, options: SecretReadOptions = {}): string {
  if (!isSecretName(name)) throw new Error(`Not a secret name: ${JSON.stringify(name)} (letters, digits and _ only).`);
  const quote = options.quote ?? "'";
  return `${ACCESSORS[options.mode ?? 'sync']}(${quote}${name}${quote})`;
}
