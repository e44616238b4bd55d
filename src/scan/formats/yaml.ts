/**
 * YAML (`docker-compose.yml`, Kubernetes manifests, CI workflows, `config/*.yaml`): lockfiles
 * (`pnpm-lock.yaml`) never get here (`scanContent` passes them over).
 *
 * TODO(structured): read these with `findKeysInYaml(text, options)` from
 * src/detect/structured.ts once it lands, so that mapping paths and Kubernetes' `name:`/`value:`
 * pairs judge values as in code. Until then the text-only detector reads them: it finds
 * `CLOCKWORK_API_KEY: …`, `- CLOCKWORK_API_KEY=…` and Clockwork URLs.
 * Then the PENDING keys of test/scan/tree.test.ts and the `it.todo` cases of
 * test/scan/formats.test.ts become found keys.
 */
import { extname } from 'node:path';
import type { FormatScanner } from '../format.js';
import { textOnly } from './text-only.js';

const EXTENSIONS = new Set(['.yml', '.yaml']);

export const yaml: FormatScanner = {
  name: 'yaml',
  claims: (path) => EXTENSIONS.has(extname(path).toLowerCase()),
  scan: (text, path, options) => textOnly.scan(text, path, options),
};
