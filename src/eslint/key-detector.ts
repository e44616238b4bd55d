/**
 * The Clockwork key detector as an ESLint rule listener. The rule reports what it detects; the
 * codemod runs the same listener through ESLint's Linter and rewrites what it detects, so the two
 * can never disagree about what a key is.
 *
 * Two passes over one file: the first proves keys by their context (strings, comment blocks,
 * data flow); the last reports every other occurrence of a proven value in the file, since a
 * value known to be a key is a key wherever it appears.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { labelBefore, type Holder } from '../detect/holder.js';
import { findKeyTokens, isPlaceholder, keyKindOf, type KeyKind } from '../detect/key-shape.js';
import { findKnownValues, knownForm } from '../detect/known-values.js';
import { compileExtraNames, mentionsClockwork } from '../detect/names.js';
import { findKeysInComment, findKeysInProse, findKeysInText, saysHash } from '../detect/text-context.js';
import { ClockworkContext, envReadName, holderAt, REASONS, textHitCode, textHitPath, textHitReason, writtenPath } from './clockwork-context.js';
import { foldString, isConcatenation, partAt, sourceRangeOf, type FoldedString } from './string-parts.js';

/** Only `scan` and `fix` give this reason: the rule sees one file at a time. */
export const KNOWN_IN_RUN = 'the same value as a Clockwork key found in another file';

export interface DetectorOptions {
  extraNames?: readonly string[];
  allowedValues?: readonly string[];
  clientModules?: readonly string[];
  /** Values proven to be keys elsewhere in the run (`scan` and `fix` across files): keys here too. */
  knownValues?: readonly string[];
}

/** Where a key sits, which decides how it is replaced. */
export type KeySite =
  /** The whole expression `node` is the key (or `process.env.X || key`, when `fallback` is set). */
  | {
      type: 'value';
      node: TSESTree.Node;
      fallback: { logical: TSESTree.LogicalExpression; envName: string } | undefined;
      /** False where no expression may stand: string enum members. */
      editable: boolean;
    }
  /** The key is [start, end) of a longer folded string; `folded.root` is rewritten as a template. */
  | { type: 'embedded'; folded: FoldedString; start: number; end: number; editable: boolean; keysInString: number }
  | { type: 'comment'; range: [number, number] };

export interface KeyDetection {
  value: string;
  kind: KeyKind;
  /** Why it is Clockwork's, in words for the rule's message. */
  reason: string;
  /** Where it is held, for every other consumer: names, inventory, SARIF. */
  holder: Holder;
  loc: TSESTree.SourceLocation;
  site: KeySite;
}

/** Literals in these places are names, not values: module specifiers, types, keys. */
const NOT_A_VALUE = new Set<string>([
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
  AST_NODE_TYPES.ExportNamedDeclaration,
  AST_NODE_TYPES.ImportExpression,
  AST_NODE_TYPES.ImportAttribute,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSExternalModuleReference,
  AST_NODE_TYPES.TSModuleDeclaration,
  AST_NODE_TYPES.TSImportType,
]);

