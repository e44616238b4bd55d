/** `clockwork-secrets scan`: every key the rule reports, masked; nothing is written. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { onPath } from '../codemod/fs-errors.js';
import { settingsFrom } from '../codemod/settings.js';
import { maskKey, maskKeysIn } from '../detect/mask.js';
import { scanContent } from '../scan/content.js';
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
    let result;
    try {
      result = scanContent(path, onPath(path, () => readFileSync(path)), detector);
    } catch (error) {
      result = { kind: 'failed' as const, error: maskKeysIn((error as Error).message) };
    }
    if (result === undefined) continue;
    if (result.kind === 'skipped') {
      report.skipped.push({ file, reason: result.reason });
    } else if (result.kind === 'failed') {
      report.failed.push({ file, error: result.error });
    } else {
      if (result.note) report.skipped.push({ file, reason: result.note });
      for (const finding of result.findings) {
        report.findings.push({ file, line: finding.line, column: finding.column, kind: finding.kind, masked: maskKey(finding.value), reason: finding.reason });
      }
    }
  }
  return report;
}

export function renderScanReport(report: ScanReport): string {
  const lines = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}  ${finding.masked}  ${finding.reason}`);
  for (const failure of report.failed) lines.push(`${failure.file}: ${failure.error}`);
  for (const skipped of report.skipped) lines.push(`${skipped.file}: skipped, ${skipped.reason}`);
  lines.push(`${report.findings.length} hardcoded Clockwork keys in ${report.filesScanned} files scanned.`);
  return lines.join('\n');
}
