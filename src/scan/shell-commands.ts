/**
 * Shell text, as a shell splits it: commands of words (quotes removed, each character traced to
 * its offset in the file), comments and here-document bodies. Shell scripts and Dockerfiles' `RUN`
 * lines are read with it. Linear: one pass, no backtracking.
 *
 * Judged: `NAME=value` (alone, after `export`/`declare`/`local`/`readonly`, or as an argument:
 * `docker run -e CLOCKWORK_API_KEY=…`, `curl -d key=…`), `${CLOCKWORK_KEY:-…}` defaults, and every
 * other word through the text-only detector (a Clockwork URL with `?key=`, the email gateway).
 */
import { groupByFirstWord, type Entry, type FileFindings } from './findings.js';

export interface Word {
  /** The word as the shell passes it on: quotes and escapes removed. */
  text: string;
  /** The offset in the file of each character of `text`. */
  offsets: number[];
}

export interface ShellText {
  commands: Word[][];
  /** Comment blocks (consecutive comment lines together), as [start, end) offsets. */
  comments: Array<[number, number]>;
  /** Here-document bodies, as [start, end) offsets. */
  heredocs: Array<[number, number]>;
}

const OPERATORS = new Set([';', '&', '|', '(', ')']);
const ASSIGNMENT = /^-{0,2}([A-Z_][\w.-]*)=/i;
/** Bounded: a default longer than any key cannot be one, and a hostile word stays linear. */
const DEFAULT_EXPANSION = /\$\{([A-Z_]\w*):?[-=]([^}]{0,200})\}/gi;
const CLOCKWORK_HOST = /clockworksms|textanywhere/i;

