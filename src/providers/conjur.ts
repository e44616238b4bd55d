/**
 * CyberArk Conjur REST: authenticate at /authn/{account}/{login}/authenticate for a short-lived
 * token (base64), read /secrets/{account}/variable/{id}; the token is renewed before its
 * 8-minute lifetime ends, and once more if the server refuses it.
 */
import type { Writer } from './flavour.js';
import { requiredEnvSource, type ProviderSettings, type ProviderSource } from './secret-module.js';

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
