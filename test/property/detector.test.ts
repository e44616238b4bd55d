/**
 * Properties of the detector as the codemod and the CLI run it: it survives any input, and it
 * finds a key whatever equivalent string syntax spells it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectInSource, type SourceDetections } from '../../src/codemod/detect-in-source.js';
import { findKeyTokens, isPlaceholder, keyKindOf } from '../../src/detect/key-shape.js';
import { maskKey } from '../../src/detect/mask.js';
import { findKeysInComment, findKeysInText, HOLE } from '../../src/detect/text-context.js';
import { fakeKey } from '../support/fake-keys.js';
import { anyKey, anyText, KEY_SHAPED, realisticKey } from './arbitraries.js';

const FILENAMES = ['file.js', 'file.mjs', 'file.cjs', 'file.jsx', 'file.ts', 'file.tsx', 'file.mts', 'file.cts'];
const JS_FILENAMES = ['file.js', 'file.mjs', 'file.cjs', 'file.jsx'];
/** Files that may be sloppy-mode scripts, where legacy octal escapes are allowed. */
const SCRIPT_FILENAMES = ['file.js', 'file.cjs', 'file.jsx'];

/** Checks what holds for every result: a known kind, key-shaped detections, a masked parse error. */
function expectWellFormed(result: SourceDetections): void {
  expect(['skipped', 'parsed', 'parse-error']).toContain(result.kind);
  if (result.kind === 'parsed') {
    for (const detection of result.detections) {
      expect(keyKindOf(detection.value)).toBe(detection.kind);
      expect(isPlaceholder(detection.value)).toBe(false);
    }
  }
  if (result.kind === 'parse-error') expect(result.error.message).not.toMatch(KEY_SHAPED);
}

/** Pieces of JavaScript that steer the detector into its branches, glued at random. */
const jsFragment = fc.oneof(
  fc.constantFrom(
    'clockwork', 'Clockwork', 'CLOCKWORK_API_KEY', 'clockwork.apiKey', 'textanywhere', 'mediaburst',
    "require('clockwork')", "import Clockwork from 'clockwork';", 'new Clockwork(', 'process.env.CLOCKWORK_KEY || ',
    'const ', 'let ', 'key', 'apiKey', 'sha', ' = ', ': ', '(', ')', '{', '}', '[', ']', ',', ';', '\n',
    "'", '"', '`', '${', '\\', ' + ', '+', '//', '/*', '*/', '<Key>', '</Key>', '<Message>',
    'https://api.clockworksms.com/http/send.aspx?key=', '?key=', '&to=1&content=hi', '@', '.clockworksms.com',
    'enum E { A = ', ' as const', '<Sms apiKey="', '" />', 'tag`', '0x', '#', '\u0000', '\u2028',
  ),
  anyKey,
  anyKey.map((key) => `'${key}'`),
  anyKey.chain((key) => fc.nat(key.length).map((at) => `'${key.slice(0, at)}' + \`${key.slice(at)}\``)),
  anyText,
);
const jsIsh = fc.array(jsFragment, { maxLength: 14 }).map((parts) => parts.join(''));

/** A string expression: literals, templates with holes and `+`, around keys and Clockwork URLs. */
const stringPiece = fc.oneof(
  anyKey,
  realisticKey,
  fc.constantFrom(
    'https://api.clockworksms.com/http/send.aspx?key=', '&to=441234&content=hi', 'key=', '<Key>', '</Key>',
    '<Message><Key>', 'CLOCKWORK_API_KEY=', 'sha ', ' ', '', '@', '.clockworksms.com',
  ),
);
const stringOperand = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom("'", '"'), stringPiece).map(([q, text]) => `${q}${text}${q}`) },
  { weight: 2, arbitrary: fc.array(fc.oneof(stringPiece, fc.constantFrom('${KEY}', '${process.env.X}', '${1}')), { maxLength: 4 }).map((parts) => `\`${parts.join('')}\``) },
  { weight: 1, arbitrary: fc.constantFrom('KEY', 'process.env.CLOCKWORK_KEY', '42', 'BASE') },
);
const stringExpression = fc.array(stringOperand, { minLength: 1, maxLength: 4 }).map((operands) => operands.join(' + '));
const bindingName = fc.constantFrom('CLOCKWORK_API_KEY', 'clockworkKey', 'apiKey', 'key', 'token', 'commitSha', 'smsGateway', 'clockwork', 'KEY');

