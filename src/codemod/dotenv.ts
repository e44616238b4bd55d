/**
 * Reading and extending `.env` files without ever rewriting what is there: new entries are
 * appended, existing lines (comments, quoting, order, line endings) are kept byte for byte.
 */

const ENTRY = /^\s*(?:export\s+)?([a-z_][\w.]*)\s*=(.*)$/i;

/** Name → value of every entry in a `.env` text (the last one wins, as dotenv loaders do). */
export function parseDotenv(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = ENTRY.exec(line);
    if (match) entries.set(match[1]!, unquote(match[2]!));
  }
  return entries;
}

function unquote(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'" || quote === '`') && value.endsWith(quote) && value.length >= 2) {
    return value.slice(1, -1);
  }
  const comment = value.indexOf(' #');
  return comment >= 0 ? value.slice(0, comment).trimEnd() : value;
}

/**
 * `text` with `entries` appended, skipping names it already defines. Keeps its line ending style
 * and adds the missing final newline first.
 */
export function appendDotenv(text: string, entries: ReadonlyArray<readonly [string, string]>): string {
  const existing = parseDotenv(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const added = entries.filter(([name]) => !existing.has(name));
  if (added.length === 0) return text;
  const separator = text.length > 0 && !text.endsWith('\n') ? eol : '';
  return text + separator + added.map(([name, value]) => `${name}=${value}${eol}`).join('');
}

/** `.gitignore` text that ignores `.env`, unchanged when it already does. */
export function ensureIgnored(gitignore: string, entry = '.env'): string {
  const lines = gitignore.split(/\r?\n/).map((line) => line.trim());
  if (lines.includes(entry) || lines.includes(`/${entry}`)) return gitignore;
  const eol = gitignore.includes('\r\n') ? '\r\n' : '\n';
  const separator = gitignore.length > 0 && !gitignore.endsWith('\n') ? eol : '';
  return `${gitignore}${separator}${entry}${eol}`;
}
