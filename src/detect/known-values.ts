/**
 * A value known to be a key is a key wherever it appears: in the rule, anywhere in the file where
 * a Clockwork context proved it; in `scan` and `fix`, anywhere in the run. Once one place proves a
 * value, a copy under a generic name (`api_key: '…'` in a database seed) leaks the same secret.
 *
 * Text only and linear: one pass for the bounded key-shaped tokens, then a set look-up and a
 * bounded look-back for each.
 */
import { findKeyTokens, keyKindOf, type KeyKind } from './key-shape.js';
import { saysHash } from './text-context.js';

/**
 * The form a value is compared in: a classic key is hex, which no one spells in one case on
 * purpose; a successor token is base62, where case is part of the value.
 */
export function knownForm(value: string, kind: KeyKind): string {
  return kind === 'classic' ? value.toLowerCase() : value;
}

export interface KnownValueOccurrence {
  /** [start, end) of the token in the text. */
  start: number;
  end: number;
  /** The value as written there. */
  value: string;
  kind: KeyKind;
}

/**
 * Every occurrence in `text` of a value in `known`: each a whole key-shaped token (bounded by
 * characters that cannot continue it, so a key inside a longer hex run is not one), except where
 * the words just before it say it is a hash (`commit …`, `sha: '…'`, `integrity …`).
 *
 * The CLI calls this over every file of a run after a first pass has collected `known` (the
 * values its detector proved), so a copy in another file is found too.
 */
export function findKnownValues(text: string, known: ReadonlySet<string>): KnownValueOccurrence[] {
  if (known.size === 0) return [];
  const normalised = new Set<string>();
  for (const value of known) {
    const kind = keyKindOf(value);
    if (kind) normalised.add(knownForm(value, kind));
  }
  const occurrences: KnownValueOccurrence[] = [];
  for (const token of findKeyTokens(text)) {
    if (!normalised.has(knownForm(token.value, token.kind))) continue;
    if (saysHash(text, token.start)) continue;
    occurrences.push({ start: token.start, end: token.end, value: token.value, kind: token.kind });
  }
  return occurrences;
}
