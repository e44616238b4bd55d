#!/usr/bin/env node
/**
 * `npm run bench`: what the rules, the codemod and `scan` cost and find on real code (JavaScript
 * and TypeScript, then every file type `scan` reads), side by side with the alternatives, in one
 * run on this machine. Prints a report and writes it to docs/benchmarks.md.
 *
 *   BENCH_RUNS=3      runs per paired measurement (medians and spreads are reported)
 *   BENCH_SMOKE=1     a tiny corpus and one run, to check that the bench still works (tests)
 *   BENCH_OUT=path    where to write the report (default docs/benchmarks.md)
 *   BENCH_DIR=path    where to build the corpora (default bench/.corpus, git-ignored)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import {
  buildConfigCorpus,
  buildPlainCorpus,
  corpusFormats,
  corpusSize,
  formatName,
  FORMAT_NAMES,
  mergeCorpora,
  multiplyCorpus,
  plantConfigCorpus,
  plantCorpus,
  PLANTED_FILE_SHAPES,
  REPO,
  SMOKE_CONFIG_PACKAGES,
  SOURCES,
  writeHostileFiles,
} from './corpus.mjs';
import { runNode, summary } from './measure.mjs';
import { renderReport } from './report.mjs';

const SMOKE = process.env.BENCH_SMOKE === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? (SMOKE ? 1 : 3));
const OUT = process.env.BENCH_OUT ?? join(REPO, 'docs', 'benchmarks.md');
const WORK = process.env.BENCH_DIR ?? join(REPO, 'bench', '.corpus');
const WORKERS = 2;

const SMOKE_SOURCES = [
  ['express', 'lib'],
  ['isomorphic-git', 'index.js'],
  ['@secretlint/core', 'src'],
];
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const JSCODESHIFT = join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const NOOP = join(REPO, 'bench', 'noop-transform.cjs');
const SECRETLINT = join(REPO, 'node_modules', 'secretlint', 'bin', 'secretlint.js');

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function lint(corpus, preset) {
  const result = runNode([join(REPO, 'bench', 'lint-run.mjs'), corpus, preset]);
  if (result.status !== 0) throw new Error(`lint run ${preset} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function codemodOurs(corpus, workers = WORKERS) {
  const result = runNode([CLI, 'fix', corpus, '--dry-run', '--workers', String(workers)]);
  if (result.status !== 0 && result.status !== 1) throw new Error(`clockwork-secrets fix failed: ${result.stderr}`);
  // A key in code is moved, one in a comment redacted: both leave the code.
  const counts = /(\d+) keys to move, (\d+) to redact in comments/.exec(result.stdout);
  return { ...result, stdout: undefined, keys: counts ? Number(counts[1]) + Number(counts[2]) : 0 };
}

/**
 * `clockwork-secrets scan --json` from inside `corpus`, so its paths are relative to it: files too
 * big or minified to parse are read by the text-only detector.
 */
