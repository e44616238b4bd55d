/** The ESLint location (1-based columns) of the `occurrence`-th `snippet` in `code`. */
export function locationOf(code: string, snippet: string, occurrence = 0) {
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    index = code.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`snippet not found in test code (occurrence ${seen})`);
  }
  const point = (offset: number) => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
  };
  const start = point(index);
  const end = point(index + snippet.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