export function createKeyDetector(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  options: DetectorOptions,
  onDetection: (detection: KeyDetection) => void,
): TSESLint.RuleListener {
  const { sourceCode } = context;
  const extraNames = compileExtraNames(options.extraNames ?? []);
  const clientModules = options.clientModules ?? [];
  const text = sourceCode.text;
  /** Values proven in other files of the run, in the form they are compared in. */
  const provenElsewhere = new Set((options.knownValues ?? []).flatMap((value) => {
    const kind = keyKindOf(value);
    return kind ? [knownForm(value, kind)] : [];
  }));
  const holdsKnownValue = () => provenElsewhere.size > 0 && findKnownValues(text, provenElsewhere).length > 0;
  if (!mentionsClockwork(text, extraNames) && !clientModules.some((name) => text.includes(name)) && !holdsKnownValue()) return {};

  const allowed = new Set((options.allowedValues ?? []).map((value) => value.toLowerCase()));
  const isAllowed = (value: string) => allowed.has(value.toLowerCase());
  const analysis = new ClockworkContext(sourceCode, { extraNames, clientModules });
  /** The values proven in this file, in the form they are compared in. */
  const known = new Set<string>(provenElsewhere);
  /** Key-shaped values no context proved: keys after all if the same value is proven elsewhere. */
  const unproven: Unproven[] = [];

  /** The values a context proved in this file. */
  const provenHere = new Set<string>();

  function report(detection: KeyDetection): void {
    known.add(knownForm(detection.value, detection.kind));
    provenHere.add(knownForm(detection.value, detection.kind));
    onDetection(detection);
  }

  function locOf([start, end]: [number, number]): TSESTree.SourceLocation {
    return { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) };
  }

  function checkString(root: TSESTree.Node): void {
    const folded = foldString(root, text, (node) => analysis.constantString(node));
    if (!folded || folded.text.length < 24) return;
    const kind = keyKindOf(folded.text);
    if (kind) {
      checkWholeValue(folded, kind);
      return;
    }
    const editable = root.parent?.type !== AST_NODE_TYPES.TaggedTemplateExpression;
    // A key inside a constant's value is reported where the constant is defined.
    const reportable = (start: number, end: number) => !isAllowed(folded.text.slice(start, end)) && folded.parts[partAt(folded, start)]?.kind === 'text';
    const hits: { start: number; end: number; kind: KeyKind; reason: string; holder: Holder }[] = [];
    for (const hit of findKeysInText(folded.text, extraNames)) {
      if (hit.kind === undefined || !reportable(hit.start, hit.end)) continue;
      hits.push({ start: hit.start, end: hit.end, kind: hit.kind, reason: textHitReason(hit), holder: holderAt(root, textHitCode(hit), textHitPath(hit)) });
    }
    const proven = new Set(hits.map((hit) => hit.start));
    // Prose that names Clockwork and labels the token a credential: `'clockwork api=…'`.
    for (const hit of findKeysInProse(folded.text, extraNames)) {
      if (proven.has(hit.start) || !reportable(hit.start, hit.end)) continue;
      proven.add(hit.start);
      hits.push({ start: hit.start, end: hit.end, kind: hit.kind, reason: REASONS.prose, holder: holderAt(root, 'prose', [hit.label]) });
    }
    hits.sort((a, b) => a.start - b.start);
    const embedded = (start: number, end: number, keysInString: number): { site: KeySite; loc: TSESTree.SourceLocation; at: number } => {
      const range = sourceRangeOf(folded, start, end);
      return {
        site: { type: 'embedded', folded, start, end, editable, keysInString },
        loc: range ? locOf(range) : root.loc,
        // Where the words before the token are read: in the source when it spells the token as is.
        at: range ? range[0] : root.range[0],
      };
    };
    for (const hit of hits) {
      const { site, loc } = embedded(hit.start, hit.end, hits.length);
      report({ value: folded.text.slice(hit.start, hit.end), kind: hit.kind, reason: hit.reason, holder: hit.holder, loc, site });
    }
    for (const token of findKeyTokens(folded.text)) {
      if (proven.has(token.start) || isPlaceholder(token.value) || !reportable(token.start, token.end)) continue;
      const { site, loc, at } = embedded(token.start, token.end, hits.length + 1);
      unproven.push({ value: token.value, kind: token.kind, at, loc, site, holder: () => holderAt(root, 'known-value', []) });
    }
  }

  function checkWholeValue(folded: FoldedString, kind: KeyKind): void {
    if (isPlaceholder(folded.text) || isAllowed(folded.text)) return;
    const root = folded.root;
    const finding = analysis.explain(root, kind);
    if (finding) {
      report({ value: folded.text, kind, reason: finding.reason, holder: finding.holder, loc: root.loc, site: valueSite(root) });
      return;
    }
    unproven.push({ value: folded.text, kind, at: root.range[0], loc: root.loc, site: valueSite(root), holder: () => holderAt(root, 'known-value', writtenPath(root)) });
  }

  /** Comments, a run of line comments or one block at a time: a unit that names Clockwork anywhere judges every token in it. */
  function checkComments(): void {
    for (const unit of commentUnits(sourceCode.getAllComments(), text)) {
      const proven = new Set<number>();
      const sourceRange = (start: number, end: number): [number, number] => {
        const piece = pieceAt(unit, start);
        return [piece.start + start - piece.offset, piece.start + end - piece.offset];
      };
      const holderNode = (range: [number, number]) => sourceCode.getNodeByRangeIndex(range[0]) ?? sourceCode.ast;
      for (const hit of findKeysInComment(unit.text, extraNames)) {
        const value = unit.text.slice(hit.start, hit.end);
        if (hit.kind === undefined || isAllowed(value)) continue;
        proven.add(hit.start);
        const range = sourceRange(hit.start, hit.end);
        const reason = hit.reason === 'comment' ? REASONS.comment : textHitReason(hit);
        const label = hit.reason === 'comment' ? labelBefore(unit.text, hit.start) : undefined;
        const path = label === undefined ? textHitPath(hit) : [label];
        report({ value, kind: hit.kind, reason, holder: holderAt(holderNode(range), textHitCode(hit), path), loc: locOf(range), site: { type: 'comment', range } });
      }
      for (const token of findKeyTokens(unit.text)) {
        if (proven.has(token.start) || isPlaceholder(token.value) || isAllowed(token.value)) continue;
        const range = sourceRange(token.start, token.end);
        // Where the key sits decides how it is named and kept: a comment's copy is redacted, not kept.
        const holder = () => {
          const label = labelBefore(unit.text, token.start);
          return holderAt(holderNode(range), 'comment', label === undefined ? [] : [label]);
        };
        unproven.push({ value: token.value, kind: token.kind, at: range[0], loc: locOf(range), site: { type: 'comment', range }, holder });
      }
    }
  }

  /** The last pass: every unproven occurrence of a value proven elsewhere in the file, unless its label says hash. */
  function checkKnownValues(): void {
    for (const candidate of unproven) {
      const form = knownForm(candidate.value, candidate.kind);
      if (!known.has(form) || saysHash(text, candidate.at, extraNames)) continue;
      const reason = provenHere.has(form) ? REASONS.knownValue : KNOWN_IN_RUN;
      onDetection({ value: candidate.value, kind: candidate.kind, reason, holder: candidate.holder(), loc: candidate.loc, site: candidate.site });
    }
  }

  function valueSite(root: TSESTree.Node): KeySite {
    const parent = root.parent;
    const editable = parent?.type !== AST_NODE_TYPES.TSEnumMember && parent?.type !== AST_NODE_TYPES.TaggedTemplateExpression;
    if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.right === root) {
      const envName = envReadName(parent.left);
      if (envName !== undefined) return { type: 'value', node: root, fallback: { logical: parent, envName }, editable };
    }
    // `'…' as const` cannot stay `as const` once the literal is an expression: replace both.
    const node = parent && isConstAssertion(parent) ? parent : root;
    return { type: 'value', node, fallback: undefined, editable };
  }

  function isValuePosition(node: TSESTree.Literal | TSESTree.TemplateLiteral): boolean {
    const parent = node.parent;
    if (!parent || NOT_A_VALUE.has(parent.type)) return false;
    if (parent.type === AST_NODE_TYPES.TSEnumMember) return parent.initializer === node;
    if ('key' in parent && parent.key === node) return false;
    return !(parent.type === AST_NODE_TYPES.ExpressionStatement && parent.directive !== undefined);
  }

  return {
    Literal(node) {
      if (typeof node.value === 'string' && !isConcatenation(node.parent) && isValuePosition(node)) checkString(node);
    },
    TemplateLiteral(node) {
      if (!isConcatenation(node.parent) && isValuePosition(node)) checkString(node);
    },
    BinaryExpression(node) {
      if (node.operator === '+' && !isConcatenation(node.parent)) checkString(node);
    },
    Program() {
      checkComments();
    },
    'Program:exit'() {
      checkKnownValues();
    },
  };
}

