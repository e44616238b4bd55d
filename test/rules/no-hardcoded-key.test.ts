import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/no-hardcoded-key.js';
import { maskKey } from '../../src/detect/mask.js';
import { REASONS } from '../../src/eslint/clockwork-context.js';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';
import { locationOf } from '../support/location.js';
import vectors from '../fixtures/test-vectors.json' with { type: 'json' };

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Every case names its variable from this base (the rule's `envVariable`, as `fix --env-var`); context names have cases of their own. */
const BASE = 'CLOCKWORK_API_KEY';
const ENV = `clockworkSecret('${BASE}')`;

/** A package for the cases to live in, so the suggestion can import its generated secrets module. */
const PACKAGE = fileURLToPath(new URL('../fixtures/rule-package/', import.meta.url));

type Parser = 'ts' | 'espree';

/** A suggestion: `output` is the code after it; `imports` says it also imports the accessor. */
type Suggestion = { messageId: MessageIds; data?: Record<string, string>; output: string; imports?: boolean; tsOutput?: string };

interface Expected {
  /** The exact source text the report must cover. */
  at: string;
  occurrence?: number;
  value: string;
  reason: string;
  kind?: 'API key' | 'access token';
  suggestions: Suggestion[];
}

interface Case {
  name: string;
  code: string;
  /** Needs TypeScript syntax: run with @typescript-eslint/parser only. */
  ts?: boolean;
  jsx?: boolean;
  module?: boolean;
  /** The quote the file mostly uses, which the added import takes ('single' unless said). */
  quote?: '"';
  options?: Options;
  errors: Expected[];
}

/** Replace `at` (the occurrence-th) in `code` with `replacement`: the expected suggestion output. */
function replaced(code: string, at: string, replacement: string, occurrence = 0): string {
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen++) index = code.indexOf(at, index + 1);
  return code.slice(0, index) + replacement + code.slice(index + at.length);
}

const read = (name: string) => `clockworkSecret('${name}')`;

function useEnv(code: string, at: string, replacement = ENV, occurrence = 0, name = BASE): Suggestion[] {
  return [{ messageId: 'readSecret', data: { read: read(name) }, output: replaced(code, at, replacement, occurrence), imports: true }];
}

/**
 * The import the suggestion adds, as the spec says: CommonJS JavaScript requires the `.cjs`
 * module, ES modules import the `.mjs` one, TypeScript imports `./clockwork-secrets.js`; after the
 * last import (or require, in CommonJS), else as the first line, followed by a blank line.
 */
