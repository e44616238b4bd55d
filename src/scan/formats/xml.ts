/**
 * XML (`settings.xml`, `web.config`, `AndroidManifest.xml`, `Info.plist`, the XML API's payloads):
 * every element's text and every attribute, held by the path of element names above it, in any
 * layout: `<clockwork><apiKey>…</apiKey></clockwork>`, `<clockworkToken>` with its value on a
 * line of its own, `<clockwork apiKey="…"/>`, `<add key="ClockworkApiKey" value="…"/>`,
 * `<string name="clockwork_api_key">…</string>`, plist's `<key>…</key><string>…</string>`.
 * An element or attribute whose name says key or token is judged as the XML API's `<Key>` is: in
 * a document that names Clockwork. A hash name (`<commit>`, `sha1="…"`) never holds a key.
 *
 * A tolerant, linear tokenizer: no DTDs, no entities (a key has none), nothing that can fail.
 */
import { extname } from 'node:path';
import { findKeyTokens } from '../../detect/key-shape.js';
import { compileExtraNames, mentionsClockwork } from '../../detect/names.js';
import { FileFindings, verbatimFrom, type Entry } from '../findings.js';
import type { FormatScanner } from '../format.js';

const EXTENSIONS = new Set(['.xml', '.config', '.plist', '.csproj', '.xhtml', '.xaml', '.resx']);
/** Attributes that name their element (`<add key="…" value="…"/>`) rather than hold a value. */
const NAMING_ATTRIBUTES = new Set(['key', 'name']);
/** Attributes that hold the value of the element they sit on. */
const VALUE_ATTRIBUTES = new Set(['value', 'content']);
const NAME_LIKE = /^[A-Z_][\w.:-]{0,80}$/i;
const XML_PAYLOAD = /<(?:message|sms|balance)[\s>]/i;

interface Frame {
  name: string;
  /** The place of this element: its ancestors', then its own name (or the name an attribute gives it). */
  path: string[];
  /** Its children's values, judged together when it closes (a sibling may name Clockwork). */
  children: Entry[];
  /** plist: the name a `<key>` child gave the next child. */
  pendingName: string | undefined;
  /** Set on a `<key>` element: its text, a name for the next sibling. */
  keyText: string | undefined;
}

export const xml: FormatScanner = {
  name: 'xml',
  claims: (path) => EXTENSIONS.has(extname(path).toLowerCase()),
  scan(text, _path, options) {
    const findings = new FileFindings(text, options);
    const clockworkDocument = mentionsClockwork(text, compileExtraNames(options.extraNames ?? [])) || XML_PAYLOAD.test(text);
    const judge = (entries: Entry[]) => {
      if (entries.length > 0) findings.entries(entries, { clockworkDocument });
    };
    const stack: Frame[] = [{ name: '', path: [], children: [], pendingName: undefined, keyText: undefined }];
    // How many elements of each name are open: an end tag is matched without walking the stack.
    const open = new Map<string, number>();
    const top = () => stack.at(-1)!;
    const textNode = (start: number, end: number) => {
      const value = text.slice(start, end);
      if (value.trim() === '' || stack.length === 1) return;
      const frame = top();
      if (frame.name === 'key' && NAME_LIKE.test(value.trim()) && findKeyTokens(value).length === 0) frame.keyText = value.trim();
      stack.at(-2)!.children.push({ path: frame.path, value, offsetOf: verbatimFrom(start) });
    };
    const close = () => {
      const frame = stack.pop()!;
      open.set(frame.name, (open.get(frame.name) ?? 1) - 1);
      judge(frame.children);
      if (frame.keyText !== undefined) top().pendingName = frame.keyText;
    };

    let index = 0;
    while (index < text.length) {
      const tag = text.indexOf('<', index);
      const textEnd = tag < 0 ? text.length : tag;
      if (textEnd > index) textNode(index, textEnd);
      if (tag < 0) break;
      if (text.startsWith('<!--', tag)) {
        const end = endOf(text, '-->', tag + 4);
        findings.comment(tag + 4, end);
        index = end + 3;
      } else if (text.startsWith('<![CDATA[', tag)) {
        const end = endOf(text, ']]>', tag + 9);
        textNode(tag + 9, end);
        index = end + 3;
      } else if (text[tag + 1] === '?' || text[tag + 1] === '!') {
        index = endOf(text, '>', tag + 1) + 1;
      } else if (text[tag + 1] === '/') {
        const end = endOf(text, '>', tag + 2);
        const name = localName(text.slice(tag + 2, end).trim());
        // Tolerant: an unmatched end tag is ignored; a matched one closes what was left open inside it.
        if ((open.get(name) ?? 0) > 0) {
          while (stack.length > 1 && top().name !== name) close();
          close();
        }
        index = end + 1;
      } else {
        const pushed = stack.length;
        index = openTag(text, tag, stack, judge);
        if (stack.length > pushed) open.set(top().name, (open.get(top().name) ?? 0) + 1);
      }
    }
    while (stack.length > 1) close();
    judge(stack[0]!.children);
    return findings.list();
  },
};

