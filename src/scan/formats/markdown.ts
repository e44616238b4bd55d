/**
 * Markdown (`README.md`, `docs/*.md`): each fenced code block goes to the format its info string
 * names (`js`/`ts` blocks to the rule's own detector under a virtual file name, as
 * `@eslint/markdown` does; `sh`, `env`, `yaml`, `json`, `toml`, `ini`, `xml`, `dockerfile` blocks
 * to those formats); YAML front matter to the YAML format; every paragraph of prose, and any
 * other block, is judged as a comment is (it names Clockwork and carries a key that is not
 * labelled as a hash or commit) and by the text-only detector.
 */
import { extname } from 'node:path';
import type { DetectorOptions } from '../../eslint/key-detector.js';
import { FileFindings } from '../findings.js';
import type { FormatScanner } from '../format.js';
import { lineStarts } from '../../detect/positions.js';
import { dockerfile } from './dockerfile.js';
import { dotenv } from './dotenv.js';
import { ini } from './ini.js';
import { javascript } from './javascript.js';
import { json } from './json.js';
import { properties } from './properties.js';
import { shell } from './shell.js';
import { toml } from './toml.js';
import { xml } from './xml.js';
import { yaml } from './yaml.js';

const EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd']);
const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`{]*)/;

/** Info-string languages: the format that reads the block, and the extension its virtual file gets. */
const LANGUAGES = new Map<string, { format: FormatScanner; extension: string }>();
const language = (format: FormatScanner, extension: string, ...names: string[]) => {
  for (const name of names) LANGUAGES.set(name, { format, extension });
};
language(javascript, '.js', 'js', 'javascript', 'node', 'mjs', 'cjs', 'es6');
language(javascript, '.jsx', 'jsx');
language(javascript, '.ts', 'ts', 'typescript', 'mts', 'cts');
language(javascript, '.tsx', 'tsx');
language(shell, '.sh', 'sh', 'bash', 'shell', 'zsh', 'ksh', 'console', 'shellsession', 'shell-session', 'terminal');
language(dotenv, '.env', 'env', 'dotenv');
language(yaml, '.yaml', 'yaml', 'yml');
language(json, '.json', 'json', 'jsonc', 'json5');
language(toml, '.toml', 'toml');
language(ini, '.ini', 'ini', 'cfg', 'conf');
language(properties, '.properties', 'properties', 'java-properties');
language(xml, '.xml', 'xml');
language(dockerfile, '.dockerfile', 'dockerfile', 'docker', 'containerfile');

interface Block {
  /** Offsets of each line's first character kept in the block text, and how many indent spaces were dropped. */
  lineStarts: number[];
  text: string;
  info: string;
}

export const markdown: FormatScanner = {
  name: 'markdown',
  claims: (path) => EXTENSIONS.has(extname(path).toLowerCase()),
  scan(text, path, options) {
    const findings = new FileFindings(text, options);
    const starts = lineStarts(text);
    const lineEnd = (line: number) => (line + 1 < starts.length ? starts[line + 1]! - 1 : text.length);
    let blocks = 0;
    let paragraphStart = -1;
    let paragraphEnd = -1;
    const closeParagraph = () => {
      if (paragraphStart >= 0) findings.prose(paragraphStart, paragraphEnd);
      paragraphStart = -1;
    };
    let line = 0;
    if (/^---\r?\n/.test(text)) {
      const close = findLine(text, starts, 1, (content) => content === '---' || content === '...');
      if (close >= 0) {
        scanBlock(findings, { lineStarts: starts.slice(1, close), text: text.slice(starts[1]!, starts[close]!), info: 'yaml' }, `${path}/front-matter.yaml`, options);
        line = close + 1;
      }
    }
    for (; line < starts.length; line++) {
      const start = starts[line]!;
      const content = text.slice(start, lineEnd(line)).replace(/\r$/, '');
      const fence = FENCE.exec(content);
      if (fence) {
        closeParagraph();
        const indent = fence[1]!.length;
        const marker = fence[2]!;
        const close = findLine(text, starts, line + 1, (candidate) => isClosingFence(candidate, marker));
        const last = close < 0 ? starts.length : close;
        const kept = starts.slice(line + 1, last).map((lineStart) => lineStart + leadingSpaces(text, lineStart, indent));
        const body = kept.map((lineStart, index) => text.slice(lineStart, lineEnd(line + 1 + index))).join('\n');
        scanBlock(findings, { lineStarts: kept, text: body, info: fence[3]!.toLowerCase() }, `${path}/${blocks++}`, options);
        line = last;
        continue;
      }
      if (content.trim() === '') {
        closeParagraph();
        continue;
      }
      if (paragraphStart < 0) paragraphStart = start;
      paragraphEnd = start + content.length;
    }
    closeParagraph();
    return findings.list();
  },
};

/** A block through the format its info string names, its findings placed back in the Markdown file. */
function scanBlock(findings: FileFindings, block: Block, virtualName: string, options: DetectorOptions): void {
  const reader = LANGUAGES.get(block.info);
  const found = reader ? reader.format.scan(block.text, `${virtualName}${reader.extension}`, options) : undefined;
  if (!found || 'error' in found) {
    // An unknown language, or a snippet that does not parse (docs elide with `...`): read it as prose.
    const first = block.lineStarts[0];
    if (first !== undefined) findings.prose(first, block.lineStarts.at(-1)! + lastLineLength(block.text));
    return;
  }
  for (const finding of found) {
    const lineStart = block.lineStarts[finding.line - 1];
    if (lineStart === undefined) continue;
    findings.add(lineStart + finding.column - 1, { kind: finding.kind, value: finding.value, reason: finding.reason, holder: finding.holder });
  }
}

/** The index of the first line from `from` whose content (without `\r`) satisfies `test`, or -1. */
function findLine(text: string, starts: readonly number[], from: number, test: (content: string) => boolean): number {
  for (let line = from; line < starts.length; line++) {
    const end = line + 1 < starts.length ? starts[line + 1]! - 1 : text.length;
    if (test(text.slice(starts[line]!, end).replace(/\r$/, ''))) return line;
  }
  return -1;
}

function isClosingFence(content: string, marker: string): boolean {
  const trimmed = content.trimEnd();
  const body = trimmed.trimStart();
  return trimmed.length - body.length <= 3 && body.length >= marker.length && body === marker[0]!.repeat(body.length);
}

/** How many of the first `max` characters at `start` are spaces: a fence's indent is dropped from its lines. */
function leadingSpaces(text: string, start: number, max: number): number {
  let count = 0;
  while (count < max && text[start + count] === ' ') count++;
  return count;
}

function lastLineLength(text: string): number {
  return text.length - (text.lastIndexOf('\n') + 1);
}
