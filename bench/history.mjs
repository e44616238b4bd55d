#!/usr/bin/env node
/**
 * `node bench/history.mjs`: what `clockwork-secrets scan --history` costs on a repository with
 * thousands of commits, beside `git log -p --all` over the same history (what a diff-walking
 * scanner reads at the least). The repository is generated with `git fast-import` in seconds: code
 * files edited commit after commit, a lockfile full of git SHAs, a side branch, and fake keys
 * added and removed over time. Appends (or replaces) the "History scan" section at the end of
 * docs/benchmarks.md. Run `npm run build` first.
 *
 *   HISTORY_COMMITS=5000   commits on main (the side branch adds a tenth more)
 *   HISTORY_RUNS=3         runs of each command (medians and spreads are reported)
 *   BENCH_OUT=path         the report to append to (default docs/benchmarks.md)
 *   BENCH_DIR=path         where to build the repository (default bench/.corpus, git-ignored)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runNode, summary } from './measure.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(REPO, 'dist', 'src', 'cli', 'main.js');
const COMMITS = Number(process.env.HISTORY_COMMITS ?? 5000);
const RUNS = Number(process.env.HISTORY_RUNS ?? 3);
const OUT = process.env.BENCH_OUT ?? join(REPO, 'docs', 'benchmarks.md');
const DIR = join(process.env.BENCH_DIR ?? join(REPO, 'bench', '.corpus'), 'history');
const SECTION = '## History scan';

/** Fake credentials, as test/support/fake-keys.ts makes them: never a real key. */
const fakeKey = (label) => createHash('sha1').update(`clockwork-secrets fake key: ${label}`).digest('hex');
const fakeSha = (label) => createHash('sha1').update(`clockwork-secrets fake sha: ${label}`).digest('hex');

/** A deterministic generator, so every run builds the same history. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const MODULES = 120;

function moduleSource(index, version) {
  const lines = [
    `import { request } from '../http/client.js';`,
    `import { logger } from '../log.js';`,
    ``,
    `/** Service ${index}, revision ${version}. */`,
    `export async function handler${index}(event) {`,
    `  const started = Date.now();`,
    `  const body = JSON.parse(event.body ?? '{}');`,
  ];
  for (let step = 0; step < 20 + (index % 15); step++) lines.push(`  const step${step} = await request('/api/${index}/${step}', { id: body.id, attempt: ${(version + step) % 7} });`, `  logger.debug('step ${step}', step${step}.status);`);
  if (index % 10 === 0) lines.push(`  // The clockwork client reads its key from the environment.`, `  const clockworkKey = process.env.CLOCKWORK_API_KEY;`);
  if (index % 17 === 0) lines.push(`  const buildCommitSha = '${fakeSha(`build ${index} ${version}`)}';`);
  lines.push(`  return { statusCode: 200, body: JSON.stringify({ took: Date.now() - started }) };`, `}`, ``);
  return lines.join('\n');
}

function lockfile(version) {
  const packages = { '': { name: 'history-bench', version: '1.0.0' } };
  for (let dep = 0; dep < 150; dep++) {
    packages[`node_modules/dep-${dep}`] = { version: `1.${dep}.${version}`, resolved: `git+ssh://git@github.com/example/dep-${dep}.git#${fakeSha(`lock ${dep} ${version}`)}`, integrity: `sha1-${fakeSha(`integrity ${dep} ${version}`)}` };
  }
  return JSON.stringify({ name: 'history-bench', lockfileVersion: 3, requires: true, packages }, null, 2) + '\n';
}

/** Keys planted on main: each added at one commit and (all but the last) removed later. */
function plantedKeys(commits) {
  return Array.from({ length: 6 }, (_, index) => ({
    value: fakeKey(`history bench ${index}`),
    path: index % 2 === 0 ? `src/sms/sender-${index}.js` : `config/clockwork-${index}.json`,
    added: Math.floor(((index + 1) * commits) / 8),
    removed: index === 5 ? undefined : Math.floor(((index + 1) * commits) / 8) + 150,
  }));
}

