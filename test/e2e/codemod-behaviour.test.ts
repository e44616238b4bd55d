/**
 * The codemod keeps behaviour: apps run before and after the real built `clockwork-secrets fix`
 * hand the same keys to the Clockwork clients, for every provider. Keys never appear in this file,
 * in assertions or in output: the stub clients record a sha256 per key, and the values are read at
 * run time from the app's sources (before) and the `.env` the codemod writes (after), or are fakes
 * generated here (test/support/fake-keys.ts).
 *
 * Every app is a copy under test/.tmp/ (inside the repo, so that `@aws-sdk/client-secrets-manager`
 * resolves from the repo's node_modules; git ignores test/.tmp, so `fix` counts the tree as clean
 * and runs without --force), with stub `clockwork`, `clockworksms` and `react` packages in its
 * node_modules. TypeScript, the generated `src/clockwork-secrets.ts` included, is transpiled to ES
 * modules in `<app>/.run/` by `typescript`'s transpileModule (the apps' tsconfig says ESNext).
 * Vault, Conjur and AWS are local stubs in this process, reached over HTTP (AWS through the real SDK).
 *
 * The scenarios, each started once in beforeAll so that they run side by side:
 * - the leaky app, per provider: run, `fix`, run; Prettier reformats the generated modules; a new
 *   CommonJS file with two more keys; `fix` again, run again;
 * - an ES module package whose client is built at the top level, fixed for Vault, imported;
 * - config objects with env fallbacks, fixed for env, loaded with the variables unset and set;
 * - env fallbacks whose variable cannot hold their key (two files falling back on one variable
 *   with different keys; a public-prefixed variable), fixed for env: each must still find its key.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { fakeKey } from '../support/fake-keys.js';
import { startAwsStub, startConjurStub, startVaultStub, type ConjurStub, type StubServer } from '../support/stub-servers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const APP = join(ROOT, 'examples/leaky-app');
const STUBS = join(ROOT, 'test/fixtures/stub-clockwork');

const PROVIDERS = ['env', 'aws', 'vault', 'conjur'] as const;
type Provider = (typeof PROVIDERS)[number];
type RemoteProvider = Exclude<Provider, 'env'>;

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

const MARKER = '// @clockwork-secrets:';
const GENERATED = { ts: 'src/clockwork-secrets.ts', esm: 'src/clockwork-secrets.mjs', cjs: 'src/clockwork-secrets.cjs', names: 'src/clockwork-secrets.json' };

/** The file added to the leaky app between the two runs: a sync read and an async read in CommonJS functions. */
const REMINDER_KEYS = { client: fakeKey('behaviour: reminder client'), sender: fakeKey('behaviour: reminder sender') };
const REMINDERS = `// Added between two fix runs by test/codemod/behaviour.test.ts; its keys are generated fakes.
'use strict';

const Clockwork = require('clockwork');

function reminderClient() {
  return Clockwork({ key: '${REMINDER_KEYS.client}' });
}

async function sendReminder(to) {
  const client = Clockwork({ key: '${REMINDER_KEYS.sender}' });
  return new Promise((resolve, reject) => {
    client.sendSms({ To: to, Content: 'Your appointment is tomorrow' }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

module.exports = { reminderClient, sendReminder };
`;

/**
 * Loads the leaky app's modules that hand keys to Clockwork and exercises them. The Clockwork HTTP
 * API is stubbed at fetch (other hosts, the secret-store stubs, pass through); a mailer stub
 * records the gateway address. Every value is recorded as `<channel> <sha256>` in
 * $CLOCKWORK_RECORD, in a fixed order. With --load it first awaits the CommonJS module's loader,
 * as an app's start-up must before CommonJS code that reads secrets synchronously; the ES module
 * copies load theirs as they are imported, through the same process-wide cache. The file the
 * second run adds is exercised first, so that its sync read works only if the loader worked.
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
  if (process.argv.includes('--load') && existsSync(at('src/clockwork-secrets.cjs'))) {
    await require(at('src/clockwork-secrets.cjs')).loadClockworkSecrets();
  }
  // First, before any ES module could fill the shared cache: only the loader serves its sync read.
  if (existsSync(at('src/reminders.js'))) {
    const reminders = require(at('src/reminders.js'));
    reminders.reminderClient();
    await reminders.sendReminder('+447700900000');
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

/** What the original leaky app hands over, in order: the channels of its record lines. */
const LEAKY_CHANNELS = [
  'clockwork',
  'clockworksms',
  'fetch POST https://api.clockworksms.com/xml/balance',
  'clockwork',
  'fetch POST https://api.clockworksms.com/http/send.aspx',
  'fetch GET https://api.clockworksms.com/http/send.aspx',
  'mail to',
  'ClockworkProvider apiKey',
];

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
  if (!existsSync(path)) return entries;
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

