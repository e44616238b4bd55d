/**
 * Keys that the surrounding text proves are Clockwork's: the HTTP API's `key=` parameter on a
 * clockworksms host, its form payload, the email gateway, the XML API's `<Key>`, a
 * `CLOCKWORK_API_KEY=` assignment inside a string, and comments that name Clockwork.
 *
 * Every check looks a bounded distance around each token, after one pass to find the tokens,
 * so hostile input (a 1 MB string) costs linear time.
 */
import { findKeyTokens, isPlaceholder, type KeyKind } from './key-shape.js';
import { judgeName, nameWords, wordsNameClockwork, type ExtraNames } from './names.js';

/** Stands for an interpolated expression (a template `${…}` or a `+` operand) in folded text. */
export const HOLE = '\u0000';

export type TextReason = 'url' | 'payload' | 'email' | 'xml' | 'assignment' | 'comment';

export interface TextHit {
  start: number;
  end: number;
  /** Undefined for a hole: the expression there is what carries the key. */
  kind?: KeyKind;
  reason: TextReason;
  /** The Clockwork name the key is assigned to, for `assignment`. */
  name?: string;
}

const NAME_LOOKBACK = 100;
const HASH_LOOKBACK = 40;
const URL_KEY_PARAM = /[?&;]key=$/;
const FORM_KEY_PARAM = /(?:^|&)key=$/;
const CLOCKWORK_HOSTS = ['clockworksms', 'textanywhere'];
const XML_PAYLOAD = /<(?:message|sms|balance)>/;

/** Facts about the whole text, computed once so that each token is judged in constant time. */
interface TextFacts {
  lower: string;
  firstHost: number;
  formPayload: boolean;
  xmlPayload: boolean;
}

function factsOf(text: string): TextFacts {
  const lower = text.toLowerCase();
  const hosts = CLOCKWORK_HOSTS.map((host) => lower.indexOf(host)).filter((index) => index >= 0);
  return {
    lower,
    firstHost: hosts.length > 0 ? Math.min(...hosts) : -1,
    formPayload: lower.includes('to=') && lower.includes('content='),
    xmlPayload: lower.includes('clockwork') || XML_PAYLOAD.test(lower),
  };
}

/**
 * Key-shaped tokens in a string (placeholders excluded) and holes that stand where a Clockwork
 * key goes, with the reason the text gives.
 */
export function findKeysInText(text: string, extraNames: ExtraNames = []): TextHit[] {
  const facts = factsOf(text);
  const hits: TextHit[] = [];
  for (const token of findKeyTokens(text)) {
    if (isPlaceholder(token.value)) continue;
    const hit = judgeSpan(text, facts, token.start, token.end, extraNames, token.kind);
    if (hit) hits.push({ ...hit, kind: token.kind });
  }
  for (let index = text.indexOf(HOLE); index >= 0; index = text.indexOf(HOLE, index + 1)) {
    const hit = judgeSpan(text, facts, index, index + 1, extraNames, undefined);
    if (hit) hits.push(hit);
  }
  return hits;
}

function judgeSpan(
  text: string,
  facts: TextFacts,
  start: number,
  end: number,
  extraNames: ExtraNames,
  kind: KeyKind | undefined,
): TextHit | undefined {
  const { lower } = facts;
  const before = lower.slice(Math.max(0, start - 5), start);
  if (URL_KEY_PARAM.test(before) && facts.firstHost >= 0 && facts.firstHost < start) {
    return { start, end, reason: 'url' };
  }
  if (FORM_KEY_PARAM.test(before) && facts.formPayload) return { start, end, reason: 'payload' };
  if (text[start - 1] === '@' && lower.startsWith('.clockworksms.com', end)) return { start, end, reason: 'email' };
  if (lower.endsWith('<key>', start) && lower.startsWith('</key>', end) && facts.xmlPayload) {
    return { start, end, reason: 'xml' };
  }
  const name = assignedName(text, start);
  if (name) {
    const verdict = judgeName(name, extraNames);
    if (verdict === 'clockwork-key' || (verdict === 'clockwork' && kind !== 'successor')) {
      return { start, end, reason: 'assignment', name };
    }
  }
  return undefined;
}

/** The name in `NAME=value`, `NAME: value`, `"NAME": "value"` just before `start`, if any. */
function assignedName(text: string, start: number): string | undefined {
  let index = start;
  const floor = Math.max(0, start - NAME_LOOKBACK);
  if (index > floor && isQuote(text[index - 1])) index--;
  while (index > floor && text[index - 1] === ' ') index--;
  if (index <= floor || (text[index - 1] !== '=' && text[index - 1] !== ':')) return undefined;
  index--;
  while (index > floor && text[index - 1] === ' ') index--;
  if (index > floor && isQuote(text[index - 1])) index--;
  const nameEnd = index;
  while (index > floor && isNameChar(text.charCodeAt(index - 1))) index--;
  return index < nameEnd ? text.slice(index, nameEnd) : undefined;
}

function isQuote(char: string | undefined): boolean {
  return char === '"' || char === "'" || char === '`';
}

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ||
    code === 95 || code === 46 || code === 45
  );
}

/**
 * Keys in a comment. A comment that names Clockwork and carries a key-shaped token leaks it,
 * unless the words just before the token say it is a hash (`commit 9a03…`). A successor token
 * needs its name right before it, being a far weaker shape.
 */
export function findKeysInComment(text: string, extraNames: ExtraNames = []): TextHit[] {
  const tokens = findKeyTokens(text).filter((token) => !isPlaceholder(token.value));
  if (tokens.length === 0 || !wordsNameClockwork(nameWords(text), extraNames)) return [];
  const facts = factsOf(text);
  const hits: TextHit[] = [];
  for (const token of tokens) {
    const nearby = text.slice(Math.max(0, token.start - HASH_LOOKBACK), token.start);
    const verdict = judgeName(nearby, extraNames);
    if (verdict === 'hash') continue;
    const structured = judgeSpan(text, facts, token.start, token.end, extraNames, token.kind);
    if (structured) hits.push({ ...structured, kind: token.kind });
    else if (token.kind === 'classic' || verdict === 'clockwork-key') {
      hits.push({ start: token.start, end: token.end, kind: token.kind, reason: 'comment' });
    }
  }
  return hits;
}
