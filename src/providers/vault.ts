/**
 * HashiCorp Vault KV v2: `GET ${VAULT_ADDR}/v1/<mount>/data/<path>` with X-Vault-Token (and
 * X-Vault-Namespace when VAULT_NAMESPACE is set), read whole, every string field cached, so the
 * module needs no list of names. Through node-vault when the project already depends on it.
 */
import { jsString, type ModuleWriter } from './module-kind.js';
import { secretRead, type SecretsProvider } from './provider.js';

const FIELDS = 'return stringFields(isRecord(body) && isRecord(body.data) ? body.data.data : undefined, STORE);';

function fetchRead(w: ModuleWriter): string {
  return `/** Every field of the secret, in one KV v2 read. */
async function readSecretFields()${w.t(': Promise<Map<string, string>>')} {
  const address = requiredEnv('VAULT_ADDR');
  const base = address.endsWith('/') ? address.slice(0, -1) : address;
  const headers${w.t(': Record<string, string>')} = { 'X-Vault-Token': requiredEnv('VAULT_TOKEN') };
  const namespace = process.env.VAULT_NAMESPACE;
  if (namespace) headers['X-Vault-Namespace'] = namespace;
  const what = \`Reading \${STORE}\`;
  const answer = await fetchText(\`\${base}/v1/\${SECRET_PATH}\`, what, { headers });
  if (answer.status !== 200) throw new Error(\`\${what} failed: HTTP \${answer.status}.\`);
  const body = parseSecretJson(answer.text, STORE);
  ${FIELDS}
}`;
}

function nodeVaultRead(w: ModuleWriter): string {
  return `/** Every field of the secret, in one KV v2 read through node-vault. */
async function readSecretFields()${w.t(': Promise<Map<string, string>>')} {
  const namespace = process.env.VAULT_NAMESPACE;
  const vault = nodeVault({
    endpoint: requiredEnv('VAULT_ADDR'),
    token: requiredEnv('VAULT_TOKEN'),
    ...(namespace ? { namespace } : {}),
  });
  const body${w.t(': unknown')} = await withTimeout(\`Reading \${STORE}\`, () => vault.read(SECRET_PATH, { timeout: timeoutMs() }));
  ${FIELDS}
}`;
}

export const vaultProvider: SecretsProvider = {
  name: 'vault',
  store: 'HashiCorp Vault (KV v2)',
  moduleSource: (w, settings) => ({
    imports: settings.useNodeVault ? [w.importModule('nodeVault', 'node-vault')] : [],
    settings: `/** API path of the KV v2 secret holding a field per name; CLOCKWORK_VAULT_PATH overrides it per environment. */
const SECRET_PATH = process.env.CLOCKWORK_VAULT_PATH || ${jsString(`${settings.vaultMount}/data/${settings.vaultPath}`)};
const STORE = \`Vault secret \${SECRET_PATH}\`;`,
    access: 'document',
    cacheKey: '`vault ${SECRET_PATH}`',
    reads: settings.useNodeVault ? nodeVaultRead(w) : fetchRead(w),
    helpers: settings.useNodeVault ? ['requiredEnv', 'withTimeout', 'timeoutMs', 'stringFields'] : ['requiredEnv', 'fetchText', 'parseSecretJson', 'stringFields'],
  }),
  fallbackRead: (envName, quote) => secretRead(envName, quote === undefined ? {} : { quote }),
};
