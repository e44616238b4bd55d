/** What `clockwork-secrets` prints: masked findings, masked diffs, the summary and the rotation steps. */
import { createTwoFilesPatch } from 'diff';
import { relative } from 'node:path';
import { maskKey, maskKeysIn } from '../detect/mask.js';
import type { FixReport } from './fix.js';

export const ROTATION_REMINDER = `A key that was ever committed has leaked: it stays in git history, forks and CI logs after this change.
Rotate it:
  1. Create a new API key in your Clockwork account (API Keys page).
  2. Store the new key where the code now reads it (.env locally; the environment or vault in every deployment).
  3. Deploy, and check that SMS still send with the new key.
  4. Delete the old key in the Clockwork account, so the leaked copy stops working.
  5. Check the account's usage and message logs for traffic you do not recognise.`;

const display = (path: string) => relative(process.cwd(), path) || path;

/**
 * A diff with every key-shaped token masked, in one linear pass: each key the codemod found is
 * such a token (a detected key is always bounded by non-alphanumerics), and so is any it did not.
 */
export function maskedDiff(path: string, before: string, after: string): string {
  return maskKeysIn(createTwoFilesPatch(display(path), display(path), before, after, '', '', { context: 2 }));
}

export function renderFixReport(report: FixReport, options: { dryRun: boolean; provider: string }): string {
  const lines: string[] = [];
  const inCode = new Set(report.keys.filter((key) => key.mode !== 'comment').map((key) => key.value));
  const moved = report.keys.filter((key) => key.rewritten && key.mode !== 'comment');
  const redacted = report.keys.filter((key) => key.mode === 'comment');
  const left = report.keys.filter((key) => !key.rewritten);
  const distinct = new Set(report.keys.map((key) => key.value)).size;
  lines.push(
    `clockwork-secrets fix${options.dryRun ? ' --dry-run' : ''} (provider: ${options.provider})`,
    `  ${report.filesScanned} files scanned, ${report.candidates} mention Clockwork, ${report.changes.length} ${options.dryRun ? 'would change' : 'changed'}`,
    `  ${moved.length} keys ${options.dryRun ? 'to move' : 'moved'}, ${redacted.length} ${options.dryRun ? 'to redact' : 'redacted'} in comments, ${left.length} left in place (${distinct} distinct values)`,
  );
  for (const key of report.keys) {
    const where = `${display(key.path)}:${key.line}:${key.column}`;
    let what: string;
    if (key.mode === 'comment') what = inCode.has(key.value) ? `redacted (the code's copy goes to ${key.name})` : 'redacted; found only in a comment, so there is nothing to keep: rotate it';
    else if (key.rewritten) what = `-> ${key.name}`;
    else what = `left in place${key.marked ? ', marked in the code' : ''}: ${key.leftBecause ?? 'cannot be rewritten'}; its value is kept as ${key.name} for when it moves`;
    lines.push(`    ${where}  ${maskKey(key.value)} ${what}  (${key.reason})`);
  }
  const { outsideCode } = report;
  if (outsideCode.filesRead > 0) lines.push(`  ${outsideCode.filesRead} other files read, never rewritten (config, docs, scripts, .env)`);
  if (outsideCode.keys.length > 0) {
    lines.push(`  ${outsideCode.keys.length} keys in files fix does not rewrite: move each into the store by hand (as fix does for code), then rotate it:`);
    for (const key of outsideCode.keys) lines.push(`    ${display(key.path)}:${key.line}:${key.column}  ${maskKey(key.value)}  (${key.reason})`);
  }
  if (report.failed.length > 0) {
    lines.push(`  ${report.failed.length} files failed (left untouched):`);
    for (const failure of report.failed) lines.push(`    ${display(failure.path)}: ${failure.error}`);
  }
  if (report.skipped.length > 0) {
    const byReason = new Map<string, number>();
    for (const { reason } of report.skipped) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    lines.push(`  ${report.skipped.length} files not read as code (${[...byReason].map(([reason, count]) => `${count} ${reason}`).join(', ')})`);
    for (const skipped of report.skipped.filter((item) => item.mentionsClockwork || item.reason.startsWith('symbolic'))) {
      lines.push(`    ${display(skipped.path)}: ${skipped.reason}${skipped.mentionsClockwork ? '; it mentions Clockwork: check it by hand' : ''}`);
    }
  }
  if (report.leftoversRemoved > 0) lines.push(`  removed ${report.leftoversRemoved} staged copies an interrupted run left behind`);
  for (const [envFile, { added, protection }] of report.secretFiles) {
    const what = options.dryRun ? 'would record the values' : added.length > 0 ? `added ${added.join(', ')}` : 'already held every value';
    lines.push(`  ${display(envFile)}: ${what} (${protection}; names in ${display(envFile)}.example)`);
  }
  if (options.dryRun && moved.length > 0) lines.push('  nothing was written (dry run)');
  for (const module of report.modules) lines.push(`  generated ${display(module)}`);
  if (report.syncEntryPoints.length > 0) {
    lines.push(
      '  These CommonJS files read secrets synchronously: at start-up, call `await loadClockworkSecrets()` from the',
      '  generated module before the functions of these files run (ES modules load theirs as they are imported):',
      ...report.syncEntryPoints.map((path) => `    ${display(path)}`),
    );
  }
  if (left.length > 0) lines.push(`  ${left.length} keys remain in the code: see the reasons above, and docs/codemod.md for what to do.`);
  if (report.keys.length > 0 || outsideCode.keys.length > 0) lines.push('', ROTATION_REMINDER);
  return lines.join('\n');
}
