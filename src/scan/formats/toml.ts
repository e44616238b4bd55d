/** TOML (`config.toml`, `Cargo.toml`, `netlify.toml`…): `[production.clockwork]` then `api_key = "…"`, dotted names, inline tables. */
import { extname } from 'node:path';
import { FileFindings } from '../findings.js';
import type { FormatScanner } from '../format.js';
import { readKeyValueLines, type Dialect } from '../key-value-lines.js';

export const TOML: Dialect = {
  commentChars: '#',
  inlineComments: true,
  separators: '=',
  whitespaceSeparates: false,
  sections: true,
  spacedSections: false,
  toml: true,
  backslashes: false,
  unquote: true,
};

export const toml: FormatScanner = {
  name: 'toml',
  claims: (path) => extname(path).toLowerCase() === '.toml',
  scan(text, _path, options) {
    const findings = new FileFindings(text, options);
    for (const group of readKeyValueLines(text, TOML, findings)) findings.entries(group);
    return findings.list();
  },
};
