/**
 * INI files (`app.ini`, `setup.cfg`, `*.conf`): `[clockwork]` or `[production.clockwork]` then
 * `key = value` or `key: value`, `;` and `#` comments, quoted values.
 */
import { extname } from 'node:path';
import { FileFindings } from '../findings.js';
import type { FormatScanner } from '../format.js';
import { readKeyValueLines, type Dialect } from '../key-value-lines.js';

export const INI: Dialect = {
  commentChars: ';#',
  inlineComments: true,
  separators: '=:',
  whitespaceSeparates: false,
  sections: true,
  spacedSections: true,
  toml: false,
  backslashes: false,
  unquote: true,
};

const EXTENSIONS = new Set(['.ini', '.cfg', '.conf', '.cnf']);

export const ini: FormatScanner = {
  name: 'ini',
  claims: (path) => EXTENSIONS.has(extname(path).toLowerCase()),
  scan(text, _path, options) {
    const findings = new FileFindings(text, options);
    for (const group of readKeyValueLines(text, INI, findings)) findings.entries(group);
    return findings.list();
  },
};
