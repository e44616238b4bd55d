/**
 * The rule on trees other than ESTree: `@eslint/json`'s documents and yaml-eslint-parser's
 * programs go to their adapters and the shared judge; any other tree (Markdown, CSS, HTML…) gets
 * nothing. Code blocks in Markdown reach the ESTree detector through `@eslint/markdown`'s
 * processor, as files of their own.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { compileExtraNames, mentionsClockwork } from '../detect/names.js';
import { findStructuredKeys, isLockfile, type StructuredDetection, type StructuredOptions } from '../detect/structured.js';
import { isJsonDocument, jsonComments, jsonEntries } from './json-adapter.js';
import { structuredReason } from './structured-findings.js';
import { isYamlProgram, yamlComments, yamlEntries } from './yaml-adapter.js';

export type TreeKind = 'estree' | 'json' | 'yaml' | 'unknown';

/** Which tree a rule is handed: a JS parser's Program, a JSON document, a YAML program, or another language's. */
export function treeKindOf(sourceCode: Readonly<TSESLint.SourceCode>): TreeKind {
  const ast: unknown = sourceCode.ast;
  if (isJsonDocument(ast)) return 'json';
  if (isYamlProgram(ast, sourceCode.parserServices)) return 'yaml';
  return (ast as { type?: unknown } | null)?.type === 'Program' ? 'estree' : 'unknown';
}

export interface StructuredReport extends StructuredDetection {
  loc: TSESTree.SourceLocation;
  /** Why it is Clockwork's, in the rule's words. */
  reason: string;
}

/**
 * A listener that finds the keys of a JSON or YAML file once its root is visited. Lockfiles are
 * never judged: they pin dependencies by hash, whatever a config's globs say.
 */
export function createStructuredDetector(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  tree: 'json' | 'yaml',
  options: StructuredOptions,
  onDetection: (report: StructuredReport) => void,
): TSESLint.RuleListener {
  const { sourceCode } = context;
  const text = sourceCode.text;
  if (isLockfile(context.filename) || !mentionsClockwork(text, compileExtraNames(options.extraNames ?? []))) return {};

  function report(detections: readonly StructuredDetection[]): void {
    for (const detection of detections) {
      const loc = { start: sourceCode.getLocFromIndex(detection.start), end: sourceCode.getLocFromIndex(detection.end) };
      onDetection({ ...detection, loc, reason: structuredReason(detection.holder) });
    }
  }

  if (tree === 'json') {
    return {
      Document() {
        const ast: unknown = sourceCode.ast;
        if (!isJsonDocument(ast)) return;
        report(findStructuredKeys(text, jsonEntries(ast), jsonComments(text, ast.tokens ?? []), options));
      },
    };
  }
  return {
    Program() {
      const ast: unknown = sourceCode.ast;
      if (!isYamlProgram(ast, sourceCode.parserServices)) return;
      report(findStructuredKeys(text, yamlEntries(ast), yamlComments(ast.comments), options));
    },
  };
}
