/**
 * One timed ESLint run over a corpus, in a process of its own so its peak memory is its own.
 * Usage: node bench/lint-run.mjs <corpus> <preset>; prints one JSON line.
 *   baseline    @eslint/js recommended
 *   ours        @eslint/js recommended + clockwork-secrets recommended
 *   no-secrets  @eslint/js recommended + eslint-plugin-no-secrets (default options)
 *   ours-only   clockwork-secrets recommended alone
 */
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import noSecrets from 'eslint-plugin-no-secrets';
import { relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import clockwork from '../dist/src/index.js';

const [corpusArgument, preset] = process.argv.slice(2);
const corpus = corpusArgument && resolve(corpusArgument);

const PRESETS = {
  baseline: [js.configs.recommended],
  ours: [js.configs.recommended, clockwork.configs.recommended],
  'no-secrets': [js.configs.recommended, { plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } }],
  'ours-only': [clockwork.configs.recommended],
};
if (!corpus || !PRESETS[preset]) {
  console.error(`usage: lint-run.mjs <corpus> <${Object.keys(PRESETS).join('|')}>`);
  process.exit(2);
}

const eslint = new ESLint({
  cwd: corpus,
  overrideConfigFile: true,
  allowInlineConfig: false,
  stats: true,
  overrideConfig: [
    { files: ['**/*.{js,mjs,cjs,ts}'] },
    ...PRESETS[preset],
    { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  ],
});

const started = performance.now();
const results = await eslint.lintFiles(['.']);
const wallMs = performance.now() - started;

let parseMs = 0;
let totalRulesMs = 0;
const rulesMs = {};
const findings = {};
const located = [];
let fatal = 0;
for (const result of results) {
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [rule, { total }] of Object.entries(pass.rules ?? {})) {
      rulesMs[rule] = (rulesMs[rule] ?? 0) + total;
      totalRulesMs += total;
    }
  }
  for (const message of result.messages) {
    if (message.fatal) fatal++;
    const rule = message.ruleId ?? 'fatal';
    findings[rule] = (findings[rule] ?? 0) + 1;
    if (rule === 'clockwork-secrets/no-hardcoded-key' || rule === 'no-secrets/no-secrets') {
      located.push({ rule, file: relative(corpus, result.filePath), line: message.line });
    }
  }
}

console.log(
  JSON.stringify({
    files: results.length,
    wallMs,
    parseMs,
    totalRulesMs,
    ourRuleMs: rulesMs['clockwork-secrets/no-hardcoded-key'] ?? 0,
    noSecretsRuleMs: rulesMs['no-secrets/no-secrets'] ?? 0,
    findings,
    located,
    fatal,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
