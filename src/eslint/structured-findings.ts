/**
 * What the rule and `scan` say about a key found in a config file: the reason, in the words the
 * rule uses for code, read from the holder record (never re-derived from text), and the finding
 * with its 1-based position.
 */
import type { Holder } from '../detect/holder.js';
import type { KeyKind } from '../detect/key-shape.js';
import { maskKeysIn } from '../detect/mask.js';
import { locator, type StructuredDetection, type StructuredHolder } from '../detect/structured.js';
import { heldBy, REASONS } from './clockwork-context.js';

/** A key found in a file (`scan` calls it `ContentFinding`). */
export interface StructuredFinding {
  /** 1-based line and column of the key's first character. */
  line: number;
  column: number;
  kind: KeyKind;
  /** The key itself: kept in memory for naming and fingerprints, never printed. */
  value: string;
  /** Why it is Clockwork's, in the rule's words (`held by "clockwork.apiKey"`). */
  reason: string;
  holder: Holder;
}

/** The rule's reason for a key held as `holder` says. */
export function structuredReason(holder: StructuredHolder): string {
  return holder.reason === 'holder' ? heldBy(holder.path.join('.')) : REASONS[holder.reason];
}

/** Findings at the place the rule reports: the value as written, or the key inside a string or comment. */
export function toFindings(source: string, detections: readonly StructuredDetection[]): StructuredFinding[] {
  const at = locator(source);
  return detections.map((detection) => ({
    ...at(detection.start),
    kind: detection.kind,
    value: detection.value,
    reason: structuredReason(detection.holder),
    holder: detection.holder,
  }));
}

const BOM = '\uFEFF';

/** The text as parsers and ESLint see it: without a byte-order mark, which no column counts. */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** A parse failure in the words of `scan`'s other formats, masked: a parser's message may quote the input. */
export function parseError(message: string, line: number | undefined, column: number | undefined): { error: string } {
  const position = line === undefined || column === undefined ? '' : ` (${line}:${column})`;
  return { error: maskKeysIn(`does not parse${position}: ${message}`) };
}
