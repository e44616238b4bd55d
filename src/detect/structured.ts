/**
 * Keys in structured documents (JSON, JSONC, JSON5, YAML): the context model of code, applied to
 * values already taken out of their tree. An adapter per tree lists every string value with the
 * keys that lead to it and the members beside it; this module judges them. Pure: no parser, no
 * ESLint, so the rule and `scan` judge config files alike.
 *
 * What proves a key here is what proves it in code: a path that names Clockwork and a credential
 * (`production.clockwork.apiKey`, `environment.CLOCKWORK_API_KEY`), a credential beside
 * `provider: clockwork` or beside the HTTP API's `to` and `content`, a `name`/`value` pair whose
 * name is a Clockwork env name (Kubernetes, ECS), and the text of the value itself (a Clockwork
 * URL, `CLOCKWORK_API_KEY=…` in a compose list). A path with a hash word never holds a key.
 */
import { lineStarts, positionAt } from './positions.js';
import { environmentWords, labelBefore, pathOfName, type Holder, type HolderReason } from './holder.js';
import { isPlaceholder, keyKindOf, type KeyKind } from './key-shape.js';
import { compileExtraNames, judgeName, nameWords, type ExtraNames } from './names.js';
import { findKeysInComment, findKeysInText, type TextHit } from './text-context.js';

/** A member of a mapping: its key, and its value when that is a string. */
export interface StructuredMember {
  name: string;
  value: string | undefined;
}

export interface StructuredEntry {
  /**
   * The keys from the document's root to the value, as written: ['production', 'clockwork',
   * 'apiKey']. Sequence items add no segment.
   */
  path: readonly string[];
  /** The string value (a YAML plain scalar that reads as a number: its source text). */
  value: string;
  /** The value as written in the source, quotes included: [start, end). */
  start: number;
  end: number;
  /**
   * Every member of the mapping that holds the value, its own included (one list shared by all the
   * mapping's entries, so a wide mapping costs linear time); none for a sequence item.
   */
  members?: readonly StructuredMember[];
}

/** One comment: its text without the markers, and where that text starts in the source. */
export interface StructuredComment {
  value: string;
  /** Offset of `value`'s first character in the source. */
  start: number;
  /** 1-based line of the comment's first character. */
  line: number;
  /** Line comments (`#`, `//`) on consecutive lines form one block. */
  kind: 'line' | 'block';
}

export interface StructuredOptions {
  extraNames?: readonly string[];
  allowedValues?: readonly string[];
}

/** The reasons a config file can give: no client calls, env reads or env assignments there. */
export type StructuredHolder = Holder & { reason: Extract<HolderReason, 'holder' | 'config' | 'payload' | 'url' | 'email' | 'xml' | 'comment'> };

export interface StructuredDetection {
  /** The range to report, in the source: the whole value as written, or the key inside it. */
  start: number;
  end: number;
  value: string;
  kind: KeyKind;
  holder: StructuredHolder;
  /** A whole value, a key inside a longer string, or a key in a comment (which may be redacted). */
  site: 'value' | 'embedded' | 'comment';
}

/** The shortest credential (a successor token); shorter strings are never looked at. */
const MIN_KEY_LENGTH = 24;

/** Lockfile fields that say "hash" without a hash word: `resolved` URLs end in `#<sha>`. */
const LOCK_FIELD_WORDS = new Set(['resolved', 'tarball']);

/** Members that name the value beside them: `{ name: CLOCKWORK_API_KEY, value: … }`. */
const PAIR_NAME_KEYS = new Set(['name', 'key']);
const PAIR_VALUE_KEY = 'value';

/** A config key or env name (`clockwork.apiKey`, `CLOCKWORK_KEY`), not prose ("via clockwork"). */
const NAME_LIKE = /^[\w$.:/-]{1,100}$/;

/**
 * Files that pin dependencies by hash: nothing in them is a credential, and they are full of
 * key-shaped values. Compared by base name.
 */
