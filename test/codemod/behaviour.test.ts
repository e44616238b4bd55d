/**
 * The codemod keeps behaviour: the leaky app, run before and after `clockwork-secrets fix`, hands
 * the same keys to the Clockwork clients, for every provider. Keys never appear in this file, in
 * assertions or in output: the stub clients record a sha256 per key, and the values are read at
 * run time from the app's sources (before) and the `.env` the codemod writes (after).
 *
 * Each provider works on its own copy of examples/leaky-app under test/.tmp/ (inside the repo so
 * that `@aws-sdk/client-secrets-manager` resolves from the repo's node_modules), with stub
 * `clockwork`, `clockworksms` and `react` packages in its node_modules. Its TypeScript is
 * transpiled to ES modules in `<copy>/.run/` by `typescript`'s transpileModule. The real built CLI
 * rewrites the copy; vault, conjur and aws secrets are served by local stubs the generated modules
 * reach over HTTP (aws through the real AWS SDK).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { startAwsStub, startConjurStub, startVaultStub, type ConjurStub, type StubServer } from '../support/stub-servers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const APP = join(ROOT, 'examples/leaky-app');
const STUBS = join(ROOT, 'test/fixtures/stub-clockwork');

type Provider = 'env' | 'aws' | 'vault' | 'conjur';

/** Extra CLI options per provider: aws reads a secret id other than the default. */
const FIX_OPTIONS: Record<Provider, string[]> = {
  env: [],
  aws: ['--secret-id', 'leaky-app/clockwork'],
  vault: [],
  conjur: [],
};

const AWS = { region: 'us-east-1', accessKeyId: 'AKIASTUBSTUBSTUBSTUB', secretAccessKey: 'stub-secret-access-key', secretId: 'leaky-app/clockwork' };
const VAULT_TOKEN = 'stub-vault-token';
const CONJUR = { account: 'leaky', login: 'host/leaky-app', apiKey: 'stub-conjur-api-key' };

/**
 * Loads the app's modules that hand keys to Clockwork and exercises them. The Clockwork HTTP API
 * is stubbed at fetch (other hosts, the vault stubs, pass through); a mailer stub records the
 * gateway address. Every value is recorded as `<channel> <sha256>` in $CLOCKWORK_RECORD, in a
 * fixed order. With --load it first awaits the loader of every generated module, as an app's
 * start-up must before code that reads secrets synchronously.
 */
const ENTRY = `// Behaviour-test entry, written by test/codemod/behaviour.test.ts.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const at = (path) => join(here, path);
const load = (path) => import(pathToFileURL(at(path)).href);
const record = (channel, value) => {
  const digest = typeof value === 'string' ? createHash('sha256').update(value).digest('hex') : 'not-a-string:' + typeof value;
  appendFileSync(process.env.CLOCKWORK_RECORD, channel + ' ' + digest + '\\n');
};

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init = {}) => {
  const url = new URL(String(input));
  if (url.hostname !== 'clockworksms.com' && !url.hostname.endsWith('.clockworksms.com')) return realFetch(input, init);
  record('fetch ' + (init.method ?? 'GET') + ' ' + url.origin + url.pathname, url.search + '\\n' + (init.body === undefined ? '' : String(init.body)));
  return new Response('stub');
};

try {
  if (process.argv.includes('--load')) {
    // One generated module per flavour (CommonJS, ES module, TypeScript) sharing one cache: one loader serves all.
    await require(at('src/clockwork-secrets.cjs')).loadClockworkSecrets();
  }
  const sms = require(at('src/sms.js'));
  await sms.sendSms('+447700900000', 'behaviour test');

  const balance = await load('.run/balance.js');
  await balance.balance();
  await balance.balanceXml();

  const config = (await load('.run/config.js')).default;
  require('clockwork')({ key: config.clockwork.apiKey });

  const notify = await load('src/notify.mjs');
  await notify.notify('+447700900000', 'behaviour test');
  await notify.notifyLegacy('+447700900000', 'behaviour test');
  await notify.notifyByEmail({ sendMail: (mail) => record('mail to', mail.to) }, '447700900000', 'behaviour test');

  const { SmsButton } = await load('.run/components/SmsButton.js');
  record('ClockworkProvider apiKey', SmsButton({ to: '+447700900000' }).props.apiKey);
} catch (error) {
  process.stderr.write('entry failed: ' + (error instanceof Error ? error.message : String(error)) + '\\n');
  process.exitCode = 1;
}
`;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs node asynchronously (the stub servers live in this process), killed after a bound. */
function runNode(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** NAME=value lines of a .env file (the codemod writes plain, unquoted entries). */
function parseEnvFile(path: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^([a-z_]\w*)=(.*)$/i.exec(line);
    if (match) entries.set(match[1]!, match[2]!);
  }
  return entries;
}

