/**
 * The detector gaps of issue 9, closed once in the shared detector: for each, the rule (a real
 * ESLint run of the recommended config), `scan` (`scanContent`) and `fix` (`keysInFile`, then
 * `rewriteFile`) report the same keys at the same places for the same reasons, and the expected
 * ones, look-alikes left out. Then what `fix` writes: every key out of the code, every look-alike
 * kept, and across a run the copies `findKnownValues` finds in other files.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectInSource } from '../../src/codemod/detect-in-source.js';
import { keysInFile, rewriteFile } from '../../src/codemod/rewrite-file.js';
import { settingsFrom } from '../../src/codemod/settings.js';
import { findKnownValues } from '../../src/detect/known-values.js';
import { maskKey } from '../../src/detect/mask.js';
import { planNames } from '../../src/detect/naming.js';
import { REASONS } from '../../src/eslint/clockwork-context.js';
import { scanContent } from '../../src/scan/content.js';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';
import { verify } from '../support/lint.js';
import { locationOf } from '../support/location.js';

/** A package for the files to live in, so `fix` can place the generated secrets module. */
const PACKAGE = fileURLToPath(new URL('../fixtures/rule-package/', import.meta.url));

const KEY = fakeKey('gaps');
const OTHER = fakeKey('gaps other');
const TOKEN = fakeToken('gaps');
const SHA = fakeSha('gaps');
const NAMES = new Map([[KEY, 'KEY'], [OTHER, 'OTHER'], [TOKEN, 'TOKEN'], [SHA, 'SHA']]);

const CLIENT = 'passed to a Clockwork client';
const XML = 'in a Clockwork XML payload';

/** One finding, as every entry point should report it: `line:column KEY reason`. */
type Finding = string;

function describeFinding(line: number, column: number, value: string, reason: string): Finding {
  return `${line}:${column} ${NAMES.get(value) ?? maskKey(value)} ${reason}`;
}