export const LOCKFILE_NAMES: readonly string[] = [
  'package-lock.json', '.package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'shrinkwrap.yaml', 'bun.lock',
  'bun.lockb', 'deno.lock', 'composer.lock', 'Gemfile.lock', 'poetry.lock', 'Pipfile.lock', 'pdm.lock', 'uv.lock',
  'conda-lock.yml', 'Cargo.lock', 'go.sum', 'mix.lock', 'pubspec.lock', 'Podfile.lock', 'packages.lock.json',
  'gradle.lockfile', 'flake.lock', 'Package.resolved', '.terraform.lock.hcl',
];

const LOCKFILES = new Set(LOCKFILE_NAMES.map((name) => name.toLowerCase()));

/** Whether `path` (any separator) names a lockfile. */
export function isLockfile(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return LOCKFILES.has(base.toLowerCase());
}

/** The keys among a document's values and comments, in source order. */
export function findStructuredKeys(
  source: string,
  entries: Iterable<StructuredEntry>,
  comments: readonly StructuredComment[],
  options: StructuredOptions = {},
): StructuredDetection[] {
  const extraNames = compileExtraNames(options.extraNames ?? []);
  const allowed = new Set((options.allowedValues ?? []).map((value) => value.toLowerCase()));
  const isAllowed = (value: string) => allowed.has(value.toLowerCase());
  const detections: StructuredDetection[] = [];
  for (const entry of entries) {
    if (entry.value.length < MIN_KEY_LENGTH) continue;
    for (const detection of judgeEntry(source, entry, extraNames)) {
      if (!isAllowed(detection.value)) detections.push(detection);
    }
  }
  for (const block of commentBlocks(comments)) {
    for (const detection of judgeComment(block, extraNames)) {
      if (!isAllowed(detection.value)) detections.push(detection);
    }
  }
  return detections.sort((a, b) => a.start - b.start);
}

function holderOf(path: readonly string[], reason: StructuredHolder['reason']): StructuredHolder {
  return { path, environment: environmentWords(path), functionName: undefined, file: undefined, envName: undefined, reason };
}

function judgeEntry(source: string, entry: StructuredEntry, extraNames: ExtraNames): StructuredDetection[] {
  const own = entry.path.at(-1);
  if (entry.path.length > 0 && judgeName(entry.path.join('.'), extraNames) === 'hash') return [];
  if (own !== undefined && nameWords(own).some((word) => LOCK_FIELD_WORDS.has(word))) return [];
  const kind = keyKindOf(entry.value);
  if (kind) {
    if (isPlaceholder(entry.value)) return [];
    const proof = wholeValueProof(entry, kind, extraNames);
    return proof ? [{ start: entry.start, end: entry.end, value: entry.value, kind, holder: holderOf(proof.path, proof.reason), site: 'value' }] : [];
  }
  return findKeysInText(entry.value, extraNames).flatMap((hit) => {
    if (hit.kind === undefined) return [];
    const value = entry.value.slice(hit.start, hit.end);
    const span = sourceSpan(source, entry, value, hit.start);
    const path = hit.reason === 'assignment' ? [...entry.path, ...pathOfName(hit.name ?? '')] : [];
    return [{ ...span, value, kind: hit.kind, holder: holderOf(path, textReason(hit)), site: 'embedded' as const }];
  });
}

/** Why a whole key-shaped value is Clockwork's, and the path of its holder. */
function wholeValueProof(entry: StructuredEntry, kind: KeyKind, extraNames: ExtraNames): { path: readonly string[]; reason: StructuredHolder['reason'] } | undefined {
  const { path, members = [] } = entry;
  if (path.length > 0 && provesKey(judgeName(path.join('.'), extraNames), kind)) return { path, reason: 'holder' };
  const own = path.at(-1);
  if (own === undefined) return undefined;
  if (judgeName(own, extraNames) === 'key') {
    // `{ provider: clockwork, apiKey: … }`, and the HTTP API's `{ key, to, content }`.
    const named = members.some((member) => {
      if (member.value === undefined || !NAME_LIKE.test(member.value)) return false;
      const verdict = judgeName(member.value, extraNames);
      return verdict === 'clockwork' || verdict === 'clockwork-key';
    });
    if (named) return { path, reason: 'config' };
    const names = new Set(members.map((member) => member.name.toLowerCase()));
    if (names.has('to') && names.has('content')) return { path, reason: 'payload' };
  }
  if (own.toLowerCase() === PAIR_VALUE_KEY) {
    // `env: [{ name: CLOCKWORK_API_KEY, value: … }]`: the pair's name holds the value.
    for (const member of members) {
      if (!PAIR_NAME_KEYS.has(member.name.toLowerCase()) || member.value === undefined || !NAME_LIKE.test(member.value)) continue;
      if (provesKey(judgeName(member.value, extraNames), kind)) return { path: [...path.slice(0, -1), ...pathOfName(member.value)], reason: 'holder' };
    }
  }
  return undefined;
}

