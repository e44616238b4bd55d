/**
 * JSON, JSONC and JSON5 (`config/default.json`, `tsconfig.json`, `app.json`, `.babelrc`):
 * lockfiles never get here (`scanContent` passes them over).
 *
 * TODO(structured): read these with `findKeysInJson(text, variant, options)` from
 * src/detect/structured.ts once it lands (variant `json`, `jsonc` or `json5` by extension), so that
 * property paths judge values as in code (`{"clockwork": {"apiKey": "…"}}`). Until then the
 * text-only detector reads them: it finds `"CLOCKWORK_API_KEY": "…"` and Clockwork URLs.
 * Then the PENDING keys of test/scan/tree.test.ts and the `it.todo` cases of
 * test/scan/formats.test.ts become found keys.
 */
import { basename, extname } from 'node:path';
import type { FormatScanner } from '../format.js';
import { textOnly } from './text-only.js';

const EXTENSIONS = new Set(['.json', '.jsonc', '.json5']);
const NAMES = new Set(['.babelrc', '.eslintrc', '.prettierrc', '.swcrc']);

export const json: FormatScanner = {
  name: 'json',
  claims: (path) => EXTENSIONS.has(extname(path).toLowerCase()) || NAMES.has(basename(path).toLowerCase()),
  scan: (text, path, options) => textOnly.scan(text, path, options),
};
