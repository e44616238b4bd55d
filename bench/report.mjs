/** The benchmark report, as Markdown: what was measured, on what, against which target. */

const ms = (value) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const mb = (kb) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
const pct = (ratio) => `${(ratio * 100).toFixed(2)}%`;
const spread = (s, format) => `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
const verdict = (ok) => (ok ? 'met' : '**not met**');

export function renderReport(data) {
  const { summary } = data;
  const lint = data.lint;
  const paired = (a, b, f) => a.map((run, index) => f(run, b[index]));
  const ourShare = summary(lint.ours.map((run) => run.ourRuleMs / run.wallMs));
  const versusNoSecrets = summary(paired(lint.ours, lint['no-secrets'], (ours, theirs) => ours.ourRuleMs / theirs.noSecretsRuleMs));
  const codemodRatio = summary(paired(data.codemod.ours, data.codemod.noop, (ours, noop) => ours.wallMs / noop.wallMs));
  const wall = (runs) => summary(runs.map((run) => run.wallMs));
  const rss = (runs) => summary(runs.map((run) => run.maxRssKb ?? Number.NaN));
  const keysFound = Math.min(...data.codemod.ours.map((run) => run.keys));
  const base = data.growth[0];

  const lines = [
    '# Benchmarks',
    '',
    data.smoke ? '> Smoke run on a tiny corpus: the figures below check that the bench works, not how fast anything is.' : '',
    `Measured on ${data.date}: ${data.machine.cpus} cores (${data.machine.model}), ${data.machine.memoryGb.toFixed(0)} GB, Node ${data.machine.node}.`,
    `Every timing is the median of ${data.runs} run${data.runs === 1 ? '' : 's'}, with the spread (fastest–slowest) in brackets; paired measurements alternate in one session, so machine noise hits both sides.`,
    '',
    'Reproduce: `npm ci && npm run build && npm run bench` (`BENCH_RUNS=5` for more runs). The corpus is built from devDependencies, so it needs no network.',
    '',
    '## Corpus',
    '',
    `${data.corpus.files} files, ${(data.corpus.bytes / 2 ** 20).toFixed(1)} MB of JavaScript and TypeScript this project did not write, copied out of node_modules:`,
    data.corpus.sources.map(([name, path]) => `\`${name}/${path}\``).join(', ') + '.',
    `The planted copy adds ${data.corpus.plantedKeys} generated fake keys in ten shapes (client call, Clockwork name, config path, URL, comment, env fallback, XML payload, email gateway, split concatenation, data flow to the client).`,
    '',
    '## 1. Lint cost',
    '',
    'ESLint over the planted corpus, one thread, `stats: true`. "Rule time" is ESLint\'s own per-rule timing.',
    '',
    '| measure | value | target |',
    '| --- | --- | --- |',
    `| ESLint, \`@eslint/js\` recommended | ${spread(wall(lint.baseline), ms)} | |`,
    `| ESLint, \`@eslint/js\` + clockwork-secrets recommended | ${spread(wall(lint.ours), ms)} | |`,
    `| clockwork-secrets rule time | ${spread(summary(lint.ours.map((run) => run.ourRuleMs)), ms)} | |`,
    `| its share of that run's lint time | ${spread(ourShare, pct)} | ≤ 3%: ${verdict(ourShare.median <= 0.03)} |`,
    `| eslint-plugin-no-secrets rule time (default options) | ${spread(summary(lint['no-secrets'].map((run) => run.noSecretsRuleMs)), ms)} | |`,
    `| clockwork-secrets / no-secrets rule time | ${spread(versusNoSecrets, pct)} | ≤ 5% (1/20): ${verdict(versusNoSecrets.median <= 0.05)} |`,
    '',
    '## 2. Codemod',
    '',
    `Wall time of the whole command over the planted corpus, ${data.workers} workers each, process start-up included.`,
    '',
    '| command | wall time | target |',
    '| --- | --- | --- |',
    `| \`clockwork-secrets fix --dry-run\` | ${spread(wall(data.codemod.ours), ms)} | |`,
    `| jscodeshift, no-op parse-and-print transform (\`--parser=tsx\`, \`--dry\`) | ${spread(wall(data.codemod.noop), ms)} | |`,
    `| ratio | ${spread(codemodRatio, (value) => value.toFixed(3))} | ≤ 0.25: ${verdict(codemodRatio.median <= 0.25)} |`,
    `| planted keys found by the dry run | ${keysFound} of ${data.corpus.plantedKeys} | all: ${verdict(keysFound === data.corpus.plantedKeys)} |`,
    '',
    'The codemod reads every file but parses only those a raw-text pre-filter lets through (those that can hold Clockwork context); jscodeshift parses and prints every file.',
    '',
    '## 3. Peak memory',
    '',
    'Peak resident memory (GNU time; for a command that forks, the largest process).',
    '',
    '| run | peak memory |',
    '| --- | --- |',
    `| ESLint, \`@eslint/js\` recommended | ${spread(rss(lint.baseline), mb)} |`,
    `| ESLint, \`@eslint/js\` + clockwork-secrets | ${spread(rss(lint.ours), mb)} |`,
    `| ESLint, \`@eslint/js\` + no-secrets | ${spread(rss(lint['no-secrets']), mb)} |`,
    `| \`clockwork-secrets fix --dry-run\`, ${data.workers} worker threads (one process) | ${spread(rss(data.codemod.ours), mb)} |`,
    `| jscodeshift no-op, ${data.workers} worker processes (largest) | ${spread(rss(data.codemod.noop), mb)} |`,
    `| \`clockwork-secrets fix --dry-run\`, 1 worker | ${mb(data.singleProcess.ours.maxRssKb)} |`,
    `| jscodeshift no-op, \`--run-in-band\` (one process) | ${mb(data.singleProcess.noop.maxRssKb)} |`,
    '',
    '## 4. Detection',
    '',
    '| tool | planted keys found | other findings, planted corpus | findings, unplanted corpus |',
    '| --- | --- | --- | --- |',
    ...Object.entries(data.detections).map(
      ([tool, result]) => `| ${tool} | ${result.found} of ${result.planted} | ${result.other} | ${result.unplanted} |`,
    ),
    '',
    'eslint-plugin-no-secrets runs with its default options, secretlint with `@secretlint/secretlint-rule-preset-recommend`.',
    `Target: every planted key found and zero findings on the unplanted corpus: ${verdict(
      data.detections.ours.found === data.detections.ours.planted && data.detections.ours.unplanted === 0 && data.detections.ours.other === 0,
    )}.`,
    '',
    '## 5. Growth',
    '',
    'The unplanted corpus copied 1, 2 and 4 times. Lint runs the clockwork-secrets rules alone (ESLint\'s parse dominates); the codemod is the dry run.',
    '',
    '| corpus | files | size | lint wall | lint per MB | lint peak | codemod wall | codemod per MB | codemod peak |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...data.growth.map((row) => {
      const size = row.bytes / 2 ** 20;
      return `| ${row.factor}x | ${row.files} | ${size.toFixed(1)} MB | ${ms(row.lint.wallMs)} | ${ms(row.lint.wallMs / size)} | ${mb(row.lint.maxRssKb)} | ${ms(row.codemod.wallMs)} | ${ms(row.codemod.wallMs / size)} | ${mb(row.codemod.maxRssKb)} |`;
    }),
    '',
    `Time per MB from 1x to ${data.growth.at(-1).factor}x: lint ${(data.growth.at(-1).lint.wallMs / data.growth.at(-1).bytes / (base.lint.wallMs / base.bytes)).toFixed(2)}x, codemod ${(data.growth.at(-1).codemod.wallMs / data.growth.at(-1).bytes / (base.codemod.wallMs / base.bytes)).toFixed(2)}x (1.00x is perfectly linear).`,
    '',
    '## 6. Hostile input',
    '',
    'Two files that name Clockwork, so no pre-filter skips them: a minified bundle, and one string literal of Clockwork URL text in which every 40-hex token sits in a `key=` slot. ESLint parses both (the rule sees what the user lints). The CLI triages before parsing: `fix` skips both and counts them; `scan` reads them with the text-only detector.',
    '',
    '| file | size | lint wall | lint peak | lint findings | fix --dry-run wall | fix peak | scan wall | scan peak | scan findings |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| minified bundle + string literal | ${(data.hostile.sizes.minifiedBytes / 2 ** 20).toFixed(1)} MB + ${(data.hostile.sizes.stringBytes / 2 ** 20).toFixed(2)} MB | ${ms(data.hostile.lint.wallMs)} | ${mb(data.hostile.lint.maxRssKb)} | ${data.hostile.lint.findings['clockwork-secrets/no-hardcoded-key'] ?? 0} | ${ms(data.hostile.codemod.wallMs)} | ${mb(data.hostile.codemod.maxRssKb)} | ${ms(data.hostile.scan.wallMs)} | ${mb(data.hostile.scan.maxRssKb)} | ${data.hostile.scan.findings} |`,
    '',
  ];
  return `${lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n')}\n`;
}
