/**
 * Keys that the surrounding text proves are Clockwork's: the HTTP API's `key=` parameter on a
 * clockworksms host, its form payload, the email gateway, the XML API's `<Key>` (and any element
 * or attribute named for a key, a token or Clockwork), a `CLOCKWORK_API_KEY=` assignment inside a
 * string, comments that name Clockwork, and prose in strings that labels a credential.
 *
 * Every check looks a bounded distance around each token, after one pass to find the tokens,
 * so hostile input (a 1 MB string) costs linear time.
 */
import { findKeyTokens, isPlaceholder, type KeyKind } from './key-shape.js';
import { judgeName, nameWords, wordsNameClockwork, type ExtraNames } from './names.js';
import { labelBefore } from './holder.js';

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
const URL_KEY_PARAM = /[?&;]key=$/;
const FORM_KEY_PARAM = /(?:^|&)key=$/;
const CLOCKWORK_HOSTS = ['clockworksms', 'textanywhere'];
const XML_PAYLOAD = /<(?:message|sms|balance)>/;
const CLOCKWORK_SPELLING = /clock[\s._-]?work|text[\s._-]?anywhere|media[\s._-]?burst/;

/** Facts about the whole text, computed once so that each token is judged in constant time. */
interface TextFacts {
  lower: string;
  firstHost: number;
  formPayload: boolean;
  /** The XML API's shape, or a mention of Clockwork: what makes a bare `<Key>` Clockwork's. */
  xmlPayload: boolean;
  /** The text spells a Clockwork name (or an extra name) somewhere. */
  namesClockwork: boolean;
}

function factsOf(text: string, extraNames: ExtraNames): TextFacts {
  const lower = text.toLowerCase();
  const hosts = CLOCKWORK_HOSTS.map((host) => lower.indexOf(host)).filter((index) => index >= 0);
  const namesClockwork = CLOCKWORK_SPELLING.test(lower) || (extraNames.length > 0 && wordsNameClockwork(nameWords(text), extraNames));
  return {
    lower,
    firstHost: hosts.length > 0 ? Math.min(...hosts) : -1,
    formPayload: lower.includes('to=') && lower.includes('content='),
    xmlPayload: lower.includes('clockwork') || XML_PAYLOAD.test(lower),
    namesClockwork,
  };
}

/**
 * Key-shaped tokens in a string (placeholders excluded) and holes that stand where a Clockwork
 * key goes, with the reason the text gives.
 */
