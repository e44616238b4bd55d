/**
 * The shapes of Clockwork credentials, and the placeholders that share them.
 *
 * A shape alone proves nothing (every git SHA is 40 hex): callers add context.
 */

export type KeyKind = 'classic' | 'successor';

/** Classic Clockwork key: exactly 40 hex characters (the official Ruby client checks this). */
const CLASSIC_KEY = /^[\da-f]{40}$/i;
/** TextAnywhere access token: 24 alphanumerics, meaningful only in Clockwork context. */
const SUCCESSOR_TOKEN = /^[\da-z]{24}$/i;
const DIGIT = /\d/;
const LETTER = /[a-z]/i;
const PLACEHOLDER_WORDS = /example|sample|dummy|placeholder|changeme|your|here|test|fake|xxxx/i;

/** The longest period treated as "a short repeating pattern" (a1a1…, deadbeefdeadbeef…). */
const MAX_PLACEHOLDER_PERIOD = 20;
/** A random 40-hex key has 14 distinct characters on average: 4 or fewer is a pattern. */
const MIN_DISTINCT_CHARS = 5;
/** Runs like 000000 or abcdef01 are how people type fake keys; random keys almost never have them. */
const MAX_RUN = 5;
const ASCENDING = '0123456789abcdefghijklmnopqrstuvwxyz';

/** The kind of credential `value` is shaped like, if any. */
export function keyKindOf(value: string): KeyKind | undefined {
  if (value.length === 40 && CLASSIC_KEY.test(value)) return 'classic';
  if (value.length === 24 && SUCCESSOR_TOKEN.test(value) && DIGIT.test(value) && LETTER.test(value)) {
    return 'successor';
  }
  return undefined;
}

/**
 * Whether a key-shaped value is a stand-in rather than a credential: one repeated character,
 * a short repeating pattern, too few distinct characters, a long run or ascending sequence,
 * or a word people type into fake keys.
 */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  const lower = value.toLowerCase();
  if (new Set(lower).size < MIN_DISTINCT_CHARS) return true;
  if (hasShortPeriod(lower)) return true;
  return hasLongRun(lower);
}

function hasShortPeriod(value: string): boolean {
  for (let period = 1; period <= MAX_PLACEHOLDER_PERIOD && period * 2 <= value.length; period++) {
    let repeats = true;
    for (let index = period; index < value.length && repeats; index++) {
      repeats = value[index] === value[index - period];
    }
    if (repeats) return true;
  }
  return false;
}

/** A run of more than MAX_RUN equal characters, or of ascending ones (0123456, abcdefg). */
function hasLongRun(value: string): boolean {
  let equalRun = 1;
  let ascendingRun = 1;
  for (let index = 1; index < value.length; index++) {
    const previous = value[index - 1]!;
    const current = value[index]!;
    equalRun = current === previous ? equalRun + 1 : 1;
    ascendingRun = ASCENDING.indexOf(current) === ASCENDING.indexOf(previous) + 1 ? ascendingRun + 1 : 1;
    if (equalRun > MAX_RUN || ascendingRun > MAX_RUN + 1) return true;
  }
  return false;
}

/** A key-shaped token found inside a longer text, as [start, end) offsets. */
export interface KeyToken {
  start: number;
  end: number;
  kind: KeyKind;
  value: string;
}

/**
 * Every key-shaped token in `text`, bounded by characters that cannot continue it, in one pass.
 * A 40-hex run inside a 64-hex SHA-256 is not a token: its neighbours are hex too.
 */
export function findKeyTokens(text: string): KeyToken[] {
  const tokens: KeyToken[] = [];
  let runStart = -1;
  for (let index = 0; index <= text.length; index++) {
    const inRun = index < text.length && isAlphanumeric(text.charCodeAt(index));
    if (inRun && runStart < 0) runStart = index;
    if (!inRun && runStart >= 0) {
      const length = index - runStart;
      if (length === 40 || length === 24) {
        const value = text.slice(runStart, index);
        const kind = keyKindOf(value);
        if (kind) tokens.push({ start: runStart, end: index, kind, value });
      }
      runStart = -1;
    }
  }
  return tokens;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