/** Programs that mostly parse, so that the detector's deeper paths run, not only the parser's. */
const statement = fc.oneof(
  fc.tuple(bindingName, stringExpression).map(([name, value]) => `const ${name} = ${value};`),
  fc.tuple(bindingName, stringExpression).map(([name, value]) => `config.${name} = ${value};`),
  stringExpression.map((value) => `const client = require('clockwork')(${value});`),
  fc.tuple(bindingName, stringExpression).map(([name, value]) => `new Clockwork({ ${name}: ${value} });`),
  fc.tuple(bindingName, stringExpression).map(([name, value]) => `export const settings = { clockwork: { ${name}: ${value} } };`),
  stringExpression.map((value) => `fetch(${value});`),
  stringExpression.map((value) => `const fallback = process.env.CLOCKWORK_KEY || ${value};`),
  stringExpression.map((value) => `const pinned = ${value} as const;`),
  stringExpression.map((value) => `enum Keys { Clockwork = ${value} }`),
  stringExpression.map((value) => `new Map([['CLOCKWORK_KEY', ${value}]]);`),
  anyKey.map((key) => `const el = <Sms clockworkKey="${key}" />;`),
  anyKey.map((key) => `html\`<Key>${key}</Key>\`;`),
  fc.tuple(fc.constantFrom('clockwork key', 'Clockwork', 'commit', 'textanywhere token'), anyKey).map(([words, key]) => `// ${words} ${key}`),
  fc.tuple(fc.constantFrom('clockwork key', 'sha of'), anyKey).map(([words, key]) => `/* ${words}: ${key} */`),
  fc.constantFrom("import Clockwork from 'clockwork';", "const BASE = 'https://api.clockworksms.com/http/send.aspx?key=';", 'function send(key = KEY) { return key; }'),
);
const program = fc.array(statement, { minLength: 1, maxLength: 6 }).map((statements) => statements.join('\n'));

describe('no input makes the detector throw', () => {
  it('detectInSource survives arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, anyText.map((text) => `clockwork ${text}`)), fc.constantFrom(...FILENAMES), (source, filename) => {
        expectWellFormed(detectInSource(source, filename, {}));
      }),
      { numRuns: 100 },
    );
  });

  it('detectInSource survives JavaScript-ish text built around Clockwork context and keys', () => {
    fc.assert(
      fc.property(jsIsh, fc.constantFrom(...FILENAMES), (source, filename) => {
        expectWellFormed(detectInSource(source, filename, { extraNames: ['smsGateway'], clientModules: ['sms-client'] }));
      }),
      { numRuns: 200 },
    );
  });

  it('detectInSource survives programs that parse, and reports only key-shaped values inside the source', () => {
    // The generator must mostly give programs that parse and hold keys, or the checks below run on nothing.
    let withDetections = 0;
    fc.assert(
      fc.property(program, fc.constantFrom(...FILENAMES), (source, filename) => {
        const result = detectInSource(source, filename, {});
        expectWellFormed(result);
        if (result.kind !== 'parsed') return;
        if (result.detections.length > 0) withDetections++;
        const lines = source.split(/\r\n|[\n\r\u2028\u2029]/).length;
        for (const { loc, site, value } of result.detections) {
          expect(loc.end.line).toBeLessThanOrEqual(lines);
          if (site.type === 'comment') expect(source.slice(...site.range)).toBe(value);
        }
      }),
      { numRuns: 200 },
    );
    expect(withDetections).toBeGreaterThan(20);
  });

  it('the text scanners and key shape checks survive arbitrary text', () => {
    const text = fc.array(fc.oneof(anyText, jsFragment, fc.constant(HOLE)), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        for (const token of findKeyTokens(value)) {
          expect(value.slice(token.start, token.end)).toBe(token.value);
          expect(keyKindOf(token.value)).toBe(token.kind);
        }
        for (const hit of [...findKeysInText(value, [['sms', 'gateway']]), ...findKeysInComment(value)]) {
          expect(hit.start).toBeLessThan(hit.end);
          expect(hit.end).toBeLessThanOrEqual(value.length);
        }
        expect(typeof isPlaceholder(value)).toBe('boolean');
        keyKindOf(value);
      }),
      { numRuns: 500 },
    );
  });
});

