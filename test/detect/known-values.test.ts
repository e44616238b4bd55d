import { describe, expect, it } from 'vitest';
import { findKnownValues, knownForm } from '../../src/detect/known-values.js';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';

const KEY = fakeKey('known');
const TOKEN = fakeToken('known');
const SHA = fakeSha('known');

function found(text: string, known: readonly string[]) {
  return findKnownValues(text, new Set(known)).map(({ start, end, value, kind }) => ({ at: text.slice(start, end) === value, line: text.slice(0, start).split('\n').length, kind }));
}

describe('findKnownValues', () => {
  it('finds every whole-token copy of a known value, in any text', () => {
    const text = `api_key: '${KEY}'\nINSERT INTO t VALUES ('${KEY}');\n# ${TOKEN}\n`;
    expect(found(text, [KEY, TOKEN])).toEqual([
      { at: true, line: 1, kind: 'classic' },
      { at: true, line: 2, kind: 'classic' },
      { at: true, line: 3, kind: 'successor' },
    ]);
  });

  it('compares a classic key in any case, a successor token as written', () => {
    expect(found(`${KEY.toUpperCase()}`, [KEY])).toHaveLength(1);
    expect(found(`${KEY}`, [KEY.toUpperCase()])).toHaveLength(1);
    expect(TOKEN).not.toBe(TOKEN.toLowerCase());
    expect(found(TOKEN.toLowerCase(), [TOKEN])).toEqual([]);
    expect(knownForm(KEY.toUpperCase(), 'classic')).toBe(KEY);
  });

  it('skips copies under hash words and inside longer runs, and values nobody proved', () => {
    expect(found(`commit ${KEY}\nsha: '${KEY}'\n"integrity": "${KEY}"\n${KEY}${SHA.slice(0, 24)}\n${SHA}`, [KEY])).toEqual([]);
    expect(found(`api_key: '${KEY}'`, [])).toEqual([]);
    expect(found(`api_key: '${KEY}'`, ['not a key'])).toEqual([]);
  });

  it('stays linear on a megabyte of key-shaped tokens', () => {
    const text = `commit ${KEY}, ${SHA}; ${KEY}\n`.repeat(10_000);
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(findKnownValues(text, new Set([KEY]))).toHaveLength(10_000);
  });
});
