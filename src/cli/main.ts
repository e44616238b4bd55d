#!/usr/bin/env node
/**
 * clockwork-secrets: bulk scan and fix of hardcoded Clockwork keys, for CI and pre-commit.
 * Exit codes: 0 clean, 1 keys remain (or a candidate file could not be read as code), 2 usage or I/O error.
 */
import { parseArgs } from 'node:util';
import { isEnvName } from '../detect/env-name.js';
import { PROVIDERS } from '../providers/index.js';

const USAGE = `Usage:
  clockwork-secrets scan [paths...] [--format text|json|sarif] [--staged]   (--json: --format json; --staged: the git index)
  clockwork-secrets scan --history [<rev-range>] [--json]   (every ref when no range is given)
  clockwork-secrets fix [paths...] --provider env|aws|vault|conjur [--dry-run] [--force]
      [--env-var NAME] [--secret-id ID] [--vault-mount M] [--vault-path P] [--conjur-prefix P]
      [--dotenv PATH] [--module-dir DIR] [--workers N]
  clockwork-secrets inventory [paths...] [--format text|json|markdown]   (informational: exits 0)
Common: [--extra-names a,b] [--allowed-values k1,k2] [--client-modules m1,m2] [--ignore-eslint-config]
  (default: the options of clockwork-secrets/no-hardcoded-key in the ESLint config, if any)
Exit codes: 0 clean, 1 keys remain, 2 usage or I/O error.`;