/** `text` with every key-shaped token and every known secret value replaced: safe to print. */
function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const value of secrets) if (value.length >= 8) out = out.split(value).join('[secret]');
  for (const token of findKeyTokens(out).reverse()) out = out.slice(0, token.start) + '[key]' + out.slice(token.end);
  return out;
}

/** Whether `text` holds a full key or secret value (a boolean, so a failure prints nothing secret). */
function leaks(text: string, secrets: Iterable<string>): boolean {
  return redact(text, secrets) !== text;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : [path];
  });
}

/**
 * The copy's TypeScript as runnable ES modules in `<app>/.run/`, so `./clockwork-secrets.js`
 * imports resolve to the transpiled generated module. Node's ESM loader needs file extensions,
 * which the app's bundler-style `./ClockworkProvider` import lacks: `.js` is added to such
 * relative specifiers.
 */
function transpileApp(app: string): void {
  const out = join(app, '.run');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  for (const file of sourceFiles(join(app, 'src'))) {
    if (!/\.tsx?$/.test(file) || file.endsWith('.d.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        jsx: ts.JsxEmit.ReactJSX,
        isolatedModules: true,
      },
    });
    const code = outputText.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.\.?\/[^'"]*)\2/g, (whole, lead: string, quote: string, specifier: string) =>
      extname(specifier) === '' ? `${lead}${quote}${specifier}.js${quote}` : whole,
    );
    const target = join(out, relative(join(app, 'src'), file)).replace(/\.tsx?$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }
}

let workRoot = '';
let runCount = 0;
const servers: StubServer[] = [];

