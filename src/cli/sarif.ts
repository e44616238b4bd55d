/**
 * `scan --format sarif`: the scan report as SARIF 2.1.0, the form GitHub code scanning (and most
 * other code-scanning dashboards) take. Typed with `@types/sarif`; the output is plain JSON.
 *
 * Each result carries `partialFingerprints` of our own (ESLint's SARIF formatter has none), so a
 * finding keeps its identity across runs and line shifts: the file, the rule, a one-way
 * fingerprint of the key and which occurrence of that key in the file it is. The line is not in
 * it. Messages hold the masked key only.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { DOCS_BASE_URL } from '../eslint/create-rule.js';
import { NAMESPACE, PACKAGE_NAME, PACKAGE_VERSION } from '../package-info.js';
import { valueFingerprintOf, type ScanFinding, type ScanReport } from './scan.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'clockworkSecrets/v1';
const INFORMATION_URI = 'https://github.com/clockwork-secrets/eslint-plugin-clockwork-secrets';
const SRCROOT = '%SRCROOT%';

const NO_HARDCODED_KEY = `${NAMESPACE}/no-hardcoded-key`;
const KIND_WORDS: Record<string, string> = { classic: 'API key', successor: 'access token' };

/** What `scan` reports: every finding is a hardcoded key, whatever format read the file. */
const RULES: ReportingDescriptor[] = [
  {
    id: NO_HARDCODED_KEY,
    name: 'NoHardcodedKey',
    shortDescription: { text: 'Disallow hardcoded Clockwork SMS API keys' },
    fullDescription: {
      text:
        'A Clockwork API key (40 hex characters) or TextAnywhere access token is written into a file: code, config, .env, docs, ' +
        'scripts or a Dockerfile. Anyone who can read the repository, its history, a CI log or a bundle can send SMS on the account and read its traffic.',
    },
    help: {
      text:
        'Move the key out of the file: `npx clockwork-secrets fix --provider env|aws|vault|conjur` rewrites each site to read it from ' +
        'the environment or a secrets manager. A key that was ever committed or pushed has leaked: rotate it (generate a new key, ' +
        'deploy it, then deactivate the old one).',
      markdown:
        'Move the key out of the file: `npx clockwork-secrets fix --provider env|aws|vault|conjur` rewrites each site to read it from ' +
        'the environment or a secrets manager. A key that was ever committed or pushed has leaked: **rotate it** (generate a new key, ' +
        `deploy it, then deactivate the old one). See [no-hardcoded-key](${DOCS_BASE_URL}no-hardcoded-key.md).`,
    },
    helpUri: `${DOCS_BASE_URL}no-hardcoded-key.md`,
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['security', 'secrets', 'external/cwe/cwe-798'],
      precision: 'high',
      'problem.severity': 'error',
      // GitHub's scale: 7.0 to 8.9 is "high"; a live credential for a paid messaging service.
      'security-severity': '8.0',
    },
  },
];

export interface SarifOptions {
  /** The folder `%SRCROOT%` stands for: the git work tree root, or the working directory outside one. */
  root: string;
  /** The folder the report's `file` paths are relative to. */
  cwd?: string;
}

export function toSarif(report: ScanReport, { root, cwd = process.cwd() }: SarifOptions): Log {
  const located = (file: string) => artifactLocation(resolve(cwd, file), root);
  const occurrences = new Map<string, number>();
  const results: Result[] = inFileOrder(report.findings).map((finding) => {
    const location = located(finding.file);
    const value = valueFingerprintOf(finding) ?? finding.masked;
    const seen = `${location.path}\0${value}`;
    const occurrence = occurrences.get(seen) ?? 0;
    occurrences.set(seen, occurrence + 1);
    return {
      ruleId: NO_HARDCODED_KEY,
      ruleIndex: 0,
      level: 'error',
      message: { text: `Hardcoded Clockwork ${KIND_WORDS[finding.kind] ?? 'key'} ${finding.masked}: ${finding.reason}.` },
      locations: [{ physicalLocation: { artifactLocation: location.sarif, region: { startLine: finding.line, startColumn: finding.column } } }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([location.path, NO_HARDCODED_KEY, value, String(occurrence)]) },
      properties: { format: finding.format, kind: finding.kind },
    };
  });
  const notifications: Notification[] = [
    ...report.failed.map((failure): Notification => ({
      level: 'error',
      message: { text: `Not analysed: ${failure.error}` },
      locations: [{ physicalLocation: { artifactLocation: located(failure.file).sarif } }],
    })),
    ...report.skipped
      .filter((item) => item.kind === 'not-checked' || item.kind === 'text-only' || item.kind === 'link')
      .map((item): Notification => ({
        level: item.kind === 'text-only' ? 'note' : 'warning',
        message: { text: `${item.kind === 'text-only' ? 'Read as text only' : 'Not read'}: ${item.reason}` },
        locations: [{ physicalLocation: { artifactLocation: located(item.file).sarif } }],
      })),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clockwork-secrets',
            fullName: `${PACKAGE_NAME} scan`,
            version: PACKAGE_VERSION,
            semanticVersion: PACKAGE_VERSION,
            informationUri: INFORMATION_URI,
            rules: RULES,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root.endsWith(sep) ? root : `${root}${sep}`).href } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** A location under the root is relative to `%SRCROOT%` (so code scanning can place it); one outside stays absolute. */
function artifactLocation(absolute: string, root: string) {
  const path = relative(root, absolute);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return { path: absolute, sarif: { uri: pathToFileURL(absolute).href } };
  const posix = path.split(sep).join('/');
  return { path: posix, sarif: { uri: posix.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT } };
}

function inFileOrder(findings: readonly ScanFinding[]): ScanFinding[] {
  return [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/** 32 hex characters of a SHA-256 over the parts; the value part is itself a SHA-256, never the key. */
function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}