function withImport(output: string, item: Case, parser: Parser): string {
  const q = item.quote ?? "'";
  const commonJs = parser === 'espree' && !item.module;
  const specifier = parser === 'ts' ? './clockwork-secrets.js' : commonJs ? './clockwork-secrets.cjs' : './clockwork-secrets.mjs';
  const line = commonJs ? `const { clockworkSecret } = require(${q}${specifier}${q});` : `import { clockworkSecret } from ${q}${specifier}${q};`;
  const lines = output.split('\n');
  // A require statement binds a module (`require('m')` or a member of it), nothing more.
  const isImport = (text: string) => (commonJs ? /^(?:const|let|var) [^=]+= require\('[^']*'\)(?:\.\w+)*;$/.test(text) : /^import /.test(text));
  const last = lines.findLastIndex(isImport);
  if (last >= 0) lines.splice(last + 1, 0, line);
  else lines.unshift(line, '');
  return lines.join('\n');
}

const K = Array.from({ length: 40 }, (_, index) => fakeKey(`rule test ${index}`));
const T = fakeToken('rule test token');
const SHA = fakeSha('rule test');
/** The key the official Ruby client's own spec accepts: public test data. */
const SPEC_KEY = (vectors.officialClientValid as string[])[0]!;

/** A whole-value key case: the report covers `'KEY'` and the suggestion swaps in the env read. */
function whole(name: string, code: string, reason: string, extra: Partial<Case> = {}, key = K[0]!): Case {
  const at = `'${key}'`;
  return { name, code, ...extra, errors: [{ at, value: key, reason, suggestions: useEnv(code, at) }] };
}

const CLIENT = 'passed to a Clockwork client';
const held = (name: string) => `held by "${name}"`;
const redact = (code: string, at: string, occurrence = 0): Suggestion[] => [{ messageId: 'redactComment', output: replaced(code, at, '[redacted]', occurrence) }];

const invalidCases: Case[] = [
  // Clockwork clients, however they are bound
  whole('npm clockwork, called inline', `const client = require('clockwork')({ key: '${K[0]}' });`, CLIENT),
  whole('npm clockwork, bound', `const Clockwork = require('clockwork');\nconst client = Clockwork({ key: '${K[0]}' });`, CLIENT),
  whole('ESM default import, new', `import Clockwork from 'clockwork';\nexport const client = new Clockwork({ key: '${K[0]}' });`, CLIENT, { module: true }),
  whole('clockworksms createClient, inline', `const client = require('clockworksms').createClient('${K[0]}');`, CLIENT),
  whole('clockworksms createClient, destructured', `const { createClient } = require('clockworksms');\ncreateClient('${K[0]}');`, CLIENT),
  whole('namespace import', `import * as sms from 'clockworksms';\nsms.createClient('${K[0]}');`, CLIENT, { module: true }),
  whole('named import', `import { createClient } from 'clockworksms';\ncreateClient('${K[0]}');`, CLIENT, { module: true }),
  whole('unbound callee named Clockwork', `const client = new Clockwork('${K[0]}');`, CLIENT),
  whole('scoped client module', `const sms = require('@mediaburst/clockwork');\nsms({ apiKey: '${K[0]}' });`, CLIENT),
  whole('optional-chained client', `const sms = require('clockworksms');\nsms?.createClient('${K[0]}');`, CLIENT),
  whole('extra client module option', `const sms = require('@acme/sms');\nsms({ key: '${K[0]}' });`, CLIENT, {
    options: [{ clientModules: ['@acme/sms'] }],
  }),

  // Data flow: variables, containers, functions
  whole('variable handed to the client', `const KEY = '${K[0]}';\nconst client = require('clockwork')({ key: KEY });`, CLIENT),
  whole('shorthand property', `const key = '${K[0]}';\nrequire('clockwork')({ key });`, CLIENT),
  whole('variable copied twice', `const a = '${K[0]}';\nconst b = a;\nconst Clockwork = require('clockwork');\nnew Clockwork({ key: b });`, CLIENT),
  whole('options object handed whole', `const options = { key: '${K[0]}' };\nconst client = require('clockwork')(options);`, CLIENT),
  whole('nested member read', `const settings = { sms: { key: '${K[0]}' } };\nrequire('clockworksms').createClient(settings.sms.key);`, CLIENT),
  whole('member assigned, container handed over', `const options = {};\noptions.key = '${K[0]}';\nnew Clockwork(options);`, CLIENT),
  whole('local function parameter', `function makeClient(apiKey) {\n  return require('clockwork')({ key: apiKey });\n}\nmakeClient('${K[0]}');`, CLIENT),
  whole('local arrow parameter', `const make = (k) => new Clockwork({ key: k });\nmake('${K[0]}');`, CLIENT),
  whole('let assigned later', `let key;\nkey = '${K[0]}';\nrequire('clockwork')({ key });`, CLIENT),
  whole('assignment through process.env', `process.env.SMS_KEY = '${K[0]}';\nrequire('clockwork')({ key: process.env.SMS_KEY });`, CLIENT),

  // Names that say Clockwork
  whole('screaming env-style constant', `const CLOCKWORK_API_KEY = '${K[0]}';`, held('CLOCKWORK_API_KEY')),
  whole('camelCase binding', `let clockworkKey;\nclockworkKey = '${K[0]}';`, held('clockworkKey')),
  whole('nested config path', `const config = { clockwork: { apiKey: '${K[0]}' } };`, held('clockwork.apiKey')),
  whole('module.exports member', `module.exports = { clockworkKey: '${K[0]}' };`, held('clockworkKey')),
  whole('exports assignment', `exports.clockworkKey = '${K[0]}';`, held('exports.clockworkKey')),
  whole('exported const', `export const ClockworkKey = '${K[0]}';`, held('ClockworkKey'), { module: true }),
  whole('split env name', `const env = { CLOCK_WORK_API_KEY: '${K[0]}' };`, held('CLOCK_WORK_API_KEY')),
  whole('prefixed env name', `const env = { E2S_CLOCKWORK_API_KEY: '${K[0]}' };`, held('E2S_CLOCKWORK_API_KEY')),
  whole('clockworksms env name', `const env = { CLOCKWORKSMS_KEY: '${K[0]}' };`, held('CLOCKWORKSMS_KEY')),
  whole('string-keyed property', `const env = { 'clockwork.apiKey': '${K[0]}' };`, held('clockwork.apiKey')),
  whole('provider sibling', `const sms = { provider: 'clockwork', apiKey: '${K[0]}' };`, 'in a Clockwork config object'),
  whole('config.set with a Clockwork path', `config.set('clockwork.apiKey', '${K[0]}');`, held('clockwork.apiKey')),
  whole('map entry', `const secrets = new Map([['CLOCKWORK_KEY', '${K[0]}']]);`, held('CLOCKWORK_KEY')),
  whole('class field', `class Sms {\n  clockworkKey = '${K[0]}';\n}`, held('Sms.clockworkKey')),
  whole('class field of a Clockwork class', `class ClockworkService {\n  private readonly apiKey = '${K[0]}';\n}`, held('ClockworkService.apiKey'), { ts: true }),
  whole('this member in a Clockwork class', `class ClockworkClient {\n  constructor() {\n    this.apiKey = '${K[0]}';\n  }\n}`, held('ClockworkClient.apiKey')),
  whole('default parameter', `function send(to, clockworkKey = '${K[0]}') {}`, held('send.clockworkKey')),
  whole('default parameter of a Clockwork function', `function sendViaClockwork(to, key = '${K[0]}') {}`, held('sendViaClockwork.key')),
  whole('destructuring default from a Clockwork source', `const { key = '${K[0]}' } = clockworkConfig;`, held('clockworkConfig.key')),
  whole('destructuring default with a Clockwork name', `const { clockworkKey = '${K[0]}' } = options;`, held('options.clockworkKey')),
  whole('TS parameter property', `class Sms {\n  constructor(private clockworkKey = '${K[0]}') {}\n}`, held('Sms.clockworkKey'), { ts: true }),
  whole('getter function', `function getClockworkKey() {\n  return '${K[0]}';\n}`, held('getClockworkKey')),
  whole('arrow body', `const clockworkKey = () => '${K[0]}';`, held('clockworkKey')),
  {
    name: 'as const: the assertion goes with the literal',
    code: `const CLOCKWORK_KEY = '${K[0]}' as const;`,
    ts: true,
    errors: [{ at: `'${K[0]}'`, value: K[0]!, reason: held('CLOCKWORK_KEY'), suggestions: useEnv(`const CLOCKWORK_KEY = '${K[0]}' as const;`, `'${K[0]}' as const`) }],
  },
  whole('satisfies', `const config = { clockworkKey: '${K[0]}' } satisfies Record<string, string>;`, held('clockworkKey'), { ts: true }),
  whole('extra name option', `const smsGatewayKey = '${K[0]}';`, held('smsGatewayKey'), { options: [{ extraNames: ['smsGateway'] }] }),
  whole('upper-case hex', `const CLOCKWORK_KEY = '${K[0]!.toUpperCase()}';`, held('CLOCKWORK_KEY'), {}, K[0]!.toUpperCase()),
  whole('published client spec key', `const CLOCKWORK_KEY = '${SPEC_KEY}';`, held('CLOCKWORK_KEY'), {}, SPEC_KEY),

  // Environment: assignments, fallbacks
  whole('process.env assignment', `process.env.CLOCKWORK_KEY = '${K[0]}';`, 'assigned to the environment variable CLOCKWORK_KEY'),
  whole('process.env computed assignment', `process.env['CLOCKWORK_API_KEY'] = '${K[0]}';`, 'assigned to the environment variable CLOCKWORK_API_KEY'),
  {
    name: '|| fallback for a Clockwork env name',
    code: `const key = process.env.CLOCKWORK_KEY || '${K[0]}';`,
    errors: [{
      at: `'${K[0]}'`, value: K[0]!, reason: 'used as the fallback for CLOCKWORK_KEY',
      // TypeScript keeps a `string` with a typed default; JavaScript keeps the read as it was.
      suggestions: [{ messageId: 'dropFallback', data: { read: 'process.env.CLOCKWORK_KEY' }, output: 'const key = process.env.CLOCKWORK_KEY;', tsOutput: "const key = process.env.CLOCKWORK_KEY ?? '';" }],
    }],
  },
  {
    name: '?? fallback for a generic env name, handed to the client',
    code: `const key = process.env.SMS_KEY ?? '${K[0]}';\nrequire('clockwork')({ key });`,
    errors: [{
      at: `'${K[0]}'`, value: K[0]!, reason: CLIENT,
      suggestions: [
        {
          messageId: 'dropFallback',
          data: { read: 'process.env.SMS_KEY' },
          output: `const key = process.env.SMS_KEY;\nrequire('clockwork')({ key });`,
          tsOutput: `const key = process.env.SMS_KEY ?? '';\nrequire('clockwork')({ key });`,
        },
      ],
    }],
  },
  {
    name: 'import.meta.env fallback',
    code: `export const key = import.meta.env.VITE_CLOCKWORK_KEY || '${K[0]}';`,
    module: true,
    errors: [{
      at: `'${K[0]}'`, value: K[0]!, reason: 'used as the fallback for VITE_CLOCKWORK_KEY',
      // A public name ships to browsers: the value never keeps it, and the read follows the value.
      suggestions: [{ messageId: 'dropFallback', data: { read: 'import.meta.env.CLOCKWORK_KEY' }, output: 'export const key = import.meta.env.CLOCKWORK_KEY;' }],
    }],
  },
  {
    name: 'both branches of a conditional',
    code: `const clockworkKey = isProd ? '${K[0]}' : '${K[1]}';`,
    // Two values want one name and nothing else tells them apart: the file stem, then a number.
    errors: [
      { at: `'${K[0]}'`, value: K[0]!, reason: held('clockworkKey'), suggestions: useEnv(`const clockworkKey = isProd ? '${K[0]}' : '${K[1]}';`, `'${K[0]}'`, read('CLOCKWORK_API_KEY_FILE'), 0, 'CLOCKWORK_API_KEY_FILE') },
      { at: `'${K[1]}'`, value: K[1]!, reason: held('clockworkKey'), suggestions: useEnv(`const clockworkKey = isProd ? '${K[0]}' : '${K[1]}';`, `'${K[1]}'`, read('CLOCKWORK_API_KEY_FILE_2'), 0, 'CLOCKWORK_API_KEY_FILE_2') },
    ],
  },

  // JSX
  {
    name: 'JSX attribute string',
    code: `const app = <ClockworkProvider apiKey="${K[0]}" />;`,
    jsx: true,
    errors: [{ at: `"${K[0]}"`, value: K[0]!, reason: held('ClockworkProvider.apiKey'), suggestions: useEnv(`const app = <ClockworkProvider apiKey="${K[0]}" />;`, `"${K[0]}"`, `{${ENV}}`) }],
  },
  whole('JSX expression container', `const app = <Sms clockworkKey={'${K[0]}'} />;`, held('Sms.clockworkKey'), { jsx: true }),

  // Constant folding
  (() => {
    const code = `const CLOCKWORK_KEY = '${K[0]!.slice(0, 20)}' + '${K[0]!.slice(20)}';`;
    const at = `'${K[0]!.slice(0, 20)}' + '${K[0]!.slice(20)}'`;
    return { name: 'concatenated halves', code, errors: [{ at, value: K[0]!, reason: held('CLOCKWORK_KEY'), suggestions: useEnv(code, at) }] };
  })(),
  (() => {
    const code = `const CLOCKWORK_KEY = ('${K[0]!.slice(0, 10)}' + '${K[0]!.slice(10, 30)}') + \`${K[0]!.slice(30)}\`;`;
    const at = `('${K[0]!.slice(0, 10)}' + '${K[0]!.slice(10, 30)}') + \`${K[0]!.slice(30)}\``;
    // The outer chain starts at its first token, the parenthesis.
    return { name: 'nested concatenation with a template', code, errors: [{ at, value: K[0]!, reason: held('CLOCKWORK_KEY'), suggestions: useEnv(code, at) }] };
  })(),
  (() => {
    const code = `const CLOCKWORK_KEY = \`${K[0]}\`;`;
    const at = `\`${K[0]}\``;
    return { name: 'template without expressions', code, errors: [{ at, value: K[0]!, reason: held('CLOCKWORK_KEY'), suggestions: useEnv(code, at) }] };
  })(),

  // Keys inside Clockwork URLs and payloads: reported at the key, fixed by a template
  (() => {
    const code = `fetch('https://api.clockworksms.com/http/send.aspx?key=${K[0]}&to=447700900123&content=Hi');`;
    return {
      name: 'HTTP API URL',
      code,
      errors: [{
        at: K[0]!, value: K[0]!, reason: 'in a Clockwork API URL',
        suggestions: useEnv(code, `'https://api.clockworksms.com/http/send.aspx?key=${K[0]}&to=447700900123&content=Hi'`,
          `\`https://api.clockworksms.com/http/send.aspx?key=\${${ENV}}&to=447700900123&content=Hi\``),
      }],
    };
  })(),
  (() => {
    const code = `fetch(\`https://api.clockworksms.com/http/send.aspx?Key=${K[0]}&to=\${to}\`);`;
    return {
      name: 'HTTP API URL in a template, Key= spelling',
      code,
      errors: [{
        at: K[0]!, value: K[0]!, reason: 'in a Clockwork API URL',
        suggestions: useEnv(code, `\`https://api.clockworksms.com/http/send.aspx?Key=${K[0]}&to=\${to}\``,
          `\`https://api.clockworksms.com/http/send.aspx?Key=\${${ENV}}&to=\${to}\``),
      }],
    };
  })(),
  (() => {
    const code = `const url = 'https://api.clockworksms.com/http/send.aspx?key=' + '${K[0]}' + '&to=' + to;`;
    return {
      name: 'HTTP API URL built by concatenation',
      code,
      errors: [{
        at: K[0]!, value: K[0]!, reason: 'in a Clockwork API URL',
        suggestions: useEnv(code, `'https://api.clockworksms.com/http/send.aspx?key=' + '${K[0]}' + '&to=' + to`,
          `\`https://api.clockworksms.com/http/send.aspx?key=\${${ENV}}&to=\${to}\``),
      }],
    };
  })(),
  whole('key spliced into a URL template', `const key = '${K[0]}';\nfetch(\`https://api.clockworksms.com/http/send.aspx?key=\${key}&to=\${to}\`);`, 'in a Clockwork API URL'),
  whole('key appended to a constant URL prefix', `const BASE = 'https://api.clockworksms.com/http/balance?key=';\nconst k = '${K[0]}';\nfetch(BASE + k);`, 'in a Clockwork API URL'),
  (() => {
    const code = `const body = 'key=${K[0]}&to=447700900123&content=Hello';\npost('https://api.clockworksms.com/http/send.aspx', body);`;
    return {
      name: 'HTTP API form payload',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: 'in a Clockwork API payload', suggestions: useEnv(code, `'key=${K[0]}&to=447700900123&content=Hello'`, `\`key=\${${ENV}}&to=447700900123&content=Hello\``) }],
    };
  })(),
  whole('URLSearchParams payload object', `// clockwork http api\nconst params = new URLSearchParams({ key: '${K[0]}', to, content });`, 'in a Clockwork API payload'),
  (() => {
    const code = `const address = '447700900123@${K[0]}.clockworksms.com';`;
    return {
      name: 'email gateway',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: 'in a Clockwork email gateway address', suggestions: useEnv(code, `'447700900123@${K[0]}.clockworksms.com'`, `\`447700900123@\${${ENV}}.clockworksms.com\``) }],
    };
  })(),
  (() => {
    const code = `const xml = \`<?xml version="1.0"?><Message><Key>${K[0]}</Key><SMS><To>\${to}</To></SMS></Message>\`;\npost('https://api.clockworksms.com/xml/send.aspx', xml);`;
    return {
      name: 'XML API payload',
      code,
      errors: [{
        at: K[0]!, value: K[0]!, reason: 'in a Clockwork XML payload',
        suggestions: useEnv(code, code.slice(code.indexOf('`'), code.lastIndexOf('`') + 1),
          `\`<?xml version="1.0"?><Message><Key>\${${ENV}}</Key><SMS><To>\${to}</To></SMS></Message>\``),
      }],
    };
  })(),
  (() => {
    const code = `const xml = '<Message><Key>${K[0]}</Key><SMS><To>447700900123</To></SMS></Message>';`;
    return {
      name: 'XML API payload in a file that names Clockwork nowhere else',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: 'in a Clockwork XML payload', suggestions: useEnv(code, code.slice(code.indexOf("'"), code.lastIndexOf("'") + 1), `\`<Message><Key>\${${ENV}}</Key><SMS><To>447700900123</To></SMS></Message>\``) }],
    };
  })(),
  (() => {
    const code = `const body = 'key=${K[0]}&to=447700900123&content=Hello';`;
    return {
      name: 'form payload in a file that names Clockwork nowhere else',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: 'in a Clockwork API payload', suggestions: useEnv(code, `'key=${K[0]}&to=447700900123&content=Hello'`, `\`key=\${${ENV}}&to=447700900123&content=Hello\``) }],
    };
  })(),
  (() => {
    const code = `fs.writeFileSync('.env', 'CLOCKWORK_API_KEY=${K[0]}\\n');`;
    return {
      name: 'dotenv text written by code',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: held('CLOCKWORK_API_KEY'), suggestions: useEnv(code, `'CLOCKWORK_API_KEY=${K[0]}\\n'`, `\`CLOCKWORK_API_KEY=\${${ENV}}\\n\``) }],
    };
  })(),
  (() => {
    const code = `const json = '{"clockworkKey": "${K[0]}"}';`;
    return {
      name: 'JSON text',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: held('clockworkKey'), suggestions: useEnv(code, `'{"clockworkKey": "${K[0]}"}'`, `\`{"clockworkKey": "\${${ENV}}"}\``) }],
    };
  })(),

  // Comments
  (() => {
    const code = `// clockwork key ${K[0]}\nconst x = 1;`;
    return {
      name: 'line comment',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: 'in a comment that names Clockwork', suggestions: [{ messageId: 'redactComment', output: replaced(code, K[0]!, '[redacted]') }] }],
    };
  })(),
  (() => {
    const code = `/*\n * Clockwork SMS\n * old key: ${K[0]}, new key: ${K[1]}\n */`;
    return {
      name: 'two keys in a block comment',
      code,
      errors: [
        { at: K[0]!, value: K[0]!, reason: 'in a comment that names Clockwork', suggestions: [{ messageId: 'redactComment', output: replaced(code, K[0]!, '[redacted]') }] },
        { at: K[1]!, value: K[1]!, reason: 'in a comment that names Clockwork', suggestions: [{ messageId: 'redactComment', output: replaced(code, K[1]!, '[redacted]') }] },
      ],
    };
  })(),
  (() => {
    const code = `// see https://api.clockworksms.com/http/balance?key=${K[0]}`;
    return {
      name: 'URL in a comment',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: 'in a Clockwork API URL', suggestions: [{ messageId: 'redactComment', output: replaced(code, K[0]!, '[redacted]') }] }],
    };
  })(),

  // Successor (TextAnywhere) tokens
  {
    ...whole('successor token under a TextAnywhere name', `const TEXTANYWHERE_TOKEN = '${T}';`, held('TEXTANYWHERE_TOKEN'), {}, T),
    errors: [{ at: `'${T}'`, value: T, kind: 'access token', reason: held('TEXTANYWHERE_TOKEN'), suggestions: useEnv(`const TEXTANYWHERE_TOKEN = '${T}';`, `'${T}'`) }],
  },
  {
    ...whole('successor token handed to the client', `require('clockwork')({ key: '${T}' });`, CLIENT, {}, T),
    errors: [{ at: `'${T}'`, value: T, kind: 'access token', reason: CLIENT, suggestions: useEnv(`require('clockwork')({ key: '${T}' });`, `'${T}'`) }],
  },

  // Many keys in one string: each reported; past 16 no suggestion, since each would rewrite the whole string
  (() => {
    const keys = K.slice(0, 17);
    const code = `const urls = 'https://api.clockworksms.com/http/send.aspx?${keys.map((key) => `key=${key}`).join('&')}';`;
    return {
      name: 'seventeen keys in one URL string',
      code,
      errors: keys.map((key) => ({ at: key, value: key, reason: 'in a Clockwork API URL', suggestions: [] })),
    };
  })(),
  (() => {
    const keys = K.slice(0, 2);
    const code = `const urls = 'https://api.clockworksms.com/http/send.aspx?key=${keys[0]}&key=${keys[1]}';`;
    const literal = code.slice(code.indexOf("'"), code.lastIndexOf("'") + 1);
    // No holder tells the two apart: the file stem, then a number, in the order of the values.
    const names = ['CLOCKWORK_API_KEY_FILE', 'CLOCKWORK_API_KEY_FILE_2'] as const;
    return {
      name: 'two keys in one URL string: a suggestion each',
      code,
      errors: [
        { at: keys[0]!, value: keys[0]!, reason: 'in a Clockwork API URL', suggestions: useEnv(code, literal, `\`https://api.clockworksms.com/http/send.aspx?key=\${${read(names[0])}}&key=${keys[1]}\``, 0, names[0]) },
        { at: keys[1]!, value: keys[1]!, reason: 'in a Clockwork API URL', suggestions: useEnv(code, literal, `\`https://api.clockworksms.com/http/send.aspx?key=${keys[0]}&key=\${${read(names[1])}}\``, 0, names[1]) },
      ],
    };
  })(),

  // Comment blocks: a run of line comments, or a block, judged as one text
  (() => {
    const code = `// var clockwork = require('clockwork')({\n//     key: '${K[0]}',\n// });\nmodule.exports = {};`;
    return {
      name: 'commented-out client: the key line of a run that names Clockwork on another line',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: REASONS.comment, suggestions: redact(code, K[0]!) }],
    };
  })(),
  (() => {
    const code = `function send() {\n  // legacy clockwork client:\n  // sms({\n  //   key: '${K[0]}', // was production\n  //   token: '${T}',\n  // });\n}`;
    return {
      name: 'commented-out block, indented, trailing comments: every key in it, the token labelled',
      code,
      errors: [
        { at: K[0]!, value: K[0]!, reason: REASONS.comment, suggestions: redact(code, K[0]!) },
        { at: T, value: T, kind: 'access token', reason: REASONS.comment, suggestions: redact(code, T) },
      ],
    };
  })(),
  (() => {
    const code = `/*\n * Clockwork SMS settings\n *\n *   token: ${T}\n */`;
    return {
      name: 'block comment: a token lines below the Clockwork name',
      code,
      errors: [{ at: T, value: T, kind: 'access token', reason: REASONS.comment, suggestions: redact(code, T) }],
    };
  })(),

  // Prose in strings, judged as prose in comments is
  (() => {
    const code = `const note = 'clockwork api=${K[0]}';`;
    return {
      name: 'prose: clockwork api=',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: REASONS.prose, suggestions: useEnv(code, `'clockwork api=${K[0]}'`, `\`clockwork api=\${${ENV}}\``) }],
    };
  })(),
  (() => {
    const code = `throw new Error('your clockworksms token is ${T}, not a number');`;
    return {
      name: 'prose: a message that spells out the token',
      code,
      errors: [{
        at: T, value: T, kind: 'access token', reason: REASONS.prose,
        suggestions: useEnv(code, `'your clockworksms token is ${T}, not a number'`, `\`your clockworksms token is \${${ENV}}, not a number\``),
      }],
    };
  })(),
  (() => {
    const code = `console.log(\`Clockwork API key: ${K[0]} (\${env})\`);`;
    return {
      name: 'prose: a template with the key labelled',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: REASONS.prose, suggestions: useEnv(code, `\`Clockwork API key: ${K[0]} (\${env})\``, `\`Clockwork API key: \${${ENV}} (\${env})\``) }],
    };
  })(),

  // XML elements and attributes named for a key, a token or Clockwork, in any layout
  (() => {
    const template = `\`\n  <Auth>\n    <clockworkToken>\n      ${T}\n    </clockworkToken>\n  </Auth>\``;
    const code = `const body = ${template};`;
    return {
      name: 'XML: <clockworkToken> with the value on its own line of a template',
      code,
      errors: [{
        at: T, value: T, kind: 'access token', reason: 'in a Clockwork XML payload',
        suggestions: useEnv(code, template, template.replace(T, `\${${ENV}}`)),
      }],
    };
  })(),
  (() => {
    const code = `const xml = '<Request service="clockwork"><ApiKey> ${K[0]} </ApiKey></Request>';`;
    const literal = code.slice(code.indexOf("'"), code.lastIndexOf("'") + 1);
    return {
      name: 'XML: <ApiKey> with whitespace inside, in a payload that names Clockwork',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: 'in a Clockwork XML payload', suggestions: useEnv(code, literal, `\`${literal.slice(1, -1).replace(K[0]!, `\${${ENV}}`)}\``) }],
    };
  })(),
  (() => {
    const code = `const xml = '<clockwork key="${K[0]}" from="Acme" />';`;
    const literal = code.slice(code.indexOf("'"), code.lastIndexOf("'") + 1);
    return {
      name: 'XML: a key attribute of a Clockwork element',
      code,
      errors: [{ at: K[0]!, value: K[0]!, reason: 'in a Clockwork XML payload', suggestions: useEnv(code, literal, `\`${literal.slice(1, -1).replace(K[0]!, `\${${ENV}}`)}\``) }],
    };
  })(),
  whole('XML: a key spliced into an element named for it', `const key = '${K[0]}';\nconst xml = \`<clockwork><apiKey>\${key}</apiKey></clockwork>\`;`, 'in a Clockwork XML payload'),

  // Clients loaded by a relative path: a client library's own tests, vendored copies
  whole('relative client file, called inline', `const client = require('./lib/clockwork.js')({ key: '${K[0]}' });`, CLIENT),
  whole('vendored client folder', `const Clockwork = require('../vendor/clockworksms');\nnew Clockwork('${K[0]}');`, CLIENT),
  whole('relative client import', `import Clockwork from './clockwork';\nexport const client = new Clockwork({ key: '${K[0]}' });`, CLIENT, { module: true }),

  // A value known to be a key is a key wherever it appears in the file
  (() => {
    const code = `const client = require('clockwork')({ key: '${K[0]}' });\nconst db = connect();\ndb.users.insert({ id: 1, api_key: '${K[0]}' });`;
    return {
      name: 'the same value under a generic name in a seed',
      code,
      errors: [
        { at: `'${K[0]}'`, value: K[0]!, reason: CLIENT, suggestions: useEnv(code, `'${K[0]}'`) },
        { at: `'${K[0]}'`, occurrence: 1, value: K[0]!, reason: REASONS.knownValue, suggestions: useEnv(code, `'${K[0]}'`, ENV, 1) },
      ],
    };
  })(),
  (() => {
    const code = `const token = '${K[0]}';\nconst CLOCKWORK_KEY = '${K[0]}';\n// previous: ${K[0]}\nconst commitSha = '${K[0]}';`;
    return {
      name: 'the same value before the proof, in a comment; not under a hash name',
      code,
      errors: [
        { at: `'${K[0]}'`, value: K[0]!, reason: REASONS.knownValue, suggestions: useEnv(code, `'${K[0]}'`) },
        { at: `'${K[0]}'`, occurrence: 1, value: K[0]!, reason: held('CLOCKWORK_KEY'), suggestions: useEnv(code, `'${K[0]}'`, ENV, 1) },
        { at: K[0]!, occurrence: 2, value: K[0]!, reason: REASONS.knownValue, suggestions: redact(code, K[0]!, 2) },
      ],
    };
  })(),

  // Containers whose lookup reaches a client or a Clockwork URL: each member reported once
  (() => {
    const code = `const keys = { production: '${K[0]}', staging: '${K[1]}' };\nconst clockwork = require('clockwork');\nclockwork({ key: keys[env] });`;
    return {
      name: 'object of keys looked up by environment',
      code,
      errors: [
        { at: `'${K[0]}'`, value: K[0]!, reason: CLIENT, suggestions: useEnv(code, `'${K[0]}'`, read('CLOCKWORK_API_KEY_PRODUCTION'), 0, 'CLOCKWORK_API_KEY_PRODUCTION') },
        { at: `'${K[1]}'`, value: K[1]!, reason: CLIENT, suggestions: useEnv(code, `'${K[1]}'`, read('CLOCKWORK_API_KEY_STAGING'), 0, 'CLOCKWORK_API_KEY_STAGING') },
      ],
    };
  })(),
  whole('object of keys looked up by NODE_ENV', `const keys = { live: '${K[0]}' };\nconst Clockwork = require('clockwork');\nnew Clockwork({ key: keys[process.env.NODE_ENV] });`, CLIENT),
  (() => {
    const code = `const Clockwork = require('clockwork');\nconst client = new Clockwork({ key: ['${K[0]}', '${K[1]}'][attempt] });`;
    // Nothing but their order tells the two apart: the file stem, then a number.
    return {
      name: 'array literal indexed',
      code,
      errors: [
        { at: `'${K[0]}'`, value: K[0]!, reason: CLIENT, suggestions: useEnv(code, `'${K[0]}'`, read('CLOCKWORK_API_KEY_FILE'), 0, 'CLOCKWORK_API_KEY_FILE') },
        { at: `'${K[1]}'`, value: K[1]!, reason: CLIENT, suggestions: useEnv(code, `'${K[1]}'`, read('CLOCKWORK_API_KEY_FILE_2'), 0, 'CLOCKWORK_API_KEY_FILE_2') },
      ],
    };
  })(),
  whole('Map entry read with get', `const Clockwork = require('clockwork');\nconst keys = new Map([['production', '${K[0]}']]);\nnew Clockwork({ key: keys.get(region) });`, CLIENT),
  whole('Object.values handed to a callback', `const clockwork = require('clockwork');\nconst keys = { production: '${K[0]}' };\nconst clients = Object.values(keys).map((key) => clockwork({ key }));`, CLIENT),
  whole('array iterated with for…of', `const clockwork = require('clockwork');\nconst keys = ['${K[0]}'];\nfor (const key of keys) clockwork({ key });`, CLIENT),
  whole('member looked up into a Clockwork URL', `const keys = { production: '${K[0]}' };\nfetch(\`https://api.clockworksms.com/http/balance?key=\${keys[env]}\`);`, 'in a Clockwork API URL'),

  // Class fields read through `this`
  whole('field read through this in a field initialiser', `import { createClient } from 'clockworksms';\nclass Sms {\n  private readonly apiKey = '${K[0]}';\n  client = createClient(this.apiKey);\n}`, CLIENT, { ts: true, module: true }),
  whole('field read through this in the constructor', `const Clockwork = require('clockwork');\nclass Sms {\n  apiKey = '${K[0]}';\n  constructor() {\n    this.client = new Clockwork({ key: this.apiKey });\n  }\n}`, CLIENT),
  whole('this member assigned, read in a method', `const Clockwork = require('clockwork');\nclass Sms {\n  constructor() {\n    this.apiKey = '${K[0]}';\n  }\n  send() {\n    return new Clockwork({ key: this.apiKey });\n  }\n}`, CLIENT),
  whole('private field read in an arrow inside a method', `const Clockwork = require('clockwork');\nclass Sms {\n  #apiKey = '${K[0]}';\n  send = () => new Clockwork({ key: this.#apiKey });\n}`, CLIENT),
  whole('TS parameter property read through this', `import Clockwork from 'clockwork';\nclass Sms {\n  constructor(private apiKey = '${K[0]}') {}\n  send() {\n    return new Clockwork({ key: this.apiKey });\n  }\n}`, CLIENT, { ts: true, module: true }),

  // Options and TypeScript-only places
  {
    name: 'envVariable option names the suggestion',
    code: `const CLOCKWORK_KEY = '${K[0]}';`,
    options: [{ envVariable: 'SMS_API_KEY' }],
    errors: [{ at: `'${K[0]}'`, value: K[0]!, reason: held('CLOCKWORK_KEY'), suggestions: useEnv(`const CLOCKWORK_KEY = '${K[0]}';`, `'${K[0]}'`, read('SMS_API_KEY'), 0, 'SMS_API_KEY') }],
  },
  {
    name: 'enum member: reported, no suggestion (string enums cannot be computed)',
    code: `enum Clockwork {\n  ApiKey = '${K[0]}',\n}`,
    ts: true,
    errors: [{ at: `'${K[0]}'`, value: K[0]!, reason: held('Clockwork.ApiKey'), suggestions: [] }],
  },
  {
    name: 'one value in two Clockwork places is reported once',
    code: `const CLOCKWORK_KEY = '${K[0]}';\nrequire('clockwork')({ key: CLOCKWORK_KEY });`,
    errors: [{ at: `'${K[0]}'`, value: K[0]!, reason: held('CLOCKWORK_KEY'), suggestions: useEnv(`const CLOCKWORK_KEY = '${K[0]}';\nrequire('clockwork')({ key: CLOCKWORK_KEY });`, `'${K[0]}'`) }],
  },
  whole('typed declaration', `const CLOCKWORK_KEY: string = '${K[0]}';`, held('CLOCKWORK_KEY'), { ts: true }),
  whole('non-null and assertion wrappers', `const clockworkKey = ('${K[0]}' as string)!;`, held('clockworkKey'), { ts: true }),
];

