/**
 * The Clockwork key detector as an ESLint rule listener. The rule reports what it detects; the
 * codemod runs the same listener through ESLint's Linter and rewrites what it detects, so the two
 * can never disagree about what a key is.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { labelBefore, type Holder } from '../detect/holder.js';
import { isPlaceholder, keyKindOf, type KeyKind } from '../detect/key-shape.js';
import { compileExtraNames, mentionsClockwork } from '../detect/names.js';
import { findKeysInComment, findKeysInText } from '../detect/text-context.js';
import { ClockworkContext, envReadName, holderAt, REASONS, textHitCode, textHitPath, textHitReason } from './clockwork-context.js';
import { foldString, isConcatenation, partAt, sourceRangeOf, type FoldedString } from './string-parts.js';

export interface DetectorOptions {
  extraNames?: readonly string[];
  allowedValues?: readonly string[];
  clientModules?: readonly string[];
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
  if (!mentionsClockwork(text, extraNames) && !clientModules.some((name) => text.includes(name))) return {};

  const allowed = new Set((options.allowedValues ?? []).map((value) => value.toLowerCase()));
  const isAllowed = (value: string) => allowed.has(value.toLowerCase());
  const analysis = new ClockworkContext(sourceCode, { extraNames, clientModules });

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
    const hits = findKeysInText(folded.text, extraNames).filter(
      (hit) => hit.kind !== undefined && !isAllowed(folded.text.slice(hit.start, hit.end)) && folded.parts[partAt(folded, hit.start)]?.kind === 'text',
    );
    for (const hit of hits) {
      const value = folded.text.slice(hit.start, hit.end);
      const range = sourceRangeOf(folded, hit.start, hit.end);
      onDetection({
        value,
        kind: hit.kind!,
        reason: textHitReason(hit),
        holder: holderAt(root, textHitCode(hit), textHitPath(hit)),
        loc: range ? locOf(range) : root.loc,
        site: { type: 'embedded', folded, start: hit.start, end: hit.end, editable, keysInString: hits.length },
      });
    }
  }

  function checkWholeValue(folded: FoldedString, kind: KeyKind): void {
    if (isPlaceholder(folded.text) || isAllowed(folded.text)) return;
    const finding = analysis.explain(folded.root, kind);
    if (!finding) return;
    onDetection({ value: folded.text, kind, reason: finding.reason, holder: finding.holder, loc: folded.root.loc, site: valueSite(folded.root) });
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
      for (const comment of sourceCode.getAllComments()) {
        const valueStart = comment.range[0] + 2;
        for (const hit of findKeysInComment(comment.value, extraNames)) {
          const value = comment.value.slice(hit.start, hit.end);
          if (hit.kind === undefined || isAllowed(value)) continue;
          const range: [number, number] = [valueStart + hit.start, valueStart + hit.end];
          const reason = hit.reason === 'comment' ? REASONS.comment : textHitReason(hit);
          const label = hit.reason === 'comment' ? labelBefore(comment.value, hit.start) : undefined;
          const path = label === undefined ? textHitPath(hit) : [label];
          const holder = holderAt(sourceCode.getNodeByRangeIndex(range[0]) ?? sourceCode.ast, textHitCode(hit), path);
          onDetection({ value, kind: hit.kind, reason, holder, loc: locOf(range), site: { type: 'comment', range } });
        }
      }
    },
  };
}

function isConstAssertion(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression &&
    node.typeAnnotation.type === AST_NODE_TYPES.TSTypeReference &&
    node.typeAnnotation.typeName.type === AST_NODE_TYPES.Identifier &&
    node.typeAnnotation.typeName.name === 'const'
  );
}
