#!/usr/bin/env node
/**
 * clockwork-secrets: bulk scan and fix of hardcoded Clockwork keys, for CI and pre-commit.
 * Exit codes: 0 clean, 1 keys remain (or a candidate file could not be read as code), 2 usage or I/O error.
 */
import { parseArgs } from 'node:util';
import { isEnvName } from '../detect/env-name.js';
import { PROVIDERS } from '../providers/index.js';

const USAGE = `Usage:
  clockwork-secrets scan [paths...] [--json]
  clockwork-secrets fix [paths...] --provider env|aws|vault|conjur [--dry-run] [--force]
      [--env-var NAME] [--secret-id ID] [--vault-mount M] [--vault-path P] [--conjur-prefix P]
      [--dotenv PATH] [--module-dir DIR] [--workers N]
Common: [--extra-names a,b] [--allowed-values k1,k2] [--client-modules m1,m2]
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
  workers: { type: 'string' },
  json: { type: 'boolean' },
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
  const detector = {
    'extra-names': values['extra-names'],
    'allowed-values': values['allowed-values'],
    'client-modules': values['client-modules'],
  };

  // The heavy parts (ESLint, parsers, jscodeshift) load only once the command line is valid.
  if (command === 'scan') {
    const { scan, renderScanReport, notChecked } = await import('./scan.js');
    const report = await scan(targets, detector);
    // On stderr in both modes, so a hook that names each staged file sees it and --json stays one object.
    for (const warning of notChecked(report)) console.error(`clockwork-secrets: warning: ${warning}`);
    console.log(values.json ? JSON.stringify(report, null, 2) : renderScanReport(report));
    return report.findings.length > 0 || report.failed.length > 0 ? 1 : 0;
  }
  if (command !== 'fix') throw new UsageError(`Unknown command "${command}".`);

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