type Quote = "'" | '"' | '`';
type Escape = 'none' | 'hex' | 'unicode' | 'codepoint' | 'octal' | 'continuation';

/** One character of a string piece, spelled plainly or as an escape that means the same. */
function spell(char: string, escape: Escape, quote: Quote): string {
  const code = char.charCodeAt(0);
  switch (escape) {
    case 'hex':
      return `\\x${code.toString(16).padStart(2, '0')}`;
    case 'unicode':
      return `\\u${code.toString(16).padStart(4, '0')}`;
    case 'codepoint':
      return `\\u{${code.toString(16)}}`;
    case 'continuation':
      // A backslash before a line break spells nothing, in strings and templates alike.
      return `\\\n${char}`;
    case 'octal':
      // Legacy octal escapes are syntax errors in templates: the plain character there.
      return quote === '`' ? char : `\\${code.toString(8)}`;
    default:
      return char;
  }
}

interface Piece {
  quote: Quote;
  escapes: Escape[];
}

/** `text` as one literal of `piece`'s quote, each character escaped as `piece` says. */
function literal(text: string, piece: Piece): string {
  const body = [...text].map((char, index) => spell(char, piece.escapes[index % piece.escapes.length] ?? 'none', piece.quote)).join('');
  return `${piece.quote}${body}${piece.quote}`;
}

/** Literals joined by `+`, grouped as `shape` says (`a + (b + c)`, `(a + b) + c`…). */
function concatenation(literals: readonly string[], shape: readonly number[], depth = 0): string {
  if (literals.length === 1) return literals[0]!;
  const cut = ((shape[depth % Math.max(shape.length, 1)] ?? 0) % (literals.length - 1)) + 1;
  const left = concatenation(literals.slice(0, cut), shape, depth + 1);
  const right = concatenation(literals.slice(cut), shape, depth + 1);
  return `${left} + ${literals.length - cut > 1 ? `(${right})` : right}`;
}

/** `key` cut at `cuts` (offsets, in any order, repeats allowed: empty pieces). */
function cut(key: string, cuts: readonly number[]): string[] {
  const points = [0, ...[...cuts].sort((a, b) => a - b), key.length];
  return points.slice(1).map((end, index) => key.slice(points[index], end));
}

/** Contexts where a literal key is detected; `expression` is where it goes. */
const CONTEXTS: ReadonlyArray<(expression: string) => string> = [
  (expression) => `const CLOCKWORK_API_KEY = ${expression};\n`,
  (expression) => `const clockwork = require('clockwork')({ key: ${expression} });\n`,
  (expression) => `const Clockwork = require('clockwork');\nnew Clockwork(${expression});\n`,
  (expression) => `const key = process.env.CLOCKWORK_KEY || ${expression};\n`,
  (expression) => `config.clockwork.apiKey = ${expression};\n`,
  (expression) => `module.exports = { clockwork: { key: ${expression} } };\n`,
  (expression) => `const settings = new Map([['CLOCKWORK_KEY', ${expression}]]);\n`,
  // Embedded: the key is part of a longer string, and still the same key.
  (expression) => `fetch('https://api.clockworksms.com/http/send.aspx?key=' + ${expression} + '&to=1');\n`,
  (expression) => `const line = 'CLOCKWORK_API_KEY=' + ${expression} + '\\n';\n`,
];

