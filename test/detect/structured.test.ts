/** The language-neutral judge of config-file values: entries in, detections with a holder out. */
import { describe, expect, it } from 'vitest';
import { findStructuredKeys, isLockfile, locator, type StructuredComment, type StructuredEntry } from '../../src/detect/structured.js';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';

const K = fakeKey('structured judge');
const SHA = fakeSha('structured judge');
const T = fakeToken('structured judge');

/** An entry whose value is written at [start, start + value.length + 2) with quotes; the source is padded to fit. */
function entry(path: string[], value: string, members?: StructuredEntry['members']): StructuredEntry {
  return { path, value, start: 10, end: 12 + value.length, ...(members ? { members } : {}) };
}
const source = (value: string) => `${' '.repeat(10)}"${value}"\n`;

function judge(item: StructuredEntry, options = {}) {
  return findStructuredKeys(source(item.value), [item], [], options).map(({ holder, site, start, end, kind }) => ({
    path: holder.path, environment: holder.environment, reason: holder.reason, site, start, end, kind,
  }));
}

describe('findStructuredKeys: whole values', () => {
  it('a path that names Clockwork and a credential holds a key; the holder keeps the path and its environment words', () => {
    expect(judge(entry(['production', 'clockwork', 'apiKey'], K))).toEqual([
      { path: ['production', 'clockwork', 'apiKey'], environment: ['production'], reason: 'holder', site: 'value', start: 10, end: 52, kind: 'classic' },
    ]);
  });

  it('a path that names Clockwork alone holds a classic key, not a successor token', () => {
    expect(judge(entry(['clockwork'], K))).toHaveLength(1);
    expect(judge(entry(['clockwork', 'sender'], T))).toEqual([]);
    expect(judge(entry(['clockwork', 'token'], T))).toMatchObject([{ kind: 'successor', reason: 'holder' }]);
  });

  it('a hash word anywhere in the path, or a lockfile field, never holds a key', () => {
    expect(judge(entry(['clockwork', 'commit'], SHA))).toEqual([]);
    expect(judge(entry(['integrity', 'clockworkKey'], SHA))).toEqual([]);
    expect(judge(entry(['clockwork', 'resolved'], `https://api.clockworksms.com/clockwork.tgz?key=${K}`))).toEqual([]);
    expect(judge(entry(['clockwork', 'url'], `https://api.clockworksms.com/clockwork.tgz?key=${K}`))).toHaveLength(1);
  });

  it('a credential beside a Clockwork provider, or beside to and content', () => {
    expect(judge(entry(['sms', 'apiKey'], K, [{ name: 'provider', value: 'clockwork' }]))).toMatchObject([{ reason: 'config', path: ['sms', 'apiKey'] }]);
    expect(judge(entry(['key'], K, [{ name: 'to', value: '447700900123' }, { name: 'content', value: 'hi' }]))).toMatchObject([{ reason: 'payload' }]);
    // Prose beside it says nothing, and a non-credential name needs its own proof.
    expect(judge(entry(['apiKey'], K, [{ name: 'description', value: 'Sends SMS through Clockwork' }]))).toEqual([]);
    expect(judge(entry(['sender'], K, [{ name: 'provider', value: 'clockwork' }]))).toEqual([]);
  });

  it('a name/value pair: the name holds the value', () => {
    expect(judge(entry(['env', 'value'], K, [{ name: 'name', value: 'CLOCKWORK_API_KEY' }]))).toMatchObject([{ reason: 'holder', path: ['env', 'CLOCKWORK_API_KEY'] }]);
    expect(judge(entry(['Parameters', 'Value'], K, [{ name: 'Key', value: 'clockwork.apiKey' }]))).toMatchObject([{ path: ['Parameters', 'clockwork', 'apiKey'] }]);
    expect(judge(entry(['env', 'value'], SHA, [{ name: 'name', value: 'CLOCKWORK_BUILD_SHA' }]))).toEqual([]);
  });

  it('placeholders and allowed values are never keys', () => {
    expect(judge(entry(['clockwork', 'apiKey'], '0123456789abcdef0123456789abcdef01234567'))).toEqual([]);
    expect(judge(entry(['clockwork', 'apiKey'], K), { allowedValues: [K.toUpperCase()] })).toEqual([]);
  });

  it('extraNames name Clockwork too', () => {
    expect(judge(entry(['smsGateway', 'key'], K))).toEqual([]);
    expect(judge(entry(['smsGateway', 'key'], K), { extraNames: ['smsGateway'] })).toHaveLength(1);
  });
});

