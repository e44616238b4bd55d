/**
 * `.npmrc`: INI as npm reads it. A `clockwork…=…` entry is how some projects hand a key to their
 * scripts (npm exports every entry as `npm_config_*`); a committed `.npmrc` publishes it.
 */
import { basename } from 'node:path';
import { FileFindings } from '../findings.js';
import type { FormatScanner } from '../format.js';
import { readKeyValueLines, type Dialect } from '../key-value-lines.js';
import { INI } from './ini.js';

/** npm splits an entry at its first `=` only: `//registry.npmjs.org/:_authToken=…` is one name. */
const NPMRC: Dialect = { ...INI, separators: '=', spacedSections: false };

export const npmrc: FormatScanner = {
  name: 'npmrc',
  claims: (path) => basename(path).toLowerCase() === '.npmrc',
  scan(text, _path, options) {
    const findings = new FileFindings(text, options);
    for (const group of readKeyValueLines(text, NPMRC, findings)) findings.entries(group);
    return findings.list();
  },
};
