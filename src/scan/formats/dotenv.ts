/**
 * `.env` files (`.env`, `.env.local`, `.env.production`, `production.env`): each entry is read by
 * dotenv's own parser, so the value judged is the value the application loads. A Clockwork name
 * holds a key; a public-prefixed one (`NEXT_PUBLIC_CLOCKWORK_KEY`) is reported with the browsers
 * it ships to. Comments are judged as comment blocks.
 */
import { basename } from 'node:path';
import { parse } from 'dotenv';
import { findKeyTokens } from '../../detect/key-shape.js';
import { FileFindings, groupByFirstWord, verbatimFrom, type Entry } from '../findings.js';
import type { FormatScanner } from '../format.js';
import { forEachLine, indexWithin, lineBreakAt } from '../lines.js';

/** dotenv's entry start: `NAME=`, `export NAME=`, `NAME: ` (a colon needs a space after it). */
const ENTRY_START = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*(?:=|:[ \t])/;

export function isDotenvName(path: string): boolean {
  const name = basename(path).toLowerCase();
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}

export const dotenv: FormatScanner = {
  name: 'dotenv',
  claims: isDotenvName,
  scan(text, _path, options) {
    const findings = new FileFindings(text, options);
    for (const group of groupByFirstWord(readDotenvEntries(text, findings))) findings.entries(group);
    return findings.list();
  },
};

/** Every entry of a `.env` text; comment blocks go to `findings` on the way. */
function readDotenvEntries(text: string, findings: FileFindings): Entry[] {
  const entries: Entry[] = [];
  forEachLine(text, (start, end) => {
    const line = text.slice(start, end);
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#')) {
      findings.commentLine(start, end);
      return end;
    }
    findings.endCommentBlock();
    const match = ENTRY_START.exec(line);
    if (!match) return end;
    const name = match[1]!;
    const valueFrom = start + match[0].length;
    const entryEnd = entryEndOf(text, valueFrom, end);
    const value = parse(text.slice(start, entryEnd))[name];
    if (value === undefined) return entryEnd;
    const located = value.length > 0 ? indexWithin(text, value, valueFrom, entryEnd) : -1;
    const verbatim = located >= 0 && located + value.length <= entryEnd;
    entries.push({ path: [name], value, offsetOf: verbatim ? verbatimFrom(located) : tokenOffsets(text, value, valueFrom, entryEnd) });
    // A comment after the value: `CLOCKWORK_KEY=… # the old clockwork key was …`.
    const after = verbatim ? located + value.length : valueFrom;
    const hash = indexWithin(text, '#', after, entryEnd);
    if (hash >= 0) findings.comment(hash, lineBreakAt(text, hash));
    return entryEnd;
  });
  findings.endCommentBlock();
  return entries;
}

/** Where an entry ends: its line's end, or the line of the closing quote of a quoted (multi-line) value. */
function entryEndOf(text: string, valueFrom: number, lineEnd: number): number {
  let index = valueFrom;
  while (index < lineEnd && (text[index] === ' ' || text[index] === '\t')) index++;
  const quote = text[index];
  if (quote !== '"' && quote !== "'" && quote !== '`') return lineEnd;
  for (let close = text.indexOf(quote, index + 1); close >= 0; close = text.indexOf(quote, close + 1)) {
    if (text[close - 1] !== '\\') return lineBreakAt(text, close);
  }
  return lineEnd;
}

/** Where each key-shaped token of an unescaped value stands in the raw text (escapes moved it). */
function tokenOffsets(text: string, value: string, from: number, to: number): (index: number) => number {
  const offsets = new Map<number, number>();
  let cursor = from;
  for (const token of findKeyTokens(value)) {
    const at = indexWithin(text, token.value, cursor, to);
    if (at < 0) continue;
    offsets.set(token.start, at);
    cursor = at + token.value.length;
  }
  return (index) => offsets.get(index) ?? from;
}
