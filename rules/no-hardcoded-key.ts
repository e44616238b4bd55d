import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { relative, sep } from 'node:path';
import { withFile } from '../src/detect/holder.js';
import type { KeyKind } from '../src/detect/key-shape.js';
import { maskKey } from '../src/detect/mask.js';
import { planNames } from '../src/detect/naming.js';
import { browserCodeOf, serverOnlyPartOf } from '../src/eslint/browser-code.js';
import { createRule } from '../src/eslint/create-rule.js';
import { moduleKindOfFile } from '../src/eslint/file-module-kind.js';
import { createKeyDetector, type KeyDetection } from '../src/eslint/key-detector.js';
import { createStructuredDetector, treeKindOf } from '../src/eslint/structured-detector.js';
import { packageFactsOf } from '../src/eslint/package-facts.js';
import { secretsModuleDir, secretsModuleSpecifier } from '../src/eslint/secrets-module-location.js';
import { keptRead, planFile, REDACTED, type RewriteContext } from '../src/eslint/site-rewrite.js';
import { PROVIDERS, secretRead, type Provider } from '../src/providers/index.js';

export type Options = [
  {
    envVariable?: string;
    provider?: Provider;
    extraNames?: string[];
    allowedValues?: string[];
    clientModules?: string[];
  },
];

export type MessageIds = 'hardcodedKey' | 'readSecret' | 'dropFallback' | 'redactComment';

export const KIND_WORDS: Record<KeyKind, string> = { classic: 'API key', successor: 'access token' };
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
    // JavaScript and TypeScript, JSON through @eslint/json, YAML through yaml-eslint-parser; any
    // other language's tree gets nothing (ESLint 10 checks this field, ESLint 9 ignores it).
    languages: ['*'],
    docs: {
      description: 'Disallow hardcoded Clockwork SMS API keys',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      hardcodedKey:
        'Hardcoded Clockwork {{kind}} {{masked}}, {{reason}}. Load it from the environment or a secrets manager, and rotate it if it was ever committed.',
      readSecret: 'Read it with {{read}} from the generated secrets module (`clockwork-secrets fix` writes the module and keeps the value).',
      dropFallback: 'Drop the hardcoded fallback and keep reading {{read}}.',
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
            description: 'Base name for the variable the suggestion reads (as `clockwork-secrets fix --env-var`); by default the name comes from where the key is held.',
          },
          provider: {
            type: 'string',
            enum: [...PROVIDERS],
            description: 'The provider `clockwork-secrets fix` uses here, so the suggestion writes the same code: under `env` an env fallback keeps its read.',
          },
          extraNames: nameList('Extra names that mean Clockwork in this codebase (for example an in-house wrapper).'),
          allowedValues: nameList('Key-shaped values that are never reported, such as published test keys.'),
          clientModules: nameList('Extra module names whose exports are Clockwork clients.'),
        },
      },
    ],
    defaultOptions: [{ provider: 'env', extraNames: [], allowedValues: [], clientModules: [] }],
  },
  create(context, [options]) {
    const { sourceCode, filename } = context;
    const tree = treeKindOf(sourceCode);
    if (tree === 'unknown') return {};
    if (tree !== 'estree') {
      // A config file's value is read by some program we cannot see: no rewrite of it is safe.
      // A key in a comment can always be redacted.
      return createStructuredDetector(context, tree, options, (detection) => {
        const range: [number, number] = [detection.start, detection.end];
        context.report({
          loc: detection.loc,
          messageId: 'hardcodedKey',
          data: { kind: KIND_WORDS[detection.kind], masked: maskKey(detection.value), reason: detection.reason },
          suggest: detection.site === 'comment' ? [{ messageId: 'redactComment', fix: (fixer) => fixer.replaceTextRange(range, REDACTED) }] : [],
        });
      });
    }
    const detections: KeyDetection[] = [];
    const listener = createKeyDetector(context, options, (detection) => detections.push(detection));
    const programExit = listener['Program:exit'];

    /** What the codemod would write at each detection, as this file's suggestions. */
    function rewriteContext(): RewriteContext {
      const facts = packageFactsOf(filename);
      const root = facts.root ?? context.cwd;
      const moduleKind = moduleKindOfFile(filename, sourceCode.ast, { moduleType: facts.moduleType, root: facts.root });
      return {
        sourceCode,
        moduleKind,
        provider: options.provider ?? 'env',
        specifier: secretsModuleSpecifier(filename, secretsModuleDir(root), moduleKind),
        browser: browserCodeOf(sourceCode.ast, facts),
        isServerOnly: (node) => serverOnlyPartOf(sourceCode.ast, node, facts) !== undefined,
      };
    }

    function suggestionsFor(detection: KeyDetection, name: string, rewrite: RewriteContext): TSESLint.ReportSuggestionArray<MessageIds> {
      const { site } = detection;
      if (site.type === 'embedded' && site.keysInString > MAX_SUGGESTIONS_PER_STRING) return [];
      // A code block of a document (`README.md/0.js`) is no module of the package: an import of the
      // generated secrets module would not resolve from it. Only a comment's redaction applies.
      if (context.physicalFilename !== filename && site.type !== 'comment') return [];
      const plan = planFile([detection], () => name, rewrite);
      const [outcome] = plan.sites;
      const fix = (fixer: TSESLint.RuleFixer) => plan.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
      switch (outcome?.action) {
        case 'redact':
          return [{ messageId: 'redactComment', fix }];
        case 'read': {
          if (outcome.access === 'env' && site.type === 'value' && site.fallback) {
            return [{ messageId: 'dropFallback', data: { read: keptRead(sourceCode, site.fallback, name) }, fix }];
          }
          const read = secretRead(name, { mode: outcome.access === 'async' ? 'async' : 'sync' });
          return [{ messageId: 'readSecret', data: { read: outcome.access === 'async' ? `await ${read}` : read }, fix }];
        }
        default:
          // Marked or left in place: no edit makes this safe, and the message says why.
          return [];
      }
    }

    return {
      ...listener,
      'Program:exit'(node: TSESTree.Program) {
        programExit?.(node);
        if (detections.length === 0) return;
        const rewrite = rewriteContext();
        const root = packageFactsOf(filename).root ?? context.cwd;
        const file = relative(root, filename).split(sep).join('/');
        // Names as the codemod plans them for this file alone (a run across files may add a suffix).
        const names = planNames(
          detections.map((detection) => ({ value: detection.value, kind: detection.kind, holder: withFile(detection.holder, file) })),
          new Map(),
          options.envVariable,
        );
        for (const detection of detections) {
          const name = names.get(detection.value) ?? 'CLOCKWORK_API_KEY';
          context.report({
            loc: detection.loc,
            messageId: 'hardcodedKey',
            data: { kind: KIND_WORDS[detection.kind], masked: maskKey(detection.value), reason: detection.reason },
            suggest: suggestionsFor(detection, name, rewrite),
          });
        }
      },
    };
  },
});
