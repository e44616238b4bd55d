/** `scan --format sarif`: valid SARIF 2.1.0, masked, with fingerprints that survive line shifts. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import type { Log, Result } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { toSarif } from '../../src/cli/sarif.js';
import { scan, scanProgress } from '../../src/cli/scan.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { bin } from './run-bin.js';
import { writeFiles } from '../support/codemod-project.js';
import { fakeKey, fakeSha } from '../support/fake-keys.js';

const KEY_A = fakeKey('sarif A');
const KEY_B = fakeKey('sarif B');
const KEY_C = fakeKey('sarif C');
const SCHEMA = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A tree outside any git work tree, so `%SRCROOT%` is the folder itself. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-sarif-'));
  dirs.push(dir);
  writeFiles(dir, files);
  return dir;
}

const validate = (() => {
  // The schema's `language` pattern (`…{2}]?$`) is valid only without the `u` flag, as JSON Schema draft-04 read it.
  // A CommonJS module: under NodeNext its default import is `module.exports`, whose `default` is the class.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///root/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(SCHEMA);
})();

const LEAKY = {
  'src/app.js': `const CLOCKWORK_API_KEY = '${KEY_A}';\nexport const backup = { clockwork: { apiKey: '${KEY_A}' } };\n`,
  'src/my settings.js': `export const clockworkKey = '${KEY_B}';\n`,
  '.env.production': `CLOCKWORK_API_KEY=${KEY_C}\n`,
  'src/broken.js': '// clockwork\nconst = ;\n',
  'src/build.js': `// clockwork client\nconst commitSha = '${fakeSha('sarif')}';\n`,
};

const results = (log: Log): Result[] => log.runs[0]!.results!;
const fingerprints = (log: Log) => results(log).map((result) => result.partialFingerprints!['clockworkSecrets/v1']);

// Each case spawns the bin; side by side they take the time of the slowest.
describe.concurrent('scan --format sarif', () => {
  it('prints SARIF 2.1.0 that the official schema accepts, with rules, locations and masked messages', async () => {
    const dir = tree(LEAKY);
    const { code, stdout, stderr } = await bin(['scan', '--format', 'sarif'], dir);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const log = JSON.parse(stdout) as Log;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema does reject what is not SARIF 2.1.0.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);

    const run = log.runs[0]!;
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(run.tool.driver).toMatchObject({ name: 'clockwork-secrets', version, informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'clockwork-secrets/no-hardcoded-key',
        shortDescription: { text: expect.any(String) },
        fullDescription: { text: expect.any(String) },
        help: expect.objectContaining({ text: expect.stringContaining('clockwork-secrets fix') }),
        helpUri: expect.stringMatching(/\/docs\/rules\/no-hardcoded-key\.md$/),
      }),
    ]);
    expect(run.originalUriBaseIds!['%SRCROOT%']!.uri).toMatch(/^file:\/\/.*\/$/);

    const placed = results(log).map((result) => {
      const { artifactLocation, region } = result.locations![0]!.physicalLocation!;
      return { ruleId: result.ruleId, level: result.level, uri: artifactLocation!.uri, base: artifactLocation!.uriBaseId, line: region!.startLine, column: region!.startColumn, message: result.message.text };
    });
    expect(placed).toEqual([
      { ruleId: 'clockwork-secrets/no-hardcoded-key', level: 'error', uri: '.env.production', base: '%SRCROOT%', line: 1, column: 19, message: `Hardcoded Clockwork API key ${KEY_C.slice(0, 4)}… (40 chars): held by "CLOCKWORK_API_KEY".` },
      { ruleId: 'clockwork-secrets/no-hardcoded-key', level: 'error', uri: 'src/app.js', base: '%SRCROOT%', line: 1, column: 27, message: `Hardcoded Clockwork API key ${KEY_A.slice(0, 4)}… (40 chars): held by "CLOCKWORK_API_KEY".` },
      { ruleId: 'clockwork-secrets/no-hardcoded-key', level: 'error', uri: 'src/app.js', base: '%SRCROOT%', line: 2, column: 46, message: `Hardcoded Clockwork API key ${KEY_A.slice(0, 4)}… (40 chars): held by "clockwork.apiKey".` },
      { ruleId: 'clockwork-secrets/no-hardcoded-key', level: 'error', uri: 'src/my%20settings.js', base: '%SRCROOT%', line: 1, column: 29, message: `Hardcoded Clockwork API key ${KEY_B.slice(0, 4)}… (40 chars): held by "clockworkKey".` },
    ]);
    // The file that does not parse is reported as a tool notification, not dropped.
    expect(run.invocations![0]!.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.js', uriBaseId: '%SRCROOT%' } } }] }),
    ]);
    // Two occurrences of one key in one file are two findings, told apart.
    expect(new Set(fingerprints(log)).size).toBe(4);
    // Neither a key nor its plain SHA-256 (which would confirm a guessed key) is in the output.
    for (const value of [KEY_A, KEY_B, KEY_C]) {
      expect(stdout).not.toContain(value);
      expect(stdout).not.toContain(createHash('sha256').update(value).digest('hex').slice(0, 16));
    }
  });

  it('--json is --format json; an unknown or conflicting format is a usage error', async () => {
    const dir = tree({ 'a.js': `const CLOCKWORK_API_KEY = '${KEY_A}';\n` });
    const [json, format, unknown, conflict, clean] = await Promise.all([
      bin(['scan', '--json'], dir),
      bin(['scan', '--format', 'json'], dir),
      bin(['scan', '--format', 'xml'], dir),
      bin(['scan', '--json', '--format', 'sarif'], dir),
      bin(['scan', '--format', 'sarif'], tree({ 'a.js': 'export const clockworkKey = process.env.CLOCKWORK_API_KEY;\n' })),
    ]);
    expect(json.code).toBe(1);
    expect(format).toEqual(json);
    expect(unknown.code).toBe(2);
    expect(conflict.code).toBe(2);
    expect(clean.code).toBe(0);
    expect(results(JSON.parse(clean.stdout) as Log)).toEqual([]);
  });
});

/** In-process (scan, then SARIF), as the bin does it: several runs cost one ESLint load. */
async function sarifOf(dir: string): Promise<Log> {
  const log = toSarif(await scan([dir], {}), { root: dir });
  expect(findKeyTokens(JSON.stringify(log))).toEqual([]);
  return log;
}

