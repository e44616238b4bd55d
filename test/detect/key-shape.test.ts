import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findKeyTokens, isPlaceholder, keyKindOf } from '../../src/detect/key-shape.js';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';

const vectors = JSON.parse(readFileSync(new URL('../fixtures/test-vectors.json', import.meta.url), 'utf8'));

describe('keyKindOf', () => {
  it.each(vectors.officialClientValid as string[])('accepts the client spec key %s', (value) => {
    expect(keyKindOf(value)).toBe('classic');
  });

  it.each(vectors.officialClientInvalid as string[])('rejects the client spec non-key %j', (value) => {
    expect(keyKindOf(value)).toBeUndefined();
  });

  it('accepts upper-case hex and the successor token shape', () => {
    expect(keyKindOf(fakeKey('upper').toUpperCase())).toBe('classic');
    expect(keyKindOf(vectors.successorExample.token)).toBe('successor');
    expect(keyKindOf(fakeToken('shape'))).toBe('successor');
  });

  it('rejects 24 letters without a digit, and the 5-digit user key', () => {
    expect(keyKindOf('clockworkApiKeyFromVault')).toBeUndefined();
    expect(keyKindOf(vectors.successorExample.userKey)).toBeUndefined();
  });
});

describe('isPlaceholder', () => {
  it('sees the repeating spec key and typed fakes as placeholders', () => {
    expect(isPlaceholder(vectors.officialClientValid[1])).toBe(true);
    for (const value of ['0'.repeat(40), 'deadbeef'.repeat(5), `0123456789abcdef${fakeKey('x').slice(16)}`, `${fakeKey('y').slice(0, 30)}0000000000`]) {
      expect(isPlaceholder(value)).toBe(true);
    }
    expect(isPlaceholder('YOURCLOCKWORKKEYHERE1234')).toBe(true);
  });

  it('does not take real-looking keys for placeholders', () => {
    expect(isPlaceholder(vectors.officialClientValid[0])).toBe(false);
    for (let index = 0; index < 200; index++) expect(isPlaceholder(fakeKey(`random ${index}`))).toBe(false);
    expect(isPlaceholder(vectors.successorExample.token)).toBe(false);
  });
});

describe('findKeyTokens', () => {
  it('finds bounded tokens and their offsets', () => {
    const key = fakeKey('token');
    const text = `key=${key}&to=1`;
    expect(findKeyTokens(text)).toEqual([{ start: 4, end: 44, kind: 'classic', value: key }]);
  });

  it('does not cut a 40-hex run out of a longer one (SHA-256)', () => {
    expect(findKeyTokens(fakeSha('a') + fakeSha('b').slice(0, 24))).toEqual([]);
  });

  it('walks a megabyte of key-like text in one pass', () => {
    const huge = `${fakeSha('huge')} `.repeat(25_000);
    expect(findKeyTokens(huge)).toHaveLength(25_000);
    expect(findKeyTokens('a'.repeat(1_000_000))).toEqual([]);
  });
});
