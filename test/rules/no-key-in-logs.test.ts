import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import rule, { DESTINATIONS, type MessageIds, type Options } from '../../rules/no-key-in-logs.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { maskKey } from '../../src/detect/mask.js';
import type { Destination } from '../../src/eslint/sinks.js';
import plugin from '../../src/index.js';
import { docExamples, filenameOf, languageOptionsOf, lintDocBlock, replaced, RuleTester, type CaseShape, type Parser } from '../support/exposure-cases.js';
import { fakeKey, fakeSha } from '../support/fake-keys.js';
import { locationOf } from '../support/location.js';

const K = fakeKey('no-key-in-logs');
const SHA = fakeSha('no-key-in-logs');
const ENV = 'process.env.CLOCKWORK_API_KEY';
const fromEnv = (via: string, env = ENV) => `${via}, read from ${env}`;

interface Expected {
  /** The exact source text the report covers. */
  at: string;
  occurrence?: number;
  sink: string;
  destination?: Destination;
  /** Where the key comes from, as the message says it. */
  source: string;
  /** `holderInOutput`: the object passed whole, and the path to the key in it. */
  holder?: { name: string; path: string };
  /** The `Boolean(…)` replacement the suggestion writes in place of `at`; none if absent. */
  suggest?: string;
}

interface Case extends CaseShape {
  options?: Options;
  errors: Expected[];
}

const log = (at: string, source: string, suggest?: string, sink = 'console.log', extra: Partial<Expected> = {}): Expected => ({ at, source, sink, suggest, ...extra });

