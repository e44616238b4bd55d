/**
 * `clockwork-secrets inventory`: before a key is rotated, every place that uses it, grouped by key
 * and by variable, with the package (or service) each place belongs to, so a team sees what
 * breaks when the old key is revoked. Nothing is written; a key is never printed, only its
 * masked form and a fingerprint that cannot be turned back into it.
 *
 * Hardcoded keys come from the scanning core (`scanContent`, the same AST precision as `scan`).
 * Env reads, secrets-module accessors, client imports, URLs and deployment settings come from
 * one anchored, linear scan of each file's lines: they have a fixed spelling, a file that does
 * not parse still deploys, and an inventory that lists a read inside a comment costs a look,
 * while one that misses a read breaks production at rotation.
 *
 * Informational: the command exits 0 whatever it finds (2 on a usage or I/O error); `scan` is
 * the gate.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { settingsFrom } from '../codemod/settings.js';
import { NAMES_FILE } from '../codemod/secret-modules.js';
import { findKnownValues } from '../detect/known-values.js';
import { maskKey, maskKeysIn } from '../detect/mask.js';
import { compileExtraNames, isClockworkModule, judgeName, type ExtraNames } from '../detect/names.js';
import { triage } from '../detect/triage.js';
import { scanContent, type ContentResult } from '../scan/content.js';
import { lineStarts, positionAt } from '../detect/positions.js';
import { discoverScanFiles, isSourceFile } from './files.js';

export type UsageKind =
  /** A key written in a file (code, config, `.env`, docs). */
  | 'hardcoded-key'
  /** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `const { X } = process.env`. */
  | 'env-read'
  /** `clockworkSecret('X')` or `getClockworkSecret('X')`, or `X` listed in `clockwork-secrets.json`. */
  | 'secrets-module'
  /** `require('clockwork')`, `import … from 'clockworksms'`. */
  | 'client-import'
  /** `new Clockwork(…)`. */
  | 'client-construction'
  /** A Clockwork API host (`api.clockworksms.com`). */
  | 'api-url'
  /** A `.env` file (`.env.example` and its kin included) that sets the variable. */
  | 'dotenv'
  /** A compose file's `environment:`. */
  | 'compose'
  /** A Kubernetes manifest's `env:` (`name:` / `value:` or `valueFrom:`). */
  | 'kubernetes'
  /** A CI workflow's `env:` block (GitHub Actions, GitLab CI). */
  | 'ci'
  /** Any other YAML file that sets the variable. */
  | 'yaml';

export interface Usage {
  kind: UsageKind;
  /** Relative to the working directory, `/`-separated. */
  file: string;
  line: number;
  column: number;
  /** The nearest package.json's `name` (its folder when it has none; `(no package)` outside any). */
  package: string;
  /** The compose service, Kubernetes object or CI job the setting belongs to. */
  service?: string;
  /** What is there, in words; keys only masked. */
  detail: string;
}

export interface KeyGroup {
  kind: 'key';
  /** `key:<fingerprint>`. */
  id: string;
  masked: string;
  fingerprint: string;
  /** The variables that hold this key (`CLOCKWORK_API_KEY=…` in a `.env` file, an env read's fallback). */
  variables: string[];
  packages: string[];
  usages: Usage[];
}

export interface VariableGroup {
  kind: 'variable';
  /** `variable:<NAME>`. */
  id: string;
  name: string;
  packages: string[];
  usages: Usage[];
}

export interface ClientGroup {
  kind: 'clients';
  id: 'clients';
  packages: string[];
  usages: Usage[];
}

export type InventoryGroup = KeyGroup | VariableGroup | ClientGroup;

/** The shape docs/inventory.schema.json describes. */
export interface InventoryReport {
  version: 1;
  filesScanned: number;
  groups: InventoryGroup[];
  failed: Array<{ file: string; error: string }>;
}

/** A fixed domain, so an inventory fingerprint matches no other tool's hash of the same key. */
const FINGERPRINT_DOMAIN = 'clockwork-secrets inventory fingerprint v1\0';