/** A key-shaped value the first pass did not prove, with what its report would say. */
interface Unproven {
  value: string;
  kind: KeyKind;
  /** Where the words that label it end (the token's, or its literal's, source offset). */
  at: number;
  loc: TSESTree.SourceLocation;
  site: KeySite;
  /** Built only for the few that are reported. */
  holder: () => Holder;
}

/** Comments judged as one text: a block comment alone, or a run of line comments on consecutive lines. */
interface CommentUnit {
  text: string;
  /** Where each comment's value starts, in `text` and in the source. */
  pieces: { offset: number; start: number }[];
}

/** The comment of a unit that holds `offset` of its text (a run may join thousands: a binary search). */
function pieceAt(unit: CommentUnit, offset: number): CommentUnit['pieces'][number] {
  let low = 0;
  let high = unit.pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (unit.pieces[middle]!.offset <= offset) low = middle;
    else high = middle - 1;
  }
  return unit.pieces[low]!;
}

function commentUnits(comments: readonly TSESTree.Comment[], source: string): CommentUnit[] {
  const units: CommentUnit[] = [];
  let current: CommentUnit | undefined;
  let previous: TSESTree.Comment | undefined;
  for (const comment of comments) {
    // `//`, `/*` and a shebang's `#!` are two characters each.
    const start = comment.range[0] + 2;
    if (current && previous?.type === 'Line' && comment.type === 'Line' && isLineBreakBetween(source, previous.range[1], comment.range[0])) {
      current.text += '\n';
      current.pieces.push({ offset: current.text.length, start });
      current.text += comment.value;
    } else {
      current = { text: comment.value, pieces: [{ offset: 0, start }] };
      units.push(current);
    }
    previous = comment;
  }
  return units;
}

/** Whether [from, to) of `source` is whitespace holding exactly one line break: the next line's comment. */
function isLineBreakBetween(source: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let index = from; index < to; index++) {
    const char = source[index];
    if (char === '\n' || char === '\u2028' || char === '\u2029' || (char === '\r' && source[index + 1] !== '\n')) breaks++;
    else if (char !== ' ' && char !== '\t' && char !== '\r' && char !== '\f' && char !== '\v' && char !== '\ufeff' && char !== '\u00a0') return false;
  }
  return breaks === 1;
}

function isConstAssertion(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression &&
    node.typeAnnotation.type === AST_NODE_TYPES.TSTypeReference &&
    node.typeAnnotation.typeName.type === AST_NODE_TYPES.Identifier &&
    node.typeAnnotation.typeName.name === 'const'
  );
}