function scanOurs(corpus) {
  const result = runNode([CLI, 'scan', '.', '--json'], { cwd: corpus });
  if (result.status !== 0 && result.status !== 1) throw new Error(`clockwork-secrets scan failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  return {
    wallMs: result.wallMs,
    maxRssKb: result.maxRssKb,
    filesRead: report.filesScanned,
    findings: report.findings.length,
    // Masked values only: the report never holds a whole key.
    located: report.findings.map(({ file, line, format, masked, reason }) => ({ file, line, format, masked, reason })),
    failed: report.failed,
    textOnly: report.skipped.filter((skipped) => skipped.kind === 'text-only').length,
    skipped: report.skipped.length,
  };
}

function codemodNoop(corpus, inBand = false) {
  const parallel = inBand ? ['--run-in-band'] : [`--cpus=${WORKERS}`];
  const args = [JSCODESHIFT, '--no-babel', ...parallel, '--dry', '--silent', '--extensions=js,mjs,cjs,ts', '-t', NOOP, corpus];
  const result = runNode(args);
  if (result.status !== 0) throw new Error(`jscodeshift failed: ${result.stderr}`);
  return { ...result, stdout: undefined };
}

function secretlint(corpus) {
  const config = join(WORK, 'secretlintrc.json');
  writeFileSync(config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const output = join(WORK, 'secretlint.json');
  rmSync(output, { force: true });
  // --output: secretlint exits before a large report piped to stdout is flushed.
  const result = runNode([SECRETLINT, '**/*', '--secretlintrc', config, '--format', 'json', '--no-color', '--output', output], { cwd: corpus });
  const files = JSON.parse(readFileSync(output, 'utf8') || '[]');
  const located = files.flatMap((file) =>
    file.messages.map((message) => ({ file: relative(corpus, file.filePath), line: message.loc.start.line, rule: message.ruleId })),
  );
  return { wallMs: result.wallMs, maxRssKb: result.maxRssKb, filesRead: files.length, located };
}

/** The section bench/history.mjs adds to the report, and owns: kept when this bench rewrites the rest. */
const HISTORY_SECTION = '\n## History scan\n';

function withHistorySection(report) {
  const existing = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  const at = existing.indexOf(HISTORY_SECTION);
  return at < 0 ? report : `${report.replace(/\n*$/, '')}\n\n${existing.slice(at + 1)}`;
}

/** How many planted keys a tool found, and how many of its findings are anything else. */
function detection(located, planted, corpus) {
  const plantedAt = (finding) =>
    planted.find((key) => relative(corpus, key.file) === finding.file && finding.line >= key.line && finding.line < key.line + key.lines);
  const found = new Set(located.map(plantedAt).filter(Boolean));
  return { found: found.size, planted: planted.length, other: located.filter((finding) => !plantedAt(finding)).length };
}

/** Planted keys found, per type of the file they were planted in. */
function detectionByType(located, planted, corpus) {
  const types = {};
  for (const type of new Set(planted.map((key) => key.type))) {
    types[type] = detection(located, planted.filter((key) => key.type === type), corpus).found;
  }
  return types;
}

/** Findings per type of the file they are in. */
function findingsByType(located, corpus) {
  const types = {};
  for (const finding of located) {
    const type = formatName(join(corpus, finding.file)) ?? 'none';
    types[type] = (types[type] ?? 0) + 1;
  }
  return types;
}

/**
 * The corpus with every file type: the JavaScript corpus and the config and docs corpus in one
 * tree, unplanted and planted. The planted keys are returned with their files in the merged tree.
 */
function buildEveryTypeCorpus({ plain, planted, plantedKeys }) {
  const configPlain = join(WORK, 'config-plain');
  const configPlanted = join(WORK, 'config-planted');
  buildConfigCorpus(configPlain, SMOKE ? { packages: SMOKE_CONFIG_PACKAGES } : {});
  const configKeys = plantConfigCorpus(configPlain, configPlanted, SMOKE ? 1 : 3);
  const dirs = { plain: join(WORK, 'every-type-plain'), planted: join(WORK, 'every-type-planted') };
  mergeCorpora(dirs.plain, [plain, configPlain]);
  mergeCorpora(dirs.planted, [planted, configPlanted]);
  const keys = [
    ...plantedKeys.map((key) => ({ ...key, file: join(dirs.planted, relative(planted, key.file)), type: 'javascript', created: false })),
    ...configKeys.map((key) => ({ ...key, file: join(dirs.planted, relative(configPlanted, key.file)) })),
  ];
  const config = corpusSize(configPlain);
  rmSync(configPlain, { recursive: true, force: true });
  rmSync(configPlanted, { recursive: true, force: true });
  return { dirs, keys, config, formats: corpusFormats(dirs.plain), plantedFormats: corpusFormats(dirs.planted) };
}

/** scan and secretlint over the corpus with every file type, runs alternating; detection from the first run. */
function measureEveryType(everyType) {
  const { dirs, keys } = everyType;
  const runs = { scan: { plain: [], planted: [] }, secretlint: { plain: [], planted: [] } };
  for (let run = 0; run < RUNS; run++) {
    for (const corpus of ['plain', 'planted']) {
      runs.scan[corpus].push(scanOurs(dirs[corpus]));
      runs.secretlint[corpus].push(secretlint(dirs[corpus]));
    }
  }
  const tool = (name) => {
    const [plain] = runs[name].plain;
    const [planted] = runs[name].planted;
    return {
      runs: runs[name],
      filesRead: { plain: plain.filesRead, planted: planted.filesRead },
      ...detection(planted.located, keys, dirs.planted),
      byType: detectionByType(planted.located, keys, dirs.planted),
      unplanted: plain.located.length,
      unplantedByType: findingsByType(plain.located, dirs.plain),
      unplantedFindings: plain.located,
    };
  };
  const scan = tool('scan');
  return {
    scan: { ...scan, failed: runs.scan.plain[0].failed.length + runs.scan.planted[0].failed.length, textOnly: runs.scan.plain[0].textOnly },
    secretlint: tool('secretlint'),
  };
}

async function main() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const sources = SMOKE ? SMOKE_SOURCES : SOURCES;
  const plain = join(WORK, 'plain');
  const planted = join(WORK, 'planted');
  log('building the corpus');
  buildPlainCorpus(plain, { sources });
  const plantedKeys = plantCorpus(plain, planted, SMOKE ? 10 : 40);
  log('building the corpus with every file type');
  const everyType = buildEveryTypeCorpus({ plain, planted, plantedKeys });
  const corpus = {
    ...corpusSize(plain),
    sources,
    plantedKeys: plantedKeys.length,
    config: { ...everyType.config, packages: SMOKE ? SMOKE_CONFIG_PACKAGES : undefined },
    formats: everyType.formats,
    plantedFormats: everyType.plantedFormats,
    formatNames: FORMAT_NAMES,
    fileShapes: PLANTED_FILE_SHAPES.map(({ type, place, host }) => ({ type, place, host: Boolean(host) })),
    everyTypeKeys: everyType.keys.map(({ type, shape, created }) => ({ type, shape, created })),
  };

  log(`lint cost: ${RUNS} runs of baseline, ours and no-secrets`);
  const lintRuns = { baseline: [], ours: [], 'no-secrets': [] };
  for (let run = 0; run < RUNS; run++) {
    for (const preset of Object.keys(lintRuns)) lintRuns[preset].push(lint(planted, preset));
  }

  log('detection');
  const oursPlain = lint(plain, 'ours-only');
  const slPlain = secretlint(plain);
  const slPlanted = secretlint(planted);
  const pick = (runs, rule) => runs[0].located.filter((finding) => finding.rule === rule);
  const detections = {
    ours: {
      ...detection(pick(lintRuns.ours, 'clockwork-secrets/no-hardcoded-key'), plantedKeys, planted),
      unplanted: oursPlain.findings['clockwork-secrets/no-hardcoded-key'] ?? 0,
    },
    'eslint-plugin-no-secrets': {
      ...detection(pick(lintRuns['no-secrets'], 'no-secrets/no-secrets'), plantedKeys, planted),
      unplanted: undefined,
    },
    secretlint: { ...detection(slPlanted.located, plantedKeys, planted), unplanted: slPlain.located.length },
  };
  // no-secrets on the unplanted corpus: its findings on the planted one, less those on planted lines.
  detections['eslint-plugin-no-secrets'].unplanted = detections['eslint-plugin-no-secrets'].other;

  log(`codemod: ${RUNS} paired runs of clockwork-secrets fix --dry-run and jscodeshift's no-op`);
  const codemodRuns = { ours: [], noop: [] };
  for (let run = 0; run < RUNS; run++) {
    codemodRuns.ours.push(codemodOurs(planted));
    codemodRuns.noop.push(codemodNoop(planted));
  }
  const singleProcess = { ours: codemodOurs(planted, 1), noop: codemodNoop(planted, true) };

  log('growth');
  const growth = [];
  for (const factor of SMOKE ? [1, 2] : [1, 2, 4]) {
    const dir = factor === 1 ? plain : join(WORK, `x${factor}`);
    if (factor > 1) multiplyCorpus(plain, dir, factor);
    const lintRun = factor === 1 ? oursPlain : lint(dir, 'ours-only');
    const codemod = codemodOurs(dir);
    growth.push({ factor, ...corpusSize(dir), lint: lintRun, codemod });
    if (factor > 1) rmSync(dir, { recursive: true, force: true });
  }

  log(`every file type: ${RUNS} runs of clockwork-secrets scan and secretlint, unplanted and planted`);
  const everyTypeResults = measureEveryType(everyType);

  log('hostile input');
  const hostileDir = join(WORK, 'hostile');
  const hostileSizes = writeHostileFiles(hostileDir, { small: SMOKE });
  const hostile = { sizes: hostileSizes, lint: lint(hostileDir, 'ours-only'), codemod: codemodOurs(hostileDir), scan: scanOurs(hostileDir) };

  const report = renderReport({
    machine: { cpus: availableParallelism(), model: cpus()[0]?.model ?? 'unknown', memoryGb: totalmem() / 2 ** 30, node: process.version },
    date: new Date().toISOString().slice(0, 10),
    runs: RUNS,
    smoke: SMOKE,
    workers: WORKERS,
    corpus,
    lint: lintRuns,
    detections,
    codemod: codemodRuns,
    singleProcess,
    growth,
    hostile,
    everyType: everyTypeResults,
    summary,
  });
  writeFileSync(OUT, withHistorySection(report));
  process.stdout.write(report);
  if (!SMOKE) rmSync(WORK, { recursive: true, force: true });
}

await main();
