/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.prod`, `api.dockerfile`, `Containerfile`): `ENV` and
 * `ARG` values held by Clockwork names (both `ENV NAME=value` and the old `ENV NAME value`),
 * `RUN` lines read as shell (`export CLOCKWORK_KEY=…`, `curl …clockworksms.com…?key=…`), other
 * instructions and comments as text. A `FROM image@sha256:…` digest is no key's shape.
 */
import { basename } from 'node:path';
import { FileFindings, groupByFirstWord, verbatimFrom, type Entry } from '../findings.js';
import type { FormatScanner } from '../format.js';
import { lineBreakAt } from '../lines.js';
import { assignmentIn, judgeShell, parseShell } from '../shell-commands.js';

const SHELL_INSTRUCTIONS = new Set(['run', 'cmd', 'entrypoint', 'healthcheck']);
const ASSIGNING_INSTRUCTIONS = new Set(['env', 'arg', 'label']);
const OTHER_INSTRUCTIONS = new Set(['from', 'maintainer', 'expose', 'add', 'copy', 'volume', 'user', 'workdir', 'onbuild', 'stopsignal', 'shell']);
const INSTRUCTION = /^[ \t]*([A-Z]+)(?:[ \t]+|$)/i;

export function isDockerfileName(path: string): boolean {
  const name = basename(path).toLowerCase();
  return ['dockerfile', 'containerfile'].some((base) => name === base || name.startsWith(`${base}.`) || name.endsWith(`.${base}`));
}

export const dockerfile: FormatScanner = {
  name: 'dockerfile',
  claims: isDockerfileName,
  scan(text, _path, options) {
    const findings = new FileFindings(text, options);
    const assignments: Entry[] = [];
    let start = 0;
    while (start < text.length) {
      const end = instructionEnd(text, start);
      const line = text.slice(start, lineBreakAt(text, start));
      const match = INSTRUCTION.exec(line);
      if (line.trimStart().startsWith('#')) {
        findings.comment(start, end);
      } else if (match) {
        const keyword = match[1]!.toLowerCase();
        const argsStart = start + match[0].length;
        const execForm = text[argsStart] === '[';
        if (ASSIGNING_INSTRUCTIONS.has(keyword)) assignments.push(...assignmentsOf(text, argsStart, end, keyword === 'env'));
        else if (SHELL_INSTRUCTIONS.has(keyword) && !execForm) assignments.push(...judgeShell(parseShell(text, argsStart, end), findings));
        else if (OTHER_INSTRUCTIONS.has(keyword) || SHELL_INSTRUCTIONS.has(keyword)) findings.plainText(argsStart, end);
        // Not an instruction: a line of a `RUN <<EOF` here-document, say.
        else findings.plainText(start, end);
      } else {
        findings.plainText(start, end);
      }
      start = end + 1;
    }
    for (const group of groupByFirstWord(assignments)) findings.entries(group);
    return findings.list();
  },
};

/** The end of the instruction starting at `start`: lines ending in a backslash continue it (comment and blank lines between do not end it). */
function instructionEnd(text: string, start: number): number {
  let end = lineBreakAt(text, start);
  if (text.slice(start, end).trimStart().startsWith('#')) return end;
  while (end < text.length && /\\[ \t\r]*$/.test(text.slice(Math.max(start, end - 8), end))) {
    let next = lineBreakAt(text, end + 1);
    // Comment and blank lines inside a continued instruction are dropped by the builder.
    while (next < text.length && /^[ \t\r]*(?:#.*)?$/.test(text.slice(end + 1, next))) next = lineBreakAt(text, next + 1);
    end = next;
  }
  return end;
}

/** `ENV A=1 B="two"`, `ARG NAME=value`, and the old `ENV NAME value with spaces`. */
function assignmentsOf(text: string, start: number, end: number, legacyForm: boolean): Entry[] {
  const words = parseShell(text, start, end).commands.flat();
  const first = words[0];
  if (legacyForm && first && !first.text.includes('=')) {
    let valueStart = (first.offsets.at(-1) ?? start) + 1;
    while (valueStart < end && (text[valueStart] === ' ' || text[valueStart] === '\t' || text[valueStart] === '"' || text[valueStart] === "'")) valueStart++;
    let valueEnd = end;
    while (valueEnd > valueStart && /[\s"']/.test(text[valueEnd - 1]!)) valueEnd--;
    return [{ path: [first.text], value: text.slice(valueStart, valueEnd), offsetOf: verbatimFrom(valueStart) }];
  }
  return words.flatMap((word) => assignmentIn(word) ?? []);
}