export function findKeysInText(text: string, extraNames: ExtraNames = []): TextHit[] {
  const facts = factsOf(text, extraNames);
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
  if (isClockworkXml(text, facts, start, end, extraNames, kind)) return { start, end, reason: 'xml' };
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

/** How far around a token an XML tag is looked for: tags, attributes and indentation fit in it. */
const XML_LOOKAROUND = 200;

/**
 * Whether the token at [start, end) is the whole content of an XML element, or the value of an
 * attribute, whose name makes it Clockwork's: a name that says Clockwork (`<clockworkToken>`,
 * `<clockwork key="…">`) proves it alone; one that says key or token (`<ApiKey>`, `key="…"`) needs
 * a text that names Clockwork, and the XML API's own `<Key>` its payload's shape too. Whitespace
 * and line breaks around the value are allowed. Bounded look-around: constant time per token.
 */
function isClockworkXml(text: string, facts: TextFacts, start: number, end: number, extraNames: ExtraNames, kind: KeyKind | undefined): boolean {
  const holder = elementAround(text, facts.lower, start, end) ?? attributeAround(text, facts.lower, start, end);
  if (holder === undefined) return false;
  const verdict = judgeName(holder.name, extraNames);
  if (verdict === 'clockwork-key' || (verdict === 'clockwork' && kind !== 'successor')) return true;
  if (verdict !== 'key') return false;
  return holder.name.toLowerCase() === 'key' ? facts.xmlPayload : facts.namesClockwork;
}

function isXmlSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function isXmlNameChar(code: number): boolean {
  return isNameChar(code) || code === 58;
}

/** The name of the element whose whole content (give or take whitespace) is [start, end). */
function elementAround(text: string, lower: string, start: number, end: number): { name: string } | undefined {
  const floor = Math.max(0, start - XML_LOOKAROUND);
  let index = start;
  while (index > floor && isXmlSpace(lower[index - 1])) index--;
  if (lower[index - 1] !== '>' || lower[index - 2] === '/') return undefined;
  const tag = openingTagBefore(lower, index - 1, floor);
  if (!tag) return undefined;
  const ceiling = Math.min(lower.length, end + XML_LOOKAROUND);
  let after = end;
  while (after < ceiling && isXmlSpace(lower[after])) after++;
  if (!lower.startsWith(`</${tag.name}`, after)) return undefined;
  after += tag.name.length + 2;
  while (after < ceiling && isXmlSpace(lower[after])) after++;
  return lower[after] === '>' ? { name: text.slice(tag.open + 1, tag.open + 1 + tag.name.length) } : undefined;
}

/** The opening tag that ends at `close` (a `>`): its `<` and its name, lowercase. */
function openingTagBefore(lower: string, close: number, floor: number): { open: number; name: string } | undefined {
  let open = close;
  while (open > floor && lower[open - 1] !== '<' && lower[open - 1] !== '>') open--;
  if (open <= floor || lower[open - 1] !== '<') return undefined;
  const name = xmlNameAt(lower, open, close);
  return name === undefined ? undefined : { open: open - 1, name };
}

/** The XML name that starts at `from` (before `limit`), if one does. */
function xmlNameAt(text: string, from: number, limit: number): string | undefined {
  let index = from;
  while (index < limit && isXmlNameChar(text.charCodeAt(index))) index++;
  const first = text.charCodeAt(from);
  // A name starts with a letter or `_`: not `/` (a closing tag), `?`, `!`, or a digit.
  const startsName = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95;
  return index > from && startsName ? text.slice(from, index) : undefined;
}

/**
 * For an attribute value `<tag … name="[start, end)"`: the element's and attribute's names (`sms
 * apiKey`); for `<add key="CLOCKWORK_API_KEY" value="…">`, the name the `key` or `name` attribute
 * gives the value.
 */
function attributeAround(text: string, lower: string, start: number, end: number): { name: string } | undefined {
  const quote = text[start - 1];
  if ((quote !== '"' && quote !== "'") || text[end] !== quote) return undefined;
  const floor = Math.max(0, start - XML_LOOKAROUND);
  let index = start - 1;
  while (index > floor && isXmlSpace(text[index - 1])) index--;
  if (text[index - 1] !== '=') return undefined;
  index--;
  while (index > floor && isXmlSpace(text[index - 1])) index--;
  const attributeEnd = index;
  while (index > floor && isXmlNameChar(text.charCodeAt(index - 1))) index--;
  if (index === attributeEnd || !isXmlSpace(text[index - 1])) return undefined;
  const attribute = text.slice(index, attributeEnd);
  const tag = openingTagBefore(lower, index, floor);
  if (!tag) return undefined;
  const element = text.slice(tag.open + 1, tag.open + 1 + tag.name.length);
  if (attribute.toLowerCase() === 'value') {
    const named = namingAttribute(text, tag.open, index);
    if (named !== undefined) return { name: named };
  }
  return { name: `${element} ${attribute}` };
}

const NAMING_ATTRIBUTE = /\s(?:key|name)\s*=\s*(?:"([^"<>]{1,100})"|'([^'<>]{1,100})')/i;

/** The value of a `key="…"` or `name="…"` attribute between `from` and `to`, if the tag has one. */
function namingAttribute(text: string, from: number, to: number): string | undefined {
  const match = NAMING_ATTRIBUTE.exec(text.slice(from, to));
  return match ? (match[1] ?? match[2]) : undefined;
}

