/**
 * A small linear reader for the `name = value` line formats: TOML, INI (and `.npmrc`, which is
 * INI) and Java `.properties`. Section headers (`[clockwork]`, `[production.clockwork]`,
 * `[remote "origin"]`) and dotted names give each value its path; quotes, comments, TOML's
 * multi-line strings, arrays and inline tables are understood; nothing else of the grammars is
 * needed to judge a value by the names that hold it.
 */
import { FileFindings, verbatimFrom, type Entry } from './findings.js';
import { forEachLine, indexWithin, lineBreakAt } from './lines.js';

export interface Dialect {
  /** Characters that start a comment line. */
  commentChars: string;
  /** A comment may follow a value after whitespace (`key = value ; note`). */
  inlineComments: boolean;
  /** Characters that end a name (the first outside quotes and escapes). */
  separators: string;
  /** Whitespace alone ends a name too (`.properties`: `key value`). */
  whitespaceSeparates: boolean;
  sections: boolean;
  /** Git-config style headers: `[section "subsection"]`. */
  spacedSections: boolean;
  /** TOML values: basic, literal and multi-line strings, arrays, inline tables. */
  toml: boolean;
  /** A backslash at the end of a line continues the value (`.properties`), and escapes a separator in a name. */
  backslashes: boolean;
  /** Quotes around a whole value are not part of it (INI). */
  unquote: boolean;
}

/** Deeper nesting than this (arrays in arrays…) is read as text: a hostile file must not overflow the stack. */
const MAX_DEPTH = 32;

/**
 * Every entry of `text`, grouped by the place that holds them (a section, or the dotted prefix of
 * their names), so siblings can speak for each other. Comment blocks go to `findings` on the way.
 */
