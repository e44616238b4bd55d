/** AWS Secrets Manager through the official SDK: one secret (`--secret-id`), a JSON field per name. */
import type { Writer } from './flavour.js';
import { fieldOfSource, type ProviderSettings, type ProviderSource } from './secret-module.js';

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
