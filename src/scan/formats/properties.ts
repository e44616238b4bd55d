/**
 * Java `.properties` (`application.properties`, `application-production.properties`):
 * `clockwork.api.key=…`, `key: value` and `key value`, `#` and `!` comment lines, values
 * continued with a trailing backslash. The dotted name is the path.
 */
import { extname } from 'node:path';
import { FileFindings } from '../findings.js';
import type { FormatScanner } from '../format.js';
import { readKeyValueLines, type Dialect } from '../key-value-lines.js';

export const PROPERTIES: Dialect = {
  commentChars: '#!',
  inlineComments: false,
  separators: '=:',
  whitespaceSeparates: true,
  sections: false,
  spacedSections: false,
  toml: false,
  backslashes: true,
  unquote: false,
};

export const properties: FormatScanner = {
  name: 'properties',
  claims: (path) => extname(path).toLowerCase() === '.properties',
  scan(text, _path, options) {
    const findings = new FileFindings(text, options);
    for (const group of readKeyValueLines(text, PROPERTIES, findings)) findings.entries(group);
    return findings.list();
  },
};