const invalidCases: Case[] = [
  // How the key is read
  {
    name: 'env read passed to console.log',
    code: `console.log('clockwork key', ${ENV});`,
    errors: [log(ENV, ENV, `Boolean(${ENV})`)],
  },
  {
    name: 'computed env read',
    code: `console.log(process.env['CLOCKWORK_KEY']);`,
    errors: [log(`process.env['CLOCKWORK_KEY']`, 'process.env.CLOCKWORK_KEY', `Boolean(process.env['CLOCKWORK_KEY'])`)],
  },
  {
    name: 'destructured from process.env',
    code: `const { CLOCKWORK_API_KEY } = process.env;\nconsole.info(CLOCKWORK_API_KEY);`,
    errors: [log('CLOCKWORK_API_KEY', fromEnv('CLOCKWORK_API_KEY'), 'Boolean(CLOCKWORK_API_KEY)', 'console.info', { occurrence: 1 })],
  },
  {
    name: 'destructured and renamed, with a default',
    code: `const { CLOCKWORK_API_KEY: apiKey = '' } = process.env;\nconsole.warn(apiKey);`,
    errors: [log('apiKey', fromEnv('apiKey'), 'Boolean(apiKey)', 'console.warn', { occurrence: 1 })],
  },
  {
    name: 'process.env through an alias',
    code: `const env = process.env;\nconsole.log(env.CLOCKWORK_KEY);`,
    errors: [log('env.CLOCKWORK_KEY', fromEnv('env.CLOCKWORK_KEY', 'process.env.CLOCKWORK_KEY'), 'Boolean(env.CLOCKWORK_KEY)')],
  },
  {
    name: 'import.meta.env',
    code: `console.debug(import.meta.env.CLOCKWORK_API_KEY);`,
    errors: [log('import.meta.env.CLOCKWORK_API_KEY', 'import.meta.env.CLOCKWORK_API_KEY', 'Boolean(import.meta.env.CLOCKWORK_API_KEY)', 'console.debug')],
  },
  {
    name: "SvelteKit's $env/static/private",
    code: `import { CLOCKWORK_API_KEY } from '$env/static/private';\nconsole.log(CLOCKWORK_API_KEY);`,
    errors: [log('CLOCKWORK_API_KEY', 'CLOCKWORK_API_KEY from $env/static/private', 'Boolean(CLOCKWORK_API_KEY)', 'console.log', { occurrence: 1 })],
  },
  {
    name: 'a binding copied twice',
    code: `const a = ${ENV};\nconst b = a;\nconsole.log(b);`,
    errors: [log('b', fromEnv('b'), 'Boolean(b)', 'console.log', { occurrence: 1 })],
  },
  {
    name: 'let assigned later',
    code: `let key;\nkey = ${ENV};\nconsole.log(key);`,
    errors: [log('key', fromEnv('key'), 'Boolean(key)', 'console.log', { occurrence: 2 })],
  },
  {
    name: 'a credential handed to the Clockwork client is the Clockwork key',
    code: `const Clockwork = require('clockwork');\nconst key = process.env.SMS_KEY;\nconst client = new Clockwork({ key });\nconsole.log(key);`,
    commonjs: true,
    errors: [log('key', fromEnv('key', 'process.env.SMS_KEY'), 'Boolean(key)', 'console.log', { occurrence: 2 })],
  },
  {
    name: 'generated module accessor, imported',
    code: `import { clockworkSecret } from './clockwork-secrets.js';\nconsole.log(clockworkSecret('CLOCKWORK_API_KEY'));`,
    errors: [log(`clockworkSecret('CLOCKWORK_API_KEY')`, `clockworkSecret('CLOCKWORK_API_KEY')`, `Boolean(clockworkSecret('CLOCKWORK_API_KEY'))`)],
  },
  {
    name: 'generated module accessor, required',
    code: `const { clockworkSecret } = require('./clockwork-secrets.cjs');\nconst key = clockworkSecret('CLOCKWORK_API_KEY');\nconsole.log(key);`,
    commonjs: true,
    errors: [log('key', `key, read from clockworkSecret('CLOCKWORK_API_KEY')`, 'Boolean(key)', 'console.log', { occurrence: 1 })],
  },
  {
    name: 'generated module accessor through a namespace, awaited',
    code: `import * as secrets from '../clockwork-secrets.mjs';\nexport async function show() {\n  console.log(await secrets.getClockworkSecret('CLOCKWORK_API_KEY'));\n}`,
    errors: [
      log(`await secrets.getClockworkSecret('CLOCKWORK_API_KEY')`, `getClockworkSecret('CLOCKWORK_API_KEY')`, `Boolean(await secrets.getClockworkSecret('CLOCKWORK_API_KEY'))`),
    ],
  },
  {
    name: 'a hardcoded key held by a Clockwork name: no suggestion (no-hardcoded-key moves the literal)',
    code: `const CLOCKWORK_API_KEY = '${K}';\nconsole.log(CLOCKWORK_API_KEY);`,
    errors: [log('CLOCKWORK_API_KEY', `CLOCKWORK_API_KEY, hardcoded ${maskKey(K)}`, undefined, 'console.log', { occurrence: 1 })],
  },
  {
    name: 'a hardcoded key in a Clockwork URL, logged as it is',
    code: `console.log('https://api.clockworksms.com/http/balance?key=${K}');`,
    errors: [log(`'https://api.clockworksms.com/http/balance?key=${K}'`, `hardcoded ${maskKey(K)}`)],
  },

  // How the output is built
  {
    name: 'template literal',
    code: `const key = ${ENV};\nconsole.log(\`key: \${key}\`);`,
    errors: [log('key', fromEnv('key'), 'Boolean(key)', 'console.log', { occurrence: 2 })],
  },
  {
    name: 'concatenation',
    code: `const key = ${ENV};\nconsole.error('Clockwork key: ' + key);`,
    errors: [log('key', fromEnv('key'), 'Boolean(key)', 'console.error', { occurrence: 2 })],
  },
  {
    name: 'two holes in one template: one report each',
    code: `console.log(\`\${process.env.CLOCKWORK_KEY} / \${process.env.CLOCKWORK_API_KEY}\`);`,
    errors: [
      log('process.env.CLOCKWORK_KEY', 'process.env.CLOCKWORK_KEY', 'Boolean(process.env.CLOCKWORK_KEY)'),
      log(ENV, ENV, `Boolean(${ENV})`),
    ],
  },
  {
    name: 'a fallback: the key when it is set',
    code: `console.log(${ENV} || 'unset');`,
    errors: [log(ENV, ENV, `Boolean(${ENV})`)],
  },
  {
    name: 'a message built first, then logged',
    code: `const message = \`using \${${ENV}}\`;\nconsole.log(message);`,
    errors: [log('message', fromEnv('message'), 'Boolean(message)', 'console.log', { occurrence: 1 })],
  },
  {
    name: 'shorthand property: the suggestion keeps the name',
    code: `const key = ${ENV};\nlogger.info({ key }, 'sms client ready');`,
    errors: [log('key', fromEnv('key'), 'key: Boolean(key)', 'logger.info', { occurrence: 1 })],
  },
  {
    name: 'a property of a logged object literal',
    code: `logger.debug({ to, clockworkKey: ${ENV} });`,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'logger.debug')],
  },
  {
    name: 'a config object passed whole',
    code: `const config = { clockwork: { key: ${ENV} }, port: 3000 };\nlogger.info({ config });`,
    errors: [log('config', 'read from process.env.CLOCKWORK_API_KEY', undefined, 'logger.info', { occurrence: 1, holder: { name: 'config', path: 'config.clockwork.key' } })],
  },
  {
    name: 'a member set after the object was made',
    code: `const config = {};\nconfig.clockwork = { key: ${ENV} };\nlog.info(config);`,
    errors: [log('config', 'read from process.env.CLOCKWORK_API_KEY', undefined, 'log.info', { occurrence: 2, holder: { name: 'config', path: 'config.clockwork.key' } })],
  },
  {
    name: 'a spread of the config',
    code: `const settings = { apiKey: ${ENV} };\nconsole.log({ ...settings, debug: true });`,
    errors: [log('settings', 'read from process.env.CLOCKWORK_API_KEY', undefined, 'console.log', { occurrence: 1, holder: { name: 'settings', path: 'settings.apiKey' } })],
  },
  {
    name: 'a member read of the config',
    code: `const config = { clockwork: { key: ${ENV} } };\nconsole.log(config.clockwork.key);`,
    errors: [log('config.clockwork.key', fromEnv('config.clockwork.key'), 'Boolean(config.clockwork.key)')],
  },
  {
    name: "the Clockwork client's options object",
    code: `const Clockwork = require('clockwork');\nconst options = { key: process.env.SMS_API_KEY, from: 'Shop' };\nconst client = Clockwork(options);\nconsole.log('clockwork options', options);`,
    commonjs: true,
    errors: [log('options', 'read from process.env.SMS_API_KEY', undefined, 'console.log', { occurrence: 3, holder: { name: 'options', path: 'options.key' } })],
  },
  {
    name: 'JSON.stringify prints the object whole',
    code: `const config = { clockwork: { key: ${ENV} } };\nconsole.log(JSON.stringify(config));`,
    errors: [log('JSON.stringify(config)', 'read from process.env.CLOCKWORK_API_KEY')],
  },
  {
    name: 'an encoding is no mask',
    code: `const key = ${ENV};\nconsole.log(Buffer.from(key).toString('base64'));`,
    errors: [log(`Buffer.from(key).toString('base64')`, 'read from process.env.CLOCKWORK_API_KEY')],
  },
  {
    name: 'a slice that keeps most of the key',
    code: `const key = ${ENV};\nconsole.log(key.slice(4));`,
    errors: [log('key.slice(4)', 'read from process.env.CLOCKWORK_API_KEY')],
  },
  {
    name: 'a local function formats it: judged for the call that passes the key',
    code: `function describe(k) {\n  return \`key=\${k}\`;\n}\nconsole.log(describe('test'));\nconsole.log(describe(${ENV}));`,
    errors: [log(`describe(${ENV})`, 'read from process.env.CLOCKWORK_API_KEY')],
  },
  {
    name: 'a local function logs its parameter',
    code: `function logKey(k) {\n  console.log('key', k);\n}\nlogKey(${ENV});`,
    errors: [log('k', fromEnv('k'), 'Boolean(k)', 'console.log', { occurrence: 2 })],
  },
  {
    name: 'console.assert prints what follows the condition',
    code: `const key = ${ENV};\nconsole.assert(key, key);`,
    errors: [log('key', fromEnv('key'), 'Boolean(key)', 'console.assert', { occurrence: 2 })],
  },

  // Loggers
  {
    name: 'pino',
    code: `import pino from 'pino';\nconst sms = pino();\nsms.info(${ENV});`,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'sms.info')],
  },
  {
    name: 'winston',
    code: `const winston = require('winston');\nconst audit = winston.createLogger({});\naudit.warn(${ENV});`,
    commonjs: true,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'audit.warn')],
  },
  {
    name: 'log4js',
    code: `const log4js = require('log4js');\nlog4js.getLogger('sms').error(${ENV});`,
    commonjs: true,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'log4js.getLogger().error')],
  },
  {
    name: 'a debug instance',
    code: `const trace = require('debug')('sms');\ntrace('using key %s', ${ENV});`,
    commonjs: true,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'trace')],
  },
  {
    name: 'a child logger prints its bindings on every line',
    code: `const smsLog = logger.child({ clockworkKey: ${ENV} });`,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'logger.child')],
  },
  {
    name: "a Nest service's logger",
    code: `class SmsService {\n  private readonly logger = new Logger(SmsService.name);\n  start(): void {\n    this.logger.log(\`clockwork key \${${ENV}}\`);\n  }\n}`,
    ts: true,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'this.logger.log')],
  },
  {
    name: 'process.stdout.write and process.stderr.write',
    code: `process.stdout.write(${ENV} + '\\n');\nprocess.stderr.write(${ENV});`,
    errors: [
      log(ENV, ENV, `Boolean(${ENV})`, 'process.stdout.write'),
      log(ENV, ENV, `Boolean(${ENV})`, 'process.stderr.write', { occurrence: 1 }),
    ],
  },
  {
    name: 'loggers option: an in-house logger object and function',
    code: `audit.info(${ENV});\naudit(${ENV});`,
    options: [{ loggers: ['audit'] }],
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'audit.info'), log(ENV, ENV, `Boolean(${ENV})`, 'audit', { occurrence: 1 })],
  },
  {
    name: 'extraNames option: an in-house name for Clockwork',
    code: `console.log(process.env.SMS_GATEWAY_KEY);`,
    options: [{ extraNames: ['smsGateway'] }],
    errors: [log('process.env.SMS_GATEWAY_KEY', 'process.env.SMS_GATEWAY_KEY', 'Boolean(process.env.SMS_GATEWAY_KEY)')],
  },

  // Errors
  {
    name: 'new Error with the key in its message',
    code: `const key = ${ENV};\nthrow new Error(\`Clockwork rejected key \${key}\`);`,
    errors: [log('key', fromEnv('key'), 'Boolean(key)', 'new Error', { occurrence: 2, destination: 'error' })],
  },
  {
    name: 'a custom error class',
    code: `const key = ${ENV};\nthrow new ClockworkError('bad key ' + key);`,
    errors: [log('key', fromEnv('key'), 'Boolean(key)', 'new ClockworkError', { occurrence: 2, destination: 'error' })],
  },
  {
    name: 'a string thrown as it is: no argument to wrap',
    code: `const key = ${ENV};\nthrow key;`,
    errors: [log('key', fromEnv('key'), undefined, 'throw', { occurrence: 1, destination: 'error' })],
  },

  // HTTP responses
  {
    name: 'Express res.json',
    code: `app.get('/debug', (req, res) => {\n  res.json({ key: ${ENV} });\n});`,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'res.json', { destination: 'response' })],
  },
  {
    name: 'Express res.status().send with a template',
    code: `app.use((error, req, res, next) => {\n  res.status(500).send(\`SMS failed with key \${${ENV}}\`);\n});`,
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'res.status().send', { destination: 'response' })],
  },
  {
    name: 'Fastify reply.send',
    code: `fastify.get('/config', async (request, reply) => {\n  const { CLOCKWORK_KEY } = process.env;\n  return reply.send({ CLOCKWORK_KEY });\n});`,
    errors: [
      log('CLOCKWORK_KEY', fromEnv('CLOCKWORK_KEY', 'process.env.CLOCKWORK_KEY'), 'CLOCKWORK_KEY: Boolean(CLOCKWORK_KEY)', 'reply.send', { occurrence: 1, destination: 'response' }),
    ],
  },
  {
    name: 'Koa ctx.body, whole (no argument to wrap) and in an object',
    code: `router.get('/key', (ctx) => {\n  ctx.body = ${ENV};\n});\nrouter.get('/config', (ctx) => {\n  ctx.body = { key: ${ENV} };\n});`,
    errors: [
      log(ENV, ENV, undefined, 'ctx.body', { destination: 'response' }),
      log(ENV, ENV, `Boolean(${ENV})`, 'ctx.body', { occurrence: 1, destination: 'response' }),
    ],
  },
  {
    name: 'Next.js route handler: NextResponse.json',
    code: `import { NextResponse } from 'next/server';\nexport function GET() {\n  return NextResponse.json({ key: ${ENV} });\n}`,
    file: 'next-app/app/api/debug/route',
    errors: [log(ENV, ENV, `Boolean(${ENV})`, 'NextResponse.json', { destination: 'response' })],
  },
  {
    name: 'fetch-style handlers: Response.json and new Response',
    code: `export function GET() {\n  return Response.json({ key: ${ENV} });\n}\nexport function POST() {\n  return new Response(${ENV});\n}`,
    errors: [
      log(ENV, ENV, `Boolean(${ENV})`, 'Response.json', { destination: 'response' }),
      log(ENV, ENV, `Boolean(${ENV})`, 'new Response', { occurrence: 1, destination: 'response' }),
    ],
  },
];