const validCases: { name: string; code: string; ts?: boolean; jsx?: boolean; module?: boolean; options?: Options }[] = [
  // Look-alikes in Clockwork files
  { name: 'git SHA under a commit name', code: `const Clockwork = require('clockwork');\nconst commitSha = '${SHA}';` },
  { name: 'hash word beats Clockwork word', code: `const clockworkCommit = '${SHA}';` },
  { name: 'hash in a Clockwork config', code: `const config = { clockwork: { sha: '${SHA}' } };` },
  { name: 'integrity beside a provider', code: `const sms = { provider: 'clockwork', integrity: '${SHA}' };` },
  { name: 'version pinned to a commit', code: `const CLOCKWORK_VERSION = '${SHA}';` },
  { name: 'empty-tree SHA-1', code: `// clockwork cache\nconst emptySha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';` },
  { name: 'JSX commit attribute', code: `const badge = <ClockworkBadge commit="${SHA}" />;`, jsx: true },
  { name: 'commit in a Clockwork comment', code: `// clockwork: bumped to commit ${SHA}` },
  { name: 'oid in a Clockwork file', code: `// clockwork\nconst oid = '${SHA}';` },
  { name: 'git SHAs from the test vectors', code: `// clockwork release\nconst refs = { head: '9a038989604e8da62ecddbe2094b16ce1b778be1', parent: '43fc912ef59a83054ea7f6706df4d53a7dea4d80' };` },
  // Placeholders
  { name: 'prose placeholder', code: `require('clockwork')({ key: 'your clockwork key here' });` },
  { name: 'API_KEY_GOES_HERE', code: `const CLOCKWORK_KEY = 'API_KEY_GOES_HERE';` },
  { name: 'YOUR_API_KEY_HERE', code: `new Clockwork({ key: 'YOUR_API_KEY_HERE' });` },
  { name: 'REDACTED', code: `const CLOCKWORK_KEY = 'REDACTED';` },
  { name: 'repeating placeholder from the client spec', code: `const CLOCKWORK_KEY = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';` },
  { name: 'all zeros', code: `const CLOCKWORK_KEY = '${'0'.repeat(40)}';` },
  { name: 'ascending run', code: `const CLOCKWORK_KEY = '0123456789abcdef${K[0]!.slice(16)}';` },
  { name: 'interpolation placeholder', code: 'const CLOCKWORK_KEY = `${process.env.KEY}`;' },
  { name: 'mustache placeholder', code: `const CLOCKWORK_KEY = '{{clockwork_key}}';` },
  { name: 'angle placeholder', code: `const CLOCKWORK_KEY = '<your-clockwork-key>';` },
  { name: 'masked', code: `const CLOCKWORK_KEY = '****************************************';` },
  { name: 'successor-shaped word', code: `const CLOCKWORK_TOKEN = 'clockworkApiKeyFromVault';` },
  // Wrong shape
  { name: '39 hex (client spec)', code: `require('clockwork')({ key: 'af7a8f7a8fa7f8a76fa876fa876a876fa875a87' });` },
  { name: '41 hex (client spec)', code: `require('clockwork')({ key: 'af7a8f7a8fa7f8a76fa876fa876a876fa875a875a' });` },
  { name: 'short junk (client spec)', code: `require('clockwork')({ key: 'q4353q345325325432' });` },
  { name: 'maps-API homonym: 40 mixed alphanumerics', code: `const CLOCKWORK_API_KEY = 'Zk3vQ8mN2pL5xR7tY1wB4cF6hJ9gD0sA2eK5uI8o';` },
  { name: 'UUID', code: `const clockworkId = '00000000-0000-0000-0000-000000000000';` },
  { name: 'SHA-256 around a 40-hex run', code: `fetch('https://api.clockworksms.com/http/send.aspx?key=${K[0]}${K[1]!.slice(0, 24)}');` },
  { name: 'successor token without a credential name', code: `const clockworkJobId = '${T}';` },
  // No Clockwork context
  { name: 'env read', code: `require('clockwork')({ key: process.env.CLOCKWORK_API_KEY });` },
  { name: 'type-only literal', code: `type ClockworkKey = '${K[0]}';\nlet k: '${K[0]}';`, ts: true },
  { name: 'unrelated package named clockwork', code: `import clockwork from 'clockwork-scheduler';\nclockwork({ key: '${K[0]}' });`, module: true },
  { name: 'prose beside the value', code: `console.log('clockwork build', '${SHA}');` },
  { name: 'no mention of Clockwork in the file', code: `const KEY = '${K[0]}';\nsend({ key: KEY });` },
  { name: 'another API key in a Clockwork file', code: `// also uses clockwork\nconst stripe = { apiKey: '${K[0]}' };` },
  { name: 'key= on another host', code: `// clockwork fallback\nfetch('https://api.example.com/send?key=${K[0]}');` },
  { name: 'email address on another host', code: `// clockwork\nconst to = '447700900123@${K[0]}.example.com';` },
  { name: 'S3 listing <Key>', code: `// clockwork archive\nconst listing = '<ListBucketResult><Contents><Key>${K[0]}</Key></Contents></ListBucketResult>';` },
  { name: 'key-shaped property name', code: `const clockwork = { '${K[0]}': true };` },
  { name: 'comment that does not name Clockwork', code: `const Clockwork = require('clockwork');\n// build ${K[0]}` },
  { name: 'allowed test key', code: `const CLOCKWORK_KEY = '${K[0]}';`, options: [{ allowedValues: [K[0]!.toUpperCase()] }] },
  { name: 'shadowed binding never reaches the client', code: `const key = '${K[0]}';\nfunction make(key) {\n  return require('clockwork')({ key });\n}` },
  { name: 'value handed to a non-Clockwork call', code: `const Clockwork = require('clockwork');\nconst key = '${K[0]}';\nlogin({ key });` },
  { name: 'condition, not a value', code: `const clockworkKey = '${K[0]}' === input ? a : b;` },
  // Comment blocks
  { name: 'commit in a commented-out Clockwork block', code: `// var clockwork = require('clockwork')({\n//   key: process.env.CLOCKWORK_KEY, // pinned to commit ${SHA}\n// });` },
  { name: 'a blank line ends a run of line comments', code: `// clockwork\n\n// ${K[0]}` },
  { name: 'a block after a Clockwork line comment is a unit of its own', code: `// clockwork\n/* build ${K[0]} */` },
  { name: 'a successor token without a credential label in a Clockwork block', code: `/*\n * clockwork\n * job ${T}\n */` },
  // Prose in strings
  { name: 'prose: build stamp', code: `console.log('clockwork build ${SHA}');` },
  { name: 'prose: commit', code: `const banner = 'Clockwork commit ${SHA}';` },
  { name: 'prose: a log line with a SHA', code: `log(\`[clockwork] deployed ${SHA} to production\`);` },
  { name: 'prose: version', code: `log('clockwork version: ${SHA}');` },
  { name: 'prose: a token with no credential label', code: `log('clockwork job ${T} queued');` },
  { name: 'prose: a credential label without Clockwork', code: `// clockwork\nconst help = 'your stripe key is ${K[0]}';` },
  // XML
  { name: 'S3 listing <Key> on its own line', code: `// clockwork archive\nconst listing = \`<ListBucketResult>\n  <Contents>\n    <Key>\n      ${K[0]}\n    </Key>\n  </Contents>\n</ListBucketResult>\`;` },
  { name: '<ApiKey> in a payload that names no Clockwork', code: `// clockwork archive\nconst xml = '<Contents><ApiKey>${K[0]}</ApiKey></Contents>';` },
  { name: 'hash-named element in a Clockwork payload', code: `const xml = '<clockwork><commitSha>${SHA}</commitSha></clockwork>';` },
  { name: 'element content that is not the whole element', code: `const xml = '<clockwork><apiKey>v2 ${SHA}</apiKey></clockwork>';` },
  // Relative paths
  { name: 'local scheduler module named clockwork-something', code: `const schedule = require('./clockwork-scheduler');\nschedule({ key: '${K[0]}' });` },
  { name: 'a file named clockwork inside another package', code: `import clock from 'clockwork-scheduler/clockwork';\nclock({ key: '${K[0]}' });`, module: true },
  // Known values
  { name: 'a SHA copied under a generic name: never proven, never propagated', code: `const CLOCKWORK_VERSION = '${SHA}';\nconst ref = '${SHA}';\n// ${SHA}` },
  // Containers
  { name: 'container that never reaches a client', code: `const clockwork = require('clockwork');\nconst keys = { production: '${K[0]}' };\nlogin({ key: keys[env] });` },
  { name: 'Map read under another name', code: `const clockwork = require('clockwork');\nconst keys = new Map([['production', '${K[0]}']]);\nclockwork({ key: keys.get('staging') });` },
  { name: 'array element another index reads', code: `const clockwork = require('clockwork');\nconst pair = ['${K[0]}', 'x'];\nclockwork({ key: pair[1] });` },
  // this
  { name: 'this of a nested function is not the class', code: `const Clockwork = require('clockwork');\nclass Sms {\n  apiKey = '${K[0]}';\n  send() {\n    return function () {\n      return new Clockwork({ key: this.apiKey });\n    };\n  }\n}` },
  { name: 'a field of another class', code: `const Clockwork = require('clockwork');\nclass Store {\n  apiKey = '${K[0]}';\n}\nclass Sms {\n  send() {\n    return new Clockwork({ key: this.apiKey });\n  }\n}` },
];