/** Splits `text[from, to)` into commands, words, comments and here-document bodies. */
export function parseShell(text: string, from = 0, to = text.length): ShellText {
  const result: ShellText = { commands: [], comments: [], heredocs: [] };
  let command: Word[] = [];
  let word: Word | undefined;
  const pendingHeredocs: Array<{ delimiter: string; stripTabs: boolean }> = [];
  const push = (char: string, offset: number) => {
    word ??= { text: '', offsets: [] };
    word.text += char;
    word.offsets.push(offset);
  };
  const endWord = () => {
    if (word) command.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (command.length > 0) result.commands.push(command);
    command = [];
  };
  let index = from;
  while (index < to) {
    const char = text[index]!;
    if (char === '\\' && (text[index + 1] === '\n' || (text[index + 1] === '\r' && text[index + 2] === '\n'))) {
      index += text[index + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (char === '\n') {
      endCommand();
      index++;
      for (const { delimiter, stripTabs } of pendingHeredocs.splice(0)) index = heredocBody(text, index, to, delimiter, stripTabs, result);
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') {
      endWord();
      index++;
      continue;
    }
    if (char === '#' && word === undefined) {
      let end = index;
      while (end < to && text[end] !== '\n') end++;
      addComment(text, result.comments, index, end);
      index = end;
      continue;
    }
    if (OPERATORS.has(char)) {
      endCommand();
      index++;
      continue;
    }
    if (char === '<' && text[index + 1] === '<' && text[index + 2] !== '<') {
      endWord();
      index += 2;
      const stripTabs = text[index] === '-';
      if (stripTabs) index++;
      while (text[index] === ' ' || text[index] === '\t') index++;
      let delimiter = '';
      while (index < to && !/[\s;&|<>()]/.test(text[index]!)) {
        if (text[index] !== '"' && text[index] !== "'" && text[index] !== '\\') delimiter += text[index];
        index++;
      }
      if (delimiter !== '') pendingHeredocs.push({ delimiter, stripTabs });
      continue;
    }
    if (char === "'" || (char === '$' && text[index + 1] === "'")) {
      const ansi = char === '$';
      let cursor = index + (ansi ? 2 : 1);
      while (cursor < to && text[cursor] !== "'") {
        if (ansi && text[cursor] === '\\' && cursor + 1 < to) cursor++;
        push(text[cursor]!, cursor);
        cursor++;
      }
      // An empty quoted word is still a word.
      word ??= { text: '', offsets: [] };
      index = cursor + 1;
      continue;
    }
    if (char === '"') {
      let cursor = index + 1;
      while (cursor < to && text[cursor] !== '"') {
        if (text[cursor] === '\\' && cursor + 1 < to && '"\\$`\n'.includes(text[cursor + 1]!)) cursor++;
        push(text[cursor]!, cursor);
        cursor++;
      }
      word ??= { text: '', offsets: [] };
      index = cursor + 1;
      continue;
    }
    if (char === '\\' && index + 1 < to) {
      push(text[index + 1]!, index + 1);
      index += 2;
      continue;
    }
    push(char, index);
    index++;
  }
  endCommand();
  return result;
}

/** The body of a here-document starting at `start`; returns the offset after its closing delimiter line. */
function heredocBody(text: string, start: number, to: number, delimiter: string, stripTabs: boolean, result: ShellText): number {
  let lineStart = start;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    let line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (stripTabs) line = line.replace(/^\t+/, '');
    if (line === delimiter) {
      result.heredocs.push([start, lineStart]);
      return Math.min(lineEnd + 1, to);
    }
    lineStart = lineEnd + 1;
  }
  result.heredocs.push([start, to]);
  return to;
}

/** Comment lines with only a line break between them are one block. */
function addComment(text: string, comments: Array<[number, number]>, start: number, end: number): void {
  const last = comments.at(-1);
  if (last && /^[ \t\r]*\n[ \t]*$/.test(text.slice(last[1], start))) last[1] = end;
  else comments.push([start, end]);
}

/**
 * Judges parsed shell text into `findings`. Returns the variable assignments, for the caller to
 * judge with the file's other entries (a Dockerfile's `ENV` lines beside its `RUN export`s).
 */
export function judgeShell(parsed: ShellText, findings: FileFindings): Entry[] {
  for (const [start, end] of parsed.comments) findings.comment(start, end);
  for (const [start, end] of parsed.heredocs) findings.plainText(start, end);
  const assignments: Entry[] = [];
  for (const words of parsed.commands) {
    const entries: Entry[] = [];
    for (const word of words) {
      const entry = assignmentIn(word);
      if (entry) entries.push(entry);
      else findings.textAt(word.text, (index) => word.offsets[index] ?? word.offsets.at(-1)!);
      entries.push(...defaultsIn(word));
    }
    // `curl https://api.clockworksms.com/… -d key=…`: the request names Clockwork for its parameters.
    const request = words.some((word) => CLOCKWORK_HOST.test(word.text));
    findings.entries(entries, { clockworkRequest: request });
    assignments.push(...entries);
  }
  return assignments;
}

/** Judges shell text on its own (a script): every assignment of the file with its name-prefix siblings too. */
export function scanShellText(parsed: ShellText, findings: FileFindings): void {
  for (const group of groupByFirstWord(judgeShell(parsed, findings))) findings.entries(group);
}

/** `NAME=value`, `--name=value`: the value, held by the name. */
export function assignmentIn(word: Word): Entry | undefined {
  const match = ASSIGNMENT.exec(word.text);
  if (!match) return undefined;
  const skip = match[0].length;
  return { path: [match[1]!], value: word.text.slice(skip), offsetOf: (index) => word.offsets[skip + index] ?? word.offsets.at(-1)! };
}

/** `${CLOCKWORK_API_KEY:-…}`: the default is held by the variable it stands in for, as a `||` fallback is. */
function defaultsIn(word: Word): Entry[] {
  if (!word.text.includes('${')) return [];
  const entries: Entry[] = [];
  for (const match of word.text.matchAll(DEFAULT_EXPANSION)) {
    const skip = match.index + match[0].length - 1 - match[2]!.length;
    entries.push({ path: [match[1]!], value: match[2]!, offsetOf: (index) => word.offsets[skip + index] ?? word.offsets.at(-1)! });
  }
  return entries;
}
