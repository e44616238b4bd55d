/**
 * YAML (`docker-compose.yml`, Kubernetes manifests, CI workflows, `config/*.yaml`), read with
 * yaml-eslint-parser, so mapping paths and `name:`/`value:` pairs judge values as the rule judges
 * them. Lockfiles (`pnpm-lock.yaml`) never get here (`scanContent` passes them over).
 */
import { extname } from 'node:path';
import { findKeysInYaml } from '../../eslint/structured-text.js';
import type { FormatScanner } from '../format.js';
import { textOnlyFindings } from './text-only.js';

const EXTENSIONS = new Set(['.yml', '.yaml']);

export const yaml: FormatScanner = {
  name: 'yaml',
  claims: (path) => EXTENSIONS.has(extname(path).toLowerCase()),
  scan(text, path, options) {
    const found = findKeysInYaml(text, options);
    return 'error' in found ? { error: found.error, fallback: textOnlyFindings(text, options) } : found;
  },
};