function languageOptions(item: { ts?: boolean; jsx?: boolean; module?: boolean }, parser: 'ts' | 'espree') {
  const ecmaFeatures = { jsx: item.jsx ?? false };
  return parser === 'ts'
    ? { parserOptions: { ecmaFeatures } }
    : { parser: espree, parserOptions: { ecmaFeatures, ecmaVersion: 'latest' as const, sourceType: item.module ? ('module' as const) : ('script' as const) } };
}

function filename(item: { ts?: boolean; jsx?: boolean }, parser: Parser): string {
  const base = `${PACKAGE}src/file`;
  if (parser === 'ts') return item.jsx ? `${base}.tsx` : `${base}.ts`;
  return item.jsx ? `${base}.jsx` : `${base}.js`;
}

function toInvalid(item: Case, parser: Parser): InvalidTestCase<MessageIds, Options> {
  return {
    ...toValid(item, parser),
    output: null,
    errors: item.errors.map((expected) => ({
      messageId: 'hardcodedKey',
      data: { kind: expected.kind ?? 'API key', masked: maskKey(expected.value), reason: expected.reason },
      ...locationOf(item.code, expected.at, expected.occurrence),
      suggestions: expected.suggestions.map(({ imports, output, tsOutput, ...suggestion }) => {
        const text = parser === 'ts' && tsOutput !== undefined ? tsOutput : output;
        return { ...suggestion, output: imports ? withImport(text, item, parser) : text };
      }),
    })),
  };
}

