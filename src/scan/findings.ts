/**
 * The findings of one file that is not code, judged the way the rule judges code: a value held by
 * a name (`CLOCKWORK_API_KEY=…`, `[clockwork] api_key = …`, `<clockworkToken>…`), a comment or a
 * paragraph of prose that names Clockwork, and text that proves itself (a Clockwork URL, payload,
 * email gateway or `<Key>`). Every format builds one of these and hands it what it parsed; names
 * are judged by `src/detect/names.ts` and text by `src/detect/text-context.ts`, as in the rule.
 */
import { environmentWords, labelBefore, type Holder, type HolderReason } from '../detect/holder.js';
import { findKeyTokens, isPlaceholder, type KeyKind } from '../detect/key-shape.js';
import { compileExtraNames, judgeName, nameWords, publicEnvPrefix, withoutPublicPrefix, type ExtraNames } from '../detect/names.js';
import { findKeysInComment, findKeysInText, type TextHit } from '../detect/text-context.js';
import { heldBy, REASONS, textHitCode, textHitPath, textHitReason } from '../eslint/clockwork-context.js';
import type { DetectorOptions } from '../eslint/key-detector.js';
import type { ContentFinding } from './format.js';
import { lineStarts, positionAt } from '../detect/positions.js';

/** One `name = value` a format read: a `.env` line, an INI entry, an XML element's text. */
export interface Entry {
  /**
   * The place that holds the value, outermost first, as written: the section or element names,
   * then the entry's own name (`[production.clockwork]` + `api_key` is production, clockwork, api_key).
   */
  path: readonly string[];
  /** The value as the format reads it: quotes and escapes removed. */
  value: string;
  /** Where character `index` of `value` stands in the file's text. */
  offsetOf: (index: number) => number;
}

/** `offsetOf` for a value written verbatim from `start` on. */
export const verbatimFrom =
  (start: number) =>
  (index: number): number =>
    start + index;

/**
 * Entries of a flat file (`.env`, a script) whose names start with the same word stand together,
 * as a section's do: `SMS_PROVIDER=clockwork` speaks for `SMS_API_KEY`, not for `GITHUB_TOKEN`.
 */
export function groupByFirstWord(entries: readonly Entry[]): Entry[][] {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const first = nameWords(withoutPublicPrefix(entry.path.at(-1) ?? ''))[0] ?? '';
    const group = groups.get(first) ?? [];
    group.push(entry);
    groups.set(first, group);
  }
  return [...groups.values()];
}

/** The reason for a key in a paragraph of prose that names Clockwork (a comment's, in docs). */
const PROSE = 'in text that names Clockwork';

/** Names shorter than this, of word characters only, can be a sibling's name-like value (`provider = clockwork`). */
const MAX_NAME_LIKE = 40;
const NAME_LIKE = /^[\w.:/@-]+$/;

export class FileFindings {
  private readonly found = new Map<number, ContentFinding>();
  private readonly extraNames: ExtraNames;
  private readonly allowed: Set<string>;
  private starts: number[] | undefined;

  constructor(
    /** The whole file's text: every offset is into it. */
    readonly text: string,
    readonly options: DetectorOptions,
  ) {
    this.extraNames = compileExtraNames(options.extraNames ?? []);
    this.allowed = new Set((options.allowedValues ?? []).map((value) => value.toLowerCase()));
  }

  /**
   * Entries that stand together (one section, one element, one command): each is judged by its
   * own name and path, and a generic `key` by its siblings (`provider = clockwork` beside it).
   */
  entries(group: readonly Entry[], facts: DocumentFacts = {}): void {
    const context: GroupContext = { ...this.groupContext(group), clockworkRequest: facts.clockworkRequest ?? false, clockworkDocument: facts.clockworkDocument ?? false };
    for (const entry of group) this.entry(entry, context);
  }

