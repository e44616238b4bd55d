/**
 * The generated modules run: each case writes a module and a small app into a temporary folder
 * (inside the repo, so that `@aws-sdk/client-secrets-manager` resolves) and runs the app in its
 * own Node process against local stub stores on 127.0.0.1. Apps print sha256 digests of what
 * they read, never a value, and no output may contain any part of a key.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROVIDER_SETTINGS, renderSecretsModule, secretsModuleFileName, type ModuleKind, type Provider } from '../../src/providers/index.js';
import { fakeKey } from '../support/fake-keys.js';
import { removeDir, tempDir, writeFiles } from '../support/codemod-project.js';
import { startAwsStub, startConjurStub, startVaultStub, type ConjurStub, type StubServer } from '../support/stub-servers.js';

const NAMES = ['CLOCKWORK_API_KEY', 'CLOCKWORK_API_KEY_STAGING'];
const KEY = fakeKey('providers api key');
const STAGING = fakeKey('providers staging key');
/** A key that starts with a letter other than t, f or n: JSON.parse quotes the start of such a text in its message. */
const PLAIN = Array.from({ length: 50 }, (_, i) => fakeKey(`providers plain-text secret ${i}`)).find((key) => /^[a-e]/.test(key))!;
const FIELDS = { CLOCKWORK_API_KEY: KEY, CLOCKWORK_API_KEY_STAGING: STAGING };

const sha = (value: string) => createHash('sha256').update(value).digest('hex');

const VAULT_TOKEN = 'stub-vault-token';
const CONJUR = { account: 'acme', login: 'host/sms-app', apiKey: 'stub-conjur-api-key' };
const AWS = { region: 'eu-west-2', accessKeyId: 'AKIASTUBSTUBSTUBSTUB', secretId: 'prod/clockwork' };

/** Prints `{ key, staging }` digests: a top-level read, as module code does. */
const PRINT = `const sha = (value) => createHash('sha256').update(value).digest('hex');
const print = (result) => process.stdout.write(JSON.stringify(result) + '\\n');
const failure = (error) => (error instanceof Error ? error.message : String(error));`;

const ESM_APP = `import { createHash } from 'node:crypto';
import { clockworkSecret } from './clockwork-secrets.mjs';
${PRINT}
print({ key: sha(clockworkSecret('CLOCKWORK_API_KEY')), staging: sha(clockworkSecret('CLOCKWORK_API_KEY_STAGING')) });
`;

/** CommonJS: a sync read before the start-up load, then the load, then the reads. */
const CJS_APP = (file: string) => `const { createHash } = require('node:crypto');
const secrets = require('./${file}');
${PRINT}
let before;
try {
  secrets.clockworkSecret('CLOCKWORK_API_KEY');
} catch (error) {
  before = failure(error);
}
secrets.loadClockworkSecrets().then(
  () => print({ before, key: sha(secrets.clockworkSecret('CLOCKWORK_API_KEY')), staging: sha(secrets.clockworkSecret('CLOCKWORK_API_KEY_STAGING')) }),
  (error) => print({ before, error: failure(error) }),
);
`;

/** An import that may fail: its error message, and how long it took. */
const IMPORT_APP = `import { createHash } from 'node:crypto';
${PRINT}
const started = Date.now();
try {
  const secrets = await import('./clockwork-secrets.mjs');
  print({ key: sha(secrets.clockworkSecret('CLOCKWORK_API_KEY')), ms: Date.now() - started });
} catch (error) {
  print({ error: failure(error), ms: Date.now() - started });
}
`;

const NOT_LOADED = 'Clockwork secret CLOCKWORK_API_KEY is not loaded: await loadClockworkSecrets() at start-up, before code that reads it runs.';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  result: Record<string, unknown>;
}

const root = tempDir('provider-behaviour');
let cases = 0;

function moduleFiles(provider: Provider, kind: ModuleKind, settings = DEFAULT_PROVIDER_SETTINGS): Record<string, string> {
  return { [secretsModuleFileName(kind)]: renderSecretsModule(provider, kind, NAMES, settings) };
}

