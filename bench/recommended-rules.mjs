#!/usr/bin/env node
/**
 * What the recommended rules cost together: ESLint over the bench's planted corpus with `@eslint/js`
 * recommended plus clockwork-secrets recommended, one thread, `stats: true`; each clockwork rule's
 * time (ESLint's own per-rule timing) and their sum as a share of the run's lint time. Two
 * corpora: the planted corpus as `npm run bench` builds it, and the same with a comment naming
 * Clockwork atop every file, so that no file is skipped by the rules' pre-filter (the worst case).
 *
 *   npm run build && node bench/recommended-rules.mjs          (BENCH_RUNS=3 runs per corpus)
 *
 * Each run is a process of its own (`--child <corpus>`), as in bench/lint-run.mjs. Prints JSON.
 */
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import clockwork from '../dist/src/index.js';
import { buildPlainCorpus, corpusSize, plantCorpus } from './corpus.mjs';
import { median } from './measure.mjs';

const RULES = Object.keys(clockwork.configs.recommended.rules);
const HEADER = '// Linted as if this code used Clockwork SMS.\n';

async function child(corpus) {
  const eslint = new ESLint({
    cwd: corpus,
    overrideConfigFile: true,
    allowInlineConfig: false,
    stats: true,
    overrideConfig: [
      { files: ['**/*.{js,mjs,cjs,ts}'] },
      js.configs.recommended,
      clockwork.configs.recommended,
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    ],
  });
  const started = performance.now();
  const results = await eslint.lintFiles(['.']);
  const wallMs = performance.now() - started;
  const rulesMs = Object.fromEntries(RULES.map((rule) => [rule, 0]));
  const findings = Object.fromEntries(RULES.map((rule) => [rule, 0]));
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      for (const rule of RULES) rulesMs[rule] += pass.rules?.[rule]?.total ?? 0;
    }
    for (const message of result.messages) if (message.ruleId in findings) findings[message.ruleId]++;
  }
  process.stdout.write(JSON.stringify({ files: results.length, wallMs, rulesMs, findings }));
}

function measure(corpus) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', corpus], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`lint run failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function main() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const work = mkdtempSync(join(tmpdir(), 'clockwork-recommended-'));
  try {
    const plain = join(work, 'plain');
    const planted = join(work, 'planted');
    buildPlainCorpus(plain);
    plantCorpus(plain, planted, 40);
    const named = join(work, 'named');
    plantCorpus(plain, named, 40);
    for (const file of filesUnder(named)) if (/\.[cm]?[jt]s$/.test(file)) writeFileSync(file, HEADER + readFileSync(file, 'utf8'));

    const report = { date: new Date().toISOString().slice(0, 10), node: process.version, runs, corpus: corpusSize(plain), results: {} };
    for (const [name, dir] of [['planted', planted], ['every file names Clockwork', named]]) {
      const samples = Array.from({ length: runs }, () => measure(dir));
      const total = samples.map((sample) => RULES.reduce((sum, rule) => sum + sample.rulesMs[rule], 0));
      const share = samples.map((sample, index) => total[index] / sample.wallMs);
      report.results[name] = {
        wallMs: median(samples.map((sample) => sample.wallMs)),
        rulesMs: Object.fromEntries(RULES.map((rule) => [rule, median(samples.map((sample) => sample.rulesMs[rule]))])),
        totalRulesMs: median(total),
        share: { median: median(share), min: Math.min(...share), max: Math.max(...share) },
        findings: samples[0].findings,
      };
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else await main();