  /** A comment block, judged as a unit: it names Clockwork and carries a key not labelled as a hash. */
  comment(start: number, end: number): void {
    this.commentHits(this.text.slice(start, end), verbatimFrom(start));
  }

  /** Where the comment lines read so far began and end: consecutive comment lines are one block. */
  private block: { start: number; end: number } | undefined;

  /** A whole-line comment: it joins the block the lines before it began. */
  commentLine(start: number, end: number): void {
    if (this.block) this.block.end = end;
    else this.block = { start, end };
  }

  /** A line that is not a comment ends the block of comment lines before it, which is then judged. */
  endCommentBlock(): void {
    if (this.block) this.comment(this.block.start, this.block.end);
    this.block = undefined;
  }

  /** A paragraph of prose: judged as a comment is, and by the text-only detector. */
  prose(start: number, end: number): void {
    const slice = this.text.slice(start, end);
    this.commentHits(slice, verbatimFrom(start), PROSE);
    this.textHits(slice, verbatimFrom(start));
  }

  /** Text no parser structures (a command's word, a Dockerfile instruction): the text-only detector. */
  textAt(value: string, offsetOf: (index: number) => number): void {
    this.textHits(value, offsetOf);
  }

  /** `text[start, end)` through the text-only detector. */
  plainText(start: number, end: number): void {
    this.textHits(this.text.slice(start, end), verbatimFrom(start));
  }

  /** A finding made elsewhere (a sub-format's), placed at `offset` of this file. */
  add(offset: number, finding: Omit<ContentFinding, 'line' | 'column'>): void {
    if (this.found.has(offset)) return;
    const { line, column } = positionAt((this.starts ??= lineStarts(this.text)), offset);
    this.found.set(offset, { ...finding, line, column });
  }

  /** Every finding, in the order of the text, each key occurrence once. */
  list(): ContentFinding[] {
    return [...this.found].sort(([a], [b]) => a - b).map(([, finding]) => finding);
  }