/** Runs `app` beside `files` in a fresh folder, with nothing inherited from this process but PATH. */
async function run(files: Record<string, string>, app: [string, string], env: Record<string, string>): Promise<Run> {
  const dir = join(root, `case-${++cases}`);
  writeFiles(dir, { ...files, [app[0]]: app[1] });
  const { code, stdout, stderr } = await new Promise<Omit<Run, 'result'>>((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', app[0]], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_EC2_METADATA_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ code: exit, stdout: out, stderr: err });
    });
  });
  for (const key of [KEY, STAGING, PLAIN]) expectNoPartOf(key, stdout + stderr);
  const last = stdout.trim().split('\n').pop() ?? '';
  return { code, stdout, stderr, result: last.startsWith('{') ? (JSON.parse(last) as Record<string, unknown>) : {} };
}

/** Not the key, nor any 8 characters of it. */
function expectNoPartOf(key: string, text: string): void {
  for (let start = 0; start + 8 <= key.length; start++) expect(text).not.toContain(key.slice(start, start + 8));
}

/** A server that accepts connections and never answers. */
function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A server that answers every request 200 with this body. */
function startFixedServer(body: string, contentType: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
      response.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

const closers: Array<() => Promise<void>> = [];
let vault: StubServer;
let conjur: ConjurStub;
let aws: StubServer;
let silent: string;

beforeAll(async () => {
  [vault, conjur, aws] = await Promise.all([
    startVaultStub({ token: VAULT_TOKEN, fields: FIELDS }),
    startConjurStub({ ...CONJUR, variables: { 'clockwork/CLOCKWORK_API_KEY': KEY, 'clockwork/CLOCKWORK_API_KEY_STAGING': STAGING } }),
    startAwsStub({ ...AWS, secretString: JSON.stringify(FIELDS) }),
  ]);
  const hanging = await startSilentServer();
  silent = hanging.url;
  closers.push(() => vault.close(), () => conjur.close(), () => aws.close(), hanging.close);
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  removeDir(root);
});

const vaultEnv = (server: StubServer = vault) => ({ VAULT_ADDR: server.url, VAULT_TOKEN });

/** A stub of its own, for a case that counts what the store served. */
async function own<T extends StubServer>(start: Promise<T>): Promise<T> {
  const server = await start;
  closers.push(() => server.close());
  return server;
}
const awsEnv = (url: string) => ({
  AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
  AWS_REGION: AWS.region,
  AWS_ACCESS_KEY_ID: AWS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: 'stub-secret-access-key',
  CLOCKWORK_SECRET_ID: AWS.secretId,
});
const LOADED = { key: sha(KEY), staging: sha(STAGING) };
const SECRET_READ = { method: 'GET', path: '/v1/secret/data/clockwork', status: 200 };

describe.concurrent('an ES module loads its secrets at import (top-level await)', () => {
  it('vault: one read serves every name, and a top-level clockworkSecret() works', async () => {
    const server = await own(startVaultStub({ token: VAULT_TOKEN, fields: FIELDS }));
    const { code, result } = await run(moduleFiles('vault', 'esm'), ['app.mjs', ESM_APP], vaultEnv(server));
    expect(result).toEqual(LOADED);
    expect(code).toBe(0);
    expect(server.requests).toEqual([SECRET_READ]);
  });

  it('aws: through the SDK, with the secret id overridden per environment by CLOCKWORK_SECRET_ID', async () => {
    const { code, result } = await run(moduleFiles('aws', 'esm'), ['app.mjs', ESM_APP], awsEnv(aws.url));
    expect(result).toEqual(LOADED);
    expect(code).toBe(0);
  });

  it('conjur: one variable a name, and a token the server refuses is renewed once', async () => {
    const variables = { 'clockwork/CLOCKWORK_API_KEY': KEY, 'clockwork/CLOCKWORK_API_KEY_STAGING': STAGING };
    const server = await own(startConjurStub({ ...CONJUR, variables, expireFirstToken: true }));
    const { code, result } = await run(moduleFiles('conjur', 'esm'), ['app.mjs', ESM_APP], {
      CONJUR_APPLIANCE_URL: `${server.url}/`,
      CONJUR_ACCOUNT: CONJUR.account,
      CONJUR_AUTHN_LOGIN: CONJUR.login,
      CONJUR_AUTHN_API_KEY: CONJUR.apiKey,
    });
    expect(result).toEqual(LOADED);
    expect(code).toBe(0);
    // Both reads share the first token; the stub refuses it once, and one renewal serves the retries.
    expect(server.events.filter((event) => event.kind === 'authenticate')).toEqual([
      { kind: 'authenticate', token: 1, base64: true },
      { kind: 'authenticate', token: 2, base64: true },
    ]);
    expect(server.events.filter((event) => event.kind === 'read' && event.status === 200).map((event) => event.kind === 'read' && event.id).sort()).toEqual([
      'clockwork/CLOCKWORK_API_KEY',
      'clockwork/CLOCKWORK_API_KEY_STAGING',
    ]);
  });

  it('TypeScript compiled to ES modules behaves the same', async () => {
    const source = renderSecretsModule('vault', 'ts-esm', NAMES, DEFAULT_PROVIDER_SETTINGS);
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
    const { code, result } = await run({ 'clockwork-secrets.mjs': js }, ['app.mjs', ESM_APP], vaultEnv());
    expect(result).toEqual(LOADED);
    expect(code).toBe(0);
  });

  it('a store that is not configured fails the import, naming the variable', async () => {
    const { result } = await run(moduleFiles('vault', 'esm'), ['app.mjs', IMPORT_APP], { VAULT_TOKEN });
    expect(result.error).toBe('Missing environment variable VAULT_ADDR, needed to read the Clockwork secrets.');
  });
});

describe.concurrent('a CommonJS module reads what loadClockworkSecrets() loaded at start-up', () => {
  it('vault: before the load a sync read throws, naming the secret and the loader; after it, it reads', async () => {
    const { code, result } = await run(moduleFiles('vault', 'cjs'), ['app.cjs', CJS_APP('clockwork-secrets.cjs')], vaultEnv());
    expect(result).toEqual({ before: NOT_LOADED, ...LOADED });
    expect(code).toBe(0);
  });

  it('aws, conjur and TypeScript compiled to CommonJS: the same', async () => {
    const tsCjs = ts.transpileModule(renderSecretsModule('vault', 'ts-cjs', NAMES, DEFAULT_PROVIDER_SETTINGS), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const conjurEnv = { CONJUR_APPLIANCE_URL: conjur.url, CONJUR_ACCOUNT: CONJUR.account, CONJUR_AUTHN_LOGIN: CONJUR.login, CONJUR_AUTHN_API_KEY: CONJUR.apiKey };
    const runs = await Promise.all([
      run(moduleFiles('aws', 'cjs'), ['app.cjs', CJS_APP('clockwork-secrets.cjs')], awsEnv(aws.url)),
      run(moduleFiles('conjur', 'cjs'), ['app.cjs', CJS_APP('clockwork-secrets.cjs')], conjurEnv),
      run({ 'clockwork-secrets.cjs': tsCjs }, ['app.cjs', CJS_APP('clockwork-secrets.cjs')], vaultEnv()),
    ]);
    expect(runs.map((each) => each.result)).toEqual([0, 1, 2].map(() => ({ before: NOT_LOADED, ...LOADED })));
  });

  it('every copy of the module shares one cache: the ES module import loads it, the CommonJS copy reads it', async () => {
    const server = await own(startVaultStub({ token: VAULT_TOKEN, fields: FIELDS }));
    const app = `import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import './clockwork-secrets.mjs';
${PRINT}
const secrets = createRequire(import.meta.url)('./clockwork-secrets.cjs');
print({ key: sha(secrets.clockworkSecret('CLOCKWORK_API_KEY')), staging: sha(secrets.clockworkSecret('CLOCKWORK_API_KEY_STAGING')) });
`;
    const { code, result } = await run({ ...moduleFiles('vault', 'esm'), ...moduleFiles('vault', 'cjs') }, ['app.mjs', app], vaultEnv(server));
    expect(result).toEqual(LOADED);
    expect(code).toBe(0);
    expect(server.requests).toEqual([SECRET_READ]);
  });
});

describe.concurrent('failures are bounded and clear, and never show a secret', () => {
  it('a store that never answers fails after the timeout, naming the store', async () => {
    const env = { CLOCKWORK_SECRETS_TIMEOUT_MS: '300' };
    const [viaFetch, viaSdk] = await Promise.all([
      run(moduleFiles('vault', 'esm'), ['app.mjs', IMPORT_APP], { VAULT_ADDR: silent, VAULT_TOKEN, ...env }),
      run(moduleFiles('aws', 'esm'), ['app.mjs', IMPORT_APP], { ...awsEnv(silent), ...env }),
    ]);
    expect(viaFetch.result.error).toBe('Reading Vault secret secret/data/clockwork failed: no answer within 300 ms.');
    expect(viaSdk.result.error).toBe('Reading AWS Secrets Manager secret prod/clockwork failed: no answer within 300 ms.');
  });

  it('a secret that is not JSON fails without quoting it, wherever the parse happens', async () => {
    const vaultBody = await startFixedServer(`{"data":{"data":{"CLOCKWORK_API_KEY":"${KEY}"}} ${PLAIN}`, 'application/json');
    const awsBody = await startFixedServer(PLAIN, 'application/x-amz-json-1.1');
    closers.push(vaultBody.close, awsBody.close);
    const plainSecret = await own(startAwsStub({ ...AWS, secretString: PLAIN }));
    const [inVaultBody, inAwsSecret, inAwsResponse] = await Promise.all([
      run(moduleFiles('vault', 'esm'), ['app.mjs', IMPORT_APP], { VAULT_ADDR: vaultBody.url, VAULT_TOKEN }),
      run(moduleFiles('aws', 'esm'), ['app.mjs', IMPORT_APP], awsEnv(plainSecret.url)),
      run(moduleFiles('aws', 'esm'), ['app.mjs', IMPORT_APP], awsEnv(awsBody.url)),
    ]);
    expect(inVaultBody.result.error).toBe('Vault secret secret/data/clockwork is not valid JSON: store a JSON object with a field per secret name.');
    expect(inAwsSecret.result.error).toBe('AWS Secrets Manager secret prod/clockwork is not valid JSON: store a JSON object with a field per secret name.');
    expect(inAwsResponse.result.error).toBe('Reading AWS Secrets Manager secret prod/clockwork failed: the answer is not valid JSON.');
    // The same text given to JSON.parse directly would have shown its start.
    expect(() => JSON.parse(PLAIN)).toThrow(PLAIN.slice(0, 8));
  });

  it('a name missing from the secret is named, with the store', async () => {
    const partial = await own(startVaultStub({ token: VAULT_TOKEN, fields: { CLOCKWORK_API_KEY: KEY } }));
    const app = `const { createHash } = require('node:crypto');
const secrets = require('./clockwork-secrets.cjs');
${PRINT}
secrets.loadClockworkSecrets().then(() => {
  try {
    secrets.clockworkSecret('CLOCKWORK_API_KEY_STAGING');
  } catch (error) {
    print({ key: sha(secrets.clockworkSecret('CLOCKWORK_API_KEY')), error: failure(error) });
  }
});
`;
    const { result } = await run(moduleFiles('vault', 'cjs'), ['app.cjs', app], vaultEnv(partial));
    expect(result).toEqual({ key: sha(KEY), error: 'Vault secret secret/data/clockwork has no value for the Clockwork secret CLOCKWORK_API_KEY_STAGING.' });
  });
});

describe.concurrent('env provider', () => {
  const app = `import { createHash } from 'node:crypto';
import { clockworkSecret, getClockworkSecret, loadClockworkSecrets } from './clockwork-secrets.mjs';
${PRINT}
await loadClockworkSecrets();
const attempt = (read) => { try { return sha(read()); } catch (error) { return failure(error); } };
print({
  key: attempt(() => clockworkSecret('CLOCKWORK_API_KEY')),
  staging: attempt(() => clockworkSecret('CLOCKWORK_API_KEY_STAGING')),
  awaited: await getClockworkSecret('CLOCKWORK_API_KEY').then(sha),
  rejected: await getClockworkSecret('CLOCKWORK_API_KEY_STAGING').then(sha, failure),
});
`;

  it('reads process.env at each call, and throws naming a variable that is unset or empty', async () => {
    const [unset, empty] = await Promise.all([
      run(moduleFiles('env', 'esm'), ['app.mjs', app], { CLOCKWORK_API_KEY: KEY }),
      run(moduleFiles('env', 'esm'), ['app.mjs', app], { CLOCKWORK_API_KEY: KEY, CLOCKWORK_API_KEY_STAGING: '' }),
    ]);
    const missing = 'Missing environment variable CLOCKWORK_API_KEY_STAGING, which holds a Clockwork secret.';
    for (const { code, result } of [unset, empty]) {
      expect(result).toEqual({ key: sha(KEY), staging: missing, awaited: sha(KEY), rejected: missing });
      expect(code).toBe(0);
    }
  });
});
