/**
 * Keys in the text of a JSON, JSONC, JSON5 or YAML file, for `scan`, which needs no ESLint config:
 * parsed by the parsers the rule's languages use (momoa, as `@eslint/json` calls it, and
 * yaml-eslint-parser), walked by the same adapters and judged by the same core, so the rule and
 * `scan` agree on every config file. The parsers load here, not on the rule's path.
 */
import { parse, type DocumentNode } from '@humanwhocodes/momoa';
import { parseYAML, type AST } from 'yaml-eslint-parser';
import { findStructuredKeys, type StructuredOptions } from '../detect/structured.js';
import { jsonComments, jsonEntries } from './json-adapter.js';
import { parseError, toFindings, withoutBom, type StructuredFinding } from './structured-findings.js';
import { yamlComments, yamlEntries } from './yaml-adapter.js';

export type JsonVariant = 'json' | 'jsonc' | 'json5';

/**
 * The keys in a JSON, JSONC or JSON5 text, parsed as `@eslint/json` parses it (trailing commas
 * allowed in JSONC, as `tsconfig.json` and VS Code settings have them). A text that does not parse
 * gives `{ error }`, masked: a parser's message may quote the input.
 */
export function findKeysInJson(text: string, variant: JsonVariant, options: StructuredOptions = {}): StructuredFinding[] | { error: string } {
  const source = withoutBom(text);
  let document: DocumentNode;
  try {
    document = parse(source, { mode: variant, ranges: true, tokens: variant !== 'json', allowTrailingCommas: variant === 'jsonc' });
  } catch (error) {
    const { message, line, column } = error as Error & { line?: number; column?: number };
    // Momoa ends its message with the position, given here as the other formats give it.
    return parseError(message.replace(/\s*\(\d+:\d+\)$/, ''), line, column);
  }
  const comments = variant === 'json' ? [] : jsonComments(source, document.tokens ?? []);
  return toFindings(source, findStructuredKeys(source, jsonEntries(document), comments, options));
}

/**
 * The keys in a YAML text, parsed as yaml-eslint-parser parses it for ESLint. A text that does not
 * parse gives `{ error }`, masked: a parser's message may quote the input.
 */
export function findKeysInYaml(text: string, options: StructuredOptions = {}): StructuredFinding[] | { error: string } {
  const source = withoutBom(text);
  let program: AST.YAMLProgram;
  try {
    program = parseYAML(source);
  } catch (error) {
    const { message, lineNumber, column } = error as Error & { lineNumber?: number; column?: number };
    // Its column counts from 0, as ESLint's parsers do.
    return parseError(message, lineNumber, column === undefined ? undefined : column + 1);
  }
  return toFindings(source, findStructuredKeys(source, yamlEntries(program), yamlComments(program.comments), options));
}
