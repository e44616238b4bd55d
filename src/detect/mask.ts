import { findKeyTokens } from './key-shape.js';

/** How a key is shown anywhere a person or a log can see it: never in full. */
export function maskKey(value: string): string {
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}

/** `text` with every key-shaped token masked: for text that may quote source (parser errors). */
export function maskKeysIn(text: string): string {
  let out = '';
  let cursor = 0;
  for (const token of findKeyTokens(text)) {
    out += text.slice(cursor, token.start) + maskKey(token.value);
    cursor = token.end;
  }
  return out + text.slice(cursor);
}