function leakText(key) {
  return key.path.endsWith('.json') ? `{ "clockwork": { "apiKey": "${key.value}", "from": "Bench" } }\n` : `const clockwork = require('clockwork')({ key: '${key.value}' });\nmodule.exports = clockwork;\n`;
}

/** The fast-import stream, written as it is generated. */
function writeStream(path, commits) {
  const fd = openSync(path, 'w');
  const out = (text) => writeFileSync(fd, text);
  const data = (text) => out(`data ${Buffer.byteLength(text)}\n${text}\n`);
  const next = random(42);
  const keys = plantedKeys(commits);
  const versions = new Array(MODULES).fill(0);
  let time = Date.UTC(2019, 0, 1) / 1000;
  let mark = 0;
  const commit = (branch, from, changes, subject) => {
    time += 600 + Math.floor(next() * 3000);
    mark++;
    out(`commit refs/heads/${branch}\nmark :${mark}\nauthor Bench <bench@example.invalid> ${time} +0000\ncommitter Bench <bench@example.invalid> ${time} +0000\n`);
    data(subject);
    if (from) out(`from :${from}\n`);
    for (const [file, content] of changes) out(content === null ? `D ${file}\n` : `M 100644 inline ${file}\n`), content === null || data(content);
    out('\n');
    return mark;
  };
  let head = commit('main', 0, [...Array.from({ length: MODULES }, (_, index) => [`src/services/service-${index}.js`, moduleSource(index, 0)]), ['package-lock.json', lockfile(0)], ['README.md', '# history bench\n']], 'initial import');
  let sideHead = 0;
  for (let index = 1; index < commits; index++) {
    const changes = [];
    for (let edit = 0; edit < 1 + Math.floor(next() * 3); edit++) {
      const module = Math.floor(next() * MODULES);
      changes.push([`src/services/service-${module}.js`, moduleSource(module, ++versions[module])]);
    }
    if (index % 40 === 0) changes.push(['package-lock.json', lockfile(index / 40)]);
    for (const key of keys) {
      if (key.added === index) changes.push([key.path, leakText(key)]);
      if (key.removed === index) changes.push([key.path, null]);
    }
    head = commit('main', head, changes, `change ${index}`);
    // A side branch that forks once and carries its own key, never merged.
    if (index === Math.floor(commits / 2)) sideHead = head;
  }
  const sideKey = { value: fakeKey('history bench side'), path: 'src/sms/experiment.js' };
  for (let index = 0; index < Math.floor(commits / 10); index++) {
    const module = Math.floor(next() * MODULES);
    const changes = [[`src/services/service-${module}.js`, moduleSource(module, 100000 + index)]];
    if (index === 5) changes.push([sideKey.path, leakText(sideKey)]);
    sideHead = commit('side', sideHead, changes, `side ${index}`);
  }
  closeSync(fd);
  return { keys: [...keys, sideKey] };
}

