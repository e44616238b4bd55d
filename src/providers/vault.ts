/**
 * HashiCorp Vault KV v2: GET ${VAULT_ADDR}/v1/<mount>/data/<path> with X-Vault-Token, one field
 * per name; through node-vault when the project already depends on it.
 */
import type { Writer } from './flavour.js';
import { requiredEnvSource, type ProviderSettings, type ProviderSource } from './secret-module.js';

export function vaultSource(w: Writer, settings: ProviderSettings): ProviderSource {
  const location = `${settings.vaultMount}/data/${settings.vaultPath}`;
  const read = settings.useNodeVault
    ? `  const vault = nodeVault({ endpoint: requiredEnv('VAULT_ADDR'), token: requiredEnv('VAULT_TOKEN'), namespace: process.env.VAULT_NAMESPACE });
  const body${w.t(': VaultResponse')} = await vault.read(SECRET_PATH);`
    : `  const address = requiredEnv('VAULT_ADDR');
  const base = address.endsWith('/') ? address.slice(0, -1) : address;
  const headers${w.t(': Record<string, string>')} = { 'X-Vault-Token': requiredEnv('VAULT_TOKEN') };
  if (process.env.VAULT_NAMESPACE) headers['X-Vault-Namespace'] = process.env.VAULT_NAMESPACE;
  const response = await fetch(\`\${base}/v1/\${SECRET_PATH}\`, { headers });
  if (!response.ok) throw new Error(\`Vault read of \${SECRET_PATH} failed: HTTP \${response.status}.\`);
  const body${w.t(': VaultResponse')} = await response.json();`;
  const imports = settings.useNodeVault
    ? [w.flavour === 'cjs' ? `const nodeVault = require('node-vault');` : `import nodeVault from 'node-vault';`]
    : [];
  return {
    imports,
    body: `/** KV v2 data path of the secret; CLOCKWORK_VAULT_PATH overrides it per environment. */
const SECRET_PATH = process.env.CLOCKWORK_VAULT_PATH || ${JSON.stringify(location)};
${w.t('\ninterface VaultResponse {\n  data?: { data?: Record<string, unknown> };\n}\n')}
let document${w.t(': Promise<Record<string, unknown>> | undefined')};

/** The secret's fields, read once for all names. */
function secretFields()${w.t(': Promise<Record<string, unknown>>')} {
  if (document === undefined) {
    document = readFields();
    // A failed read is retried by the next call rather than cached.
    document.catch(() => {
      document = undefined;
    });
  }
  return document;
}

async function readFields()${w.t(': Promise<Record<string, unknown>>')} {
${read}
  return body.data?.data ?? {};
}

async function fetchSecret(name${w.t(': string')})${w.t(': Promise<string>')} {
  const value = (await secretFields())[name];
  if (typeof value !== 'string' || value === '') throw new Error(\`Vault secret \${SECRET_PATH} has no field \${name}.\`);
  return value;
}

${requiredEnvSource(w)}`,
  };
}
