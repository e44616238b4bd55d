/**
 * Rule-tester cases for config files and docs, run by ESLint's own RuleTester: it takes a
 * `language` (`json/jsonc`) and a processor (`markdown/markdown`) as ESLint does, which
 * typescript-eslint's RuleTester, made for JavaScript parsers, does not.
 */
import { RuleTester, type Rule } from 'eslint';
import { describe, it } from 'vitest';
import rule from '../../rules/no-hardcoded-key.js';
import { maskKey } from '../../src/detect/mask.js';
import { REDACTED } from '../../src/eslint/site-rewrite.js';
import { locationOf } from './location.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export { RuleTester };

export const noHardcodedKey = rule as unknown as Rule.RuleModule;

export const held = (name: string) => `held by "${name}"`;

export interface Expected {
  /** The exact text the report covers (a whole value with its quotes, or the key alone). */
  at: string;
  occurrence?: number;
  /** The key, when `at` is more than the key. */
  value?: string;
  reason: string;
  kind?: 'API key' | 'access token';
  /** A key in a comment: the suggestion redacts it. Values get no suggestion. */
  redact?: boolean;
}

/** The full assertion of one report in `code`: message, data, location and suggestions. */
export function report(code: string, expected: Expected): RuleTester.TestCaseError {
  const value = expected.value ?? expected.at;
  const location = locationOf(code, expected.at, expected.occurrence);
  const suggestions = expected.redact
    ? [{ messageId: 'redactComment', output: replaced(code, expected.at, REDACTED, expected.occurrence) }]
    : [];
  return {
    messageId: 'hardcodedKey',
    data: { kind: expected.kind ?? 'API key', masked: maskKey(value), reason: expected.reason },
    ...location,
    suggestions,
  };
}

function replaced(code: string, at: string, replacement: string, occurrence = 0): string {
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen++) index = code.indexOf(at, index + 1);
  return code.slice(0, index) + replacement + code.slice(index + at.length);
}
