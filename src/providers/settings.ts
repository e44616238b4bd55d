/** Where each store keeps the secrets: chosen with `fix` options, baked into the generated module as defaults. */
export interface ProviderSettings {
  /** aws: the Secrets Manager secret id (a JSON secret holds one field per name). */
  secretId: string;
  /** vault: KV v2 mount and path (one field per name). */
  vaultMount: string;
  vaultPath: string;
  /** vault: use node-vault when the project already depends on it. */
  useNodeVault: boolean;
  /** conjur: variable ids are this prefix plus the name. */
  conjurPrefix: string;
}

export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = {
  secretId: 'clockwork',
  vaultMount: 'secret',
  vaultPath: 'clockwork',
  useNodeVault: false,
  conjurPrefix: 'clockwork/',
};