/** A name proves a key when it says Clockwork and credential; Clockwork alone, for the classic key. */
function provesKey(verdict: ReturnType<typeof judgeName>, kind: KeyKind): boolean {
  return verdict === 'clockwork-key' || (verdict === 'clockwork' && kind === 'classic');
}

function textReason(hit: TextHit): StructuredHolder['reason'] {
  return hit.reason === 'assignment' ? 'holder' : hit.reason;
}

/**
 * Where `value`, found at `valueStart` of the entry's value, is written. The value as written may
 * differ from the value (quotes, escapes, a block scalar's indentation), but a key is letters and
 * digits, which are written as themselves: the same occurrence of it in the written text is the
 * one. Failing that, the whole value.
 */
function sourceSpan(source: string, entry: StructuredEntry, value: string, valueStart: number): { start: number; end: number } {
  let occurrence = 0;
  for (let index = entry.value.indexOf(value); index >= 0 && index < valueStart; index = entry.value.indexOf(value, index + 1)) occurrence++;
  let index = source.indexOf(value, entry.start);
  for (let seen = 0; seen < occurrence && index >= 0; seen++) index = source.indexOf(value, index + 1);
  if (index < 0 || index + value.length > entry.end) return { start: entry.start, end: entry.end };
  return { start: index, end: index + value.length };
}

/** A run of comments judged as one text: line comments on consecutive lines, or one block comment. */
interface CommentBlock {
  text: string;
  /** Each comment's offset in `text` and in the source. */
  pieces: { offset: number; start: number }[];
}

function commentBlocks(comments: readonly StructuredComment[]): CommentBlock[] {
  const blocks: CommentBlock[] = [];
  let current: CommentBlock | undefined;
  let previous: StructuredComment | undefined;
  for (const comment of comments) {
    const continues = current !== undefined && previous?.kind === 'line' && comment.kind === 'line' && comment.line === previous.line + 1;
    if (continues) {
      current!.text += '\n';
      current!.pieces.push({ offset: current!.text.length, start: comment.start });
      current!.text += comment.value;
    } else {
      current = { text: comment.value, pieces: [{ offset: 0, start: comment.start }] };
      blocks.push(current);
    }
    previous = comment;
  }
  return blocks;
}

function judgeComment(block: CommentBlock, extraNames: ExtraNames): StructuredDetection[] {
  return findKeysInComment(block.text, extraNames).flatMap((hit) => {
    if (hit.kind === undefined) return [];
    const piece = block.pieces.findLast((candidate) => candidate.offset <= hit.start)!;
    const start = piece.start + hit.start - piece.offset;
    let path: string[] = [];
    if (hit.reason === 'comment') {
      const label = labelBefore(block.text, hit.start);
      if (label !== undefined) path = [label];
    } else if (hit.reason === 'assignment') path = pathOfName(hit.name ?? '');
    const holder = holderOf(path, hit.reason === 'comment' ? 'comment' : textReason(hit));
    return [{ start, end: start + hit.end - hit.start, value: block.text.slice(hit.start, hit.end), kind: hit.kind, holder, site: 'comment' as const }];
  });
}

/** 1-based line and column of offsets in `source`: linear to build, logarithmic to ask. */
export function locator(source: string): (offset: number) => { line: number; column: number } {
  const starts = lineStarts(source);
  return (offset) => positionAt(starts, offset);
}
