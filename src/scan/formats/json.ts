/**
 * JSON, JSONC and JSON5 (`config/default.json`, `tsconfig.json`, `app.json`, `.babelrc`), read
 * with the parser `@eslint/json` uses, so property paths and siblings judge values as the rule
 * judges them. Lockfiles never get here (`scanContent` passes them over).
 */
import { basename, extname } from 'node:path';
import { findKeysInJson, type JsonVariant } from '../../eslint/structured-text.js';
import type { FormatScanner } from '../format.js';
import { textOnlyFindings } from './text-only.js';

const EXTENSIONS: Readonly<Record<string, JsonVariant>> = { '.json': 'jsonc', '.jsonc': 'jsonc', '.json5': 'json5' };
/** Dotfiles that are JSON (with comments, as their tools read them). */
const NAMES = new Set(['.babelrc', '.eslintrc', '.prettierrc', '.swcrc']);

export const json: FormatScanner = {
  name: 'json',
  claims: (path) => extname(path).toLowerCase() in EXTENSIONS || NAMES.has(basename(path).toLowerCase()),
  // Plain `.json` is read as JSONC: `tsconfig.json` and VS Code settings carry comments.
  scan(text, path, options) {
    const found = findKeysInJson(text, EXTENSIONS[extname(path).toLowerCase()] ?? 'jsonc', options);
    return 'error' in found ? { error: found.error, fallback: textOnlyFindings(text, options) } : found;
  },
};
