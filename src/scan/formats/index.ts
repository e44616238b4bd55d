/**
 * Every format `scan` reads, in the order they are asked: the first that claims a path reads it.
 * A new format is a module of its own, added here.
 */
import type { FormatScanner } from '../format.js';
import { javascript } from './javascript.js';
import { textOnly } from './text-only.js';

export { textOnly };

export const FORMATS: readonly FormatScanner[] = [javascript];

export function formatOf(path: string): FormatScanner | undefined {
  return FORMATS.find((format) => format.claims(path));
}