/** A short, stable name for a key: 48 bits of a domain-separated SHA-256, never the key. */
export function keyFingerprint(value: string): string {
  return createHash('sha256').update(FINGERPRINT_DOMAIN + value).digest('hex').slice(0, 12);
}

export async function inventory(paths: readonly string[], options: Record<string, string | undefined>): Promise<InventoryReport> {
  const { detector } = settingsFrom(options);
  const extraNames = compileExtraNames(detector.extraNames ?? []);
  const clientModules = detector.clientModules ?? [];
  const discovery = discoverScanFiles(paths);
  const shown = (path: string) => (relative(process.cwd(), path) || path).split(sep).join('/');
  const report: InventoryReport = { version: 1, filesScanned: 0, groups: [], failed: [] };
  const keys = new Map<string, { usages: Usage[]; variables: Set<string> }>();
  const variables = new Map<string, Usage[]>();
  const clients: Usage[] = [];
  const found = new Set<string>();
  const addKey = (value: string, usage: Usage, variable?: string) => {
    let group = keys.get(value);
    if (!group) keys.set(value, (group = { usages: [], variables: new Set() }));
    group.usages.push(usage);
    if (variable !== undefined) group.variables.add(variable);
    found.add(`${usage.file}:${usage.line}`);
  };
  const addVariable = (name: string, usage: Usage) => {
    const list = variables.get(name) ?? [];
    list.push(usage);
    variables.set(name, list);
  };

  const texts = new Map<string, string>();
  for (const path of discovery.files) {
    const file = shown(path);
    const pkg = packageOf(path);
    let bytes: Buffer;
    let result: ContentResult | undefined;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      report.failed.push({ file, error: maskKeysIn((error as Error).message) });
      continue;
    }
    try {
      result = scanContent(path, bytes, detector);
    } catch (error) {
      result = { kind: 'failed', error: maskKeysIn((error as Error).message) };
    }
    if (result === undefined || result.kind === 'skipped') continue;
    report.filesScanned++;
    if (result.kind === 'failed') report.failed.push({ file, error: result.error });
    else {
      for (const finding of result.findings) {
        const variable = finding.holder.envName ?? singleEnvName(finding.holder.path, extraNames);
        addKey(finding.value, { kind: 'hardcoded-key', file, line: finding.line, column: finding.column, package: pkg, detail: `${maskKey(finding.value)}, ${finding.reason}` }, variable);
      }
    }
    const read = triage(bytes);
    if (read.kind === 'binary') continue;
    texts.set(path, read.text);
    const context: LineContext = { file, pkg, extraNames, clientModules };
    for (const usage of usagesIn(read.text, path, context)) {
      if (usage.group === 'clients') clients.push(usage.usage);
      else addVariable(usage.name, usage.usage);
    }
  }

  // A value proven anywhere is a key wherever it appears (as `scan` reports it).
  const known = new Set(keys.keys());
  if (known.size > 0) {
    for (const [path, text] of texts) {
      const starts = lineStarts(text);
      for (const occurrence of findKnownValues(text, known)) {
        const { line, column } = positionAt(starts, occurrence.start);
        const file = shown(path);
        if (found.has(`${file}:${line}`)) continue;
        addKey(occurrence.value, { kind: 'hardcoded-key', file, line, column, package: packageOf(path), detail: `${maskKey(occurrence.value)}, the same value as a key found elsewhere` });
      }
    }
  }

  const byPlace = (a: Usage, b: Usage) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  const packagesOf = (usages: readonly Usage[]) => [...new Set(usages.map((usage) => usage.package))].sort();
  const keyGroups: KeyGroup[] = [...keys].map(([value, group]) => {
    const fingerprint = keyFingerprint(value);
    const usages = group.usages.sort(byPlace);
    return { kind: 'key', id: `key:${fingerprint}`, masked: maskKey(value), fingerprint, variables: [...group.variables].sort(), packages: packagesOf(usages), usages };
  });
  keyGroups.sort((a, b) => byPlace(a.usages[0]!, b.usages[0]!));
  const variableGroups: VariableGroup[] = [...variables]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, usages]) => ({ kind: 'variable', id: `variable:${name}`, name, packages: packagesOf(usages), usages: usages.sort(byPlace) }));
  report.groups.push(...keyGroups, ...variableGroups);
  if (clients.length > 0) report.groups.push({ kind: 'clients', id: 'clients', packages: packagesOf(clients), usages: clients.sort(byPlace) });
  report.failed.sort((a, b) => a.file.localeCompare(b.file));
  return report;
}

