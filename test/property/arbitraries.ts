/**
 * fast-check generators shared by the property tests: credential-shaped values, the text around
 * them, and `.env` files. Every key here is generated; none is a real credential.
 */
import fc from 'fast-check';
import { isPlaceholder } from '../../src/detect/key-shape.js';

const HEX = '0123456789abcdef';
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function charsOf(alphabet: string, length: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });
}

/** 40 hex digits in either case, biased toward degenerate ones (runs, repeats) as fast-check likes. */
export const classicKey = fc.oneof(charsOf(HEX, 40), charsOf(HEX, 40).map((key) => key.toUpperCase()));

/** 24 alphanumerics with at least one digit and one letter: the successor token shape. */
export const successorToken = charsOf(ALPHANUMERIC, 24).filter((token) => /\d/.test(token) && /[a-z]/i.test(token));

export const anyKey = fc.oneof(classicKey, successorToken);

/** Keys as a random generator makes them: what a real credential looks like, never a placeholder. */
export const realisticKey = fc
  .oneof(fc.noBias(charsOf(HEX, 40)), fc.noBias(successorToken))
  .filter((key) => !isPlaceholder(key));

/** Any UTF-16 text, lone surrogates included (a parser must survive them too). */
export const anyText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...'\n\r\t \'"`\\${}()+/*#=:;,.<>@&?-_0x') },
    { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  ),
  maxLength: 60,
});

/** What a key may find glued to either side of it in the wild. */
export const neighbour = fc.oneof(
  fc.constantFrom('', '0x', '0X', 'x', 'g', 'Z', '_', '$', '-', '.', '=', "'", '"', '`', '/', ':', '\n', '\u00e9', '\u0000'),
  charsOf(HEX, 1),
  charsOf(ALPHANUMERIC, 1),
  fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), maxLength: 50 }),
  anyKey,
);

/** A name `appendDotenv` can write: what the codemod derives from bindings. */
export const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/);

export const HEX_VALUE = charsOf(HEX, 40);

/** One piece of a `.env` file: entries in each spelling dotenv reads, and the ways files go wrong. */
const dotenvValue = fc.oneof(
  fc.constantFrom('', 'plain', 'two words', 'a#b', 'x=y', '"', "'", '`', '\\n', '\\"', ' padded '),
  HEX_VALUE,
  fc.string({ unit: fc.constantFrom(...'ab1 =#:\'"`\\\n\r'), maxLength: 12 }),
);
const dotenvName = fc.oneof(envName, fc.constantFrom('lower', 'dotted.name', 'dash-name', 'export', '__proto__', 'A'));

const dotenvFragment = fc.oneof(
  fc.tuple(dotenvName, dotenvValue).map(([name, value]) => `${name}=${value}`),
  fc.tuple(dotenvName, dotenvValue).map(([name, value]) => `export ${name}=${value}`),
  fc.tuple(dotenvName, dotenvValue).map(([name, value]) => `${name}: ${value}`),
  fc.tuple(dotenvName, dotenvValue, fc.constantFrom("'", '"', '`')).map(([name, value, quote]) => `${name}=${quote}${value}${quote}`),
  fc.tuple(dotenvName, fc.constantFrom("'", '"', '`')).map(([name, quote]) => `${name}=${quote}first\nsecond${quote}`),
  fc.tuple(dotenvName, fc.constantFrom("'", '"', '`')).map(([name, quote]) => `${name}=${quote}unterminated`),
  fc.tuple(dotenvName, dotenvValue).map(([name, value]) => `${name} = ${value} # comment`),
  dotenvName.map((name) => `${name}=`),
  dotenvName.map((name) => `${name}:`),
  fc.constantFrom('# a comment', '', '   ', '#', "'", '"', '`', 'not an entry'),
);

/** A `.env`-like text: fragments joined by LF or CRLF, with or without a final line break. */
export const dotenvText = fc
  .tuple(
    fc.array(dotenvFragment, { maxLength: 8 }),
    fc.constantFrom('\n', '\r\n'),
    fc.constantFrom('', '\n', '\r\n'),
  )
  .map(([lines, eol, end]) => lines.join(eol) + (lines.length > 0 ? end : ''));

/** Whether `text` holds anything shaped like a credential (the bar every message must clear). */
export const KEY_SHAPED = /(?<![\da-z])(?:[\da-f]{40}|(?=[\da-z]{0,23}\d)(?=[\da-z]{0,23}[a-z])[\da-z]{24})(?![\da-z])/i;