describe('fingerprints', () => {
  it('keeps each fingerprint when unrelated lines are inserted above the findings', async () => {
    const dir = tree(LEAKY);
    const before = await sarifOf(dir);
    writeFileSync(join(dir, 'src/app.js'), `import { send } from './send.js';\n\n// Clockwork settings\n${LEAKY['src/app.js']}`);
    writeFileSync(join(dir, '.env.production'), `# production\nNODE_ENV=production\n${LEAKY['.env.production']}`);
    const after = await sarifOf(dir);

    const lines = (log: Log) => results(log).map((result) => result.locations![0]!.physicalLocation!.region!.startLine);
    expect(lines(before)).toEqual([1, 1, 2, 1]);
    expect(lines(after)).toEqual([3, 4, 5, 1]);
    expect(fingerprints(after)).toEqual(fingerprints(before));
  });

  it('gives another key, or the same key in another file, another fingerprint', async () => {
    const [one, other, moved] = await Promise.all([
      sarifOf(tree({ 'a.js': `const CLOCKWORK_API_KEY = '${KEY_A}';\n` })),
      sarifOf(tree({ 'a.js': `const CLOCKWORK_API_KEY = '${KEY_B}';\n` })),
      sarifOf(tree({ 'b.js': `const CLOCKWORK_API_KEY = '${KEY_A}';\n` })),
    ]);
    expect(fingerprints(one)[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprints(other)[0]).not.toBe(fingerprints(one)[0]);
    expect(fingerprints(moved)[0]).not.toBe(fingerprints(one)[0]);
  });
});

describe('progress', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
  };

  it('is shown on a terminal for a long scan, and erased at the end', () => {
    const tty = stream(true);
    const progress = scanProgress(tty.stream)!;
    for (let done = 1; done <= 250; done++) progress(done, 250);
    expect(tty.written[0]).toBe('\r\x1b[K  scanning 1/250 files');
    expect(tty.written.at(-1)).toBe('\r\x1b[K');
  });

  it('is not shown for a short scan, nor ever off a terminal (CI logs)', () => {
    const short = stream(true);
    const progress = scanProgress(short.stream)!;
    for (let done = 1; done <= 20; done++) progress(done, 20);
    expect(short.written).toEqual([]);
    expect(scanProgress(stream(false).stream)).toBeUndefined();
  });
});