describe('findStructuredKeys: keys inside a value', () => {
  it('a Clockwork URL: the report covers the key where it is written, past escapes', () => {
    const value = `https://api.clockworksms.com/http/send.aspx?key=${K}`;
    const written = `{"u": "https:\\/\\/api.clockworksms.com\\/http\\/send.aspx?key=${K}"}`;
    const item = { path: ['u'], value, start: 6, end: written.length - 1 };
    const [detection] = findStructuredKeys(written, [item], []);
    expect(written.slice(detection!.start, detection!.end)).toBe(K);
    expect(detection).toMatchObject({ site: 'embedded', holder: { reason: 'url', path: [] } });
  });

  it('an env assignment in a list item: the holder path goes on with the name', () => {
    const value = `CLOCKWORK_API_KEY=${K}`;
    const [detection] = findStructuredKeys(source(value), [entry(['services', 'api', 'environment'], value)], []);
    expect(detection).toMatchObject({ start: 29, end: 69, holder: { reason: 'holder', path: ['services', 'api', 'environment', 'CLOCKWORK_API_KEY'] } });
  });

  it('the same key twice in one value: each report at its own occurrence', () => {
    const value = `https://api.clockworksms.com/a?key=${K} https://api.clockworksms.com/b?key=${K}`;
    const found = findStructuredKeys(source(value), [entry(['urls'], value)], []);
    expect(found.map((detection) => detection.start)).toEqual([11 + value.indexOf(K), 11 + value.lastIndexOf(K)]);
  });
});

describe('findStructuredKeys: comments', () => {
  const text = `# clockwork:\n#   key: ${K}\n\n# build ${SHA}\n`;
  const comments: StructuredComment[] = [
    { value: ' clockwork:', start: 1, line: 1, kind: 'line' },
    { value: `   key: ${K}`, start: 14, line: 2, kind: 'line' },
    { value: ` build ${SHA}`, start: text.indexOf(' build'), line: 4, kind: 'line' },
  ];

  it('line comments on consecutive lines are one block; a blank line ends it', () => {
    const found = findStructuredKeys(text, [], comments);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(K);
    expect(found[0]).toMatchObject({ site: 'comment', holder: { reason: 'comment', path: ['key'] } });
  });

  it('a comment alone says nothing without Clockwork', () => {
    expect(findStructuredKeys(text, [], comments.slice(1))).toEqual([]);
  });
});

describe('isLockfile', () => {
  it.each(['package-lock.json', 'node_modules/.package-lock.json', 'a/b/pnpm-lock.yaml', 'C:\\repo\\yarn.lock', 'Cargo.lock', 'poetry.lock', 'bun.lock', 'composer.lock', 'Gemfile.lock', 'npm-shrinkwrap.json'])('%s is a lockfile', (path) => {
    expect(isLockfile(path)).toBe(true);
  });

  it.each(['package.json', 'lock.json', 'config/pnpm-lock.yaml.example', 'locks/default.yml'])('%s is not', (path) => {
    expect(isLockfile(path)).toBe(false);
  });
});

describe('locator', () => {
  it('gives 1-based lines and columns', () => {
    const at = locator('ab\ncd\n\nx');
    expect([0, 1, 3, 6, 7].map(at)).toEqual([
      { line: 1, column: 1 }, { line: 1, column: 2 }, { line: 2, column: 1 }, { line: 3, column: 1 }, { line: 4, column: 1 },
    ]);
  });
});