/** `CLOCKWORK_API_KEY` for a key held by that one env-style name (a `.env` line). */
function singleEnvName(path: readonly string[], extraNames: ExtraNames): string | undefined {
  if (path.length !== 1) return undefined;
  const name = path[0]!;
  return ENV_STYLE.test(name) && isClockworkName(name, extraNames) ? name : undefined;
}

function isClockworkName(name: string, extraNames: ExtraNames): boolean {
  const verdict = judgeName(name, extraNames);
  return verdict === 'clockwork' || verdict === 'clockwork-key';
}

const packageNames = new Map<string, string>();

/** The nearest package.json's name, by folder (cached: a monorepo has few). */
function packageOf(path: string): string {
  const start = dirname(path);
  const cached = packageNames.get(start);
  if (cached !== undefined) return cached;
  let name = '(no package)';
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      name = manifestName(manifest) ?? (relative(process.cwd(), dir).split(sep).join('/') || basename(dir));
      break;
    }
    if (dirname(dir) === dir) break;
  }
  packageNames.set(start, name);
  return name;
}

function manifestName(manifest: string): string | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    const name = (data as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

interface LineContext {
  file: string;
  pkg: string;
  extraNames: ExtraNames;
  clientModules: readonly string[];
}

type Found = { group: 'variable'; name: string; usage: Usage } | { group: 'clients'; usage: Usage };

/** Env-style names: what deployment config sets (`CLOCKWORK_API_KEY`, not a YAML key `clockwork:`). */
const ENV_STYLE = /^[A-Z][A-Z\d_]*$/;

// Code patterns: each anchored on a fixed token and built of single character classes, so linear.
const ENV_MEMBER = /\b(?:process\.env|import\.meta\.env)\.((?!\d)[\w$]+)/g;
const ENV_INDEX = /\b(?:process\.env|import\.meta\.env)\[\s*['"`]((?!\d)\w+)['"`]\s*\]/g;
/** `{ A, B: b, C = 'x' } = process.env`: a brace run with no nested braces, so each `{` is read once. */
const ENV_DESTRUCTURE = /\{([^{}]*)\}\s*=\s*(?:process\.env|import\.meta\.env)\b/g;
const DESTRUCTURED_NAME = /^\s*(?:\.\.\.)?((?!\d)[\w$]+)/;
const ACCESSOR = /\b(clockworkSecret|getClockworkSecret)\(\s*['"`]((?!\d)\w+)['"`]\s*\)/g;
const MODULE_SPECIFIER = /\b(?:require|import)\(\s*['"`]([^'"`\s]+)['"`]\s*\)|\b(?:from|import)\s*['"]([^'"\s]+)['"]/g;
const CONSTRUCTION = /\bnew\s+((?:Clockwork|TextAnywhere)\w*)\s*\(/g;
const API_HOST = /\b[\w-]+(?:\.[\w-]+)*\.clockworksms\.com\b/gi;
const HOST_MENTION = /clockworksms\.com/i;

// Deployment config patterns, each anchored at the start of a line.
// A value is captured whole (`(.*)$`) and trimmed in code, so no two quantifiers compete for spaces.
const DOTENV_LINE = /^\s*(?:export\s+)?((?!\d)\w+)\s*=(.*)$/;
const YAML_LIST_ASSIGN = /^\s*-\s*(['"]?)((?!\d)\w+)=(.*)$/;
const YAML_MAP_ENTRY = /^(\s*)((?!\d)\w+)\s*:(.*)$/;
const YAML_K8S_NAME = /^\s*-\s*name\s*:(.*)$/;
const YAML_KEY = /^( *)([\w.-]+)\s*:/;
const K8S_VALUE = /^\s*value\s*:(.*)$/;
const K8S_VALUE_FROM = /^\s*valueFrom\s*:/;
const K8S_REFERENCE = /^\s*(secretKeyRef|configMapKeyRef|name|key)\s*:(.*)$/;

/** A YAML scalar as written, without its quotes. */
function unquoted(value: string): string {
  const trimmed = value.trim();
  const quote = trimmed[0];
  return (quote === '"' || quote === "'") && trimmed.length > 1 && trimmed.endsWith(quote) ? trimmed.slice(1, -1) : trimmed;
}

function usagesIn(text: string, path: string, context: LineContext): Found[] {
  const name = basename(path);
  if (name === NAMES_FILE) return namesFileUsages(text, context);
  if (name.startsWith('.env')) return dotenvUsages(text, context);
  if (/\.ya?ml$/i.test(name)) return yamlUsages(text, path, context);
  if (isSourceFile(path)) return codeUsages(text, context);
  return [];
}

function usageAt(context: LineContext, kind: UsageKind, line: number, column: number, detail: string, service?: string): Usage {
  return { kind, file: context.file, line, column, package: context.pkg, ...(service !== undefined ? { service } : {}), detail };
}

function codeUsages(text: string, context: LineContext): Found[] {
  const found: Found[] = [];
  const starts = lineStarts(text);
  const at = (index: number) => positionAt(starts, index);
  const variable = (name: string, index: number, kind: UsageKind, detail: string) => {
    if (!isClockworkName(name, context.extraNames)) return;
    const { line, column } = at(index);
    found.push({ group: 'variable', name, usage: usageAt(context, kind, line, column, detail) });
  };
  for (const match of text.matchAll(ENV_MEMBER)) variable(match[1]!, match.index, 'env-read', `reads ${match[0]}`);
  for (const match of text.matchAll(ENV_INDEX)) variable(match[1]!, match.index, 'env-read', `reads ${match[0].replace(/\s+/g, '')}`);
  for (const match of text.matchAll(ENV_DESTRUCTURE)) {
    for (const part of match[1]!.split(',')) {
      const name = DESTRUCTURED_NAME.exec(part)?.[1];
      if (name !== undefined) variable(name, match.index, 'env-read', `reads ${name} from the environment (destructuring)`);
    }
  }
  for (const match of text.matchAll(ACCESSOR)) variable(match[2]!, match.index, 'secrets-module', `reads ${match[1]}('${match[2]}')`);
  for (const match of text.matchAll(MODULE_SPECIFIER)) {
    const specifier = match[1] ?? match[2]!;
    if (!isClockworkModule(specifier, context.clientModules)) continue;
    const { line, column } = at(match.index);
    found.push({ group: 'clients', usage: usageAt(context, 'client-import', line, column, `imports '${maskKeysIn(specifier)}'`) });
  }
  for (const match of text.matchAll(CONSTRUCTION)) {
    const { line, column } = at(match.index);
    found.push({ group: 'clients', usage: usageAt(context, 'client-construction', line, column, `new ${match[1]}(…)`) });
  }
  // Cheap test first: the host pattern walks dotted names, which minified bundles are full of.
  for (const match of HOST_MENTION.test(text) ? text.matchAll(API_HOST) : []) {
    const { line, column } = at(match.index);
    // The email gateway's host holds the key itself: `number@KEY.clockworksms.com`.
    found.push({ group: 'clients', usage: usageAt(context, 'api-url', line, column, `calls ${maskKeysIn(match[0].toLowerCase())}`) });
  }
  return found;
}

/** How a setting's value is shown: a reference as written, any literal value masked. */
function describeValue(value: string): string {
  // A comment after the value (`KEY=value # note`), in .env and YAML alike.
  const comment = value.search(/\s#/);
  const trimmed = unquoted(comment < 0 ? value : value.slice(0, comment));
  if (trimmed === '') return 'no value';
  if (trimmed.startsWith('$') || trimmed.includes('secrets.') || trimmed.includes('vars.')) return `from ${maskKeysIn(trimmed)}`;
  return `value ${maskKey(trimmed)}, fingerprint ${keyFingerprint(trimmed)}`;
}

function dotenvUsages(text: string, context: LineContext): Found[] {
  const found: Found[] = [];
  text.split('\n').forEach((raw, index) => {
    const match = DOTENV_LINE.exec(raw.replace(/\r$/, ''));
    if (!match || !isClockworkName(match[1]!, context.extraNames)) return;
    const value = match[2]!;
    found.push({ group: 'variable', name: match[1]!, usage: usageAt(context, 'dotenv', index + 1, raw.indexOf(match[1]!) + 1, `sets ${match[1]}: ${describeValue(value)}`) });
  });
  return found;
}

function namesFileUsages(text: string, context: LineContext): Found[] {
  let names: unknown;
  try {
    names = (JSON.parse(text) as { names?: unknown }).names;
  } catch {
    // The names file holds names, never values; one that does not parse lists nothing here.
    return [];
  }
  if (!Array.isArray(names)) return [];
  const found: Found[] = [];
  const lines = text.split('\n');
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const index = lines.findIndex((line) => line.includes(`"${name}"`));
    found.push({ group: 'variable', name, usage: usageAt(context, 'secrets-module', index + 1, Math.max(1, (lines[index]?.indexOf(`"${name}"`) ?? 0) + 2), `served by the generated secrets module (${NAMES_FILE})`) });
  }
  return found;
}

/** Which deployment config a YAML file is, by its path and first keys. */
function yamlKind(path: string, text: string): UsageKind {
  const normalized = path.split(sep).join('/');
  if (/(?:^|\/)(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/i.test(normalized)) return 'compose';
  if (normalized.includes('/.github/workflows/') || /(?:^|\/)\.gitlab-ci\.ya?ml$/i.test(normalized)) return 'ci';
  if (/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'kubernetes';
  return 'yaml';
}

/**
 * Settings of Clockwork variables in a YAML file, line by line: `NAME: value` (compose,
 * workflows), `- NAME=value` (compose lists), `- name: NAME` then `value:` or `valueFrom:`
 * (Kubernetes). The owner of each setting is tracked by indentation: the compose service, the
 * CI job, or the Kubernetes object's `metadata.name`.
 */
function yamlUsages(text: string, path: string, context: LineContext): Found[] {
  const kind = yamlKind(path, text);
  const found: Found[] = [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  let top = '';
  let owner: string | undefined;
  let inMetadata = false;
  lines.forEach((line, index) => {
    if (line.trim() === '---') {
      owner = undefined;
      return;
    }
    const key = YAML_KEY.exec(line);
    if (key) {
      const indent = key[1]!.length;
      if (indent === 0) {
        top = key[2]!;
        inMetadata = top === 'metadata';
        if (kind !== 'kubernetes') owner = undefined;
      } else if (indent === 2 && ((kind === 'compose' && top === 'services') || (kind === 'ci' && top === 'jobs'))) {
        owner = key[2]!;
      } else if (indent === 2 && kind === 'kubernetes' && inMetadata && key[2] === 'name') {
        owner = line.slice(line.indexOf(':') + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
      }
    }
    const add = (name: string, column: number, value: string) => {
      if (!ENV_STYLE.test(name) || !isClockworkName(name, context.extraNames)) return;
      found.push({ group: 'variable', name, usage: usageAt(context, kind, index + 1, column, `sets ${name}: ${value}`, owner) });
    };
    const k8s = YAML_K8S_NAME.exec(line);
    if (k8s) {
      const name = unquoted(k8s[1]!);
      const next = lines[index + 1] ?? '';
      const value = K8S_VALUE.exec(next);
      const from = K8S_VALUE_FROM.test(next);
      add(name, line.indexOf(name) + 1, value ? describeValue(value[1]!) : from ? `from ${describeValueFrom(lines, index + 2)}` : 'no value');
      return;
    }
    const assign = YAML_LIST_ASSIGN.exec(line);
    if (assign) {
      // `- "NAME=value"`: the closing quote is the list item's, not the value's.
      const value = assign[1] !== '' && assign[3]!.trimEnd().endsWith(assign[1]!) ? assign[3]!.trimEnd().slice(0, -1) : assign[3]!;
      add(assign[2]!, line.indexOf(assign[2]!) + 1, describeValue(value));
      return;
    }
    const entry = YAML_MAP_ENTRY.exec(line);
    if (entry && entry[1]!.length > 0) add(entry[2]!, entry[1]!.length + 1, describeValue(entry[3]!));
  });
  return found;
}

/** `secretKeyRef name/key` of a Kubernetes `valueFrom:` block, from its next few lines. */
function describeValueFrom(lines: readonly string[], start: number): string {
  const refs: string[] = [];
  for (const line of lines.slice(start, start + 4)) {
    const match = K8S_REFERENCE.exec(line);
    const value = match ? unquoted(match[2]!) : '';
    if (match) refs.push(value === '' ? match[1]! : `${match[1]}=${value}`);
  }
  return maskKeysIn(refs.join(' ') || 'valueFrom');
}

const KIND_LABELS: Record<UsageKind, string> = {
  'hardcoded-key': 'hardcoded key',
  'env-read': 'env read',
  'secrets-module': 'secrets module',
  'client-import': 'client import',
  'client-construction': 'client construction',
  'api-url': 'API URL',
  dotenv: '.env file',
  compose: 'compose',
  kubernetes: 'Kubernetes',
  ci: 'CI workflow',
  yaml: 'YAML config',
};

function groupTitle(group: InventoryGroup): string {
  if (group.kind === 'key') {
    const held = group.variables.length > 0 ? `, held as ${group.variables.join(', ')}` : '';
    return `Key ${group.masked} fingerprint ${group.fingerprint}${held}`;
  }
  if (group.kind === 'variable') return `Variable ${group.name}`;
  return 'Clockwork clients and API calls';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function renderInventoryText(report: InventoryReport): string {
  const lines: string[] = [];
  for (const group of report.groups) {
    lines.push(`${groupTitle(group)} — ${plural(group.usages.length, 'usage')} in ${group.packages.join(', ')}`);
    for (const usage of group.usages) {
      const owner = usage.service !== undefined ? `${usage.package} (${usage.service})` : usage.package;
      lines.push(`  ${owner}  ${usage.file}:${usage.line}:${usage.column}  ${KIND_LABELS[usage.kind]}: ${usage.detail}`);
    }
    lines.push('');
  }
  for (const failure of report.failed) lines.push(`${failure.file}: ${failure.error}`);
  lines.push(summary(report));
  return lines.join('\n');
}

function summary(report: InventoryReport): string {
  const count = (kind: InventoryGroup['kind']) => report.groups.filter((group) => group.kind === kind).length;
  const keys = count('key');
  const advice = keys > 0 ? ' Every hardcoded key listed has leaked: rotate it, then update every place listed.' : '';
  return `${plural(keys, 'hardcoded key')}, ${plural(count('variable'), 'Clockwork variable')}, ${plural(report.groups.find((group) => group.kind === 'clients')?.usages.length ?? 0, 'client usage')} in ${report.filesScanned} files scanned.${advice}`;
}

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'");
}

/** A table per group, to paste into a rotation ticket. */
export function renderInventoryMarkdown(report: InventoryReport): string {
  const out: string[] = ['# Clockwork key inventory', '', summary(report), ''];
  for (const group of report.groups) {
    const title = group.kind === 'key'
      ? `Key \`${group.masked}\` (fingerprint \`${group.fingerprint}\`)${group.variables.length > 0 ? `, held as ${group.variables.map((name) => `\`${name}\``).join(', ')}` : ''}`
      : group.kind === 'variable' ? `Variable \`${group.name}\`` : 'Clockwork clients and API calls';
    out.push(`## ${title}`, '', `Packages: ${group.packages.map(cell).join(', ')}`, '', '| Package | Service | Location | Usage | Detail |', '| --- | --- | --- | --- | --- |');
    for (const usage of group.usages) {
      out.push(`| ${cell(usage.package)} | ${cell(usage.service ?? '')} | \`${cell(usage.file)}:${usage.line}\` | ${KIND_LABELS[usage.kind]} | ${cell(usage.detail)} |`);
    }
    out.push('');
  }
  if (report.failed.length > 0) {
    out.push('## Not read', '');
    for (const failure of report.failed) out.push(`- \`${cell(failure.file)}\`: ${cell(failure.error)}`);
    out.push('');
  }
  return out.join('\n');
}