const validCases: (CaseShape & { options?: Options })[] = [
  // Look-alikes
  { name: 'a version, not a key', code: `console.log(clockworkVersion);` },
  { name: 'Clockwork env names that hold no credential', code: `console.log(process.env.CLOCKWORK_FROM, process.env.CLOCKWORK_BASE_URL, process.env.CLOCKWORK_VERSION);` },
  { name: 'another service\'s key in a Clockwork file', code: `// sends with clockwork, charges with stripe\nconsole.log(process.env.STRIPE_API_KEY);` },
  { name: 'a credential never handed to Clockwork', code: `const Clockwork = require('clockwork');\nconst key = process.env.SMS_KEY;\nstripe({ key });\nconsole.log(key);`, commonjs: true },
  { name: 'a file that never mentions Clockwork', code: `console.log(process.env.SMS_API_KEY);` },
  { name: 'a git SHA under a commit name', code: `const clockworkCommit = '${SHA}';\nconsole.log(clockworkCommit);\nres.json({ clockworkCommit });` },
  { name: 'a placeholder', code: `const CLOCKWORK_API_KEY = 'your clockwork key here';\nconsole.log(CLOCKWORK_API_KEY);` },
  { name: 'the name of the variable, not its value', code: `throw new Error('CLOCKWORK_API_KEY is not set: add it to .env');` },
  { name: 'an accessor of another module', code: `import { clockworkSecret } from './vault.js';\nconsole.log(clockworkSecret('CLOCKWORK_API_KEY'));` },

  // Safe forms of the key
  { name: 'masked: the first or last four characters', code: `const key = ${ENV};\nconsole.log(key.slice(0, 4), key.slice(-4), key.substring(0, 6), \`\${key.slice(0, 4)}…\`);` },
  { name: 'masked by a mask or redact function', code: `const key = ${ENV};\nconsole.log(maskKey(key), redact(key), utils.maskSecret(key));` },
  { name: 'the length', code: `const key = ${ENV};\nconsole.log(key.length, \`\${key.length} characters\`);` },
  { name: 'whether it is set', code: `const key = ${ENV};\nconsole.log(Boolean(key), !!key, key ? 'set' : 'unset', key && 'set');` },
  { name: 'its type and comparisons', code: `const key = ${ENV};\nconsole.log(typeof key, key === expected, key !== undefined, key.startsWith('ab'));` },
  { name: 'a configured flag in a response', code: `app.get('/health', (req, res) => {\n  res.json({ clockwork: Boolean(${ENV}) });\n});` },
  { name: 'an error that says whether the key is set', code: `const key = ${ENV};\nif (!ok) throw new Error(\`Clockwork failed (key \${key ? 'set' : 'missing'})\`);` },
  { name: 'another member of the config', code: `const config = { clockwork: { key: ${ENV}, from: 'Shop' } };\nconsole.log(config.clockwork.from);` },
  { name: 'a local function called with something else', code: `function describe(k) {\n  return \`key=\${k}\`;\n}\nconsole.log(describe('test'));\nsend(describe(${ENV}));` },

  // The key goes where it belongs
  { name: 'handed to the client, and a log line without it', code: `const Clockwork = require('clockwork');\nconst client = Clockwork({ key: ${ENV} });\nconsole.log('clockwork client ready');`, commonjs: true },
  { name: 'sent to the Clockwork API', code: `await fetch('https://api.clockworksms.com/http/send.aspx', { method: 'POST', body: new URLSearchParams({ key: ${ENV}, to, content }) });` },
  { name: 'read from a fetch response, not written to one', code: `const response = await fetch(url);\nconst data = await response.json();\nres.json(data.balance);\nconsole.log(${ENV}.length);` },

  // Not a sink
  { name: 'a local console', code: `function run(console) {\n  console.log(${ENV});\n}` },
  { name: 'Math.log and other objects with log-like methods', code: `const key = ${ENV};\nMath.log(key.length);\ncatalog.info(key);\ncache.set('k', key);` },
  { name: 'an error handed to a logger, not the key', code: `try {\n  send(${ENV});\n} catch (error) {\n  logger.error(error);\n}` },
];