const quote = fc.constantFrom<Quote>("'", '"', '`');
const plainPiece = quote.map((q): Piece => ({ quote: q, escapes: ['none'] }));
const escapedPiece = fc.record({
  quote,
  escapes: fc.array(fc.constantFrom<Escape>('none', 'none', 'hex', 'unicode', 'codepoint', 'octal', 'continuation'), { minLength: 1, maxLength: 6 }),
});

/** What `source` yields, each value shown as `key` when it is the key and masked when it is not. */
function detectedValues(source: string, filename: string, key: string): string[] {
  const result = detectInSource(source, filename, {});
  if (result.kind !== 'parsed') throw new Error(`expected the source to parse, got ${result.kind}`);
  return result.detections.map(({ value }) => (value === key ? 'key' : maskKey(value)));
}

describe('a key found in one shape is found in every equivalent shape', () => {
  const context = fc.constantFrom(...CONTEXTS);

  it('the literal itself is detected in every context and quote style (the baseline)', () => {
    fc.assert(
      fc.property(realisticKey, context, plainPiece, fc.constantFrom(...FILENAMES), (key, wrap, piece, filename) => {
        expect(detectedValues(wrap(literal(key, piece)), filename, key)).toEqual(['key']);
      }),
      { numRuns: 60 },
    );
  });

  it('split once at any point into two literals', () => {
    fc.assert(
      fc.property(
        realisticKey.chain((key) => fc.tuple(fc.constant(key), fc.nat(key.length))),
        context,
        plainPiece,
        plainPiece,
        fc.constantFrom(...JS_FILENAMES, 'file.ts'),
        ([key, at], wrap, first, second, filename) => {
          const source = wrap(`${literal(key.slice(0, at), first)} + ${literal(key.slice(at), second)}`);
          expect(detectedValues(source, filename, key)).toEqual(['key']);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('split at several points, mixing quotes, templates, grouping and escapes', () => {
    fc.assert(
      fc.property(
        realisticKey.chain((key) => fc.tuple(fc.constant(key), fc.array(fc.nat(key.length), { minLength: 1, maxLength: 6 }))),
        fc.array(fc.oneof(plainPiece, escapedPiece), { minLength: 1, maxLength: 7 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        context,
        fc.constantFrom(...SCRIPT_FILENAMES),
        ([key, cuts], pieces, shape, wrap, filename) => {
          const literals = cut(key, cuts).map((text, index) => literal(text, pieces[index % pieces.length]!));
          expect(detectedValues(wrap(concatenation(literals, shape)), filename, key)).toEqual(['key']);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('spelled with escapes in a single literal or template', () => {
    fc.assert(
      fc.property(realisticKey, escapedPiece, context, (key, piece, wrap) => {
        expect(detectedValues(wrap(literal(key, piece)), 'file.js', key)).toEqual(['key']);
      }),
      { numRuns: 100 },
    );
  });
});

describe('cases the properties turned up', () => {
  const key = fakeKey('property edge cases');

  it('an empty literal on either side of the key changes nothing', () => {
    expect(detectedValues(`const CLOCKWORK_API_KEY = '' + '${key}' + \`\`;\n`, 'file.js', key)).toEqual(['key']);
  });

  it('a right-nested concatenation is folded like a left-nested one', () => {
    const source = `const clockwork = require('clockwork')({ key: '${key.slice(0, 1)}' + ("${key.slice(1, 39)}" + \`${key.slice(39)}\`) });\n`;
    expect(detectedValues(source, 'file.js', key)).toEqual(['key']);
  });

  it('a key spelled with escapes is still the key', () => {
    const escaped = [...key].map((char, index) => (index % 3 === 0 ? `\\x${char.charCodeAt(0).toString(16)}` : char)).join('');
    expect(detectedValues(`const CLOCKWORK_API_KEY = '${escaped}';\n`, 'file.js', key)).toEqual(['key']);
  });

  it('a lone surrogate in a Clockwork file is a result, not a crash', () => {
    expectWellFormed(detectInSource(`// clockwork\nconst a = '\ud800${key}';`, 'file.ts', {}));
  });
});