  private entry(entry: Entry, context: GroupContext): void {
    let value = entry.value.trim();
    let lead = entry.value.indexOf(value);
    // Quotes a format keeps as text (`.properties`: `key="…"`) still wrap the whole value.
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
      value = value.slice(1, -1);
      lead++;
    }
    const tokens = findKeyTokens(value);
    if (tokens.length === 0) return;
    const whole = tokens.length === 1 && tokens[0]!.start === 0 && tokens[0]!.end === value.length ? tokens[0]! : undefined;
    if (!whole) {
      // A URL, a payload or `NAME=…` inside the value: the text proves it, whoever holds it.
      this.textHits(entry.value, entry.offsetOf);
      return;
    }
    if (isPlaceholder(whole.value) || this.isAllowed(whole.value)) return;
    const verdict = this.judgeHolder(entry.path, whole.kind, context);
    if (!verdict) return;
    this.add(entry.offsetOf(lead), { kind: whole.kind, value: whole.value, reason: verdict.reason, holder: holderOf(verdict.path, verdict.code) });
  }

  /**
   * Why a whole key-shaped value is Clockwork's, by the names around it, as the rule judges a
   * property: a hash word in its own name or path vetoes; a path that names Clockwork and a
   * credential (or Clockwork alone, for the classic shape) holds it; a generic `key` is Clockwork's
   * when a sibling's value names Clockwork, or the siblings are the HTTP API's `to` and `content`.
   */
  private judgeHolder(path: readonly string[], kind: KeyKind, context: GroupContext): { reason: string; code: HolderReason; path: readonly string[] } | undefined {
    const own = path.at(-1) ?? '';
    const ownVerdict = judgeName(own, this.extraNames);
    if (ownVerdict === 'hash') return undefined;
    const full = path.join('.');
    const verdict = judgeName(full, this.extraNames);
    if (verdict === 'hash') return undefined;
    if (verdict === 'clockwork-key' || (verdict === 'clockwork' && kind === 'classic')) {
      return { reason: heldBy(full) + publicNote(path), code: 'holder', path };
    }
    if (ownVerdict !== 'key') return undefined;
    if (context.clockworkSibling) return { reason: `${heldBy(full)}, beside ${context.clockworkSibling}`, code: 'config', path };
    if ((context.payload || context.clockworkRequest) && own.toLowerCase() === 'key') return { reason: REASONS.payload, code: 'payload', path };
    if (context.clockworkDocument) return { reason: REASONS.xml, code: 'xml', path };
    return undefined;
  }

  private groupContext(group: readonly Entry[]): Pick<GroupContext, 'clockworkSibling' | 'payload'> {
    let clockworkSibling: string | undefined;
    const names = new Set<string>();
    for (const { path, value } of group) {
      const name = path.at(-1) ?? '';
      names.add(name.toLowerCase());
      const trimmed = value.trim();
      if (clockworkSibling === undefined && trimmed.length > 0 && trimmed.length <= MAX_NAME_LIKE && NAME_LIKE.test(trimmed) && findKeyTokens(trimmed).length === 0) {
        const verdict = judgeName(trimmed, this.extraNames);
        if (verdict === 'clockwork' || verdict === 'clockwork-key') clockworkSibling = `"${name}" = ${trimmed}`;
      }
    }
    return { clockworkSibling, payload: names.has('to') && names.has('content') };
  }

  private commentHits(text: string, offsetOf: (index: number) => number, wording: string = REASONS.comment): void {
    for (const hit of findKeysInComment(text, this.extraNames)) {
      const label = hit.reason === 'comment' ? labelBefore(text, hit.start) : undefined;
      this.hit(text, hit, offsetOf, label === undefined ? textHitPath(hit) : [label], hit.reason === 'comment' ? wording : undefined);
    }
  }

  private textHits(text: string, offsetOf: (index: number) => number): void {
    for (const hit of findKeysInText(text, this.extraNames)) this.hit(text, hit, offsetOf, textHitPath(hit), undefined);
  }

  private hit(text: string, hit: TextHit, offsetOf: (index: number) => number, path: readonly string[], reason: string | undefined): void {
    if (hit.kind === undefined) return;
    const value = text.slice(hit.start, hit.end);
    if (this.isAllowed(value)) return;
    const publicName = hit.reason === 'assignment' ? publicNote(path) : '';
    this.add(offsetOf(hit.start), { kind: hit.kind, value, reason: (reason ?? textHitReason(hit)) + publicName, holder: holderOf(path, textHitCode(hit)) });
  }

  private isAllowed(value: string): boolean {
    return this.allowed.has(value.toLowerCase());
  }
}

/** What a format knows about where a group of entries stands. */
export interface DocumentFacts {
  /** They are the parameters of a request to a Clockwork host (`curl https://api.clockworksms.com/… -d key=…`). */
  clockworkRequest?: boolean;
  /** An XML document that names Clockwork or is the XML API's payload: a key-named element is its `<Key>`. */
  clockworkDocument?: boolean;
}

interface GroupContext extends Required<DocumentFacts> {
  /** A sibling whose value names Clockwork, as `"provider" = clockwork`. */
  clockworkSibling: string | undefined;
  /** The siblings are the HTTP API's parameters: `to` and `content`. */
  payload: boolean;
}

function holderOf(path: readonly string[], reason: HolderReason): Holder {
  return { path, environment: environmentWords(path), functionName: undefined, file: undefined, envName: undefined, reason };
}

/** For a public-prefixed name (`NEXT_PUBLIC_CLOCKWORK_KEY`): bundlers inline its value into browser code. */
function publicNote(path: readonly string[]): string {
  const name = path.at(-1);
  const prefix = name === undefined ? undefined : publicEnvPrefix(name);
  return prefix === undefined ? '' : `; its ${prefix} name ships the value to browsers (bundlers inline it into client code)`;
}
