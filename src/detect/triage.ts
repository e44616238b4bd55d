/**
 * What a file's bytes are, decided before any parser sees them. ESLint's parser needs gigabytes
 * for a multi-megabyte one-line bundle, and a non-UTF-8 file decoded as UTF-8 would be written
 * back changed: such files never reach the parser or the rewriter. One linear pass.
 */

export type Triage =
  | { kind: 'text'; text: string }
  /** Readable as text, but not to be parsed: scanned by the text-only detector, never rewritten. */
  | { kind: 'too-large' | 'minified'; text: string }
  /** Not valid UTF-8: the text is a lossless latin1 reading, for the text-only detector. */
  | { kind: 'not-utf8'; text: string }
  | { kind: 'binary' };

/** Above this, a file is not parsed (hand-written modules are far smaller; bundles are not). */
export const MAX_PARSED_BYTES = 1024 * 1024;
/** A line this long is not hand-written code. */
const MAX_LINE_LENGTH = 20_000;
/** Nor is a file of some size whose lines average this long. */
const MINIFIED_AVERAGE_LINE = 300;
const MINIFIED_MIN_BYTES = 8 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function triage(bytes: Uint8Array): Triage {
  if (bytes.includes(0)) return { kind: 'binary' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'not-utf8', text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
  }
  if (bytes.byteLength > MAX_PARSED_BYTES) return { kind: 'too-large', text };
  if (looksMinified(text)) return { kind: 'minified', text };
  return { kind: 'text', text };
}

function looksMinified(text: string): boolean {
  let lines = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    if (index - lineStart > MAX_LINE_LENGTH) return true;
    lines++;
    lineStart = index + 1;
  }
  if (text.length - lineStart > MAX_LINE_LENGTH) return true;
  return text.length >= MINIFIED_MIN_BYTES && text.length / lines > MINIFIED_AVERAGE_LINE;
}

/** How a skipped file is described in reports. */
export const TRIAGE_REASONS: Record<Exclude<Triage['kind'], 'text'>, string> = {
  'too-large': `over ${MAX_PARSED_BYTES / 1024 / 1024} MB`,
  minified: 'minified or generated (very long lines)',
  'not-utf8': 'not valid UTF-8',
  binary: 'binary',
};
