/** Real ESLint runs of the plugin, with the parser chosen by file extension as users configure it. */
import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import plugin from '../../src/index.js';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

export function flatConfig(ruleOptions?: Record<string, unknown>): Linter.Config[] {
  const rules: Linter.RulesRecord = ruleOptions
    ? { 'clockwork-secrets/no-hardcoded-key': ['error', ruleOptions] }
    : {};
  return [
    plugin.configs.recommended as Linter.Config,
    { files: ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: TS_FILES, languageOptions: { parser: tsParser as Linter.Parser } },
    { files: ['**/*.tsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { rules },
  ];
}

/** ESLint over files in `cwd`; inline `eslint-disable` comments are ignored for third-party code. */
export function eslintIn(cwd: string, ruleOptions?: Record<string, unknown>, allowInlineConfig = true): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: flatConfig(ruleOptions), allowInlineConfig });
}

export function verify(code: string, filename: string, ruleOptions?: Record<string, unknown>): Linter.LintMessage[] {
  return new Linter().verify(code, flatConfig(ruleOptions), filename);
}
