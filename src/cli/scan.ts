/** `clockwork-secrets scan`: every key the rule reports, masked; nothing is written. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { settingsFrom } from '../../codemods/clockwork-secrets.js';
import { detectInSource } from '../codemod/detect-in-source.js';
import { maskKey } from '../detect/mask.js';
import { listSourceFiles } from './files.js';

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
}

export async function scan(paths: readonly string[], options: Record<string, string | undefined>): Promise<ScanReport> {
  const { detector } = settingsFrom(options);
  const files = listSourceFiles(paths);
  const report: ScanReport = { filesScanned: files.length, findings: [], failed: [] };
  for (const path of files) {
    const file = relative(process.cwd(), path) || path;
    const result = detectInSource(readFileSync(path, 'utf8'), path, detector);
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
  return report;
}

export function renderScanReport(report: ScanReport): string {
  const lines = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}  ${finding.masked}  ${finding.reason}`);
  for (const failure of report.failed) lines.push(`${failure.file}: ${failure.error}`);
  lines.push(`${report.findings.length} hardcoded Clockwork keys in ${report.filesScanned} files scanned.`);
  return lines.join('\n');
}