function toValid(item: CaseShape & { options?: Options }, parser: Parser): ValidTestCase<Options> {
  return {
    name: `${item.name} (${parser})`,
    code: item.code,
    filename: filenameOf(item, parser),
    ...(item.options ? { options: item.options } : {}),
    languageOptions: languageOptionsOf(item, parser),
  };
}

function toInvalid(item: Case, parser: Parser): InvalidTestCase<MessageIds, Options> {
  return {
    ...toValid(item, parser),
    output: null,
    errors: item.errors.map((expected) => {
      const destination = DESTINATIONS[expected.destination ?? 'log'];
      const suggestions = expected.suggest
        ? [{ messageId: 'logWhetherSet' as const, data: { replacement: expected.suggest }, output: replaced(item.code, expected.at, expected.suggest, expected.occurrence) }]
        : [];
      const location = locationOf(item.code, expected.at, expected.occurrence);
      return expected.holder
        ? { messageId: 'holderInOutput' as const, data: { holder: expected.holder.name, path: expected.holder.path, source: expected.source, sink: expected.sink, destination }, ...location, suggestions }
        : { messageId: 'keyInOutput' as const, data: { source: expected.source, sink: expected.sink, destination }, ...location, suggestions };
    }),
  };
}

const ruleTester = new RuleTester();

