/**
 * AWS Secrets Manager through the official SDK: one JSON secret (`--secret-id`) read whole with
 * GetSecretValue, every string field cached, so the module needs no list of names.
 */
import { jsString } from './module-kind.js';
import { secretRead, type SecretsProvider } from './provider.js';

export const awsProvider: SecretsProvider = {
  name: 'aws',
  store: 'AWS Secrets Manager',
  moduleSource: (w, settings) => ({
    imports: [w.importNamed(['GetSecretValueCommand', 'SecretsManagerClient'], '@aws-sdk/client-secrets-manager')],
    settings: `/** The secret holding a JSON field per name; CLOCKWORK_SECRET_ID overrides it per environment. */
const SECRET_ID = process.env.CLOCKWORK_SECRET_ID || ${jsString(settings.secretId)};
const STORE = \`AWS Secrets Manager secret \${SECRET_ID}\`;`,
    access: 'document',
    cacheKey: '`aws ${SECRET_ID}`',
    reads: `/** Every field of the secret, in one GetSecretValue call; region and credentials come from the usual AWS chain. */
async function readSecretFields()${w.t(': Promise<Map<string, string>>')} {
  const client = new SecretsManagerClient({});
  try {
    const { SecretString: text } = await withTimeout(\`Reading \${STORE}\`, (abortSignal) =>
      client.send(new GetSecretValueCommand({ SecretId: SECRET_ID }), { abortSignal }),
    );
    if (text === undefined) throw new Error(\`\${STORE} has no text value: store a JSON object with a field per secret name.\`);
    return stringFields(parseSecretJson(text, STORE), STORE);
  } finally {
    client.destroy();
  }
}`,
    helpers: ['withTimeout', 'parseSecretJson', 'stringFields'],
  }),
  fallbackRead: (envName, quote) => secretRead(envName, quote === undefined ? {} : { quote }),
};
