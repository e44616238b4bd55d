import { findKeyTokens } from './key-shape.js';

/** How a key is shown anywhere a person or a log can see it: never in full. */
export function maskKey(value: string): string {
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}

/** 40 or more hex digits in a row, whatever stands beside them (`0x…`, `id…`): enough to hide a key. */
const HEX_RUN_MIN = 40;

/**
 * `text` with every key-shaped token masked, for text that may quote source (parser errors,
 * diffs): bounded key tokens, and every run of 40 or more hex digits whatever its neighbours (a
 * key glued to `0x` or to a word is still a key). Over-masking a SHA-256 is the price. Linear.
 */
export function maskKeysIn(text: string): string {
  const spans: Array<{ start: number; end: number }> = findKeyTokens(text).map(({ start, end }) => ({ start, end }));
  let runStart = -1;
  for (let index = 0; index <= text.length; index++) {
    const hex = index < text.length && isHex(text.charCodeAt(index));
    if (hex && runStart < 0) runStart = index;
    if (!hex && runStart >= 0) {
      if (index - runStart >= HEX_RUN_MIN) spans.push({ start: runStart, end: index });
      runStart = -1;
    }
  }
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const { start, end } of spans) {
    if (start < cursor) continue;
    out += text.slice(cursor, start) + maskKey(text.slice(start, end));
    cursor = end;
  }
  return out + text.slice(cursor);
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}
