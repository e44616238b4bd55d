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
      /** Source offset of `value[0]` when the source spells the value as is (no escapes). */
      rawOffset: number | undefined;
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
    parts.push({ kind: 'text', value: node.value, node, rawOffset: raw === node.value ? node.range[0] + 1 : undefined });
  } else if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    node.quasis.forEach((quasi, index) => {
      const cooked = quasi.value.cooked;
      if (cooked === null) {
        parts.push({ kind: 'hole', node: quasi });
      } else if (cooked.length > 0) {
        parts.push({ kind: 'text', value: cooked, node: quasi, rawOffset: quasiRawOffset(quasi, sourceText) });
      }
      const expression = node.expressions[index];
      if (expression) parts.push({ kind: 'hole', node: expression });
    });
  } else {
    parts.push({ kind: 'hole', node });
  }
}

/** Where a quasi's raw text starts; parsers disagree on whether its range holds the delimiters. */
function quasiRawOffset(quasi: TSESTree.TemplateElement, sourceText: string): number | undefined {
  if (quasi.value.raw !== quasi.value.cooked) return undefined;
  const [start, end] = quasi.range;
  const offset = end - start === quasi.value.raw.length ? start : start + 1;
  return sourceText.startsWith(quasi.value.raw, offset) ? offset : undefined;
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
  if (part.kind !== 'text' || part.rawOffset === undefined || end > folded.starts[index]! + part.value.length) {
    return undefined;
  }
  const offset = part.rawOffset + start - folded.starts[index]!;
  return [offset, offset + end - start];
}

/**
 * Source of a template literal equal to the folded string with [start, end) replaced by
 * `${replacement}`: how an embedded key becomes a lookup without touching the text around it.
 */
export function renderTemplate(
  folded: FoldedString,
  start: number,
  end: number,
  replacement: string,
  sourceText: string,
): string {
  let out = '`';
  folded.parts.forEach((part, index) => {
    const partStart = folded.starts[index]!;
    if (part.kind === 'hole') {
      if (part.constant === undefined && partStart >= start && partStart < end) return;
      out += '${' + sourceText.slice(part.node.range[0], part.node.range[1]) + '}';
      return;
    }
    const value = part.value;
    const from = Math.max(0, start - partStart);
    const to = Math.min(value.length, end - partStart);
    if (from < to) {
      out += escapeTemplateText(value.slice(0, from));
      if (partStart + from === start) out += '${' + replacement + '}';
      out += escapeTemplateText(value.slice(to));
    } else {
      out += escapeTemplateText(value);
    }
  });
  return out + '`';
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
