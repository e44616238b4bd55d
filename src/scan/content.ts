/**
 * The one scanning core for every source of bytes (the working tree, the git index, history
 * blobs): `scanContent(path, bytes)` triages the bytes, then hands the text to the format that
 * claims the path. Files too big or minified to parse are read by the text-only detector;
 * lockfiles and binary files are passed over.
 */
import { withFile } from '../detect/holder.js';
import { maskKeysIn } from '../detect/mask.js';
import { isLockfile } from '../detect/structured.js';
import { TRIAGE_REASONS, triage } from '../detect/triage.js';
import type { DetectorOptions } from '../eslint/key-detector.js';
import type { ContentFinding } from './format.js';
import { formatOf, textOnly } from './formats/index.js';

/** Why a file claimed by a format was not read: `lockfile` is decided by its name, `binary` by its bytes. */
export type SkipCause = 'lockfile' | 'binary';

export type ContentResult =
  | { kind: 'scanned'; format: string; findings: ContentFinding[]; note?: string }
  | { kind: 'skipped'; cause: SkipCause; reason: string }
  | { kind: 'failed'; error: string };

export const LOCKFILE_REASON = 'lockfile';

/** What `scan` does with a file, by its name (and, for a name with no extension, its first line). */
export function scanPlan(path: string, firstLine?: () => string | undefined): 'read' | 'lockfile' | undefined {
  if (isLockfile(path)) return 'lockfile';
  return formatOf(path, firstLine) ? 'read' : undefined;
}

/** Undefined for a path no format claims (not a file `scan` reads). */
export function scanContent(path: string, bytes: Uint8Array, options: DetectorOptions): ContentResult | undefined {
  if (isLockfile(path)) return { kind: 'skipped', cause: 'lockfile', reason: LOCKFILE_REASON };
  const format = formatOf(path, () => firstLineOf(bytes));
  if (!format) return undefined;
  const read = triage(bytes);
  if (read.kind === 'binary') return { kind: 'skipped', cause: 'binary', reason: TRIAGE_REASONS.binary };
  try {
    if (read.kind !== 'text') {
      // Never parsed (ESLint needs gigabytes for a big bundle): the text-only detector reads it.
      return { kind: 'scanned', format: textOnly.name, findings: placed(asTextOnly(textOnly.scan(read.text, path, options)), path), note: `${TRIAGE_REASONS[read.kind]}: read as text only` };
    }
    const found = format.scan(read.text, path, options);
    if ('error' in found) {
      // A config file that does not parse may still hold keys: the text-only detector reads it.
      if (found.fallback) return { kind: 'scanned', format: format.name, findings: found.fallback, note: `${maskKeysIn(found.error)}: read as text only` };
      return { kind: 'failed', error: maskKeysIn(found.error) };
    }
    return { kind: 'scanned', format: format.name, findings: placed(found, path) };
  } catch (error) {
    // A pathological file (a 4,000-term chain overflows any recursive walk) fails alone.
    return { kind: 'failed', error: `could not be analysed: ${maskKeysIn((error as Error).message)}` };
  }
}

/** The first line of a file's bytes (a shebang is ASCII; no more than a short prefix is decoded). */
export function firstLineOf(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString('latin1');
  const newline = head.indexOf('\n');
  return newline < 0 ? head : head.slice(0, newline);
}

/** Each holder learns its file, and the file's environment words (`.env.production`, `config/staging.toml`). */
function placed(findings: ContentFinding[], path: string): ContentFinding[] {
  return findings.map((finding) => ({ ...finding, holder: withFile(finding.holder, path) }));
}

function asTextOnly(found: ContentFinding[] | { error: string; fallback?: ContentFinding[] }): ContentFinding[] {
  if ('error' in found) return [];
  return found.map((finding) => ({ ...finding, reason: `${finding.reason} (text only)` }));
}