/** How far back the words that label a token are read. */
const LABEL_LOOKBACK = 40;
/** Where a label ends: a line, a list item, a block or an argument list. */
const CLAUSE_BREAKS = new Set([',', ';', '{', '}', '[', ']', '\n', '\r']);

/**
 * Whether the words just before `start`, on its own line and in its own clause, say the token is
 * a hash (`commit 9a03…`, `sha: '9a03…'`, `const commitSha = '9a03…'`). A clause of its own, so
 * `{ id: 1, apiKey: '…' }` is not an id, and a line of its own, so the line above says nothing.
 */
export function saysHash(text: string, start: number, extraNames: ExtraNames = []): boolean {
  const floor = Math.max(0, start - LABEL_LOOKBACK);
  let index = start;
  while (index > floor && !CLAUSE_BREAKS.has(text[index - 1]!)) index--;
  return judgeName(text.slice(index, start), extraNames) === 'hash';
}

/** A key labelled as a credential in prose inside a string: `'clockwork api=…'`, `"your clockworksms token is …"`. */
export interface ProseHit {
  start: number;
  end: number;
  kind: KeyKind;
  /** The words that label it (`clockworksms token`). */
  label: string;
}

/**
 * Keys in a string's prose, judged as prose in a comment is, but stricter, since strings carry
 * log lines and build stamps: the text names Clockwork, and the words right before the token
 * label it a credential (key, token, secret, `api=`), never a hash.
 */
export function findKeysInProse(text: string, extraNames: ExtraNames = []): ProseHit[] {
  const tokens = findKeyTokens(text).filter((token) => !isPlaceholder(token.value));
  if (tokens.length === 0 || !wordsNameClockwork(nameWords(text), extraNames)) return [];
  const hits: ProseHit[] = [];
  for (const token of tokens) {
    if (saysHash(text, token.start, extraNames)) continue;
    const label = labelBefore(text, token.start);
    if (label !== undefined && labelsCredential(label, extraNames)) hits.push({ start: token.start, end: token.end, kind: token.kind, label });
  }
  return hits;
}

/** A label that says credential: `clockworksms token`, `API key`, or a bare `api` (`clockwork api=…`). */
function labelsCredential(label: string, extraNames: ExtraNames): boolean {
  const verdict = judgeName(label, extraNames);
  return verdict === 'key' || verdict === 'clockwork-key' || nameWords(label).at(-1) === 'api';
}

/**
 * Keys in a comment. A comment that names Clockwork and carries a key-shaped token leaks it,
 * unless the words just before the token say it is a hash (`commit 9a03…`). A successor token,
 * a far weaker shape, also needs a credential name before it on its own line (`key: '…'` in a
 * commented-out client block that names Clockwork on another line).
 *
 * `text` may be a run of line comments joined by line breaks: the run is judged as one comment.
 */
export function findKeysInComment(text: string, extraNames: ExtraNames = []): TextHit[] {
  const tokens = findKeyTokens(text).filter((token) => !isPlaceholder(token.value));
  if (tokens.length === 0 || !wordsNameClockwork(nameWords(text), extraNames)) return [];
  const facts = factsOf(text, extraNames);
  const hits: TextHit[] = [];
  for (const token of tokens) {
    if (saysHash(text, token.start, extraNames)) continue;
    const verdict = judgeName(text.slice(lineStartBefore(text, token.start), token.start), extraNames);
    const structured = judgeSpan(text, facts, token.start, token.end, extraNames, token.kind);
    if (structured) hits.push({ ...structured, kind: token.kind });
    else if (token.kind === 'classic' || verdict === 'clockwork-key' || verdict === 'key') {
      hits.push({ start: token.start, end: token.end, kind: token.kind, reason: 'comment' });
    }
  }
  return hits;
}

/** Where the words before `start` on its own line begin, at most LABEL_LOOKBACK characters back. */
function lineStartBefore(text: string, start: number): number {
  const floor = Math.max(0, start - LABEL_LOOKBACK);
  let index = start;
  while (index > floor && text[index - 1] !== '\n' && text[index - 1] !== '\r') index--;
  return index;
}
