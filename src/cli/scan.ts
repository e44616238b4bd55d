/**
 * `clockwork-secrets scan`: every key in every file a format reads (code, config, `.env`, docs,
 * scripts, Dockerfiles), masked; nothing is written. `--format json` prints the report object that
 * docs/scan-report.schema.json describes; `--format sarif` (src/cli/sarif.ts) and `--staged`
 * (src/cli/staged.ts) build on `scanSources`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { onPath } from '../codemod/fs-errors.js';
import { settingsFrom } from '../codemod/settings.js';
import { maskKey, maskKeysIn } from '../detect/mask.js';
import { findKnownValues } from '../detect/known-values.js';
import { KNOWN_IN_RUN } from '../eslint/key-detector.js';
import { lineStarts, positionAt } from '../detect/positions.js';
import { TRIAGE_REASONS, triage } from '../detect/triage.js';
import { scanContent, type ContentResult } from '../scan/content.js';
import { discoverScanFiles } from './files.js';

export interface ScanFinding {
  file: string;
  line: number;
  column: number;
  kind: string;
  masked: string;
  reason: string;
  /** The format that read the file: `javascript`, `dotenv`, `markdown`, … (`text` for a file read as text only). */
  format: string;
}

/**
 * Why a file is listed in `skipped`: `link` (never followed), `lockfile`, `binary` (not read),
 * `not-checked` (named on the command line, and no format reads it), `text-only` (too large,
 * minified or not UTF-8: read by the text-only detector, and counted as scanned).
 */
export type SkipKind = 'link' | 'lockfile' | 'binary' | 'not-checked' | 'text-only';

export interface ScanReport {
  /** Files a format read (those read as text only and those that failed included). */
  filesScanned: number;
  findings: ScanFinding[];
  failed: Array<{ file: string; error: string }>;
  skipped: Array<{ file: string; kind: SkipKind; reason: string }>;
}

export const NOT_CHECKED = 'not checked: no scanner reads this kind of file';

/** One file to scan: `path` (absolute) is what formats judge, `file` what the report shows, `bytes` its content. */
export interface ScanSource {
  path: string;
  file: string;
  bytes(): Uint8Array;
}

/** Called after each file, so a long scan can show progress; never called with a key. */
export type ScanProgress = (done: number, total: number) => void;

export async function scan(paths: readonly string[], options: Readonly<Record<string, unknown>>, onProgress?: ScanProgress): Promise<ScanReport> {
  const discovery = discoverScanFiles(paths);
  const shown = (path: string) => relative(process.cwd(), path) || path;
  const skipped: ScanReport['skipped'] = [
    ...discovery.skipped.map(({ path, reason }) => ({ file: shown(path), kind: 'link' as const, reason })),
    ...discovery.passedOver.map(({ path, reason }) => ({ file: shown(path), kind: 'lockfile' as const, reason })),
    ...discovery.unclaimed.map((path) => ({ file: shown(path), kind: 'not-checked' as const, reason: NOT_CHECKED })),
  ];
  const sources = discovery.files.map((path) => ({ path, file: shown(path), bytes: () => onPath(path, () => readFileSync(path)) }));
  return scanSources(sources, options, skipped, onProgress);
}

/**
 * The scan of any set of files, wherever their bytes come from (the working tree, the git index):
 * `skipped` lists what was passed over before reading.
 */
export function scanSources(sources: readonly ScanSource[], options: Readonly<Record<string, unknown>>, skipped: ScanReport['skipped'] = [], onProgress?: ScanProgress): ScanReport {
  const { detector } = settingsFrom(options);
  const report: ScanReport = { filesScanned: 0, findings: [], failed: [], skipped: [...skipped] };
  /** Every value proven in the run, and where: to find its copies elsewhere. */
  const known = new Set<string>();
  const found = new Set<string>();
  for (const [index, source] of sources.entries()) {
    const { file } = source;
    let result: ContentResult | undefined;
    try {
      result = scanContent(source.path, source.bytes(), detector);
    } catch (error) {
      result = { kind: 'failed', error: maskKeysIn((error as Error).message) };
    }
    if (result === undefined) {
      // Claimed by its first line when listed, and no longer: it changed meanwhile.
      report.skipped.push({ file, kind: 'not-checked', reason: NOT_CHECKED });
    } else if (result.kind === 'skipped') {
      report.skipped.push({ file, kind: result.cause, reason: result.reason });
    } else if (result.kind === 'failed') {
      report.filesScanned++;
      report.failed.push({ file, error: result.error });
    } else {
      report.filesScanned++;
      if (result.note) report.skipped.push({ file, kind: 'text-only', reason: result.note });
      for (const finding of result.findings) {
        report.findings.push(withValue({ file, line: finding.line, column: finding.column, kind: finding.kind, masked: maskKey(finding.value), reason: finding.reason, format: result.format }, finding.value));
        known.add(finding.value);
        found.add(`${file}:${finding.line}:${finding.column}`);
      }
    }
    onProgress?.(index + 1, sources.length);
  }
  if (known.size > 0) findCopies(sources, known, found, report);
  return report;
}

