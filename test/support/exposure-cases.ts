/**
 * What the exposure rules' tests (`no-key-in-logs`, `no-public-env-key`) share: the packages the
 * cases live in (a file's package decides whether it runs in a browser), the file name and parser
 * options of a case under each parser, and the code blocks of a rule's doc page.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import plugin from '../../src/index.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export { RuleTester };

/** test/fixtures/exposure: a Next.js app, a Vite app, a SvelteKit app, a Nuxt app and an Express server. */
export const EXPOSURE = fileURLToPath(new URL('../fixtures/exposure/', import.meta.url));
const ROOT = new URL('../../', import.meta.url);

export type Parser = 'ts' | 'espree';

export interface CaseShape {
  name: string;
  code: string;
  /** Needs TypeScript syntax: run with @typescript-eslint/parser only. */
  ts?: boolean;
  jsx?: boolean;
  /** A CommonJS script under espree (ES module otherwise). */
  commonjs?: boolean;
  /** The file, from test/fixtures/exposure, without its extension; `server-app/src/file` unless said. */
  file?: string;
}

export function filenameOf(item: CaseShape, parser: Parser): string {
  const base = `${EXPOSURE}${item.file ?? 'server-app/src/file'}`;
  if (parser === 'ts') return item.jsx ? `${base}.tsx` : `${base}.ts`;
  return item.jsx ? `${base}.jsx` : `${base}.js`;
}

export function languageOptionsOf(item: CaseShape, parser: Parser) {
  const ecmaFeatures = { jsx: item.jsx ?? false };
  return parser === 'ts'
    ? { parserOptions: { ecmaFeatures } }
    : { parser: espree, parserOptions: { ecmaFeatures, ecmaVersion: 'latest' as const, sourceType: item.commonjs ? ('script' as const) : ('module' as const) } };
}

/** `code` with the `occurrence`-th `at` replaced: what a suggestion writes. */
export function replaced(code: string, at: string, replacement: string, occurrence = 0): string {
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen++) index = code.indexOf(at, index + 1);
  if (index < 0) throw new Error(`snippet not found in test code: ${at}`);
  return code.slice(0, index) + replacement + code.slice(index + at.length);
}

export interface DocBlock {
  /** Under "Examples of **incorrect** code" (true) or of correct code (false). */
  incorrect: boolean;
  lang: string;
  /** From the fence's `filename="…"`, where the example's place matters (a route handler, a component). */
  filename: string | undefined;
  code: string;
  line: number;
}

const FENCE = /^```(\w+)(?: filename="([^"]+)")?\n([\s\S]*?)^```$/gmu;
const SCRIPT_LANGS = new Set(['js', 'jsx', 'ts', 'tsx']);

/** The JS and TS code blocks of a doc page's examples sections, each with the section it is in. */
export function docExamples(rule: string): DocBlock[] {
  const text = readFileSync(new URL(`docs/rules/${rule}.md`, ROOT), 'utf8');
  const blocks: DocBlock[] = [];
  for (const match of text.matchAll(FENCE)) {
    const before = text.slice(0, match.index);
    const incorrectAt = before.lastIndexOf('Examples of **incorrect** code');
    const correctAt = before.lastIndexOf('Examples of **correct** code');
    const sectionAt = before.lastIndexOf('\n## ');
    if (Math.max(incorrectAt, correctAt) < sectionAt || !SCRIPT_LANGS.has(match[1]!)) continue;
    blocks.push({ incorrect: incorrectAt > correctAt, lang: match[1]!, filename: match[2], code: match[3]!, line: before.split('\n').length });
  }
  return blocks;
}

/**
 * What linting a doc block gives, linted as a file of `pkg` (at the fence's file name, if it has
 * one) with the one rule on: its findings, and any other message (a parse error, a file no config
 * matches), which a test wants to be none.
 */
export function lintDocBlock(rule: string, block: DocBlock, pkg: string): Linter.LintMessage[] {
  const filename = `${EXPOSURE}${pkg}/${block.filename ?? `example.${block.lang}`}`;
  const typescript = block.lang === 'ts' || block.lang === 'tsx';
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,jsx,ts,tsx}'],
      plugins: { 'clockwork-secrets': plugin as never },
      languageOptions: {
        ...(typescript ? { parser: tsParser as Linter.Parser } : {}),
        parserOptions: { ecmaFeatures: { jsx: block.lang.endsWith('x') } },
      },
      rules: { [`clockwork-secrets/${rule}`]: 'error' },
    },
  ];
  return new Linter().verify(block.code, config, filename);
}
