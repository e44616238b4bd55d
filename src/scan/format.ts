/**
 * A file format `scan` reads: which files it claims, and how it finds keys in their text. Each
 * format lives in its own module under `src/scan/formats/` and is listed in `formats/index.ts`.
 */
import type { DetectorOptions } from '../eslint/key-detector.js';
import type { StructuredFinding } from '../eslint/structured-findings.js';

/** A key found in a file, with where and why: the record the structured parsers already return. */
export type ContentFinding = StructuredFinding;

export interface FormatScanner {
  /** A short name for reports: `javascript`, `json`, `yaml`, `dotenv`, `toml`, … */
  name: string;
  /** Whether this format reads `path` (by its name alone: no I/O). */
  claims(path: string): boolean;
  /**
   * For a file whose name has no extension and that no format claims by name (`bin/deploy`):
   * whether its first line says it is this format's (a `#!/bin/sh` shebang).
   */
  claimsFirstLine?(line: string): boolean;
  /**
   * The keys in `text`. Throws only on a defect; a file the format cannot parse is reported by
   * returning `{ error }` (its message masked by the caller).
   */
  scan(text: string, path: string, options: DetectorOptions): ContentFinding[] | { error: string; fallback?: ContentFinding[] };
}
