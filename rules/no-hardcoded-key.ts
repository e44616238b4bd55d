import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { KeyKind } from '../src/detect/key-shape.js';
import { maskKey } from '../src/detect/mask.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createKeyDetector, type KeyDetection } from '../src/eslint/key-detector.js';
import { renderTemplate } from '../src/eslint/string-parts.js';

export type Options = [
  {
    envVariable?: string;
    extraNames?: string[];
    allowedValues?: string[];
    clientModules?: string[];
  },
];

export type MessageIds = 'hardcodedKey' | 'useEnv' | 'dropFallback' | 'redactComment';

export const KIND_WORDS: Record<KeyKind, string> = { classic: 'API key', successor: 'access token' };
const REDACTED = '[redacted]';
/** Beyond this many keys in one string, its reports carry no suggestion (the codemod still fixes them all). */
const MAX_SUGGESTIONS_PER_STRING = 16;

const nameList = (description: string) => ({
  type: 'array' as const,
  items: { type: 'string' as const, minLength: 1 },
  uniqueItems: true,
  description,
});

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
          extraNames: nameList('Extra names that mean Clockwork in this codebase (for example an in-house wrapper).'),
          allowedValues: nameList('Key-shaped values that are never reported, such as published test keys.'),
          clientModules: nameList('Extra module names whose exports are Clockwork clients.'),
        },
      },
    ],
    defaultOptions: [{ envVariable: 'CLOCKWORK_API_KEY', extraNames: [], allowedValues: [], clientModules: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const envVariable = options.envVariable ?? 'CLOCKWORK_API_KEY';
    const envRead = `process.env.${envVariable}`;

    function replace(node: TSESTree.Node, expression: string): TSESLint.ReportSuggestionArray<MessageIds> {
      const text = node.parent?.type === AST_NODE_TYPES.JSXAttribute ? `{${expression}}` : expression;
      return [{ messageId: 'useEnv', data: { name: envVariable }, fix: (fixer) => fixer.replaceText(node, text) }];
    }

    function suggestionsFor({ site }: KeyDetection): TSESLint.ReportSuggestionArray<MessageIds> {
      switch (site.type) {
        case 'comment':
          return [{ messageId: 'redactComment', fix: (fixer) => fixer.replaceTextRange(site.range, REDACTED) }];
        case 'embedded': {
          // Each suggestion rewrites the whole string: past a few keys that would cost the square of its size.
          if (!site.editable || site.keysInString > MAX_SUGGESTIONS_PER_STRING) return [];
          const template = renderTemplate(site.folded, [{ start: site.start, end: site.end, expression: envRead }], sourceCode.text);
          return replace(site.folded.root, template);
        }
        case 'value': {
          if (!site.editable) return [];
          const { fallback } = site;
          if (!fallback) return replace(site.node, envRead);
          const existing = sourceCode.getText(fallback.logical.left);
          return [
            { messageId: 'dropFallback', data: { name: fallback.envName }, fix: (fixer) => fixer.replaceText(fallback.logical, existing) },
          ];
        }
      }
    }

    return createKeyDetector(context, options, (detection) => {
      context.report({
        loc: detection.loc,
        messageId: 'hardcodedKey',
        data: { kind: KIND_WORDS[detection.kind], masked: maskKey(detection.value), reason: detection.reason },
        suggest: suggestionsFor(detection),
      });
    });
  },
});