function byRule(path: string, code: string): Finding[] {
  const messages = verify(code, path);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${path} does not parse: ${fatal.message}`);
  return messages.map((message) => {
    // The message carries only the masked key: find the value it stands for.
    const value = [...NAMES.keys()].find((candidate) => message.message.includes(maskKey(candidate)))!;
    const reason = /\), (.*)\. Load it/.exec(message.message)![1]!;
    return describeFinding(message.line, message.column, value, reason);
  });
}

function byScan(path: string, code: string): Finding[] {
  const result = scanContent(path, Buffer.from(code), {});
  if (result?.kind !== 'scanned') throw new Error(`${path} was not scanned: ${JSON.stringify(result)}`);
  return result.findings.map((finding) => describeFinding(finding.line, finding.column, finding.value, finding.reason)).sort(byPosition);
}

function byFix(path: string, code: string): { findings: Finding[]; output: string } {
  const settings = settingsFrom({ provider: 'env' });
  const found = keysInFile(path, code, settings.detector);
  if (found.error !== undefined) throw new Error(found.error);
  const { outcome, output } = rewriteFile(path, code, settings, planNames(found.keys, new Map()));
  if (outcome.status === 'failed') throw new Error(outcome.error);
  // keysInFile plans the names from the same keys the rewrite then reports.
  expect(found.keys.map((key) => key.value).sort()).toEqual(outcome.keys.map((key) => key.value).sort());
  return { findings: outcome.keys.map((key) => describeFinding(key.line, key.column, key.value, key.reason)), output: output ?? code };
}

function byPosition(a: Finding, b: Finding): number {
  const [lineA, columnA] = a.split(' ')[0]!.split(':').map(Number);
  const [lineB, columnB] = b.split(' ')[0]!.split(':').map(Number);
  return lineA! - lineB! || columnA! - columnB!;
}

interface Gap {
  name: string;
  file: string;
  code: string;
  /** Each expected report: the text it starts at (its `occurrence`-th in the code), the key, the reason. */
  expected: { at: string; occurrence?: number; value: string; reason: string }[];
}

function expectedOf(gap: Gap): Finding[] {
  return gap.expected.map(({ at, occurrence, value, reason }) => {
    const { line, column } = locationOf(gap.code, at, occurrence);
    return describeFinding(line, column, value, reason);
  });
}

/** A report at the key itself (in a comment or a longer string), or at its quoted literal. */
const bare = (value: string, reason: string, occurrence?: number) => ({ at: value, occurrence, value, reason });
const quoted = (value: string, reason: string, occurrence?: number) => ({ at: `'${value}'`, occurrence, value, reason });

const gaps: Gap[] = [
  {
    name: 'a commented-out client block, and a /* */ block that names Clockwork once',
    file: 'src/legacy.js',
    code: [
      `// var clockwork = require('clockwork')({`,
      `//     key: '${KEY}',`,
      `//     token: '${TOKEN}', // commit ${SHA}`,
      `// });`,
      `/*`,
      ` * Clockwork SMS, old account`,
      ` *`,
      ` *   ${OTHER}`,
      ` *   bumped to commit ${SHA}`,
      ` */`,
      `// ${SHA}`,
      `module.exports = {};`,
    ].join('\n'),
    expected: [bare(KEY, REASONS.comment), bare(TOKEN, REASONS.comment), bare(OTHER, REASONS.comment)],
  },
  {
    name: 'prose in strings, beside build stamps and log lines with SHAs',
    file: 'src/notify.js',
    code: [
      `const Clockwork = require('clockwork');`,
      `const hint = 'clockwork api=${KEY}';`,
      `function explain() {`,
      `  return "your clockworksms token is ${TOKEN}";`,
      `}`,
      `console.log('clockwork build ${SHA}');`,
      `console.log(\`Clockwork commit ${SHA}\`);`,
      `console.log('[clockwork] deployed ${SHA} to production');`,
    ].join('\n'),
    expected: [bare(KEY, REASONS.prose), bare(TOKEN, REASONS.prose)],
  },
  {
    name: 'XML elements and attributes named for a key, a token or Clockwork, in any layout',
    file: 'src/xml.ts',
    code: [
      `export const auth = \``,
      `  <Auth>`,
      `    <clockworkToken>`,
      `      ${TOKEN}`,
      `    </clockworkToken>`,
      `  </Auth>\`;`,
      `export const request = '<Request service="clockwork"><ApiKey> ${KEY} </ApiKey></Request>';`,
      `export const element = '<clockwork key="${OTHER}" />';`,
      `// clockwork archive`,
      `export const listing = '<ListBucketResult><Contents><Key>${SHA}</Key></Contents></ListBucketResult>';`,
    ].join('\n'),
    expected: [bare(TOKEN, XML), bare(KEY, XML), bare(OTHER, XML)],
  },
  {
    name: 'clients loaded by relative paths',
    file: 'test/client.test.js',
    code: [
      `const client = require('./lib/clockwork.js')({ key: '${KEY}' });`,
      `const Vendored = require('../vendor/clockworksms');`,
      `new Vendored('${OTHER}');`,
      `const scheduler = require('./clockwork-scheduler');`,
      `scheduler({ key: '${SHA}' });`,
    ].join('\n'),
    expected: [quoted(KEY, CLIENT), quoted(OTHER, CLIENT)],
  },
  {
    name: 'the same value under a generic name, in a seed and a comment; not under a hash name',
    file: 'db/seed.js',
    code: [
      `const client = require('clockwork')({ key: '${KEY}' });`,
      `const db = connect();`,
      `db.users.insert({ id: 1, api_key: '${KEY}' });`,
      `const token = '${KEY}'; // was ${KEY}`,
      `const commitSha = '${KEY}';`,
    ].join('\n'),
    expected: [quoted(KEY, CLIENT), quoted(KEY, REASONS.knownValue, 1), quoted(KEY, REASONS.knownValue, 2), bare(KEY, REASONS.knownValue, 3)],
  },
  {
    name: 'containers whose lookup reaches a client or a Clockwork URL',
    file: 'src/clients.js',
    code: [
      `const clockwork = require('clockwork');`,
      `const keys = { production: '${KEY}', staging: '${OTHER}' };`,
      `const client = clockwork({ key: keys[process.env.NODE_ENV] });`,
      `const tokens = new Map([['production', '${TOKEN}']]);`,
      `const fallback = clockwork({ key: tokens.get(region) });`,
      `const shas = { production: '${SHA}' };`,
      `log({ key: shas[process.env.NODE_ENV] });`,
    ].join('\n'),
    expected: [quoted(KEY, CLIENT), quoted(OTHER, CLIENT), quoted(TOKEN, CLIENT)],
  },
  {
    name: 'class fields read through this',
    file: 'src/sms.ts',
    code: [
      `import { createClient } from 'clockworksms';`,
      `import Clockwork from 'clockwork';`,
      `export class Sms {`,
      `  private readonly apiKey = '${KEY}';`,
      `  private readonly backupKey = '${OTHER}';`,
      `  private readonly commit = '${SHA}';`,
      `  client = createClient(this.apiKey);`,
      `  backup: unknown;`,
      `  constructor() {`,
      `    this.backup = new Clockwork({ key: this.backupKey });`,
      `  }`,
      `}`,
    ].join('\n'),
    expected: [quoted(KEY, CLIENT), quoted(OTHER, CLIENT)],
  },
];

