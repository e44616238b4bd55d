/**
 * Every format `scan` reads, in the order they are asked: the first that claims a path reads it
 * (so `.env.json` is JSON and `.env.production` is dotenv). A new format is a module of its own,
 * added here.
 */
import { basename, extname } from 'node:path';
import type { FormatScanner } from '../format.js';
import { dockerfile } from './dockerfile.js';
import { dotenv } from './dotenv.js';
import { ini } from './ini.js';
import { javascript } from './javascript.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { npmrc } from './npmrc.js';
import { properties } from './properties.js';
import { shell } from './shell.js';
import { textOnly } from './text-only.js';
import { toml } from './toml.js';
import { xml } from './xml.js';
import { yaml } from './yaml.js';

export { javascript, textOnly };

export const FORMATS: readonly FormatScanner[] = [javascript, json, yaml, toml, ini, properties, xml, markdown, shell, dockerfile, npmrc, dotenv];

/**
 * The format that reads `path`: by its name, or, for a name with no extension that no format
 * claims (`bin/deploy`), by its first line when the caller has it (a shell shebang).
 */
export function formatOf(path: string, firstLine?: () => string | undefined): FormatScanner | undefined {
  const byName = FORMATS.find((format) => format.claims(path));
  if (byName || firstLine === undefined || extname(basename(path)) !== '') return byName;
  const line = firstLine();
  return line === undefined ? undefined : FORMATS.find((format) => format.claimsFirstLine?.(line));
}
