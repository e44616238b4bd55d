// Lints examples/leaky-app with the built plugin and prints what it finds, then shows what the
// codemod would change there (a dry run: nothing is written). Run it with `npm run demo`, which
// builds dist/ first. The keys planted in leaky-app are generated fakes.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import clockwork from '../dist/src/index.js';

const appDir = fileURLToPath(new URL('./leaky-app/', import.meta.url));
const SOURCES = 'src/**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';

const eslint = new ESLint({
  cwd: appDir,
  // Only the config below: the demo must not pick up any eslint.config.* around it.
  overrideConfigFile: true,
  overrideConfig: [
    // A files entry is what makes ESLint lint extensions other than .js, .mjs and .cjs.
    { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'] },
    clockwork.configs.recommended,
    {
      // leaky-app has no "type": "module", so its .js files are CommonJS, as Node runs them.
      files: ['**/*.js'],
      languageOptions: { sourceType: 'commonjs' },
    },
    {
      files: ['**/*.{js,jsx,tsx}'],
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    {
      files: ['**/*.{ts,tsx,mts,cts}'],
      languageOptions: { parser: tsParser },
    },
  ],
});

const results = await eslint.lintFiles([SOURCES]);

let findings = 0;
let filesWithFindings = 0;
for (const result of results.toSorted((a, b) => a.filePath.localeCompare(b.filePath))) {
  if (result.messages.length === 0) continue;
  filesWithFindings++;
  const file = path.relative(appDir, result.filePath).split(path.sep).join('/');
  console.log(file);
  for (const message of result.messages) {
    findings++;
    // The rule masks every key in its messages; a parse error carries no source text.
    const what = message.ruleId ?? (message.fatal ? 'parse error' : 'eslint');
    console.log(`  ${file}:${message.line}:${message.column}  ${message.message}  [${what}]`);
  }
  console.log('');
}

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
console.log(`${plural(findings, 'finding')} in ${plural(filesWithFindings, 'file')} (${plural(results.length, 'file')} linted).`);


// The codemod's dry run on the same app: a masked diff of every file and the summary. Run from the
// repository root so that the paths it prints start with examples/leaky-app/.
const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const cli = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
const appSources = fileURLToPath(new URL('./leaky-app/src', import.meta.url));

// The CLI's scan reads what ESLint is not set up for here: the JSON config, the .env committed by
// mistake, the README's snippet. No ESLint config is needed.
console.log('');
console.log('Scan of every file type (clockwork-secrets scan, no ESLint config needed):');
console.log('');
const scanned = spawnSync(process.execPath, [cli, 'scan', path.relative(repoRoot, appDir), '--ignore-eslint-config'], {
  cwd: repoRoot,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 1024 * 1024,
});
if (scanned.error) throw scanned.error;
process.stdout.write(scanned.stdout);

console.log('');
console.log('Codemod dry run (nothing is written):');
console.log('');
// stdout is captured and then printed, so it cannot interleave with the lines above.
const dryRun = spawnSync(process.execPath, [cli, 'fix', appSources, '--dry-run', '--ignore-eslint-config'], {
  cwd: repoRoot,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 1024 * 1024,
});
if (dryRun.error) throw dryRun.error;
process.stdout.write(dryRun.stdout);
// Exit code 1 means keys remain in the code, which is what a dry run on a leaky app reports.
if (dryRun.status !== 0 && dryRun.status !== 1) {
  console.error(`clockwork-secrets fix --dry-run failed (${dryRun.signal ?? `exit code ${dryRun.status}`}).`);
  process.exitCode = 1;
}