for (const parser of ['ts', 'espree'] as const) {
  const usable = <T extends { ts?: boolean }>(item: T) => parser === 'ts' || !item.ts;
  describe(parser === 'ts' ? 'parsed by @typescript-eslint/parser' : 'parsed by espree', () => {
    ruleTester.run('no-key-in-logs', rule, {
      valid: validCases.filter(usable).map((item) => toValid(item, parser)),
      invalid: invalidCases.filter(usable).map((item) => toInvalid(item, parser)),
    });
  });
}

describe('the case tables', () => {
  it('hold at least 40 cases under each parser', () => {
    expect(validCases.length + invalidCases.filter((item) => !item.ts).length).toBeGreaterThanOrEqual(40);
  });

  it('assert every kind of sink and every message', () => {
    const errors = invalidCases.flatMap((item) => item.errors);
    expect(new Set(errors.map((error) => error.destination ?? 'log'))).toEqual(new Set(['log', 'error', 'response']));
    expect(errors.some((error) => error.holder)).toBe(true);
    expect(errors.some((error) => error.suggest)).toBe(true);
  });
});

describe('messages', () => {
  it('never print a key: a hardcoded one is masked, a read is named, never valued', () => {
    const config: Linter.Config[] = [
      plugin.configs.recommended as Linter.Config,
      { files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser } },
    ];
    const linter = new Linter();
    let checked = 0;
    for (const item of invalidCases) {
      const options: Linter.Config[] = item.options ? [{ rules: { 'clockwork-secrets/no-key-in-logs': ['error', ...item.options] } }] : [];
      const messages = linter.verify(item.code, [...config, ...options], filenameOf(item, 'ts')).filter((message) => message.ruleId === 'clockwork-secrets/no-key-in-logs');
      expect(messages, item.name).toHaveLength(item.errors.length);
      for (const message of messages) {
        for (const text of [message.message, ...(message.suggestions ?? []).map((suggestion) => suggestion.desc)]) {
          expect(text).not.toContain(K);
          expect(findKeyTokens(text)).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(invalidCases.length);
  });
});

describe('the doc page', () => {
  const blocks = docExamples('no-key-in-logs');

  it('has examples of both kinds', () => {
    expect(blocks.filter((block) => block.incorrect).length).toBeGreaterThanOrEqual(3);
    expect(blocks.filter((block) => !block.incorrect).length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((block) => [`${block.incorrect ? 'incorrect' : 'correct'} example at line ${block.line}`, block] as const))('%s: the rule agrees', (_, block) => {
    const messages = lintDocBlock('no-key-in-logs', block, 'server-app/src');
    expect(messages.filter((message) => message.ruleId !== 'clockwork-secrets/no-key-in-logs')).toEqual([]);
    if (block.incorrect) expect(messages.length).toBeGreaterThan(0);
    else expect(messages).toEqual([]);
  });
});
