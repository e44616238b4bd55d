/**
 * What `fix` learns about the files it does not rewrite: config, docs, scripts, `.env` files. It
 * reads them (never writes them) so its report can list each key left there, with the advice to
 * move it into the store by hand and rotate it.
 */
import type { DetectorOptions } from '../eslint/key-detector.js';
import { scanContent, type ContentResult } from './content.js';
import { javascript } from './formats/index.js';

/** Whether `fix` rewrites files like `path` (JavaScript and TypeScript); every other format is read-only to it. */
export function isRewrittenByFix(path: string): boolean {
  return javascript.claims(path);
}

/** The keys in a file `fix` leaves alone; undefined for a file it rewrites or no format reads. */
export function scanOutsideCode(path: string, bytes: Uint8Array, options: DetectorOptions): ContentResult | undefined {
  return isRewrittenByFix(path) ? undefined : scanContent(path, bytes, options);
}