const read = (app: string, file: string) => readFileSync(join(app, file), 'utf8');
/** `.env` entries with each value replaced by its sha256: what an assertion may print. */
const digests = (entries: ReadonlyMap<string, string>) => Object.fromEntries([...entries].map(([name, value]) => [name, sha256(value)]));
const count = (text: string, part: string) => text.split(part).length - 1;

/** The names `source` reads through the generated module's accessors. */
function accessorNames(source: string): string[] {
  return [...source.matchAll(/\b(?:clockworkSecret|getClockworkSecret)\((['"])(\w+)\1\)/g)].map((match) => match[2]!);
}

/** The names file's `names` and `modules`. */
function namesFile(app: string): { names: string[]; modules: string[] } {
  return JSON.parse(read(app, GENERATED.names)) as { names: string[]; modules: string[] };
}

/** The report lines about `file` (a path ending, e.g. `/src/sms.js`). */
function reportLines(output: string, file: string): string[] {
  return output.split('\n').filter((line) => line.includes(`${file}:`));
}

/**
 * The app's TypeScript as runnable ES modules in `<app>/.run/`, so `./clockwork-secrets.js`
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
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.ReactJSX, isolatedModules: true },
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
const started: Array<Promise<unknown>> = [];

/** A clean environment for an app: nothing inherited but PATH, and AWS kept off any real config. */
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

type AppRun = RunResult & { lines: string[] };

/** Runs `args` (a script and its options) with node in `app`, after transpiling its TypeScript; returns the record lines. */
async function runIn(app: string, args: string[], extra: Record<string, string>): Promise<AppRun> {
  if (existsSync(join(app, 'src')) && sourceFiles(join(app, 'src')).some((file) => /\.tsx?$/.test(file))) transpileApp(app);
  const { env, record } = appEnv(extra);
  const result = await runNode(args, { cwd: app, env });
  const lines = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
  return { ...result, lines };
}

/** The real CLI, from the repo root as a developer runs it: no --force, git ignores test/.tmp. */
function fixCli(dir: string, provider: Provider, options: string[] = []): Promise<RunResult> {
  return runNode([CLI, 'fix', dir, '--provider', provider, ...options, '--ignore-eslint-config'], { cwd: ROOT, env: { ...process.env } });
}

/** A stub store holding `dotenv`'s entries, and the environment that points an app at it. */
async function stubFor(provider: RemoteProvider, dotenv: ReadonlyMap<string, string>, options: { expireFirstToken?: boolean; token?: string } = {}) {
  const fields = Object.fromEntries(dotenv);
  if (provider === 'vault') {
    const server = await startVaultStub({ token: VAULT_TOKEN, fields });
    servers.push(server);
    return { server, env: { VAULT_ADDR: server.url, VAULT_TOKEN: options.token ?? VAULT_TOKEN } };
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
  const env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url, AWS_REGION: AWS.region, AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey };
  return { server, env };
}

/** What a fixed app needs to run: the `.env` entries themselves (env), or a stub store holding them. */
async function storeFor(provider: Provider, dotenv: ReadonlyMap<string, string>, options: { expireFirstToken?: boolean } = {}) {
  if (provider === 'env') return { env: Object.fromEntries(dotenv), server: undefined };
  return stubFor(provider, dotenv, options);
}

/** A package in `workRoot/<name>` made of `files` (path → text), with the stub Clockwork clients installed. */
function writePackage(name: string, files: Record<string, string>): string {
  const dir = join(workRoot, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const stub of ['clockwork', 'clockworksms', 'react']) cpSync(join(STUBS, stub), join(dir, 'node_modules', stub), { recursive: true });
  return dir;
}

/** Starts `work` once, now, so that every scenario runs side by side; tests await the same promise. */
function once<T>(work: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    if (!promise) {
      promise = work();
      started.push(promise.catch(() => undefined));
    }
    return promise;
  };
}

// ---------------------------------------------------------------------------------------------
// The leaky app, per provider: two fix runs with Prettier between them.

interface FixRun {
  fix: RunResult;
  /** The `.env` after the run: name → value. */
  dotenv: Map<string, string>;
  /** Source texts after the run, by path relative to the app. */
  sources: Map<string, string>;
  names: { names: string[]; modules: string[] } | undefined;
  /** The app run after this fix. */
  run: AppRun;
  server: StubServer | undefined;
}

interface LeakyApp {
  app: string;
  /** What the original app recorded (one run serves every provider: the copies start byte-identical). */
  before: AppRun;
  first: FixRun;
  /** The generated modules as `fix` wrote them, then as Prettier reformatted them. */
  generated: Map<string, string>;
  formatted: Map<string, string>;
  second: FixRun;
  /** After the second run, a start that must fail: env without one variable, a remote store without the loader. */
  failing: AppRun & { missing: string; server: StubServer | undefined };
}

const LEAKY_FILES = ['src/sms.js', 'src/balance.ts', 'src/config.ts', 'src/notify.mjs', 'src/components/SmsButton.tsx', 'src/reminders.js'];

async function fixAndRun(app: string, provider: Provider, expireFirstToken: boolean): Promise<FixRun> {
  const fix = await fixCli(join(app, 'src'), provider, FIX_OPTIONS[provider]);
  const dotenv = parseEnvFile(join(app, '.env'));
  const sources = new Map(LEAKY_FILES.filter((file) => existsSync(join(app, file))).map((file) => [file, read(app, file)]));
  const names = existsSync(join(app, GENERATED.names)) ? namesFile(app) : undefined;
  const store = await storeFor(provider, dotenv, { expireFirstToken });
  const run = await runIn(app, ['run-app.mjs', ...(provider === 'env' ? [] : ['--load'])], store.env);
  return { fix, dotenv, sources, names, run, server: store.server };
}

/**
 * Runs the file the second run adds without the loader: its sync read must throw, naming the
 * secret; its async read then fetches from the store on first use.
 */
const NO_LOADER = `const reminders = require('./src/reminders.js');
try {
  reminders.reminderClient();
} catch (error) {
  process.stderr.write(error.message + '\\n');
  process.exitCode = 1;
}
reminders.sendReminder('+447700900000').catch((error) => {
  process.stderr.write('async read failed: ' + error.message + '\\n');
  process.exitCode = 2;
});
`;

/** A copy of the leaky app, ready to run. */
function copyLeakyApp(name: string): string {
  const app = join(workRoot, name);
  cpSync(APP, app, { recursive: true });
  for (const stub of ['clockwork', 'clockworksms', 'react']) cpSync(join(STUBS, stub), join(app, 'node_modules', stub), { recursive: true });
  writeFileSync(join(app, 'run-app.mjs'), ENTRY);
  writeFileSync(join(app, 'no-loader.cjs'), NO_LOADER);
  return app;
}

const originalLeakyApp = once(() => runIn(copyLeakyApp('leaky-original'), ['run-app.mjs'], {}));

/** After the second run: env without the variable sms.js reads; a remote store, reminders.js without the loader. */
async function failingStart(app: string, provider: Provider, dotenv: ReadonlyMap<string, string>): Promise<LeakyApp['failing']> {
  if (provider === 'env') {
    const [missing] = accessorNames(read(app, 'src/sms.js'));
    const env = Object.fromEntries([...dotenv].filter(([name]) => name !== missing));
    return { ...(await runIn(app, ['run-app.mjs'], env)), missing: missing ?? '', server: undefined };
  }
  const [missing] = accessorNames(read(app, 'src/reminders.js'));
  const { server, env } = await stubFor(provider, dotenv);
  return { ...(await runIn(app, ['no-loader.cjs'], env)), missing: missing ?? '', server };
}

const leakyApps = new Map(
  PROVIDERS.map((provider) => [
    provider,
    once(async (): Promise<LeakyApp> => {
      const app = copyLeakyApp(`leaky-${provider}`);
      const first = await fixAndRun(app, provider, provider === 'conjur');

      // Prettier between the runs, with its defaults (double quotes, 80 columns): the module's text changes, no name may be lost.
      const generated = new Map<string, string>();
      const formatted = new Map<string, string>();
      for (const file of [GENERATED.ts, GENERATED.esm, GENERATED.cjs]) {
        if (!existsSync(join(app, file))) continue;
        const text = read(app, file);
        const pretty = await prettier.format(text, { filepath: join(app, file) });
        generated.set(file, text);
        formatted.set(file, pretty);
        writeFileSync(join(app, file), pretty);
      }
      writeFileSync(join(app, 'src/reminders.js'), REMINDERS);
      const second = await fixAndRun(app, provider, false);
      const failing = await failingStart(app, provider, second.dotenv);
      return { app, before: await originalLeakyApp(), first, generated, formatted, second, failing };
    }),
  ]),
);

const leakyApp = (provider: Provider) => leakyApps.get(provider)!();

// ---------------------------------------------------------------------------------------------
// An ES module package whose Clockwork client is built at the top level, fixed for Vault.

const ESM_KEY = fakeKey('behaviour: esm top-level client');

const esmVaultApp = once(async () => {
  const app = writePackage('esm-vault', {
    'package.json': '{ "name": "esm-sms", "private": true, "type": "module" }\n',
    'src/sms.js': `import Clockwork from 'clockwork';

const client = Clockwork({ key: '${ESM_KEY}' });

export function sendSms(to, content) {
  return new Promise((resolve, reject) => {
    client.sendSms({ To: to, Content: content }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}
`,
    // Imports the app as its server would, and says why if the import throws.
    'start.mjs': `try {
  const { sendSms } = await import('./src/sms.js');
  await sendSms('+447700900000', 'behaviour test');
} catch (error) {
  process.stderr.write('start failed: ' + (error instanceof Error ? error.message : String(error)) + '\\n');
  process.exitCode = 1;
}
`,
  });
  const fix = await fixCli(join(app, 'src'), 'vault');
  const dotenv = parseEnvFile(join(app, '.env'));
  const good = await stubFor('vault', dotenv);
  const started = await runIn(app, ['start.mjs'], good.env);
  const refused = await stubFor('vault', dotenv);
  const wrongToken = await runIn(app, ['start.mjs'], { ...refused.env, VAULT_TOKEN: 'not-the-stub-token' });
  return { app, fix, dotenv, started, server: good.server, wrongToken, refusingServer: refused.server };
});

// ---------------------------------------------------------------------------------------------
// Config objects with env fallbacks, fixed for env.

const CONFIG_KEYS = { js: fakeKey('behaviour: config fallback'), ts: fakeKey('behaviour: settings fallback') };

/** Loads both configs and prints digests of their keys (or what they are when not strings), and their other fields. */
const CONFIG_PRINT = `import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const digest = (value) => (typeof value === 'string' && value !== '' ? createHash('sha256').update(value).digest('hex') : JSON.stringify(value) ?? 'undefined');
try {
  const config = require('./src/config.js');
  const { sms } = await import('./.run/settings.js');
  process.stdout.write(JSON.stringify({ config: digest(config.clockwork.apiKey), settings: digest(sms.apiKey), port: config.port, from: config.clockwork.from, retries: sms.retries }) + '\\n');
} catch (error) {
  process.stderr.write('load failed: ' + (error instanceof Error ? error.message : String(error)) + '\\n');
  process.exitCode = 1;
}
`;

const configApp = once(async () => {
  const app = writePackage('config-fallback', {
    'package.json': '{ "name": "config-fallback", "private": true }\n',
    'tsconfig.json': '{ "compilerOptions": { "module": "ESNext", "target": "ES2022", "strict": true, "noEmit": true } }\n',
    'src/config.js': `'use strict';

module.exports = {
  port: Number(process.env.PORT || 3000),
  clockwork: {
    apiKey: process.env.CLOCKWORK_API_KEY || '${CONFIG_KEYS.js}',
    from: 'ConfigApp',
  },
};
`,
    'src/settings.ts': `export interface SmsSettings {
  apiKey: string;
  from: string;
  retries: number;
}

export const sms: SmsSettings = {
  apiKey: process.env.CLOCKWORK_SMS_KEY || '${CONFIG_KEYS.ts}',
  from: 'ConfigApp',
  retries: 3,
};
`,
    'print.mjs': CONFIG_PRINT,
  });
  const fix = await fixCli(join(app, 'src'), 'env');
  const dotenv = parseEnvFile(join(app, '.env'));
  const unset = await runIn(app, ['print.mjs'], {});
  const set = await runIn(app, ['print.mjs'], Object.fromEntries(dotenv));
  return { app, fix, dotenv, unset, set };
});

// ---------------------------------------------------------------------------------------------
// Env fallbacks whose variable cannot hold their key in .env: two per-environment config files
// falling back on one variable with different keys, and a fallback on a public-prefixed variable.

const FALLBACK_KEYS = {
  'config/production.js': fakeKey('behaviour: production fallback'),
  'config/staging.js': fakeKey('behaviour: staging fallback'),
  'legacy.js': fakeKey('behaviour: public-name fallback'),
};
type FallbackFile = keyof typeof FALLBACK_KEYS;
const FALLBACK_FILES = Object.keys(FALLBACK_KEYS) as FallbackFile[];

const fallbackApp = once(async () => {
  const config = (file: FallbackFile, variable: string) => `'use strict';

module.exports = { clockwork: { apiKey: process.env.${variable} || '${FALLBACK_KEYS[file]}', from: 'FallbackApp' } };
`;
  const app = writePackage('shared-fallbacks', {
    'package.json': '{ "name": "shared-fallbacks", "private": true }\n',
    'src/config/production.js': config('config/production.js', 'CLOCKWORK_API_KEY'),
    'src/config/staging.js': config('config/staging.js', 'CLOCKWORK_API_KEY'),
    'src/legacy.js': config('legacy.js', 'NEXT_PUBLIC_CLOCKWORK_KEY'),
    'print.cjs': `const { createHash } = require('node:crypto');
const digest = (value) => (typeof value === 'string' ? createHash('sha256').update(value).digest('hex') : String(value));
const files = ${JSON.stringify(FALLBACK_FILES)};
process.stdout.write(JSON.stringify(Object.fromEntries(files.map((file) => [file, digest(require('./src/' + file).clockwork.apiKey)]))) + '\\n');
`,
  });
  const before = await runIn(app, ['print.cjs'], {});
  const fix = await fixCli(join(app, 'src'), 'env');
  const dotenv = parseEnvFile(join(app, '.env'));
  const after = await runIn(app, ['print.cjs'], Object.fromEntries(dotenv));
  return { app, before, fix, dotenv, after };
});

beforeAll(() => {
  expect(existsSync(CLI), 'build first: npm run build').toBe(true);
  mkdirSync(join(ROOT, 'test/.tmp'), { recursive: true });
  workRoot = mkdtempSync(join(ROOT, 'test/.tmp/behaviour-'));
  void originalLeakyApp();
  for (const provider of PROVIDERS) void leakyApp(provider);
  void esmVaultApp();
  void configApp();
  void fallbackApp();
});

afterAll(async () => {
  await Promise.allSettled(started);
  await Promise.all(servers.map((server) => server.close()));
  if (workRoot) rmSync(workRoot, { recursive: true, force: true });
});

describe.each(PROVIDERS)('the leaky app under %s', (provider) => {
  const remote = provider !== 'env';

  it('hands the same keys to Clockwork after fix; browser code and load-time CommonJS reads keep their key behind a marker', async () => {
    const { app, before, first } = await leakyApp(provider);
    const { fix, dotenv, sources, names, run, server } = first;
    const secrets = [...dotenv.values()];
    const output = fix.stdout + fix.stderr;

    // The original run reached every channel, with values now kept in .env.
    expect(before.code, `the original app failed: ${redact(before.stderr)}`).toBe(0);
    expect(before.lines.map((line) => line.split(' ').slice(0, -1).join(' '))).toEqual(LEAKY_CHANNELS);
    const hashes = new Set(secrets.map(sha256));
    for (const line of before.lines.filter((entry) => /^(?:clockwork|clockworksms|ClockworkProvider apiKey) /.test(entry))) {
      expect(hashes.has(line.split(' ').at(-1)!), `${line} is not the hash of a value in .env`).toBe(true);
    }

    // The real CLI: masked output; exit 1 because keys stay in the code, each with its reason.
    expect(leaks(output, secrets), 'the CLI printed a key').toBe(false);
    expect(fix.code, `fix: ${redact(output, secrets)}`).toBe(1);
    expect(output).toMatch(/\d+ keys remain in the code/);
    const [buttonLine] = reportLines(output, '/src/components/SmsButton.tsx');
    expect(buttonLine).toMatch(/left in place, marked in the code: runs in the browser \(a React component that uses client hooks\)/);
    const smsLines = reportLines(output, '/src/sms.js');
    expect(smsLines).toHaveLength(2);
    expect(smsLines[0]).toMatch(remote ? /left in place, marked in the code: read while a CommonJS file loads, before loadClockworkSecrets\(\) can run/ : /-> CLOCKWORK_API_KEY_SMS /);
    expect(smsLines[1]).toMatch(/redacted; found only in a comment, so there is nothing to keep: rotate it/);

    // Browser code keeps its key behind one marker; so does sms.js's load-time client under a remote store.
    // Sources are matched with every key in them replaced, so a failure prints none.
    const shown = (file: string) => redact(sources.get(file)!, secrets);
    const button = shown('src/components/SmsButton.tsx');
    expect(count(button, MARKER)).toBe(1);
    expect(button).toMatch(/\n {2}\/\/ @clockwork-secrets: this code runs in the browser \(a React component that uses client hooks\)[^\n]*\n {2}return \(\n {4}<ClockworkProvider apiKey="\[secret\]">/);
    expect(accessorNames(button)).toEqual([]);
    const sms = shown('src/sms.js');
    expect(sms).toContain('// TODO(ops): remove once the rotation is done. Old clockwork key: [redacted]\n');
    if (remote) {
      expect(count(sms, MARKER)).toBe(1);
      expect(sms).toMatch(/\n\/\/ @clockwork-secrets: this CommonJS code reads the key while it loads[^\n]*\nconst client = Clockwork\(\{ key: '\[secret\]' \}\);/);
      expect(sms).not.toContain('clockwork-secrets.cjs');
    } else {
      expect(count(sms, MARKER)).toBe(0);
      expect(sms).toContain("const { clockworkSecret } = require('./clockwork-secrets.cjs');");
      expect(sms).toContain("const client = Clockwork({ key: clockworkSecret('CLOCKWORK_API_KEY_SMS') });");
    }
    // Every other file reads its keys instead of holding them, the same text for every provider,
    // except the env fallback, which keeps its read under env.
    for (const file of ['src/balance.ts', 'src/config.ts', 'src/notify.mjs']) {
      expect(shown(file), `${file} still holds a key`).not.toContain('[secret]');
      expect(shown(file)).not.toContain(MARKER);
    }
    expect(shown('src/balance.ts')).toContain("import { clockworkSecret } from './clockwork-secrets.js';");
    expect(shown('src/config.ts')).toContain("apiKey: clockworkSecret('CLOCKWORK_API_KEY_PRODUCTION')");
    expect(shown('src/notify.mjs')).toContain("import { clockworkSecret } from './clockwork-secrets.mjs';");
    expect(shown('src/notify.mjs')).toContain(
      remote ? "const CLOCKWORK_API_KEY = clockworkSecret('CLOCKWORK_API_KEY');" : 'const CLOCKWORK_API_KEY = process.env.CLOCKWORK_API_KEY;',
    );
    // The comment's key is redacted and not kept: .env holds only values code reads.
    const originalSms = readFileSync(join(APP, 'src/sms.js'), 'utf8');
    const commentLine = originalSms.split('\n').find((line) => line.includes('Old clockwork key'))!;
    const [commentKey] = findKeyTokens(commentLine).map((token) => commentLine.slice(token.start, token.end));
    expect(commentKey).toBeDefined();
    expect(secrets.includes(commentKey!), 'the comment-only key was recorded in .env').toBe(false);

    // One module per kind the rewritten files need (ts for TS→ESM, .mjs, .cjs only when a CommonJS file reads it), and the names file.
    expect(names?.modules).toEqual(remote ? ['ts-esm', 'esm'] : ['ts-esm', 'esm', 'cjs']);
    expect(/^ {2}generated \S+\/src\/clockwork-secrets\.cjs$/m.test(fix.stdout)).toBe(!remote);
    for (const name of [...sources.values()].flatMap(accessorNames)) expect(names?.names, `${name} is read but not in the names file`).toContain(name);
    for (const name of names?.names ?? []) expect(dotenv.has(name), `${name} has no value in .env`).toBe(true);

    // The fixed app hands every client the same key as before.
    expect(leaks(run.stdout + run.stderr, secrets), 'the fixed app printed a key').toBe(false);
    expect(run.code, `the fixed app failed: ${redact(run.stderr, secrets)}`).toBe(0);
    expect(run.lines).toEqual(before.lines);
    expect(existsSync(join(app, '.run/clockwork-secrets.js')), 'the generated TypeScript module was not transpiled').toBe(true);

    if (server) {
      expect(server.requests.length, 'the stub was never asked').toBeGreaterThan(0);
      // Vault and AWS hold every name in one secret: one read, cached for every module copy.
      if (provider === 'vault' || provider === 'aws') expect(server.requests).toHaveLength(1);
      expect(server.requests.every((request) => request.status < 400 || provider === 'conjur')).toBe(true);
    }
    if (provider === 'conjur') {
      const { events } = server as ConjurStub;
      const auths = events.filter((event) => event.kind === 'authenticate');
      expect(auths.every((event) => event.base64)).toBe(true);
      // The stub revokes the first token: every read refused with it is retried once with a newer token, from one new login.
      const reads = events.filter((event): event is Extract<(typeof events)[number], { kind: 'read' }> => event.kind === 'read');
      const refused = reads.filter((event) => event.status === 401);
      expect(refused.length).toBeGreaterThan(0);
      expect(auths).toHaveLength(2);
      for (const refusal of refused) {
        const retried = reads.find((event) => event.id === refusal.id && event.status === 200);
        expect(retried, 'a refused read was not retried').toBeDefined();
        expect(retried!.token).toBeGreaterThan(refusal.token ?? 0);
      }
    }
  });

  it('after Prettier reformats the generated modules, a second fix with a new key file loses no name', async () => {
    const { app, before, first, generated, formatted, second } = await leakyApp(provider);
    const { fix, dotenv, sources, names, run, server } = second;
    const secrets = [...dotenv.values()];
    const output = fix.stdout + fix.stderr;

    // Prettier really changed every module it was given (quotes, wrapping).
    expect([...generated.keys()].sort()).toEqual(remote ? [GENERATED.esm, GENERATED.ts] : [GENERATED.cjs, GENERATED.esm, GENERATED.ts]);
    for (const [file, text] of generated) expect(formatted.get(file), `Prettier left ${file} as it was`).not.toBe(text);

    expect(leaks(output, secrets), 'the CLI printed a key').toBe(false);
    expect(fix.code, `fix: ${redact(output, secrets)}`).toBe(1);
    // The new file: a sync read in a function and an async read that awaits.
    const reminders = redact(sources.get('src/reminders.js')!, secrets);
    expect(reminders, 'src/reminders.js still holds a key').not.toContain('[secret]');
    expect(reminders).toContain("const { clockworkSecret, getClockworkSecret } = require('./clockwork-secrets.cjs');");
    expect(reminders).toMatch(/return Clockwork\(\{ key: clockworkSecret\('\w+'\) \}\);/);
    expect(reminders).toMatch(/const client = Clockwork\(\{ key: await getClockworkSecret\('\w+'\) \}\);/);
    const newNames = accessorNames(reminders);
    expect(newNames).toHaveLength(2);
    expect(newNames.map((name) => sha256(dotenv.get(name) ?? ''))).toEqual([sha256(REMINDER_KEYS.client), sha256(REMINDER_KEYS.sender)]);
    // Remote stores: reminders.js reads synchronously, so the report asks for the start-up loader.
    if (remote) expect(output).toMatch(/call `await loadClockworkSecrets\(\)` from the\n.*\n\s+\S*\/src\/reminders\.js\n/);

    // No name lost: the names file holds the first run's names and the new ones, and so does every module.
    expect(names?.names).toEqual([...new Set([...first.names!.names, ...newNames])].sort());
    expect(names?.modules).toEqual(['ts-esm', 'esm', 'cjs']);
    for (const name of [...sources.values()].flatMap(accessorNames)) expect(names?.names).toContain(name);
    expect(read(app, GENERATED.ts)).toContain('export type ClockworkSecretName');
    for (const name of names!.names) expect(read(app, GENERATED.ts), `the TypeScript module lost ${name}`).toContain(`'${name}'`);
    if (provider === 'conjur') {
      for (const file of [GENERATED.esm, GENERATED.cjs]) for (const name of names!.names) expect(read(app, file), `${file} does not load ${name}`).toContain(`'${name}'`);
    }
    // Markers are not repeated, and files the first run rewrote are left alone.
    expect(count(sources.get('src/components/SmsButton.tsx')!, MARKER)).toBe(1);
    expect(count(sources.get('src/sms.js')!, MARKER)).toBe(remote ? 1 : 0);
    for (const file of ['src/sms.js', 'src/balance.ts', 'src/config.ts', 'src/notify.mjs', 'src/components/SmsButton.tsx']) {
      expect(sources.get(file) === first.sources.get(file), `${file} changed in the second run`).toBe(true);
    }

    // The app works with every old and new name: the first run's keys, then the new file's two.
    expect(leaks(run.stdout + run.stderr, secrets), 'the fixed app printed a key').toBe(false);
    expect(run.code, `the fixed app failed: ${redact(run.stderr, secrets)}`).toBe(0);
    expect(run.lines).toEqual([`clockwork ${sha256(REMINDER_KEYS.client)}`, `clockwork ${sha256(REMINDER_KEYS.sender)}`, ...before.lines]);
    if (server && (provider === 'vault' || provider === 'aws')) expect(server.requests).toEqual([expect.objectContaining({ status: 200 })]);
    if (server && provider === 'conjur') expect(server.requests.every((request) => request.status < 400)).toBe(true);
  });
});

describe('an ES module with a top-level read, fixed for Vault', () => {
  it('starts without a throw: the generated module loads its secrets with top-level await as it is imported', async () => {
    const { app, fix, dotenv, started, server } = await esmVaultApp();
    const secrets = [...dotenv.values()];
    expect(leaks(fix.stdout + fix.stderr, secrets), 'the CLI printed a key').toBe(false);
    expect(fix.code, `fix: ${redact(fix.stdout + fix.stderr, secrets)}`).toBe(0);
    expect(digests(dotenv)).toEqual({ CLOCKWORK_API_KEY: sha256(ESM_KEY) });

    const sms = redact(read(app, 'src/sms.js'), secrets);
    expect(sms).toBe(`import Clockwork from 'clockwork';
import { clockworkSecret } from './clockwork-secrets.mjs';

const client = Clockwork({ key: clockworkSecret('CLOCKWORK_API_KEY') });
${sms.slice(sms.indexOf('\nexport function sendSms'))}`);
    expect(read(app, GENERATED.esm)).toMatch(/\nawait loadClockworkSecrets\(\);\n$/);
    expect(existsSync(join(app, GENERATED.cjs))).toBe(false);

    expect(leaks(started.stdout + started.stderr, secrets), 'the app printed a key').toBe(false);
    expect(started.code, `the app failed: ${redact(started.stderr, secrets)}`).toBe(0);
    expect(started.lines).toEqual([`clockwork ${sha256(ESM_KEY)}`]);
    expect(server.requests).toEqual([{ method: 'GET', path: '/v1/secret/data/clockwork', status: 200 }]);
  });

  it('a store that refuses the read fails the import, naming the secret and the store, never the value', async () => {
    const { dotenv, wrongToken, refusingServer } = await esmVaultApp();
    const secrets = [...dotenv.values()];
    expect(leaks(wrongToken.stdout + wrongToken.stderr, secrets), 'the error printed a key').toBe(false);
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toBe('start failed: Reading Vault secret secret/data/clockwork failed: HTTP 403.\n');
    expect(wrongToken.lines, 'a client was given a key').toEqual([]);
    expect(refusingServer.requests.map((request) => request.status)).toEqual([403]);
  });
});

describe('a config object with an env fallback, fixed for env', () => {
  it('keeps the read without its literal, and loads with the variable unset', async () => {
    const { app, fix, dotenv, unset, set } = await configApp();
    const secrets = [...dotenv.values()];
    expect(leaks(fix.stdout + fix.stderr, secrets), 'the CLI printed a key').toBe(false);
    expect(fix.code, `fix: ${redact(fix.stdout + fix.stderr, secrets)}`).toBe(0);
    // The values are kept under the very names the code reads.
    expect(digests(dotenv)).toEqual({ CLOCKWORK_API_KEY: sha256(CONFIG_KEYS.js), CLOCKWORK_SMS_KEY: sha256(CONFIG_KEYS.ts) });
    expect(redact(read(app, 'src/config.js'), secrets)).toContain('    apiKey: process.env.CLOCKWORK_API_KEY,\n');
    expect(redact(read(app, 'src/settings.ts'), secrets)).toContain("  apiKey: process.env.CLOCKWORK_SMS_KEY ?? '',\n");
    // Nothing reads the generated module, so there is none.
    expect(existsSync(join(app, GENERATED.names))).toBe(false);

    for (const run of [unset, set]) {
      expect(leaks(run.stdout + run.stderr, secrets), 'a run printed a key').toBe(false);
      expect(run.code, `loading failed: ${redact(run.stderr, secrets)}`).toBe(0);
    }
    const fields = { port: 3000, from: 'ConfigApp', retries: 3 };
    expect(JSON.parse(unset.stdout)).toEqual({ config: 'undefined', settings: '""', ...fields });
    expect(JSON.parse(set.stdout)).toEqual({ config: sha256(CONFIG_KEYS.js), settings: sha256(CONFIG_KEYS.ts), ...fields });
  });

  it('a fallback whose variable cannot hold its key in .env still reads its own key from .env (two files, one variable; a public name)', async () => {
    const { app, before, fix, dotenv, after } = await fallbackApp();
    const secrets = [...dotenv.values()];
    expect(leaks(fix.stdout + fix.stderr, secrets), 'the CLI printed a key').toBe(false);
    expect(before.code, redact(before.stderr)).toBe(0);
    const original = Object.fromEntries(FALLBACK_FILES.map((file) => [file, sha256(FALLBACK_KEYS[file])]));
    expect(JSON.parse(before.stdout)).toEqual(original);
    // Every value is kept somewhere...
    expect(secrets.map(sha256).sort()).toEqual(Object.values(original).sort());
    // ...but what matters is that each name the fixed code reads holds, in .env, the key that code used before.
    for (const file of FALLBACK_FILES) {
      const source = read(app, `src/${file}`);
      const names = [...source.matchAll(/process\.env\.(\w+)/g), ...source.matchAll(/clockworkSecret\('(\w+)'\)/g)].map((match) => match[1]!);
      expect(names.length, `${file} reads nothing`).toBeGreaterThan(0);
      for (const name of names) expect(dotenv.get(name) === FALLBACK_KEYS[file], `${file} reads ${name}, which .env does not map to its key`).toBe(true);
    }
    expect(after.code, redact(after.stderr, secrets)).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual(original);
  });
});

describe('failing loudly', () => {
  it('env: a missing variable stops the app with its name, and no key reaches a client', async () => {
    const { second, failing } = await leakyApp('env');
    expect(failing.missing).toBe('CLOCKWORK_API_KEY_SMS');
    expect(leaks(failing.stdout + failing.stderr, second.dotenv.values()), 'the error printed a key').toBe(false);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toBe(`entry failed: Missing environment variable ${failing.missing}, which holds a Clockwork secret.\n`);
    // The entry runs the second run's file first; sms.js's client, which needs the missing variable, got nothing.
    expect(failing.lines).toEqual([`clockwork ${sha256(REMINDER_KEYS.client)}`, `clockwork ${sha256(REMINDER_KEYS.sender)}`]);
  });

  it.each(['vault', 'aws', 'conjur'] as const)('%s: CommonJS that reads before the loader throws naming the secret; an async read fetches it', async (provider) => {
    const { second, failing } = await leakyApp(provider);
    expect(failing.missing).toMatch(/^CLOCKWORK_\w+$/);
    expect(leaks(failing.stdout + failing.stderr, second.dotenv.values()), 'the error printed a key').toBe(false);
    expect(failing.code).toBe(1);
    // The first line: the AWS SDK may add a Node version warning after it.
    expect(failing.stderr.split('\n')[0]).toBe(
      `Clockwork secret ${failing.missing} is not loaded: await loadClockworkSecrets() at start-up, before code that reads it runs.`,
    );
    // Only the awaited read reached a client, after fetching from the store.
    expect(failing.lines).toEqual([`clockwork ${sha256(REMINDER_KEYS.sender)}`]);
    expect(failing.server!.requests.length).toBeGreaterThan(0);
    expect(failing.server!.requests.every((request) => request.status === 200)).toBe(true);
  });
});