/**
 * Each finding's value, one-way: the SHA-256 of the key, so SARIF fingerprints can tell keys apart
 * and follow one across runs. Kept beside the report, never in it, so `--json` cannot carry it.
 */
const VALUE_FINGERPRINTS = new WeakMap<ScanFinding, string>();

export function withValue<Finding extends ScanFinding>(finding: Finding, value: string): Finding {
  VALUE_FINGERPRINTS.set(finding, createHash('sha256').update(value).digest('hex'));
  return finding;
}

/** The SHA-256 (hex) of the finding's key value; undefined for a finding this module did not make. */
export function valueFingerprintOf(finding: ScanFinding): string | undefined {
  return VALUE_FINGERPRINTS.get(finding);
}

/** A scan this long shows progress on a terminal; a short one finishes before progress helps. */
const LONG_SCAN_FILES = 200;

/** Progress on `stream` when it is a terminal and the scan is long; undefined otherwise (CI logs stay clean). */
export function scanProgress(stream: NodeJS.WriteStream = process.stderr): ScanProgress | undefined {
  if (!stream.isTTY) return undefined;
  let shownAt = 0;
  return (done, total) => {
    if (total <= LONG_SCAN_FILES) return;
    const now = Date.now();
    if (done === total) stream.write('\r\x1b[K');
    else if (now - shownAt >= 100) {
      shownAt = now;
      stream.write(`\r\x1b[K  scanning ${done}/${total} files`);
    }
  };
}

/**
 * A value proven anywhere in the run is a key wherever it appears, under any name: every other
 * occurrence, in any file scan reads, is a finding too (unless the words before it say hash).
 */
function findCopies(sources: readonly ScanSource[], known: ReadonlySet<string>, found: ReadonlySet<string>, report: ScanReport): void {
  for (const source of sources) {
    let read;
    try {
      read = triage(source.bytes());
    } catch {
      continue;
    }
    if (read.kind === 'binary') continue;
    const { file } = source;
    const starts = lineStarts(read.text);
    for (const occurrence of findKnownValues(read.text, known)) {
      const { line, column } = positionAt(starts, occurrence.start);
      // A finding at a quoted literal starts one column before the value.
      if (found.has(`${file}:${line}:${column}`) || found.has(`${file}:${line}:${column - 1}`)) continue;
      report.findings.push(withValue({ file, line, column, kind: occurrence.kind, masked: maskKey(occurrence.value), reason: KNOWN_IN_RUN, format: 'text' }, occurrence.value));
    }
  }
}

/** The files named on the command line that no format reads: each deserves a warning, not silence. */
export function notChecked(report: ScanReport): string[] {
  return report.skipped.filter((item) => item.kind === 'not-checked').map((item) => `${item.file}: ${item.reason}`);
}

const COUNTED: Record<Exclude<SkipKind, 'text-only'>, [string, string]> = {
  lockfile: ['lockfile', 'lockfiles'],
  binary: ['binary file', 'binary files'],
  link: ['symbolic link', 'symbolic links'],
  'not-checked': ['file no scanner reads', 'files no scanner reads'],
};

export function renderScanReport(report: ScanReport): string {
  const lines = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}  ${finding.masked}  ${finding.reason}`);
  for (const failure of report.failed) lines.push(`${failure.file}: ${failure.error}`);
  // Lockfiles are only counted; files named but not checked get their warning on stderr.
  for (const skipped of report.skipped.filter((item) => item.kind !== 'lockfile' && item.kind !== 'not-checked')) lines.push(`${skipped.file}: skipped, ${skipped.reason}`);
  lines.push(`${report.findings.length} hardcoded Clockwork keys in ${report.filesScanned} files scanned.`);
  const counts = (Object.keys(COUNTED) as Array<keyof typeof COUNTED>)
    .map((kind) => [kind, report.skipped.filter((item) => item.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${COUNTED[kind][count === 1 ? 0 : 1]}`);
  if (counts.length > 0) lines.push(`Not read: ${counts.join(', ')}.`);
  const textOnly = report.skipped.filter((item) => item.kind === 'text-only').length;
  if (textOnly > 0) lines.push(`Not parsed, read as text only: ${textOnly} ${textOnly === 1 ? 'file' : 'files'} (${TRIAGE_REASONS.minified}, ${TRIAGE_REASONS['too-large']}, or ${TRIAGE_REASONS['not-utf8']}).`);
  return lines.join('\n');
}
