/** JavaScript and TypeScript: the rule's own detector, run through ESLint's Linter. */
import { extname } from 'node:path';
import { detectInSource, SOURCE_EXTENSIONS } from '../../codemod/detect-in-source.js';
import type { FormatScanner } from '../format.js';

export const javascript: FormatScanner = {
  name: 'javascript',
  claims: (path) => SOURCE_EXTENSIONS.includes(extname(path).toLowerCase()) && !path.endsWith('.d.ts'),
  scan(text, path, options) {
    const result = detectInSource(text, path, options);
    if (result.kind === 'parse-error') return { error: `does not parse (${result.error.line}:${result.error.column}): ${result.error.message}` };
    if (result.kind === 'skipped') return [];
    return result.detections.map((detection) => ({
      line: detection.loc.start.line,
      column: detection.loc.start.column + 1,
      kind: detection.kind,
      value: detection.value,
      reason: detection.reason,
      holder: detection.holder,
    }));
  },
};
