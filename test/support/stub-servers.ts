/**
 * Local stand-ins for the secret stores the generated modules read: HashiCorp Vault (KV v2),
 * CyberArk Conjur (authn + secrets) and AWS Secrets Manager (JSON protocol). Each listens on
 * 127.0.0.1 only, on a random port, with small request limits, and counts what it served so a
 * test can prove the code under test really went through it. They never log a secret.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const MAX_BODY_BYTES = 64 * 1024;

export interface ServedRequest {
  method: string;
  /** The path without the query, as sent (still percent-encoded). */
  path: string;
  status: number;
}

export interface StubServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  requests: ServedRequest[];
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

type Handler = (request: IncomingMessage, body: string) => Reply;

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function listen(handler: Handler): Promise<StubServer> {
  const requests: ServedRequest[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const answer = (status: number, headers: Record<string, string>, body: string) => {
      requests.push({ method: request.method ?? '', path, status });
      response.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
      response.end(body);
    };
    readBody(request).then(
      (body) => {
        let result: Reply;
        try {
          result = handler(request, body);
        } catch {
          result = { status: 500, body: 'stub error' };
        }
        answer(result.status, result.headers ?? { 'Content-Type': 'text/plain' }, result.body);
      },
      (error: unknown) => {
        if (error instanceof BodyTooLarge) answer(413, { 'Content-Type': 'text/plain', Connection: 'close' }, 'too large');
      },
    );
  });
  // Bounded: a stuck or flooding client cannot hold the test up.
  server.maxConnections = 64;
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

const json = (status: number, value: unknown, contentType = 'application/json'): Reply => ({
  status,
  headers: { 'Content-Type': contentType },
  body: JSON.stringify(value),
});

export interface VaultStubOptions {
  token: string;
  /** KV v2 mount and path: the secret is served at `/v1/<mount>/data/<path>`. */
  mount?: string;
  path?: string;
  fields: Readonly<Record<string, string>>;
}

/** Vault KV v2: `GET /v1/<mount>/data/<path>` with `X-Vault-Token`, answering `{ data: { data, metadata } }`. */
export function startVaultStub(options: VaultStubOptions): Promise<StubServer> {
  const secretPath = `/v1/${options.mount ?? 'secret'}/data/${options.path ?? 'clockwork'}`;
  return listen((request) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.headers['x-vault-token'] !== options.token) return json(403, { errors: ['permission denied'] });
    if (request.method !== 'GET' || path !== secretPath) return json(404, { errors: [] });
    return json(200, {
      request_id: 'stub',
      lease_duration: 0,
      renewable: false,
      data: { data: options.fields, metadata: { created_time: '2024-01-01T00:00:00Z', version: 1, destroyed: false } },
    });
  });
}

export interface ConjurStubOptions {
  account: string;
  /** The login, e.g. `host/leaky-app` (sent percent-encoded in the path). */
  login: string;
  apiKey: string;
  /** Variable id (e.g. `clockwork/NAME`) to value. */
  variables: Readonly<Record<string, string>>;
  /** Refuse the first read that presents a valid token with 401, as if the token had expired. */
  expireFirstToken?: boolean;
}

export type ConjurEvent =
  | { kind: 'authenticate'; token: number; base64: boolean }
  | { kind: 'read'; id: string; token: number | undefined; status: number };

export interface ConjurStub extends StubServer {
  /** What the stub did, in order: tokens issued and reads with the token each presented. */
  events: ConjurEvent[];
}

/**
 * Conjur: `POST /authn/{account}/{login}/authenticate` (the API key is the body) issues a token,
 * base64 with `Content-Encoding: base64` when asked with `Accept-Encoding: base64` as Conjur does,
 * the JSON token otherwise; `GET /secrets/{account}/variable/{id}` needs `Authorization: Token token="<base64>"`.
 */
