/**
 * The line walk every line-based format shares. Linear: each line is visited once, and a visitor
 * that reads past its line (a multi-line value) says where it stopped.
 */

/**
 * Calls `visit(start, end)` for each line, `[start, end)` without its line break (and without the
 * `\r` of a CRLF). `visit` may return the offset its entry ended at, on a later line; the walk
 * resumes on the line after that one.
 */
export function forEachLine(text: string, visit: (start: number, end: number) => number | void): void {
  let start = 0;
  while (start <= text.length) {
    let newline = text.indexOf('\n', start);
    if (newline < 0) newline = text.length;
    const end = newline > start && text[newline - 1] === '\r' ? newline - 1 : newline;
    const consumed = visit(start, end);
    const stop = typeof consumed === 'number' && consumed > newline ? lineBreakAt(text, consumed) : newline;
    start = stop + 1;
  }
}

/** The offset of the line break that ends the line holding `offset` (or the text's length). */
export function lineBreakAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

/** `text.indexOf(search, from)`, looking no further than `to`: a search per line stays linear. */
export function indexWithin(text: string, search: string, from: number, to: number): number {
  if (from >= to) return -1;
  const found = text.slice(from, to).indexOf(search);
  return found < 0 ? -1 : from + found;
}
