/**
 * Properties of `.env` handling: appending never changes how dotenv reads what was there, and
 * every error it throws is an Error that names no key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendDotenv, parseDotenv } from '../../src/codemod/dotenv.js';
import { fakeKey } from '../support/fake-keys.js';
import { anyText, dotenvText, envName, HEX_VALUE, KEY_SHAPED } from './arbitraries.js';

/** `appendDotenv`'s result, or the Error it threw; anything else it throws fails the test. */
function tryAppend(text: string, entries: ReadonlyArray<readonly [string, string]>): string | Error {
  try {
    return appendDotenv(text, entries);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toMatch(KEY_SHAPED);
    return error as Error;
  }
}

/** Keys for `.env`, and the empty values `.env.example` is given. */
const entries = fc.array(fc.tuple(envName, fc.oneof({ weight: 4, arbitrary: HEX_VALUE }, { weight: 1, arbitrary: fc.constant('') })), { maxLength: 4 });

describe('no input makes .env handling throw anything but its own Error', () => {
  it('parseDotenv reads any text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, dotenvText), (text) => {
        expect(parseDotenv(text)).toBeInstanceOf(Map);
      }),
      { numRuns: 300 },
    );
  });

  it('appendDotenv returns text or throws an Error that names no key, for any entries', () => {
    const anyEntries = fc.array(fc.tuple(fc.oneof(envName, anyText), fc.oneof(HEX_VALUE, anyText)), { maxLength: 4 });
    fc.assert(
      fc.property(fc.oneof(anyText, dotenvText), anyEntries, (text, added) => {
        const result = tryAppend(text, added);
        if (typeof result === 'string') expect(result.startsWith(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('appending keeps every earlier entry readable with its old value', () => {
  it('the result starts with the old text, reads every old entry the same, and reads each new one', () => {
    // A refusal is allowed (an open quote, say), but most texts must take the entries, or nothing is tested.
    let appendedTo = 0;
    fc.assert(
      fc.property(dotenvText, entries, (text, added) => {
        const result = tryAppend(text, added);
        if (result instanceof Error) return;
        appendedTo++;
        expect(result.startsWith(text)).toBe(true);
        const before = parseDotenv(text);
        const after = parseDotenv(result);
        for (const [name, value] of before) expect(after.get(name)).toBe(value);
        const appended = result.slice(text.length);
        for (const [name, value] of added) {
          if (before.has(name)) expect(appended).not.toMatch(new RegExp(`^${name}=`, 'm'));
          else expect(after.get(name)).toBe(value);
        }
      }),
      { numRuns: 500 },
    );
    expect(appendedTo).toBeGreaterThan(250);
  });

  it('a file of well-formed entries always takes new ones, in its own line ending style', () => {
    const line = fc.oneof(
      fc.tuple(envName, HEX_VALUE).map(([name, value]) => `${name}=${value}`),
      fc.tuple(envName, fc.constantFrom("'", '"'), fc.constantFrom('a b', 'x#y', '')).map(([name, q, value]) => `${name}=${q}${value}${q}`),
      fc.constantFrom('# comment', ''),
    );
    const wellFormed = fc
      .tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
      .map(([lines, eol, finalBreak]) => ({ text: lines.join(eol) + (finalBreak && lines.length > 0 ? eol : ''), eol }));
    const distinctEntries = fc.uniqueArray(fc.tuple(envName, HEX_VALUE), { selector: ([name]) => name, minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(wellFormed, distinctEntries, ({ text, eol }, added) => {
        const result = appendDotenv(text, added);
        const fresh = added.filter(([name]) => !parseDotenv(text).has(name));
        const appended = result.slice(text.length).replace(/^\r?\n/, '');
        expect(appended).toBe(fresh.map(([name, value]) => `${name}=${value}${text.includes('\r\n') ? '\r\n' : '\n'}`).join(''));
        if (text.includes(eol) && fresh.length > 0) expect(result.endsWith(eol)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('cases the properties turned up', () => {
  const value = fakeKey('dotenv edge cases');

  it('adds the missing final line break first, in the file\'s own style', () => {
    expect(appendDotenv('A=1\r\nB=2', [['CLOCKWORK_API_KEY', value]])).toBe(`A=1\r\nB=2\r\nCLOCKWORK_API_KEY=${value}\r\n`);
  });

  it('does not re-add a name the file already defines, however it spells it', () => {
    for (const text of [`export CLOCKWORK_API_KEY=x\n`, `CLOCKWORK_API_KEY: x\n`, `CLOCKWORK_API_KEY="x"\n`]) {
      expect(appendDotenv(text, [['CLOCKWORK_API_KEY', value]])).toBe(text);
    }
  });

  it('refuses to append after an empty `NAME:` whose value would become the new line', () => {
    expect(() => appendDotenv('A:\n', [['CLOCKWORK_API_KEY', value]])).toThrow(Error);
  });
});