const OPTIONS = {
  provider: { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  'env-var': { type: 'string' },
  'secret-id': { type: 'string' },
  'vault-mount': { type: 'string' },
  'vault-path': { type: 'string' },
  'conjur-prefix': { type: 'string' },
  // Not --env-file: Node 20 takes that flag for itself wherever it stands on the command line.
  dotenv: { type: 'string' },
  'module-dir': { type: 'string' },
  'extra-names': { type: 'string' },
  'allowed-values': { type: 'string' },
  'client-modules': { type: 'string' },
  // Skips loading the project's ESLint config for the rule's options: the flags alone count.
  'ignore-eslint-config': { type: 'boolean' },
  workers: { type: 'string' },
  json: { type: 'boolean' },
  // Shared with scan's --format (text|json|sarif); each command checks the values it takes.
  format: { type: 'string' },
  // A boolean: parseArgs has no optional values, so the range is the positional after `scan`.
  history: { type: 'boolean' },
  // The index, not the working tree: what the next commit holds.
  staged: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const targets = paths.length > 0 ? paths : ['.'];
  if (command !== 'scan' && command !== 'fix' && command !== 'inventory') throw new UsageError(`Unknown command "${command}".`);
  const { readConfigOptions, withConfigOptions } = await import('./eslint-options.js');
  const configured = values['ignore-eslint-config']
    ? { extraNames: [], allowedValues: [], clientModules: [], configFile: undefined, warning: undefined }
    : await readConfigOptions(process.cwd());
  if (configured.warning !== undefined) console.error(`clockwork-secrets: warning: ${configured.warning}`);
  // Flags override the ESLint config's options of no-hardcoded-key, one by one.
  const detector = withConfigOptions({
    'extra-names': values['extra-names'],
    'allowed-values': values['allowed-values'],
    'client-modules': values['client-modules'],
  }, configured);

  // The heavy parts (ESLint, parsers, jscodeshift) load only once the command line is valid.
  if (command === 'scan' && values.history) {
    if (paths.length > 1) throw new UsageError('scan --history takes at most one revision range.');
    const historyFormat = values.format ?? (values.json ? 'json' : 'text');
    if ((historyFormat !== 'text' && historyFormat !== 'json' && historyFormat !== 'sarif') || (values.json && historyFormat !== 'json')) {
      throw new UsageError('scan --format must be text, json or sarif (--json is --format json).');
    }
    const [{ scanHistory, renderHistoryReport }, { scanProgress }] = await Promise.all([import('./history.js'), import('./scan.js')]);
    const progress = scanProgress();
    const report = await scanHistory(detector, { ...(paths.length === 1 ? { range: paths[0]! } : {}), ...(progress ? { onProgress: progress } : {}) });
    for (const skipped of report.skipped.filter((item) => item.kind === 'not-checked')) console.error(`clockwork-secrets: warning: ${skipped.file}: ${skipped.reason}`);
    if (historyFormat === 'sarif') {
      const [{ toSarif }, { sarifRoot }] = await Promise.all([import('./sarif.js'), import('./staged.js')]);
      console.log(JSON.stringify(toSarif(report, { root: sarifRoot() }), null, 2));
    } else console.log(historyFormat === 'json' ? JSON.stringify(report, null, 2) : renderHistoryReport(report));
    return report.findings.length > 0 || report.failed.length > 0 ? 1 : 0;
  }
  if (command === 'scan') {
    const format = values.format ?? (values.json ? 'json' : 'text');
    if ((format !== 'text' && format !== 'json' && format !== 'sarif') || (values.json && format !== 'json')) throw new UsageError('scan --format must be text, json or sarif (--json is --format json).');
    const { scan, renderScanReport, notChecked, scanProgress } = await import('./scan.js');
    const progress = scanProgress();
    const report = values.staged ? await (await import('./staged.js')).scanStaged(paths, detector, progress) : await scan(targets, detector, progress);
    // On stderr in every format, so a hook that names each staged file sees it and stdout stays one document.
    for (const warning of notChecked(report)) console.error(`clockwork-secrets: warning: ${warning}`);
    if (format === 'sarif') {
      const [{ toSarif }, { sarifRoot }] = await Promise.all([import('./sarif.js'), import('./staged.js')]);
      console.log(JSON.stringify(toSarif(report, { root: sarifRoot() }), null, 2));
    } else console.log(format === 'json' ? JSON.stringify(report, null, 2) : renderScanReport(report));
    return report.findings.length > 0 || report.failed.length > 0 ? 1 : 0;
  }
  if (command === 'inventory') {
    const format = values.format ?? (values.json ? 'json' : 'text');
    if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError('inventory --format must be text, json or markdown.');
    const { inventory, renderInventoryText, renderInventoryMarkdown } = await import('./inventory.js');
    const report = await inventory(targets, detector);
    for (const failure of report.failed) console.error(`clockwork-secrets: warning: ${failure.file}: ${failure.error}`);
    console.log(format === 'json' ? JSON.stringify(report, null, 2) : format === 'markdown' ? renderInventoryMarkdown(report) : renderInventoryText(report));
    return 0;
  }

  const provider = values.provider ?? 'env';
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}.`);
  const workers = values.workers === undefined ? 4 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError('--workers takes a whole number of at least 1.');
  const dryRun = values['dry-run'] ?? false;
  // The transform takes jscodeshift-style options: the same flags, passed through.
  const passedThrough = ['env-var', 'secret-id', 'vault-mount', 'vault-path', 'conjur-prefix', 'module-dir'] as const;
  const transformOptions: Record<string, string> = { provider };
  for (const [name, value] of Object.entries(detector)) if (value !== undefined) transformOptions[name] = value;
  for (const name of passedThrough) {
    const value = values[name];
    if (value !== undefined) transformOptions[name] = value;
  }
  if (values.dotenv !== undefined) transformOptions.dotenv = values.dotenv;
  if (transformOptions['env-var'] !== undefined && !isEnvName(transformOptions['env-var'])) {
    throw new UsageError('--env-var must be a valid environment variable name.');
  }

  const progress = process.stderr.isTTY
    ? (done: number, total: number) => process.stderr.write(`\r  rewriting ${done}/${total} files${done === total ? '\n' : ''}`)
    : undefined;
  const [{ fix }, { maskedDiff, renderFixReport }] = await Promise.all([import('./fix.js'), import('./report.js')]);
  const report = await fix({ paths: targets, dryRun, force: values.force ?? false, workers, transformOptions, ...(progress ? { onProgress: progress } : {}) });
  if (dryRun) {
    for (const change of report.changes) {
      console.log(maskedDiff(change.path, change.before, change.after));
    }
  }
  console.log(renderFixReport(report, { dryRun, provider }));
  const remaining = dryRun ? report.keys.length : report.keys.filter((key) => !key.rewritten).length;
  const unread = report.skipped.some((skipped) => skipped.mentionsClockwork);
  return remaining > 0 || report.outsideCode.keys.length > 0 || report.failed.length > 0 || unread ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`clockwork-secrets: ${message}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = 2;
  },
);