export async function startConjurStub(options: ConjurStubOptions): Promise<ConjurStub> {
  const events: ConjurEvent[] = [];
  /** base64 token → its number; a revoked token stays known but is refused. */
  const tokens = new Map<string, number>();
  const revoked = new Set<number>();
  let expireNext = options.expireFirstToken ?? false;

  const segments = (path: string) => path.split('/').slice(1).map((part) => decodeURIComponent(part));
  const server = await listen((request, body): Reply => {
    const parts = segments((request.url ?? '').split('?')[0]!);
    if (request.method === 'POST' && parts.length === 4 && parts[0] === 'authn' && parts[3] === 'authenticate') {
      if (parts[1] !== options.account || parts[2] !== options.login || body !== options.apiKey) return { status: 401, body: '' };
      const number = tokens.size + 1;
      const token = JSON.stringify({
        protected: Buffer.from(JSON.stringify({ alg: 'conjur.org/slosilo/v2', kid: 'stub' })).toString('base64url'),
        payload: Buffer.from(JSON.stringify({ sub: options.login, iat: Math.floor(Date.now() / 1000), jti: number })).toString('base64url'),
        signature: randomBytes(32).toString('base64url'),
      });
      const encoded = Buffer.from(token).toString('base64');
      tokens.set(encoded, number);
      const base64 = String(request.headers['accept-encoding'] ?? '')
        .split(',')
        .some((encoding) => encoding.trim().toLowerCase() === 'base64');
      events.push({ kind: 'authenticate', token: number, base64 });
      return base64
        ? { status: 200, headers: { 'Content-Type': 'text/plain', 'Content-Encoding': 'base64' }, body: encoded }
        : { status: 200, headers: { 'Content-Type': 'application/json' }, body: token };
    }
    if (request.method === 'GET' && parts.length >= 4 && parts[0] === 'secrets' && parts[2] === 'variable') {
      const id = parts.slice(3).join('/');
      const presented = /^Token token="([^"]+)"$/.exec(String(request.headers.authorization ?? ''))?.[1];
      const token = presented === undefined ? undefined : tokens.get(presented);
      const read = (status: number) => events.push({ kind: 'read', id, token, status });
      if (token === undefined || revoked.has(token)) {
        read(401);
        return { status: 401, body: '' };
      }
      if (expireNext) {
        expireNext = false;
        revoked.add(token);
        read(401);
        return { status: 401, body: '' };
      }
      if (parts[1] !== options.account) {
        read(403);
        return { status: 403, body: '' };
      }
      const value = options.variables[id];
      read(value === undefined ? 404 : 200);
      return value === undefined ? { status: 404, body: '' } : { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: value };
    }
    return { status: 404, body: '' };
  });
  return Object.assign(server, { events });
}

export interface AwsStubOptions {
  secretId: string;
  secretString: string;
  /** The access key id the client must sign with. */
  accessKeyId: string;
  region: string;
}

/**
 * AWS Secrets Manager, JSON 1.1 protocol: `POST /` with `X-Amz-Target: secretsmanager.GetSecretValue`,
 * a SigV4 `Authorization` for the expected key and region, and `{"SecretId": …}`.
 */
export function startAwsStub(options: AwsStubOptions): Promise<StubServer> {
  const type = 'application/x-amz-json-1.1';
  const error = (status: number, code: string, message: string): Reply => ({
    status,
    headers: { 'Content-Type': type, 'x-amzn-ErrorType': code },
    body: JSON.stringify({ __type: code, message }),
  });
  return listen((request, body) => {
    if (request.method !== 'POST' || (request.url ?? '') !== '/') return error(404, 'UnknownOperationException', 'not found');
    if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return error(400, 'UnknownOperationException', 'unknown target');
    const scope = `Credential=${options.accessKeyId}/`;
    const authorization = String(request.headers.authorization ?? '');
    if (!authorization.startsWith('AWS4-HMAC-SHA256 ') || !authorization.includes(scope) || !authorization.includes(`/${options.region}/secretsmanager/aws4_request`)) {
      return error(403, 'UnrecognizedClientException', 'bad signature');
    }
    let secretId: unknown;
    try {
      secretId = (JSON.parse(body) as { SecretId?: unknown }).SecretId;
    } catch {
      return error(400, 'SerializationException', 'bad body');
    }
    if (secretId !== options.secretId) return error(400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return json(
      200,
      {
        ARN: `arn:aws:secretsmanager:${options.region}:000000000000:secret:${options.secretId}-AbCdEf`,
        Name: options.secretId,
        SecretString: options.secretString,
        VersionId: '00000000-0000-4000-8000-000000000000',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1_700_000_000,
      },
      type,
    );
  });
}
