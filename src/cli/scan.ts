/** `clockwork-secrets scan`: every key the rule reports, masked; nothing is written. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { detectInSource } from '../codemod/detect-in-source.js';
import { settingsFrom } from '../codemod/settings.js';
import { onPath } from '../codemod/fs-errors.js';
import { maskKey, maskKeysIn } from '../detect/mask.js';
import { compileExtraNames } from '../detect/names.js';
import { findKeysInText } from '../detect/text-context.js';
import { TRIAGE_REASONS, triage } from '../detect/triage.js';
import { discoverSourceFiles } from './files.js';

export interface ScanFinding {
  file: string;
  line: number;
  column: number;
  kind: string;
  masked: string;
  reason: string;
}

export interface ScanReport {
  filesScanned: number;
  findings: ScanFinding[];
  failed: Array<{ file: string; error: string }>;
  /** Files not parsed: links (not read at all), and bundles or non-UTF-8 files (read as text only). */
  skipped: Array<{ file: string; reason: string }>;
}

export async function scan(paths: readonly string[], options: Record<string, string | undefined>): Promise<ScanReport> {
  const { detector } = settingsFrom(options);
  const discovery = discoverSourceFiles(paths);
  const shown = (path: string) => relative(process.cwd(), path) || path;
  const report: ScanReport = {
    filesScanned: discovery.files.length,
    findings: [],
    failed: [],
    skipped: discovery.skipped.map(({ path, reason }) => ({ file: shown(path), reason })),
  };
  for (const path of discovery.files) {
    const file = shown(path);
    try {
      const read = triage(onPath(path, () => readFileSync(path)));
      if (read.kind === 'binary') {
        report.skipped.push({ file, reason: TRIAGE_REASONS.binary });
      } else if (read.kind === 'text') {
        scanCode(read.text, path, file, detector, report);
      } else {
        // Never parsed (ESLint needs gigabytes for a big bundle): the text-only detector reads it.
        report.skipped.push({ file, reason: `${TRIAGE_REASONS[read.kind]}: read as text only` });
        scanText(read.text, file, detector, report);
      }
    } catch (error) {
      report.failed.push({ file, error: `could not be analysed: ${maskKeysIn((error as Error).message)}` });
    }
  }
  return report;
}

function scanCode(source: string, path: string, file: string, detector: Detector, report: ScanReport): void {
  const result = detectInSource(source, path, detector);
  if (result.kind === 'parse-error') {
    report.failed.push({ file, error: `does not parse (${result.error.line}:${result.error.column}): ${result.error.message}` });
  } else if (result.kind === 'parsed') {
    for (const detection of result.detections) {
      report.findings.push({
        file,
        line: detection.loc.start.line,
        column: detection.loc.start.column + 1,
        kind: detection.kind,
        masked: maskKey(detection.value),
        reason: detection.reason,
      });
    }
  }
}

type Detector = ReturnType<typeof settingsFrom>['detector'];

function scanText(text: string, file: string, detector: Detector, report: ScanReport): void {
  const allowed = new Set(detector.allowedValues ?? []);
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  for (const hit of findKeysInText(text, compileExtraNames(detector.extraNames ?? []))) {
    if (hit.kind === undefined || allowed.has(text.slice(hit.start, hit.end))) continue;
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= hit.start) low = middle;
      else high = middle - 1;
    }
    report.findings.push({
      file,
      line: low + 1,
      column: hit.start - lineStarts[low]! + 1,
      kind: hit.kind,
      masked: maskKey(text.slice(hit.start, hit.end)),
      reason: `${hit.reason} (text only)`,
    });
  }
}

export function renderScanReport(report: ScanReport): string {
  const lines = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}  ${finding.masked}  ${finding.reason}`);
  for (const failure of report.failed) lines.push(`${failure.file}: ${failure.error}`);
  for (const skipped of report.skipped) lines.push(`${skipped.file}: skipped, ${skipped.reason}`);
  lines.push(`${report.findings.length} hardcoded Clockwork keys in ${report.filesScanned} files scanned.`);
  return lines.join('\n');
}