describe('each gap: the rule, scan and fix report the same keys', () => {
  for (const gap of gaps) {
    it(gap.name, () => {
      const path = `${PACKAGE}${gap.file}`;
      const rule = byRule(path, gap.code);
      expect(rule).toEqual(expectedOf(gap));
      expect(byScan(path, gap.code)).toEqual(rule);
      const fixed = byFix(path, gap.code);
      expect(fixed.findings).toEqual(rule);
      // Every key reported left the code; every other occurrence (look-alikes, hash-named copies) stayed.
      for (const value of [KEY, OTHER, TOKEN, SHA]) {
        const reported = gap.expected.filter((expected) => expected.value === value).length;
        expect(fixed.output.split(value).length).toBe(gap.code.split(value).length - reported);
      }
    });
  }
});

describe('the holder record of each gap', () => {
  it('says where the key is held and why, for naming, inventory and SARIF', () => {
    const holders = gaps.flatMap((gap) =>
      keysInFile(`${PACKAGE}${gap.file}`, gap.code, {}).keys.map(({ value, holder }) => `${NAMES.get(value)} ${holder?.reason} ${holder?.path.join('.')}`),
    );
    expect(holders).toEqual([
      'KEY comment key',
      'TOKEN comment token',
      'OTHER comment ',
      'KEY prose clockwork api',
      'TOKEN prose clockworksms token',
      'TOKEN xml ',
      'KEY xml ',
      'OTHER xml ',
      'KEY client key',
      'OTHER client ',
      'KEY client key',
      'KEY known-value api_key',
      'KEY known-value token',
      'KEY comment ',
      'KEY client keys.production',
      'OTHER client keys.staging',
      'TOKEN client tokens.production',
      'KEY client Sms.apiKey',
      'OTHER client Sms.backupKey',
    ]);
  });
});

describe('hostile input', () => {
  it('a megabyte-long run of line comments that names Clockwork is judged in one linear pass', () => {
    const code = `// clockwork\n${`// old ${KEY}\n`.repeat(25_000)}module.exports = {};\n`;
    expect(code.length).toBeGreaterThan(1_000_000);
    const result = detectInSource(code, `${PACKAGE}src/huge.js`, {});
    expect(result.kind === 'parsed' && result.detections.length).toBe(25_000);
  });
});

describe('fix over a commented-out client block', () => {
  it('redacts every key of the block, each in place, and nothing else', () => {
    const code = [
      `const sms = require('./sms');`,
      `// const clockwork = require('clockwork')({`,
      `//   key: '${KEY}',`,
      `//   backup: '${OTHER}',`,
      `// });`,
      `sms.send();`,
    ].join('\n');
    const { output } = byFix(`${PACKAGE}src/notify.js`, code);
    expect(output).toBe(code.replace(KEY, '[redacted]').replace(OTHER, '[redacted]'));
  });
});

describe('a value known to be a key, across a run', () => {
  it('findKnownValues finds the copies in files that give no context, by whole token, not under hash words', () => {
    const proven = keysInFile(`${PACKAGE}src/client.js`, `require('clockwork')({ key: '${KEY}' });`, {});
    const known = new Set(proven.keys.map((key) => key.value));
    const seed = [
      `INSERT INTO accounts (id, api_key) VALUES (1, '${KEY}');`,
      `-- ${KEY.toUpperCase()}`,
      `-- commit ${KEY}`,
      `-- ${KEY}${SHA.slice(0, 24)}`,
    ].join('\n');
    const copies = findKnownValues(seed, known).map(({ start, end, value }) => ({ line: seed.slice(0, start).split('\n').length, same: seed.slice(start, end) === value, value: NAMES.get(value.toLowerCase()) }));
    expect(copies).toEqual([
      { line: 1, same: true, value: 'KEY' },
      { line: 2, same: true, value: 'KEY' },
    ]);
  });
});
