/**
 * @deprecated The read code of the old generated module (`renderProviderModule`), kept only until
 * the codemod moves to `renderSecretsModule`; then this file, flavour.ts and secret-module.ts go.
 */
import type { Writer } from './flavour.js';
import { fieldOfSource, requiredEnvSource, type ProviderSettings, type ProviderSource } from './secret-module.js';

/** AWS Secrets Manager through the official SDK: one secret (`--secret-id`), a JSON field per name. */
export function awsSource(w: Writer, settings: ProviderSettings): ProviderSource {
  return {
    imports: [w.importNamed(['GetSecretValueCommand', 'SecretsManagerClient'], '@aws-sdk/client-secrets-manager')],
    body: `/** The Secrets Manager secret holding the keys; CLOCKWORK_SECRET_ID overrides it per environment. */
const SECRET_ID = process.env.CLOCKWORK_SECRET_ID || ${JSON.stringify(settings.secretId)};

let client${w.t(': SecretsManagerClient | undefined')};
let document${w.t(': Promise<string> | undefined')};

/** The secret's text, read once for all names (the region and credentials come from the usual AWS chain). */
function secretText()${w.t(': Promise<string>')} {
  if (document === undefined) {
    client ??= new SecretsManagerClient({});
    document = client.send(new GetSecretValueCommand({ SecretId: SECRET_ID })).then((response) => {
      if (response.SecretString === undefined) throw new Error(\`AWS secret \${SECRET_ID} has no string value.\`);
      return response.SecretString;
    });
    // A failed read is retried by the next call rather than cached.
    document.catch(() => {
      document = undefined;
    });
  }
  return document;
}

async function fetchSecret(name${w.t(': string')})${w.t(': Promise<string>')} {
  return fieldOf(await secretText(), name, \`AWS secret \${SECRET_ID}\`);
}

${fieldOfSource(w)}`,
  };
}

/**
 * HashiCorp Vault KV v2: GET ${VAULT_ADDR}/v1/<mount>/data/<path> with X-Vault-Token, one field
 * per name; through node-vault when the project already depends on it.
 */
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

/**
 * CyberArk Conjur REST: authenticate at /authn/{account}/{login}/authenticate for a short-lived
 * token (base64), read /secrets/{account}/variable/{id}; the token is renewed before its
 * 8-minute lifetime ends, and once more if the server refuses it.
 */
export function conjurSource(w: Writer, settings: ProviderSettings): ProviderSource {
  const str = w.t(': string');
  return {
    imports: [],
    body: `/** Variable ids are this prefix plus the name; CLOCKWORK_CONJUR_PREFIX overrides it per environment. */
const VARIABLE_PREFIX = process.env.CLOCKWORK_CONJUR_PREFIX ?? ${JSON.stringify(settings.conjurPrefix)};
/** Conjur access tokens live 8 minutes: renew a minute early. */
const TOKEN_RENEW_MS = 7 * 60 * 1000;

let token${w.t(': { header: string; at: number } | undefined')};
let login${w.t(': Promise<string> | undefined')};

function conjurBase()${str} {
  const url = requiredEnv('CONJUR_APPLIANCE_URL');
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/**
 * The Authorization header. A header the server refused is renewed; concurrent reads share one
 * login, and a read refused with an old token picks up a renewal already under way.
 */
function authorization(refused${w.t('?: string')})${w.t(': Promise<string>')} {
  if (token !== undefined && token.header !== refused && Date.now() - token.at < TOKEN_RENEW_MS) {
    return Promise.resolve(token.header);
  }
  login ??= authenticate().finally(() => {
    login = undefined;
  });
  return login;
}

async function authenticate()${w.t(': Promise<string>')} {
  const account = encodeURIComponent(requiredEnv('CONJUR_ACCOUNT'));
  const user = encodeURIComponent(requiredEnv('CONJUR_AUTHN_LOGIN'));
  const response = await fetch(\`\${conjurBase()}/authn/\${account}/\${user}/authenticate\`, {
    method: 'POST',
    headers: { 'Accept-Encoding': 'base64', 'Content-Type': 'text/plain' },
    body: requiredEnv('CONJUR_AUTHN_API_KEY'),
  });
  if (!response.ok) throw new Error(\`Conjur authentication failed: HTTP \${response.status}.\`);
  const raw = (await response.text()).trim();
  // Asked for base64 the server sends it ready; an older server sends the JSON token itself.
  const encoded = raw.startsWith('{') ? Buffer.from(raw).toString('base64') : raw;
  token = { header: \`Token token="\${encoded}"\`, at: Date.now() };
  return token.header;
}

async function fetchSecret(name${str})${w.t(': Promise<string>')} {
  const account = encodeURIComponent(requiredEnv('CONJUR_ACCOUNT'));
  const url = \`\${conjurBase()}/secrets/\${account}/variable/\${encodeURIComponent(VARIABLE_PREFIX + name)}\`;
  const header = await authorization();
  let response = await fetch(url, { headers: { Authorization: header } });
  if (response.status === 401) response = await fetch(url, { headers: { Authorization: await authorization(header) } });
  if (!response.ok) throw new Error(\`Conjur read of \${VARIABLE_PREFIX}\${name} failed: HTTP \${response.status}.\`);
  const value = await response.text();
  if (value === '') throw new Error(\`Conjur variable \${VARIABLE_PREFIX}\${name} is empty.\`);
  return value;
}

${requiredEnvSource(w)}`,
  };
}