/** A clean environment for the app: nothing inherited but PATH, and AWS kept off any real config. */
function appEnv(extra: Record<string, string>): { env: NodeJS.ProcessEnv; record: string } {
  const record = join(workRoot, `record-${++runCount}.txt`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    CLOCKWORK_RECORD: record,
    AWS_CONFIG_FILE: join(workRoot, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(workRoot, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
  return { env, record };
}

/** Runs the entry in `app`; returns the recorded `<channel> <sha256>` lines. */
async function runApp(app: string, extra: Record<string, string>, load: boolean): Promise<RunResult & { lines: string[] }> {
  transpileApp(app);
  const { env, record } = appEnv(extra);
  const result = await runNode([join(app, 'run-app.mjs'), ...(load ? ['--load'] : [])], { cwd: app, env });
  const lines = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
  return { ...result, lines };
}

interface Prepared {
  app: string;
  /** What the original app recorded. */
  before: string[];
  /** The `.env` the codemod wrote: name → value. */
  dotenv: Map<string, string>;
  fix: RunResult;
}

const prepared = new Map<Provider, Promise<Prepared>>();

/** A copy of the app, run as it is, then fixed by the real CLI (once per provider). */
function prepare(provider: Provider): Promise<Prepared> {
  let promise = prepared.get(provider);
  if (!promise) {
    promise = (async () => {
      const app = join(workRoot, provider);
      cpSync(APP, app, { recursive: true });
      for (const stub of ['clockwork', 'clockworksms', 'react']) cpSync(join(STUBS, stub), join(app, 'node_modules', stub), { recursive: true });
      writeFileSync(join(app, 'run-app.mjs'), ENTRY);

      const original = await runApp(app, {}, false);
      expect(original.code, `the original app failed: ${redact(original.stderr)}`).toBe(0);

      const fix = await runNode([CLI, 'fix', join(app, 'src'), '--provider', provider, ...FIX_OPTIONS[provider]], {
        cwd: ROOT,
        env: { ...process.env },
      });
      const dotenv = existsSync(join(app, '.env')) ? parseEnvFile(join(app, '.env')) : new Map<string, string>();
      return { app, before: original.lines, dotenv, fix };
    })();
    prepared.set(provider, promise);
  }
  return promise;
}

/** The env var or secret name the rewritten src/sms.js reads for its client. */
function smsSecretName(app: string): string {
  const source = readFileSync(join(app, 'src/sms.js'), 'utf8');
  const name = /process\.env\.(\w+) \|\|/.exec(source)?.[1] ?? /clockworkSecret\('(\w+)'\)/.exec(source)?.[1];
  expect(name, 'src/sms.js reads no secret after the fix').toBeDefined();
  return name!;
}

async function stubFor(provider: Exclude<Provider, 'env'>, dotenv: Map<string, string>, options: { expireFirstToken?: boolean } = {}) {
  const fields = Object.fromEntries(dotenv);
  if (provider === 'vault') {
    const server = await startVaultStub({ token: VAULT_TOKEN, fields });
    servers.push(server);
    return { server, env: { VAULT_ADDR: server.url, VAULT_TOKEN } };
  }
  if (provider === 'conjur') {
    const variables = Object.fromEntries([...dotenv].map(([name, value]) => [`clockwork/${name}`, value]));
    const server = await startConjurStub({ ...CONJUR, variables, expireFirstToken: options.expireFirstToken ?? false });
    servers.push(server);
    const env = { CONJUR_APPLIANCE_URL: server.url, CONJUR_ACCOUNT: CONJUR.account, CONJUR_AUTHN_LOGIN: CONJUR.login, CONJUR_AUTHN_API_KEY: CONJUR.apiKey };
    return { server, env };
  }
  const server = await startAwsStub({ secretId: AWS.secretId, secretString: JSON.stringify(fields), accessKeyId: AWS.accessKeyId, region: AWS.region });
  servers.push(server);
  const env = {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url,
    AWS_REGION: AWS.region,
    AWS_ACCESS_KEY_ID: AWS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
  };
  return { server, env };
}

beforeAll(() => {
  mkdirSync(join(ROOT, 'test/.tmp'), { recursive: true });
  workRoot = mkdtempSync(join(ROOT, 'test/.tmp/behaviour-'));
  expect(existsSync(CLI), 'build first: npm run build').toBe(true);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await Promise.allSettled(prepared.values());
  if (workRoot) rmSync(workRoot, { recursive: true, force: true });
});

describe.each(['env', 'aws', 'vault', 'conjur'] as const)('provider %s', (provider) => {
  it('the fixed app hands the same keys to Clockwork as the original', async () => {
    const { app, before, dotenv, fix } = await prepare(provider);
    const secrets = [...dotenv.values()];

    // The real CLI: exit 0, masked output, every value kept in .env.
    expect(leaks(fix.stdout + fix.stderr, secrets), 'the CLI printed a key').toBe(false);
    expect(fix.code, `fix failed: ${redact(fix.stdout + fix.stderr, secrets)}`).toBe(0);
    expect(dotenv.size).toBeGreaterThan(0);

    // The original run reached every channel with real keys (values now in .env).
    const channels = before.map((line) => line.split(' ').slice(0, -1).join(' '));
    expect(channels).toEqual([
      'clockwork',
      'clockworksms',
      'fetch POST https://api.clockworksms.com/xml/balance',
      'clockwork',
      'fetch POST https://api.clockworksms.com/http/send.aspx',
      'fetch GET https://api.clockworksms.com/http/send.aspx',
      'mail to',
      'ClockworkProvider apiKey',
    ]);
    const hashes = new Set(secrets.map(sha256));
    for (const line of before.filter((entry) => /^(?:clockwork|clockworksms|ClockworkProvider apiKey) /.test(entry))) {
      expect(hashes.has(line.split(' ').at(-1)!), `${line} is not the hash of a value in .env`).toBe(true);
    }

    // The rewritten sources read the keys instead of holding them.
    for (const file of ['src/sms.js', 'src/balance.ts', 'src/config.ts', 'src/notify.mjs', 'src/components/SmsButton.tsx']) {
      const source = readFileSync(join(app, file), 'utf8');
      expect(secrets.some((value) => source.includes(value)), `${file} still holds a key`).toBe(false);
    }

    let extra: Record<string, string>;
    let server: StubServer | undefined;
    if (provider === 'env') {
      extra = Object.fromEntries(dotenv);
    } else {
      const stub = await stubFor(provider, dotenv, { expireFirstToken: provider === 'conjur' });
      extra = stub.env;
      server = stub.server;
    }
    const after = await runApp(app, extra, provider !== 'env');
    expect(leaks(after.stdout + after.stderr, secrets), 'the fixed app printed a key').toBe(false);
    expect(after.code, `the fixed app failed: ${redact(after.stderr, secrets)}`).toBe(0);
    expect(after.lines).toEqual(before);

    if (server) {
      expect(server.requests.length, 'the stub was never asked').toBeGreaterThan(0);
      // Vault and AWS hold every name in one secret: one read, cached for every module copy.
      if (provider === 'vault' || provider === 'aws') expect(server.requests).toHaveLength(1);
      expect(server.requests.every((request) => request.status < 400 || provider === 'conjur')).toBe(true);
    }
    if (provider === 'conjur') {
      const { events } = server as ConjurStub;
      const auths = events.filter((event) => event.kind === 'authenticate');
      expect(auths.length).toBeGreaterThan(0);
      expect(auths.every((event) => event.base64)).toBe(true);
      // The token refresh: the stub revokes the first token; every read refused with it is retried once
      // with a token issued after the refusal, and the reads share one new login.
      const reads = events.filter((event): event is Extract<(typeof events)[number], { kind: 'read' }> => event.kind === 'read');
      const refused = reads.filter((event) => event.status === 401);
      expect(refused.length).toBeGreaterThan(0);
      expect(auths).toHaveLength(2);
      const firstRefusal = events.indexOf(refused[0]!);
      for (const refusal of refused) {
        const retried = reads.find((event) => event.id === refusal.id && event.status === 200);
        expect(retried, 'a refused read was not retried').toBeDefined();
        expect(retried!.token).toBeGreaterThan(refusal.token ?? 0);
      }
      expect(events.slice(firstRefusal + 1).some((event) => event.kind === 'authenticate')).toBe(true);
    }
  });
});

describe('failing loudly', () => {
  it('env: a missing variable stops the app with its name, and no key reaches a client', async () => {
    const { app, dotenv, fix } = await prepare('env');
    expect(fix.code).toBe(0);
    const name = smsSecretName(app);
    expect(dotenv.has(name)).toBe(true);
    const env = Object.fromEntries([...dotenv].filter(([entry]) => entry !== name));
    const run = await runApp(app, env, false);
    const secrets = [...dotenv.values()];
    expect(leaks(run.stdout + run.stderr, secrets), 'the error printed a key').toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Missing environment variable ${name} (the Clockwork API key)`);
    expect(run.lines, 'a client was given a key').toEqual([]);
  });

  it.each(['vault', 'aws', 'conjur'] as const)('%s: without the loader, clockworkSecret throws naming the secret', async (provider) => {
    const { app, dotenv, fix } = await prepare(provider);
    expect(fix.code).toBe(0);
    const name = smsSecretName(app);
    const { server, env } = await stubFor(provider, dotenv);
    const run = await runApp(app, env, false);
    const secrets = [...dotenv.values()];
    expect(leaks(run.stdout + run.stderr, secrets), 'the error printed a key').toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Clockwork secret ${name} was not loaded`);
    expect(run.lines, 'a client was given a key').toEqual([]);
    expect(server.requests, 'a secret was fetched without the loader').toEqual([]);
  });
});
