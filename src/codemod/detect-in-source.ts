/**
 * Runs the key detector over one file's text through ESLint's real Linter, exactly as the rule
 * runs: the codemod rewrites what `no-hardcoded-key` reports, and nothing else.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type Rule } from 'eslint';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { findKnownValues } from '../detect/known-values.js';
import { maskKeysIn } from '../detect/mask.js';
import { compileExtraNames, mentionsClockwork } from '../detect/names.js';
import { createKeyDetector, type DetectorOptions, type KeyDetection } from '../eslint/key-detector.js';

export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];
const TYPESCRIPT = new Set(['.ts', '.tsx', '.mts', '.cts']);
const TYPESCRIPT_WITHOUT_JSX = new Set(['.ts', '.mts', '.cts']);

export interface ParseFailure {
  message: string;
  line: number;
  column: number;
}

export type SourceDetections =
  | { kind: 'skipped' }
  | { kind: 'parsed'; detections: KeyDetection[]; sourceCode: TSESLint.SourceCode }
  | { kind: 'parse-error'; error: ParseFailure };

/** The cheap raw-text test: a file that cannot hold Clockwork context is never parsed. */
export function mayHoldKeys(source: string, options: DetectorOptions): boolean {
  const clientModules = options.clientModules ?? [];
  return (
    mentionsClockwork(source, compileExtraNames(options.extraNames ?? [])) ||
    clientModules.some((name) => source.includes(name)) ||
    (options.knownValues !== undefined && options.knownValues.length > 0 && findKnownValues(source, knownSet(options.knownValues)).length > 0)
  );
}

const knownSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The run's known values as a set, built once per list. */
function knownSet(values: readonly string[]): ReadonlySet<string> {
  let set = knownSets.get(values);
  if (!set) {
    set = new Set(values);
    knownSets.set(values, set);
  }
  return set;
}

const linter = new Linter({ configType: 'flat' });
const require = createRequire(import.meta.url);
let tsParser: Linter.Parser | undefined;

/** Loaded on the first TypeScript file: it brings the TypeScript compiler, a large load. */
function typescriptParser(): Linter.Parser {
  tsParser ??= require('@typescript-eslint/parser') as Linter.Parser;
  return tsParser;
}

/**
 * Lints `source` as a file with `filename`'s extension would be, with `rules` (none: a parse
 * check). A `.js` file may be a sloppy-mode script (octal escapes, `with`) that no module parse
 * accepts, so a failed module parse is retried as a script.
 */
function verifyAs(source: string, filename: string, plugin?: { rule: Rule.RuleModule; reset: () => void }): Linter.LintMessage[] {
  const extension = extname(filename).toLowerCase();
  const isTypeScript = TYPESCRIPT.has(extension);
  const verify = (sourceType: 'module' | 'commonjs') =>
    linter.verify(
      source,
      [
        {
          // Explicit extensions: ESLint lints nothing that only a universal `**/*` pattern matches.
          files: SOURCE_EXTENSIONS.map((ext) => `**/*${ext}`),
          // As ESLint users parse: espree for JavaScript, @typescript-eslint/parser for TypeScript.
          languageOptions: {
            ...(isTypeScript ? { parser: typescriptParser() } : {}),
            sourceType,
            parserOptions: { ecmaFeatures: { jsx: !TYPESCRIPT_WITHOUT_JSX.has(extension) } },
          },
          linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
          ...(plugin
            ? {
                plugins: { 'clockwork-secrets-codemod': { rules: { detect: plugin.rule } } },
                rules: { 'clockwork-secrets-codemod/detect': 'error' as const },
              }
            : {}),
        },
      ],
      // A virtual name: only the extension matters, and ESLint matches it to the config.
      `file${extension}`,
    );
  const natural = extension === '.cjs' || extension === '.cts' ? 'commonjs' : 'module';
  const messages = verify(natural);
  if (natural === 'module' && messages.some((message) => message.fatal) && !extension.startsWith('.m')) {
    plugin?.reset();
    return verify('commonjs');
  }
  return messages;
}

function failureOf(messages: readonly Linter.LintMessage[]): ParseFailure | undefined {
  const fatal = messages.find((message) => message.fatal);
  // A parser may quote the offending token: never let that be a key.
  return fatal && { message: maskKeysIn(fatal.message), line: fatal.line, column: fatal.column };
}

export function detectInSource(source: string, filename: string, options: DetectorOptions): SourceDetections {
  if (!mayHoldKeys(source, options)) return { kind: 'skipped' };
  const detections: KeyDetection[] = [];
  const collector: TSESLint.RuleModule<string, []> = {
    meta: { type: 'problem', schema: [], messages: {} },
    defaultOptions: [],
    create: (context) => createKeyDetector(context, options, (detection) => detections.push(detection)),
  };
  const messages = verifyAs(source, filename, {
    rule: collector as unknown as Rule.RuleModule,
    reset: () => {
      detections.length = 0;
    },
  });
  const error = failureOf(messages);
  if (error) return { kind: 'parse-error', error };
  return { kind: 'parsed', detections, sourceCode: linter.getSourceCode() as unknown as TSESLint.SourceCode };
}

/** Why `source` does not parse as a file named `filename`, if it does not: the check on rewritten code. */
export function parseFailure(source: string, filename: string): ParseFailure | undefined {
  return failureOf(verifyAs(source, filename));
}