function toValid(item: (typeof validCases)[number], parser: Parser): ValidTestCase<Options> {
  return {
    name: `${item.name} (${parser})`,
    code: item.code,
    filename: filename(item, parser),
    options: [{ envVariable: BASE, ...item.options?.[0] }],
    languageOptions: languageOptions(item, parser),
  };
}

const ruleTester = new RuleTester();

for (const parser of ['ts', 'espree'] as const) {
  const usable = <T extends { ts?: boolean }>(item: T) => parser === 'ts' || !item.ts;
  describe(parser === 'ts' ? 'parsed by @typescript-eslint/parser' : 'parsed by espree', () => {
    ruleTester.run('no-hardcoded-key', rule, {
      valid: validCases.filter(usable).map((item) => toValid(item, parser)),
      invalid: invalidCases.filter(usable).map((item) => toInvalid(item, parser)),
    });
  });
}

/**
 * What the suggestion writes, spelled out in full: the codemod's own plan for the site (names from
 * the holder, the accessor a module kind allows, the marker cases), so editor and codemod agree.
 */
describe('the suggestion is the codemod\'s rewrite', () => {
  const js = `${PACKAGE}src/file.js`;
  const ts = `${PACKAGE}src/file.ts`;
  /** TypeScript that compiles to an ES module: its secrets load with the module, so a read is safe anywhere. */
  const mts = `${PACKAGE}src/file.mts`;
  const script = { parser: espree, parserOptions: { ecmaVersion: 'latest' as const, sourceType: 'script' as const } };
  const report = (code: string, at: string, reason: string, suggestions: InvalidTestCase<MessageIds, Options>['errors'][number]['suggestions']) => ({
    messageId: 'hardcodedKey' as const,
    data: { kind: 'API key', masked: maskKey(K[0]!), reason },
    ...locationOf(code, at),
    suggestions,
  });
  const production = `const settings = { production: { clockwork: { apiKey: '${K[0]}' } } };`;
  const asyncSend = `async function send(to) {\n  const client = require('clockwork')({ key: '${K[0]}' });\n  return client.send(to);\n}`;
  const topLevel = `const client = require('clockwork')({ key: '${K[0]}' });`;
  const fallback = `const key = process.env.CLOCKWORK_KEY || '${K[0]}';`;
  const browser = `'use client';\nexport function Send() {\n  return fetch('https://api.clockworksms.com/http/send.aspx?key=${K[0]}&to=1');\n}`;

  ruleTester.run('no-hardcoded-key', rule, {
    valid: [],
    invalid: [
      {
        name: 'names come from the holder and its environment words',
        code: production,
        filename: js,
        languageOptions: script,
        output: null,
        errors: [
          report(production, `'${K[0]}'`, held('clockwork.apiKey'), [
            {
              messageId: 'readSecret',
              data: { read: "clockworkSecret('CLOCKWORK_API_KEY_PRODUCTION')" },
              output: `const { clockworkSecret } = require('./clockwork-secrets.cjs');\n\nconst settings = { production: { clockwork: { apiKey: clockworkSecret('CLOCKWORK_API_KEY_PRODUCTION') } } };`,
            },
          ]),
        ],
      },
      {
        name: 'CommonJS async code awaits the read, for every provider alike',
        code: asyncSend,
        filename: js,
        languageOptions: script,
        options: [{ provider: 'vault' }],
        output: null,
        errors: [
          report(asyncSend, `'${K[0]}'`, CLIENT, [
            {
              messageId: 'readSecret',
              data: { read: "await getClockworkSecret('CLOCKWORK_API_KEY')" },
              output: `const { getClockworkSecret } = require('./clockwork-secrets.cjs');\n\nasync function send(to) {\n  const client = require('clockwork')({ key: await getClockworkSecret('CLOCKWORK_API_KEY') });\n  return client.send(to);\n}`,
            },
          ]),
        ],
      },
      {
        name: 'a CommonJS read at load time under a remote store has no safe rewrite: no suggestion',
        code: topLevel,
        filename: js,
        languageOptions: script,
        options: [{ provider: 'aws' }],
        output: null,
        errors: [report(topLevel, `'${K[0]}'`, CLIENT, [])],
      },
      {
        name: 'the same read under env is safe',
        code: topLevel,
        filename: js,
        languageOptions: script,
        output: null,
        errors: [
          report(topLevel, `'${K[0]}'`, CLIENT, [
            {
              messageId: 'readSecret',
              data: { read: "clockworkSecret('CLOCKWORK_API_KEY')" },
              output: `const { clockworkSecret } = require('./clockwork-secrets.cjs');\n\nconst client = require('clockwork')({ key: clockworkSecret('CLOCKWORK_API_KEY') });`,
            },
          ]),
        ],
      },
      {
        name: 'a fallback under a remote store reads the store, under the name the code read',
        code: fallback,
        filename: mts,
        options: [{ provider: 'conjur' }],
        output: null,
        errors: [
          report(fallback, `'${K[0]}'`, 'used as the fallback for CLOCKWORK_KEY', [
            {
              messageId: 'readSecret',
              data: { read: "clockworkSecret('CLOCKWORK_KEY')" },
              output: `import { clockworkSecret } from './clockwork-secrets.js';\n\nconst key = clockworkSecret('CLOCKWORK_KEY');`,
            },
          ]),
        ],
      },
      {
        name: "browser code ('use client') gets no server-side read",
        code: browser,
        filename: ts,
        output: null,
        errors: [report(browser, K[0]!, 'in a Clockwork API URL', [])],
      },
    ],
  });
});

describe('the case tables', () => {
  // The rule's messages are asserted only through these tables: a reason or kind with no case is
  // a message no test reads.
  it('assert every reason the rule gives, for both kinds of credential', ({ expect }) => {
    const errors = invalidCases.flatMap((item) => item.errors);
    const reasons = new Set(errors.map((error) => error.reason));
    expect(Object.values(REASONS).filter((reason) => !reasons.has(reason))).toEqual([]);
    const named = ['held by "', 'assigned to the environment variable ', 'used as the fallback for '];
    expect(named.filter((prefix) => ![...reasons].some((reason) => reason.startsWith(prefix)))).toEqual([]);
    expect(new Set(errors.map((error) => error.kind ?? 'API key'))).toEqual(new Set(['API key', 'access token']));
  });
});