export function readKeyValueLines(text: string, dialect: Dialect, findings: FileFindings): Entry[][] {
  const groups = new Map<string, Entry[]>();
  const add = (entry: Entry) => {
    const place = entry.path.slice(0, -1).join('\u0000');
    const group = groups.get(place) ?? [];
    group.push(entry);
    groups.set(place, group);
  };
  let section: string[] = [];
  forEachLine(text, (start, end) => {
    let index = start;
    while (index < end && isBlank(text[index]!)) index++;
    if (index === end) {
      findings.endCommentBlock();
      return;
    }
    if (dialect.commentChars.includes(text[index]!)) {
      findings.commentLine(index, end);
      return;
    }
    findings.endCommentBlock();
    if (dialect.sections && text[index] === '[') {
      const close = indexWithin(text, ']', index, end);
      if (close < 0) return;
      section = splitName(text.slice(index + 1, close).replace(/^\[/, ''), dialect.spacedSections);
      const comment = firstOf(text, dialect.commentChars, close, end);
      if (comment >= 0) findings.comment(comment, end);
      return;
    }
    const separator = separatorOf(text, index, end, dialect);
    if (separator < 0) {
      findings.plainText(index, end);
      return;
    }
    const name = text.slice(index, separator).trim();
    let valueStart = separator + (isBlank(text[separator]!) ? 0 : 1);
    while (valueStart < end && isBlank(text[valueStart]!)) valueStart++;
    // `.properties`: `key  = value` and `key : value` are `key` and `value`.
    if (dialect.whitespaceSeparates && isBlank(text[separator]!) && (text[valueStart] === '=' || text[valueStart] === ':')) {
      valueStart++;
      while (valueStart < end && isBlank(text[valueStart]!)) valueStart++;
    }
    const path = [...section, ...splitName(dialect.backslashes ? name.replace(/\\(.)/g, '$1') : name, false)];
    if (dialect.toml) {
      const reader = new TomlValues(text, findings, add);
      const next = reader.value(valueStart, path, 0, false);
      const lineEnd = lineBreakAt(text, next);
      const comment = indexWithin(text, '#', next, lineEnd);
      if (comment >= 0) findings.comment(comment, lineEnd);
      return next;
    }
    let valueEnd = end;
    let consumed = end;
    if (dialect.backslashes && endsWithOddBackslashes(text, valueEnd)) {
      // A value continued over lines: `key = first \` then `  second`, read as `key = first second`.
      const continued = continuedValue(text, valueStart, valueEnd);
      add({ path, ...continued.entry });
      return continued.consumed;
    }
    if (dialect.inlineComments) {
      const comment = inlineCommentAt(text, valueStart, valueEnd, dialect.commentChars);
      if (comment >= 0) {
        findings.comment(comment, valueEnd);
        valueEnd = comment;
      }
    }
    while (valueEnd > valueStart && isBlank(text[valueEnd - 1]!)) valueEnd--;
    const quote = text[valueStart];
    if (dialect.unquote && valueEnd - valueStart >= 2 && (quote === '"' || quote === "'") && text[valueEnd - 1] === quote) {
      add({ path, value: text.slice(valueStart + 1, valueEnd - 1), offsetOf: verbatimFrom(valueStart + 1) });
    } else {
      add({ path, value: text.slice(valueStart, valueEnd), offsetOf: verbatimFrom(valueStart) });
    }
    return consumed;
  });
  findings.endCommentBlock();
  return [...groups.values()];
}

/** TOML's values, each string found handed on as an entry of `path` (an array's items share it). */
class TomlValues {
  constructor(
    private readonly text: string,
    private readonly findings: FileFindings,
    private readonly add: (entry: Entry) => void,
  ) {}

  /** Reads the value at `index`; returns where it ends. `nested`: inside an array or inline table. */
  value(index: number, path: string[], depth: number, nested: boolean): number {
    const { text } = this;
    if (text.startsWith('"""', index) || text.startsWith("'''", index)) {
      const quote = text.slice(index, index + 3);
      let close = text.indexOf(quote, index + 3);
      if (close < 0) close = text.length;
      // Extra quotes right before the closing delimiter belong to the string.
      while (text[close + 3] === quote[0]) close++;
      this.add({ path, value: text.slice(index + 3, close), offsetOf: verbatimFrom(index + 3) });
      return Math.min(close + 3, text.length);
    }
    const char = text[index];
    if (char === '"' || char === "'") {
      let close = index + 1;
      while (close < text.length && text[close] !== char && text[close] !== '\n') close += char === '"' && text[close] === '\\' ? 2 : 1;
      this.add({ path, value: text.slice(index + 1, Math.min(close, text.length)), offsetOf: verbatimFrom(index + 1) });
      return Math.min(close + 1, text.length);
    }
    if ((char === '[' || char === '{') && depth < MAX_DEPTH) return this.container(index, path, depth, char === '{');
    let end = index;
    while (end < text.length && text[end] !== '\n' && text[end] !== '#' && !(nested && (text[end] === ',' || text[end] === ']' || text[end] === '}'))) end++;
    const raw = text.slice(index, end).trimEnd();
    if (raw.length > 0) this.add({ path, value: raw, offsetOf: verbatimFrom(index) });
    return end;
  }

  /** An array (`[a, b]`, over lines too) or an inline table (`{ key = "…", to = "…" }`). */
  private container(index: number, path: string[], depth: number, table: boolean): number {
    const { text } = this;
    const close = table ? '}' : ']';
    let cursor = index + 1;
    while (cursor < text.length) {
      const char = text[cursor]!;
      if (char === close) return cursor + 1;
      if (isBlank(char) || char === '\n' || char === '\r' || char === ',') {
        cursor++;
        continue;
      }
      if (char === '#') {
        const end = lineBreakAt(text, cursor);
        this.findings.comment(cursor, end);
        cursor = end;
        continue;
      }
      if (!table) {
        cursor = Math.max(this.value(cursor, path, depth + 1, true), cursor + 1);
        continue;
      }
      let equals = cursor;
      while (equals < text.length && text[equals] !== '=' && text[equals] !== '\n' && text[equals] !== close) equals++;
      if (text[equals] !== '=') {
        cursor = Math.max(equals, cursor + 1);
        continue;
      }
      const member = [...path, ...splitName(text.slice(cursor, equals).trim(), false)];
      let valueStart = equals + 1;
      while (valueStart < text.length && isBlank(text[valueStart]!)) valueStart++;
      cursor = Math.max(this.value(valueStart, member, depth + 1, true), valueStart + 1);
    }
    return cursor;
  }
}

/**
 * A `.properties` value continued with trailing backslashes, as Java reads it: each backslash and
 * line break dropped, and the next line's leading whitespace with them. Each character keeps its offset.
 */
function continuedValue(text: string, start: number, firstEnd: number): { entry: Omit<Entry, 'path'>; consumed: number } {
  let value = '';
  const offsets: number[] = [];
  let segmentStart = start;
  let segmentEnd = firstEnd;
  let consumed = firstEnd;
  for (;;) {
    const continues = endsWithOddBackslashes(text, segmentEnd);
    const keep = continues ? segmentEnd - 1 : segmentEnd;
    for (let index = segmentStart; index < keep; index++) {
      value += text[index];
      offsets.push(index);
    }
    const lineBreak = lineBreakAt(text, segmentEnd);
    if (!continues || lineBreak >= text.length) break;
    const next = lineBreakAt(text, lineBreak + 1);
    segmentStart = lineBreak + 1;
    while (segmentStart < next && isBlank(text[segmentStart]!)) segmentStart++;
    segmentEnd = next > lineBreak + 1 && text[next - 1] === '\r' ? next - 1 : next;
    consumed = next;
  }
  return { entry: { value, offsetOf: (index) => offsets[index] ?? start }, consumed };
}

/** `a."b.c".d` → a, b.c, d; with `spaced`, `remote "origin"` → remote, origin. */
function splitName(name: string, spaced: boolean): string[] {
  const segments: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of name) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '.' || (spaced && isBlank(char))) {
      if (current.trim() !== '') segments.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') segments.push(current.trim());
  return segments;
}

function separatorOf(text: string, start: number, end: number, dialect: Dialect): number {
  let quote: string | undefined;
  for (let index = start; index < end; index++) {
    const char = text[index]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (dialect.backslashes && char === '\\') {
      index++;
    } else if (dialect.toml && (char === '"' || char === "'")) {
      quote = char;
    } else if (dialect.separators.includes(char) || (dialect.whitespaceSeparates && isBlank(char))) {
      return index;
    }
  }
  return -1;
}

/** Where a `; comment` or `# comment` after whitespace starts, outside quotes; -1 if none. */
function inlineCommentAt(text: string, start: number, end: number, commentChars: string): number {
  let quote: string | undefined;
  for (let index = start; index < end; index++) {
    const char = text[index]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if ((char === '"' || char === "'") && index === start) {
      quote = char;
    } else if (commentChars.includes(char) && index > start && isBlank(text[index - 1]!)) {
      return index;
    }
  }
  return -1;
}

function firstOf(text: string, chars: string, start: number, end: number): number {
  for (let index = start; index < end; index++) if (chars.includes(text[index]!)) return index;
  return -1;
}

function endsWithOddBackslashes(text: string, end: number): boolean {
  let count = 0;
  for (let index = end - 1; index >= 0 && text[index] === '\\'; index--) count++;
  return count % 2 === 1;
}

function isBlank(char: string): boolean {
  return char === ' ' || char === '\t';
}
