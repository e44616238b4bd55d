/**
 * Constant folding of string expressions: a literal, a template, or a `+` chain of them, as
 * text parts and holes (the interpolated expressions), with the way back to source offsets.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../detect/text-context.js';

export type StringPart =
  | {
      kind: 'text';
      value: string;
      node: TSESTree.Literal | TSESTree.TemplateElement;
      /** The source spelling between the delimiters, and where it starts. */
      raw: string;
      rawStart: number;
      /** How many leading characters the source spells as they are (up to the first escape). */
      exactPrefix: number;
      /** Whether `raw` is valid template text once backticks and `${` are escaped. */
      templateRaw: boolean;
    }
  | {
      kind: 'hole';
      node: TSESTree.Node;
      /** The value of a hole that is a known constant (`const BASE = 'https://…'`). */
      constant?: string;
    };

/** The string value of an expression known to be constant, if the caller can tell. */
export type ConstantResolver = (node: TSESTree.Node) => string | undefined;

export interface FoldedString {
  /** The expression the parts make up: where a whole-value fix applies. */
  root: TSESTree.Node;
  parts: StringPart[];
  /** Text parts joined, each hole as its constant value or one HOLE character. */
  text: string;
  /** Offset in `text` where each part starts. */
  starts: number[];
}

export function isStringLiteral(node: TSESTree.Node): node is TSESTree.StringLiteral {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string';
}

export function isConcatenation(node: TSESTree.Node): node is TSESTree.BinaryExpression {
  return node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+';
}

function isStringOperand(node: TSESTree.Node): boolean {
  return isStringLiteral(node) || node.type === AST_NODE_TYPES.TemplateLiteral;
}

/**
 * The operands of a `+` chain, left to right. Left-deep chains (the common `a + b + c`, and the
 * thousands-long ones in minified bundles) are walked with a loop, not recursion.
 */
function chainOperands(root: TSESTree.BinaryExpression): TSESTree.Node[] {
  const rights: TSESTree.Node[] = [];
  let left: TSESTree.Node = root;
  while (isConcatenation(left)) {
    rights.push(left.right);
    left = left.left;
  }
  const operands: TSESTree.Node[] = [left];
  for (let index = rights.length - 1; index >= 0; index--) {
    const right = rights[index]!;
    if (isConcatenation(right)) operands.push(...chainOperands(right));
    else operands.push(right);
  }
  return operands;
}

/** The folded parts of a string expression, or undefined if `root` does not build a string. */
export function foldString(
  root: TSESTree.Node,
  sourceText: string,
  resolve?: ConstantResolver,
): FoldedString | undefined {
  const parts: StringPart[] = [];
  if (isConcatenation(root)) {
    const operands = chainOperands(root);
    const firstString = operands.findIndex((operand) => isStringOperand(operand) || resolve?.(operand) !== undefined);
    if (firstString < 0) return undefined;
    // Operands before the first string add up as numbers (or whatever they are): one hole.
    if (firstString > 0) parts.push({ kind: 'hole', node: prefixNode(root, operands.length - firstString) });
    for (const operand of operands.slice(Math.max(firstString, 0))) appendOperand(operand, sourceText, parts);
  } else if (isStringOperand(root)) {
    appendOperand(root, sourceText, parts);
  } else {
    return undefined;
  }
  const starts: number[] = [];
  let text = '';
  for (const part of parts) {
    starts.push(text.length);
    if (part.kind === 'text') {
      text += part.value;
    } else {
      part.constant = resolve?.(part.node);
      text += part.constant ?? HOLE;
    }
  }
  return { root, parts, text, starts };
}

/** The sub-expression of a left-deep chain holding all but its last `rightCount` operands. */
function prefixNode(root: TSESTree.BinaryExpression, rightCount: number): TSESTree.Node {
  let node: TSESTree.Node = root;
  for (let index = 0; index < rightCount && isConcatenation(node); index++) node = node.left;
  return node;
}

function appendOperand(node: TSESTree.Node, sourceText: string, parts: StringPart[]): void {
  if (isStringLiteral(node)) {
    const raw = node.raw.slice(1, -1);
    // JSX attribute strings decode HTML entities, and legacy octal escapes are errors in templates.
    const templateRaw = node.parent.type !== AST_NODE_TYPES.JSXAttribute && !LEGACY_OCTAL.test(raw);
    parts.push({
      kind: 'text', value: node.value, node, raw, rawStart: node.range[0] + 1,
      exactPrefix: exactPrefix(raw, node.value), templateRaw,
    });
  } else if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    node.quasis.forEach((quasi, index) => {
      const cooked = quasi.value.cooked;
      if (cooked === null) {
        parts.push({ kind: 'hole', node: quasi });
      } else if (cooked.length > 0) {
        const raw = quasi.value.raw;
        parts.push({
          kind: 'text', value: cooked, node: quasi, raw, rawStart: quasiRawStart(quasi, sourceText),
          exactPrefix: exactPrefix(raw, cooked), templateRaw: true,
        });
      }
      const expression = node.expressions[index];
      if (expression) parts.push({ kind: 'hole', node: expression });
    });
  } else {
    parts.push({ kind: 'hole', node });
  }
}

