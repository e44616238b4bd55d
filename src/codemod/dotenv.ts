/**
 * Reading and extending `.env` files without ever rewriting what is there: new entries are
 * appended, existing lines (comments, quoting, order, line endings) are kept byte for byte.
 * Reading is dotenv's own parser: what it sees is what the people who load the file get.
 */
import { parse } from 'dotenv';

/** Name → value of every entry in a `.env` text (the last one wins, as dotenv does). */
export function parseDotenv(text: string): Map<string, string> {
  return new Map(Object.entries(parse(text)));
}

/** A name and value the codemod writes: a plain env name and a value with no quote, `#` or line break. */
const WRITABLE_NAME = /^[a-z_]\w*$/i;
const WRITABLE_VALUE = /^[^\s"'`#\\]*$/;

/**
 * `text` with `entries` appended, skipping names it already defines. Keeps its line ending style
 * and adds the missing final newline first. Throws, naming no value, when appending would change
 * how dotenv reads any earlier entry or the new ones (an unterminated quote, say).
 */
export function appendDotenv(text: string, entries: ReadonlyArray<readonly [string, string]>): string {
  const existing = parseDotenv(text);
  const added = entries.filter(([name]) => !existing.has(name));
  if (added.length === 0) return text;
  for (const [name, value] of added) {
    if (!WRITABLE_NAME.test(name) || !WRITABLE_VALUE.test(value)) throw new Error(`Cannot write ${name} to .env: the name or its value needs quoting.`);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text.length > 0 && !text.endsWith('\n') ? eol : '';
  const after = text + separator + added.map(([name, value]) => `${name}=${value}${eol}`).join('');
  const reread = parseDotenv(after);
  const keeps = [...existing].every(([name, value]) => reread.get(name) === value);
  const reads = added.every(([name, value]) => reread.get(name) === value);
  if (!keeps || !reads) throw new Error(`Appending to this .env would change how it is read (is a quote left open?). Fix it by hand, then run again.`);
  return after;
}

/** `.gitignore` text with `entry` as its last rule (so it overrides earlier negations), unchanged when already last-effective. */
export function ensureIgnored(gitignore: string, entry = '.env'): string {
  const lines = gitignore.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const last = lines.filter((line) => line === entry || line === `/${entry}` || line === `!${entry}` || line === `!/${entry}`).at(-1);
  if (last !== undefined && !last.startsWith('!')) return gitignore;
  const eol = gitignore.includes('\r\n') ? '\r\n' : '\n';
  const separator = gitignore.length > 0 && !gitignore.endsWith('\n') ? eol : '';
  return `${gitignore}${separator}${entry}${eol}`;
}
