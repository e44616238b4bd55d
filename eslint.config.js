// Dogfood: the project lints itself with its own rules, eslint-plugin-eslint-plugin for rule
// hygiene, and eslint-plugin-regexp, which catches super-linear regexes a scanner must not have.
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import regexp from 'eslint-plugin-regexp';
import clockwork from './dist/src/index.js';

export default [
  { ignores: ['dist/**', 'node_modules/**', 'examples/leaky-app/**', 'coverage/**', 'scratch/**', 'bench/.corpus/**', 'test/fixtures/**', 'test/.tmp/**'] },
  js.configs.recommended,
  regexp.configs['flat/recommended'],
  clockwork.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    rules: {
      // TypeScript checks these better than a linter can.
      'no-undef': 'off',
      'no-unused-vars': 'off',
      'no-redeclare': 'off',
    },
  },
  {
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
];
