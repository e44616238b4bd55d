import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isPlaceholder, keyKindOf, type KeyKind } from '../src/detect/key-shape.js';
import { maskKey } from '../src/detect/mask.js';
import { compileExtraNames, mentionsClockwork } from '../src/detect/names.js';
import { findKeysInComment, findKeysInText } from '../src/detect/text-context.js';
import { ClockworkContext, envReadName, REASONS, textHitReason } from '../src/eslint/clockwork-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { foldString, isConcatenation, partAt, renderTemplate, sourceRangeOf, type FoldedString } from '../src/eslint/string-parts.js';

export type Options = [
  {
    envVariable?: string;
    extraNames?: string[];
    allowedValues?: string[];
    clientModules?: string[];
  },
];

export type MessageIds = 'hardcodedKey' | 'useEnv' | 'dropFallback' | 'redactComment';

const KIND_WORDS: Record<KeyKind, string> = { classic: 'API key', successor: 'access token' };
const REDACTED = '[redacted]';

/** Literals in these places are names, not values: module specifiers, types, keys, directives. */
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
  AST_NODE_TYPES.TSEnumMember,
]);

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow hardcoded Clockwork SMS API keys',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      hardcodedKey:
        'Hardcoded Clockwork {{kind}} {{masked}}, {{reason}}. Load it from the environment or a secrets manager, and rotate it if it was ever committed.',
      useEnv: 'Read the key from process.env.{{name}} instead.',
      dropFallback: 'Drop the hardcoded fallback and read only process.env.{{name}}.',
      redactComment: 'Redact the key from this comment.',
    },
    schema: [
      {
        type: 'object',
        description: 'Where keys come from in this codebase, and which key-shaped values are allowed.',
        additionalProperties: false,
        properties: {
          envVariable: {
            type: 'string',
            pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
            description: 'Environment variable that the suggestion reads the key from.',
          },
          extraNames: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Extra names that mean Clockwork in this codebase (for example an in-house wrapper).',
          },
          allowedValues: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Key-shaped values that are never reported, such as published test keys.',
          },
          clientModules: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Extra module names whose exports are Clockwork clients.',
          },
        },
      },
    ],
    defaultOptions: [{ envVariable: 'CLOCKWORK_API_KEY', extraNames: [], allowedValues: [], clientModules: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const extraNames = compileExtraNames(options.extraNames ?? []);
    const clientModules = options.clientModules ?? [];
    const text = sourceCode.text;
    if (!mentionsClockwork(text, extraNames) && !clientModules.some((name) => text.includes(name))) return {};

    const envVariable = options.envVariable ?? 'CLOCKWORK_API_KEY';
    const allowed = new Set((options.allowedValues ?? []).map((value) => value.toLowerCase()));
    const analysis = new ClockworkContext(sourceCode, { extraNames, clientModules });
    const isAllowed = (value: string) => allowed.has(value.toLowerCase());

    function report(
      loc: TSESTree.SourceLocation,
      kind: KeyKind,
      value: string,
      reason: string,
      suggest: TSESLint.ReportSuggestionArray<MessageIds>,
    ): void {
      context.report({
        loc,
        messageId: 'hardcodedKey',
        data: { kind: KIND_WORDS[kind], masked: maskKey(value), reason },
        suggest,
      });
    }

    function locOf([start, end]: [number, number]): TSESTree.SourceLocation {
      return { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) };
    }

    /** The fix for a whole-value key: drop an env fallback, or read the env variable instead. */
    function wholeValueFix(root: TSESTree.Node): TSESLint.ReportSuggestionArray<MessageIds> {
      const parent = root.parent;
      if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.right === root) {
        const name = envReadName(parent.left);
        if (name !== undefined) {
          const envRead = sourceCode.getText(parent.left);
          return [{ messageId: 'dropFallback', data: { name }, fix: (fixer) => fixer.replaceText(parent, envRead) }];
        }
      }
      return replacementFix(root, `process.env.${envVariable}`);
    }

    function replacementFix(root: TSESTree.Node, expression: string): TSESLint.ReportSuggestionArray<MessageIds> {
      if (root.parent?.type === AST_NODE_TYPES.TaggedTemplateExpression) return [];
      const text = root.parent?.type === AST_NODE_TYPES.JSXAttribute ? `{${expression}}` : expression;
      return [{ messageId: 'useEnv', data: { name: envVariable }, fix: (fixer) => fixer.replaceText(root, text) }];
    }

    function checkString(root: TSESTree.Node): void {
      const folded = foldString(root, sourceCode.text, (node) => analysis.constantString(node));
      if (!folded || folded.text.length < 24) return;
      const kind = keyKindOf(folded.text);
      if (kind) {
        checkWholeValue(folded, kind);
        return;
      }
      for (const hit of findKeysInText(folded.text, extraNames)) {
        const value = folded.text.slice(hit.start, hit.end);
        // A key inside a constant's value is reported where the constant is defined.
        if (hit.kind === undefined || isAllowed(value) || folded.parts[partAt(folded, hit.start)]?.kind !== 'text') continue;
        const range = sourceRangeOf(folded, hit.start, hit.end);
        const template = renderTemplate(folded, hit.start, hit.end, `process.env.${envVariable}`, sourceCode.text);
        report(range ? locOf(range) : root.loc, hit.kind, value, textHitReason(hit), replacementFix(root, template));
      }
    }

    function checkWholeValue(folded: FoldedString, kind: KeyKind): void {
      if (isPlaceholder(folded.text) || isAllowed(folded.text)) return;
      const finding = analysis.explain(folded.root, kind);
      if (!finding) return;
      const suggest = folded.root.parent?.type === AST_NODE_TYPES.TSEnumMember ? [] : wholeValueFix(folded.root);
      report(folded.root.loc, kind, folded.text, finding.reason, suggest);
    }

    function isValuePosition(node: TSESTree.Literal | TSESTree.TemplateLiteral): boolean {
      const parent = node.parent;
      if (!parent || NOT_A_VALUE.has(parent.type)) return parent?.type === AST_NODE_TYPES.TSEnumMember && parent.initializer === node;
      if ('key' in parent && parent.key === node) return false;
      return !(parent.type === AST_NODE_TYPES.ExpressionStatement && 'directive' in parent && parent.directive);
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
            report(locOf(range), hit.kind, value, hit.reason === 'comment' ? REASONS.comment : textHitReason(hit), [
              { messageId: 'redactComment', fix: (fixer) => fixer.replaceTextRange(range, REDACTED) },
            ]);
          }
        }
      },
    };
  },
});
