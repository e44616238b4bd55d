/** Environment variables: the module reads `process.env[name]` at each call and needs no loading. */
import { isSecretName } from './module-template.js';
import type { SecretsProvider } from './provider.js';

export const envProvider: SecretsProvider = {
  name: 'env',
  store: 'environment variables',
  moduleSource: () => ({ imports: [], settings: '', access: 'environment', cacheKey: '', reads: '', helpers: [] }),
  fallbackRead: (envName) => {
    if (!isSecretName(envName)) throw new Error(`Not an environment variable name for process.env.X: ${JSON.stringify(envName)}.`);
    return `process.env.${envName}`;
  },
};
