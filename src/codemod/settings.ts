/**
 * The codemod's settings, read from jscodeshift-style options: strings from a command line,
 * camelCase or kebab-case. The CLI hands its flags over in the same shape, so both entry points
 * read them one way.
 */
import { PROVIDERS, type Provider } from '../providers/index.js';
import { DEFAULT_PROVIDER_SETTINGS, type ProviderSettings } from '../providers/index.js';
import type { DetectorOptions } from '../eslint/key-detector.js';
import { isEnvName } from '../detect/env-name.js';

export interface TransformSettings {
  provider: Provider;
  envVar: string | undefined;
  detector: DetectorOptions;
  vaultSettings: ProviderSettings;
  envFile: string | undefined;
  moduleDir: string | undefined;
}

export function settingsFrom(options: Readonly<Record<string, unknown>>): TransformSettings {
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
