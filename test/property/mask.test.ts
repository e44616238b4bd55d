/**
 * Properties of masking: whatever stands around a key, what is shown never holds the whole key,
 * and text with nothing key-shaped in it is shown as it is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskKey, maskKeysIn } from '../../src/detect/mask.js';
import { fakeKey, fakeToken } from '../support/fake-keys.js';
import { anyKey, anyText, classicKey, neighbour, successorToken } from './arbitraries.js';

/** `key` with arbitrary text and arbitrary glued-on characters on both sides, possibly twice. */
function embedded(key: fc.Arbitrary<string>) {
  return fc.record({
    key,
    before: anyText,
    left: neighbour,
    right: neighbour,
    after: anyText,
    twice: fc.boolean(),
  }).map(({ key, before, left, right, after, twice }) => {
    const text = `${before}${left}${key}${right}${after}`;
    return { key, text: twice ? `${text} ${left}${key}` : text };
  });
}

describe('no input makes masking throw', () => {
  it('maskKeysIn and maskKey return a string for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, anyKey, neighbour), { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        expect(typeof maskKeysIn(text)).toBe('string');
        expect(typeof maskKey(text)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('a mask never contains the whole key', () => {
  it('maskKey shows neither a classic key nor a successor token', () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        expect(maskKey(key).includes(key)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('maskKeysIn hides a classic key whatever is glued to it', () => {
    fc.assert(
      fc.property(embedded(classicKey), ({ key, text }) => {
        expect(maskKeysIn(text).includes(key)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('maskKeysIn hides a successor token whatever is glued to it', () => {
    fc.assert(
      fc.property(embedded(successorToken), ({ key, text }) => {
        expect(maskKeysIn(text).includes(key)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('maskKeysIn hides a successor token between characters that end it', () => {
    const boundary = fc.constantFrom('', ' ', '_', '$', '-', '.', '=', "'", '"', '`', '/', ':', '\n', '\u00e9');
    fc.assert(
      fc.property(anyText, boundary, successorToken, boundary, anyText, (before, left, key, right, after) => {
        const bounded = (edge: string) => edge === '' || !/[\da-z]/i.test(edge);
        fc.pre(bounded(before.slice(-1) + left) && bounded(right + after.slice(0, 1)));
        expect(maskKeysIn(`${before}${left}${key}${right}${after}`).includes(key)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('masking changes nothing else', () => {
  it('text without a run of 24 alphanumerics is shown as it is', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        fc.pre(!/[\da-z]{24}/i.test(text));
        expect(maskKeysIn(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('cases the properties turned up', () => {
  const key = fakeKey('mask edge cases');
  const token = fakeToken('mask edge cases');

  it('a classic key after 0x, inside a SHA-256-long hex run, or glued to a word is hidden', () => {
    for (const text of [`0x${key}`, `${key}${key.slice(0, 24)}`, `id${key}z`, `${key}${key}`]) {
      expect(maskKeysIn(text).includes(key)).toBe(false);
    }
  });

  it('a successor token glued to a letter or digit is hidden', () => {
    for (const text of [`x${token}`, `${token}9`, `Bearer${token}`]) {
      expect(maskKeysIn(text).includes(token)).toBe(false);
    }
  });

  it('a successor token whose hex tail runs on into 40 hex digits is hidden', () => {
    // The 40-hex run is masked to its first four characters, which finish the token again.
    const glued = `${token.slice(0, 19)}z${key}`;
    const shown = glued.slice(0, 24);
    expect(maskKeysIn(glued).includes(shown)).toBe(false);
  });
});