const LEGACY_OCTAL = /\\(?:[1-7]|0\d)/;

/** Where a quasi's raw text starts; parsers disagree on whether its range holds the delimiters. */
function quasiRawStart(quasi: TSESTree.TemplateElement, sourceText: string): number {
  const [start, end] = quasi.range;
  if (end - start === quasi.value.raw.length) return start;
  return sourceText[start] === '`' || sourceText[start] === '}' ? start + 1 : start;
}

function exactPrefix(raw: string, value: string): number {
  let index = 0;
  while (index < raw.length && index < value.length && raw[index] === value[index] && raw[index] !== '\\') index++;
  return index;
}

/** The index of the part that holds `offset` of the folded text. */
export function partAt(folded: FoldedString, offset: number): number {
  let low = 0;
  let high = folded.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (folded.starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The source range of [start, end) of the folded text when the source spells it in one part,
 * else undefined (the caller then points at the whole expression).
 */
export function sourceRangeOf(folded: FoldedString, start: number, end: number): [number, number] | undefined {
  const index = partAt(folded, start);
  const part = folded.parts[index]!;
  const partStart = folded.starts[index]!;
  if (part.kind !== 'text' || end - partStart > part.exactPrefix) return undefined;
  return [part.rawStart + start - partStart, part.rawStart + end - partStart];
}

/** A span of the folded text to replace with an expression: `${expression}`. */
export interface Splice {
  start: number;
  end: number;
  expression: string;
}

/**
 * Source of a template literal equal to the folded string with each splice's span replaced by
 * `${expression}`: how embedded keys become lookups without touching the text around them.
 * Splices must not overlap.
 */
export function renderTemplate(folded: FoldedString, splices: readonly Splice[], sourceText: string): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  let out = '`';
  folded.parts.forEach((part, index) => {
    const partStart = folded.starts[index]!;
    if (part.kind === 'hole') {
      const spliced = sorted.find((splice) => partStart >= splice.start && partStart < splice.end);
      if (part.constant === undefined && spliced) return;
      out += '${' + sourceText.slice(part.node.range[0], part.node.range[1]) + '}';
      return;
    }
    const partEnd = partStart + part.value.length;
    let cursor = 0;
    for (const splice of sorted) {
      if (splice.end <= partStart || splice.start >= partEnd) continue;
      const from = Math.max(0, splice.start - partStart);
      const to = Math.min(part.value.length, splice.end - partStart);
      out += spell(part, cursor, from);
      if (partStart + from === splice.start) out += '${' + splice.expression + '}';
      cursor = to;
    }
    out += spell(part, cursor, part.value.length);
  });
  return out + '`';
}

type TextPart = Extract<StringPart, { kind: 'text' }>;

/**
 * Template source for value[from, to) of a text part: the source spelling where it can be kept
 * (before the first escape, or the whole part), else the value escaped afresh.
 */
function spell(part: TextPart, from: number, to: number): string {
  if (from >= to) return '';
  if (part.templateRaw && from === 0 && to === part.value.length) return escapeRawForTemplate(part.raw, part.node);
  if (part.templateRaw && to <= part.exactPrefix) return escapeRawForTemplate(part.raw.slice(from, to), part.node);
  if (part.templateRaw && from <= part.exactPrefix && to === part.value.length) {
    // From a position the source spells as is, to the end: the raw tail starts at the same offset.
    return escapeRawForTemplate(part.raw.slice(from), part.node);
  }
  return escapeTemplateText(part.value.slice(from, to));
}

/** A string literal's raw text as template text: escapes stay, bare backticks and `${` get one. */
function escapeRawForTemplate(raw: string, node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.TemplateElement) return raw;
  let out = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]!;
    if (char === '\\') {
      out += raw.slice(index, index + 2);
      index++;
    } else if (char === '`' || (char === '$' && raw[index + 1] === '{')) {
      out += `\\${char}`;
    } else {
      out += char;
    }
  }
  return out;
}

const TEMPLATE_SPECIAL = /[`\\\r\u2028\u2029]|\$(?=\{)/g;

function escapeTemplateText(text: string): string {
  return text.replace(TEMPLATE_SPECIAL, (char) => {
    if (char === '\r') return '\\r';
    if (char === '\u2028') return '\\u2028';
    if (char === '\u2029') return '\\u2029';
    return `\\${char}`;
  });
}
