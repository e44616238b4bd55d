/**
 * CyberArk Conjur REST: authenticate at /authn/{account}/{login}/authenticate for a short-lived
 * token (base64), read /secrets/{account}/variable/{prefix}{name} once per name. Conjur keeps each
 * secret in its own variable, so this module, unlike the others, lists the names it loads.
 */
import { jsString } from './module-kind.js';
import { nameList, checkedNames, SECRET_NAME_TYPE } from './module-template.js';
import { secretRead, type SecretsProvider } from './provider.js';

export const conjurProvider: SecretsProvider = {
  name: 'conjur',
  store: 'CyberArk Conjur',
  moduleSource: (w, settings, names) => ({
    imports: [],
    settings: `/** Variable ids are this prefix plus the name; CLOCKWORK_CONJUR_PREFIX overrides it per environment. */
const VARIABLE_PREFIX = process.env.CLOCKWORK_CONJUR_PREFIX ?? ${jsString(settings.conjurPrefix)};
/** Conjur access tokens live 8 minutes: renew a minute early. */
const TOKEN_RENEW_MS = 7 * 60 * 1000;

/** The variables loadClockworkSecrets() reads, one request each. */
${nameList(`const SECRET_NAMES${w.t(`: readonly ${SECRET_NAME_TYPE}[]`)} =`, checkedNames(names))}`,
    access: 'variables',
    cacheKey: '`conjur ${VARIABLE_PREFIX}`',
    reads: `let token${w.t(': { header: string; at: number } | undefined')};
let login${w.t(': Promise<string> | undefined')};

/** A variable's value; a token the server refuses is renewed once. */
async function readSecret(name${w.t(': string')})${w.t(': Promise<string>')} {
  const id = VARIABLE_PREFIX + name;
  const account = encodeURIComponent(requiredEnv('CONJUR_ACCOUNT'));
  const url = \`\${conjurBase()}/secrets/\${account}/variable/\${encodeURIComponent(id)}\`;
  const what = \`Reading Conjur variable \${id}\`;
  const header = await authorization();
  let answer = await fetchText(url, what, { headers: { Authorization: header } });
  if (answer.status === 401) answer = await fetchText(url, what, { headers: { Authorization: await authorization(header) } });
  if (answer.status !== 200) throw new Error(\`\${what} failed: HTTP \${answer.status}.\`);
  if (answer.text === '') throw new Error(\`Conjur variable \${id} is empty.\`);
  return answer.text;
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
  const user = requiredEnv('CONJUR_AUTHN_LOGIN');
  const what = \`Conjur authentication of \${user}\`;
  const answer = await fetchText(\`\${conjurBase()}/authn/\${account}/\${encodeURIComponent(user)}/authenticate\`, what, {
    method: 'POST',
    headers: { 'Accept-Encoding': 'base64', 'Content-Type': 'text/plain' },
    body: requiredEnv('CONJUR_AUTHN_API_KEY'),
  });
  if (answer.status !== 200) throw new Error(\`\${what} failed: HTTP \${answer.status}.\`);
  const raw = answer.text.trim();
  // Asked for base64 the server sends it ready; an older server sends the JSON token itself.
  const encoded = raw.startsWith('{') ? Buffer.from(raw).toString('base64') : raw;
  token = { header: \`Token token="\${encoded}"\`, at: Date.now() };
  return token.header;
}

function conjurBase()${w.t(': string')} {
  const url = requiredEnv('CONJUR_APPLIANCE_URL');
  return url.endsWith('/') ? url.slice(0, -1) : url;
}`,
    helpers: ['requiredEnv', 'fetchText'],
  }),
  fallbackRead: (envName, quote) => secretRead(envName, quote === undefined ? {} : { quote }),
};