function git(args, options = {}) {
  const result = spawnSync('git', args, { cwd: DIR, encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

function buildRepository() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  git(['init', '-q', '-b', 'main']);
  const stream = join(DIR, '..', 'history.fast-import');
  const started = performance.now();
  const { keys } = writeStream(stream, COMMITS);
  const input = openSync(stream, 'r');
  git(['fast-import', '--quiet'], { stdio: [input, 'pipe', 'pipe'] });
  closeSync(input);
  git(['checkout', '-q', 'main']);
  rmSync(stream);
  return { keys, buildMs: performance.now() - started };
}

/** `git log -p --all`, its output counted and dropped, under GNU time when there is one. */
function gitLogPatch() {
  const hasTime = existsSync('/usr/bin/time');
  const command = hasTime ? '/usr/bin/time' : 'git';
  const args = [...(hasTime ? ['-f', '__MAXRSS__%M', 'git'] : []), 'log', '-p', '--all'];
  const devNull = openSync('/dev/null', 'w');
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: DIR, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
  const wallMs = performance.now() - started;
  closeSync(devNull);
  if (result.status !== 0) throw new Error(`git log -p failed: ${result.stderr}`);
  const match = /__MAXRSS__(\d+)/.exec(result.stderr);
  return { wallMs, maxRssKb: match ? Number(match[1]) : undefined };
}

const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const megabytes = (kb) => (kb === undefined ? 'n/a' : `${Math.round(kb / 1024)} MB`);
const spread = (values, show) => {
  const { median, min, max, runs } = summary(values);
  return runs > 1 ? `${show(median)} (${show(min)}–${show(max)})` : show(median);
};

if (!existsSync(BIN)) throw new Error('Run `npm run build` first.');
const { keys, buildMs } = buildRepository();
const commits = Number(git(['rev-list', '--all', '--count']).trim());
const blobs = git(['rev-list', '--objects', '--all', '--filter=object:type=blob']).split('\n').filter((line) => line.includes(' ')).length;
const patchBytes = Number(spawnSync('sh', ['-c', 'git log -p --all | wc -c'], { cwd: DIR, encoding: 'utf8' }).stdout.trim());

const ours = [];
const theirs = [];
let report;
for (let run = 0; run < RUNS; run++) {
  const result = runNode([BIN, 'scan', '--history', '--json'], { cwd: DIR });
  if (result.status !== 1) throw new Error(`scan --history exited ${result.status}: ${result.stderr}`);
  for (const key of keys) if (result.stdout.includes(key.value) || result.stderr.includes(key.value)) throw new Error('a full key in the output');
  report = JSON.parse(result.stdout);
  ours.push(result);
  theirs.push(gitLogPatch());
}
const found = keys.filter((key) => report.findings.some((finding) => finding.masked.startsWith(key.value.slice(0, 4)))).length;
const stillThere = report.findings.filter((finding) => finding.presentAtHead).length;

const section = [
  SECTION,
  '',
  `A generated repository (\`git fast-import\`, built in ${seconds(buildMs)}): ${commits} commits on two branches, ${blobs} distinct blobs, ${(patchBytes / 1024 / 1024).toFixed(1)} MB of \`git log -p --all\` output; ${MODULES} JavaScript modules edited 1–3 at a time, a \`package-lock.json\` full of git SHAs rewritten every 40 commits, and ${keys.length} fake keys added and (all but two) removed over time, one of them only on the unmerged side branch. ${RUNS} runs each; medians, spreads in brackets. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB, Node ${process.versions.node}, ${git(['--version']).trim()}.`,
  '',
  '| command | wall | peak RSS |',
  '| --- | --- | --- |',
  `| \`clockwork-secrets scan --history\` | ${spread(ours.map((run) => run.wallMs), seconds)} | ${spread(ours.map((run) => run.maxRssKb ?? 0), megabytes)} |`,
  `| \`git log -p --all > /dev/null\` | ${spread(theirs.map((run) => run.wallMs), seconds)} | ${spread(theirs.map((run) => run.maxRssKb ?? 0), megabytes)} |`,
  '',
  `\`scan --history\` read ${report.history.blobsRead} of ${report.history.blobs} blobs (${report.history.scans} scans, one per blob and format; lockfile versions are passed over by name) and reported ${report.findings.length} keys: ${found} of ${keys.length} planted found, ${stillThere} still present at HEAD, no finding from the lockfile's SHAs. Each finding names the commit that introduced it and its author date.`,
  '',
  'Reproduce: `npm run build && node bench/history.mjs` (`HISTORY_COMMITS`, `HISTORY_RUNS` to vary).',
  '',
].join('\n');

const existing = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
const at = existing.indexOf(`\n${SECTION}\n`);
let updated;
if (at < 0) updated = `${existing.replace(/\n*$/, '')}\n\n${section}`;
else {
  const after = existing.indexOf('\n## ', at + SECTION.length + 1);
  updated = `${existing.slice(0, at + 1)}${section}${after < 0 ? '' : existing.slice(after)}`;
}
writeFileSync(OUT, updated);
console.log(section);