/** Reads the tag at `open`, pushing its element (unless self-closing); returns where it ends. */
function openTag(text: string, open: number, stack: Frame[], judge: (entries: Entry[]) => void): number {
  let cursor = open + 1;
  while (cursor < text.length && !/[\s/>]/.test(text[cursor]!)) cursor++;
  const name = localName(text.slice(open + 1, cursor));
  const attributes: Array<{ name: string; value: string; start: number }> = [];
  let selfClosing = false;
  while (cursor < text.length) {
    const char = text[cursor]!;
    if (char === '>') break;
    if (char === '/' && text[cursor + 1] === '>') {
      selfClosing = true;
      cursor++;
      break;
    }
    if (/[\s/]/.test(char)) {
      cursor++;
      continue;
    }
    const nameStart = cursor;
    while (cursor < text.length && !/[\s=/>]/.test(text[cursor]!)) cursor++;
    const attributeName = localName(text.slice(nameStart, cursor));
    while (cursor < text.length && /\s/.test(text[cursor]!)) cursor++;
    if (text[cursor] !== '=') continue;
    cursor++;
    while (cursor < text.length && /\s/.test(text[cursor]!)) cursor++;
    const quote = text[cursor];
    if (quote === '"' || quote === "'") {
      const end = endOf(text, quote, cursor + 1);
      attributes.push({ name: attributeName, value: text.slice(cursor + 1, end), start: cursor + 1 });
      cursor = end + 1;
    } else {
      const start = cursor;
      while (cursor < text.length && !/[\s>]/.test(text[cursor]!)) cursor++;
      attributes.push({ name: attributeName, value: text.slice(start, cursor), start });
    }
  }
  const parent = stack.at(-1)!;
  const naming = attributes.find((attribute) => NAMING_ATTRIBUTES.has(attribute.name.toLowerCase()) && NAME_LIKE.test(attribute.value) && findKeyTokens(attribute.value).length === 0);
  const ownName = naming?.value ?? parent.pendingName ?? name;
  parent.pendingName = undefined;
  const path = [...parent.path, ownName];
  const entries: Entry[] = [];
  for (const attribute of attributes) {
    if (attribute === naming) continue;
    const attributePath = VALUE_ATTRIBUTES.has(attribute.name.toLowerCase()) ? path : [...path, attribute.name];
    entries.push({ path: attributePath, value: attribute.value, offsetOf: verbatimFrom(attribute.start) });
  }
  judge(entries);
  if (!selfClosing) stack.push({ name, path, children: [], pendingName: undefined, keyText: undefined });
  return Math.min(cursor + 1, text.length);
}

/** `ns:apiKey` → apiKey. */
function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** Where `delimiter` next occurs from `from`, or the end of the text. */
function endOf(text: string, delimiter: string, from: number): number {
  const found = text.indexOf(delimiter, from);
  return found < 0 ? text.length : found;
}
