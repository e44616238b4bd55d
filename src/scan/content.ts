/**
 * The one scanning core for every source of bytes (the working tree, the git index, history
 * blobs): `scanContent(path, bytes)` triages the bytes, then hands the text to the format that
 * claims the path. Files too big or minified to parse are read by the text-only detector.
 */
import { maskKeysIn } from '../detect/mask.js';
import { TRIAGE_REASONS, triage } from '../detect/triage.js';
import type { DetectorOptions } from '../eslint/key-detector.js';
import type { ContentFinding } from './format.js';
import { formatOf, textOnly } from './formats/index.js';

export type ContentResult =
  | { kind: 'scanned'; format: string; findings: ContentFinding[]; note?: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; error: string };

/** Undefined for a path no format claims (not a file `scan` reads). */
export function scanContent(path: string, bytes: Uint8Array, options: DetectorOptions): ContentResult | undefined {
  const format = formatOf(path);
  if (!format) return undefined;
  const read = triage(bytes);
  if (read.kind === 'binary') return { kind: 'skipped', reason: TRIAGE_REASONS.binary };
  try {
    if (read.kind !== 'text') {
      // Never parsed (ESLint needs gigabytes for a big bundle): the text-only detector reads it.
      return { kind: 'scanned', format: textOnly.name, findings: asTextOnly(textOnly.scan(read.text, path, options)), note: `${TRIAGE_REASONS[read.kind]}: read as text only` };
    }
    const found = format.scan(read.text, path, options);
    if ('error' in found) return { kind: 'failed', error: maskKeysIn(found.error) };
    return { kind: 'scanned', format: format.name, findings: found };
  } catch (error) {
    // A pathological file (a 4,000-term chain overflows any recursive walk) fails alone.
    return { kind: 'failed', error: `could not be analysed: ${maskKeysIn((error as Error).message)}` };
  }
}

function asTextOnly(found: ContentFinding[] | { error: string }): ContentFinding[] {
  if ('error' in found) return [];
  return found.map((finding) => ({ ...finding, reason: `${finding.reason} (text only)` }));
}
