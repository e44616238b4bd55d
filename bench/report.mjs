/** The benchmark report, as Markdown: what was measured, on what, against which target. */

const ms = (value) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const mb = (kb) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
const pct = (ratio) => `${(ratio * 100).toFixed(2)}%`;
const spread = (s, format) => `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
const verdict = (ok) => (ok ? 'met' : '**not met**');
const size = (bytes) => (bytes === 0 ? '0' : bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

/** What each format `scan` reads holds, in words. */
const TYPE_LABELS = {
  javascript: 'JavaScript, TypeScript',
  json: 'JSON, JSONC, JSON5',
  yaml: 'YAML',
  toml: 'TOML',
  ini: 'INI',
  properties: '`.properties`',
  xml: 'XML',
  markdown: 'Markdown',
  shell: 'shell scripts',
  dockerfile: 'Dockerfiles',
  npmrc: '`.npmrc`',
  dotenv: '`.env` files',
};
const typeLabel = (type) => TYPE_LABELS[type] ?? type;

/** The corpus with every file type: files and bytes per type, and where keys are planted in each. */
function everyTypeCorpus(corpus) {
  const count = (type, filter = () => true) => corpus.everyTypeKeys.filter((key) => key.type === type && filter(key)).length;
  const rows = corpus.formatNames.map((type) => {
    const { files = 0, bytes = 0 } = corpus.formats[type] ?? {};
    const places =
      type === 'javascript' ? ['the ten shapes above, appended to files'] : corpus.fileShapes.filter((shape) => shape.type === type).map((shape) => shape.place);
    const created = count(type, (key) => key.created);
    const note = type === 'javascript' ? '' : created === count(type) ? ' (all in new files)' : created > 0 ? ` (${created} in new files)` : '';
    return `| ${typeLabel(type)} | ${files} | ${size(bytes)} | ${count(type)} | ${places.join('; ')}${note} |`;
  });
  const total = Object.values(corpus.formats).reduce((sum, { files, bytes }) => ({ files: sum.files + files, bytes: sum.bytes + bytes }), { files: 0, bytes: 0 });
  const absent = corpus.formatNames.filter((type) => !corpus.formats[type]);
  return [
    corpus.config.packages
      ? `With every file type \`scan\` reads, the corpus adds the config and docs files of ${corpus.config.packages.map((name) => `\`${name}\``).join(', ')}:`
      : 'With every file type `scan` reads, the corpus adds the config and docs files of every installed package (all of node_modules, nested installs included):',
    `every file of a type \`scan\` reads other than JavaScript and TypeScript (package.json and other JSON, YAML, Markdown, shell scripts, INI), a file installed twice copied once, lockfiles left out (\`scan\` passes over them by name, and both tools must read the same files): ${corpus.config.files} files, ${size(corpus.config.bytes)}.`,
    `Together, ${total.files} files, ${size(total.bytes)}, by the format \`scan\` reads each with:`,
    '',
    '| type | files | size | planted keys | where they are planted |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    `| total | ${total.files} | ${size(total.bytes)} | ${corpus.everyTypeKeys.length} | |`,
    '',
    absent.length > 0
      ? `No installed package ships ${absent.map(typeLabel).join(', ')}: the unplanted corpus has none, so its zero findings say nothing about those types on third-party files; the planted copy adds a new file for each key of those types, in a package's folder.`
      : '',
    `A key planted in an existing file is appended at its end (or, in JSON, made the object's first member), so the file stays valid; each file holds at most one planted key. The planted copy has ${Object.values(corpus.plantedFormats).reduce((sum, { files }) => sum + files, 0)} files.`,
  ];
}

/** Section 7: scan and secretlint over the same files, every type. */
function everyTypeSection(data, { wall, rss }) {
  const { scan, secretlint } = data.everyType;
  const row = (measure, value, target) => `| ${measure} | ${value(scan)} | ${value(secretlint)} |${target ? ` ${target} ` : ' '}|`;
  const sameFiles = scan.filesRead.plain === secretlint.filesRead.plain && scan.filesRead.planted === secretlint.filesRead.planted;
  const types = data.corpus.formatNames.filter((type) => data.corpus.formats[type] || data.corpus.everyTypeKeys.some((key) => key.type === type));
  const planted = (type) => data.corpus.everyTypeKeys.filter((key) => key.type === type).length;
  const byRule = {};
  for (const finding of secretlint.unplantedFindings) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  const ours = scan.unplantedFindings;
  const met = scan.found === scan.planted && scan.unplanted === 0 && scan.other === 0 && scan.failed === 0;
  return [
    '## 7. Every file type: `scan` beside secretlint',
    '',
    'The corpus with every file type (see Corpus), unplanted and planted: `clockwork-secrets scan . --json` and `secretlint "**/*"` with `@secretlint/secretlint-rule-preset-recommend`, each run from the corpus folder over the same files. Whole command, process start-up included; both read the files in one process. secretlint has no Clockwork rule: its column shows what a generic scanner finds there.',
    '',
    '| measure | `clockwork-secrets scan --json` | secretlint | target |',
    '| --- | --- | --- | --- |',
    row('files read, unplanted / planted', (tool) => `${tool.filesRead.plain} / ${tool.filesRead.planted}`, `the same files: ${verdict(sameFiles)}`),
    row('wall time, unplanted corpus', (tool) => spread(wall(tool.runs.plain), ms)),
    row('wall time, planted corpus', (tool) => spread(wall(tool.runs.planted), ms)),
    row('peak memory, unplanted corpus', (tool) => spread(rss(tool.runs.plain), mb)),
    row('peak memory, planted corpus', (tool) => spread(rss(tool.runs.planted), mb)),
    row('planted keys found', (tool) => `${tool.found} of ${tool.planted}`, `all: ${verdict(scan.found === scan.planted)}`),
    row('other findings, planted corpus', (tool) => tool.other),
    row('findings, unplanted corpus', (tool) => tool.unplanted, `0 for scan: ${verdict(scan.unplanted === 0)}`),
    '',
    'By type: planted keys found, and findings on the unplanted corpus.',
    '',
    '| type | files, unplanted | planted keys | found by scan | found by secretlint | scan findings, unplanted | secretlint findings, unplanted |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...types.map(
      (type) =>
        `| ${typeLabel(type)} | ${data.corpus.formats[type]?.files ?? 0} | ${planted(type)} | ${scan.byType[type] ?? 0} | ${secretlint.byType[type] ?? 0} | ${scan.unplantedByType[type] ?? 0} | ${secretlint.unplantedByType[type] ?? 0} |`,
    ),
    '',
    `\`scan\` read ${scan.textOnly} file${scan.textOnly === 1 ? '' : 's'} of the unplanted corpus as text only (over 1 MB, minified, or a config file that does not parse) and failed on ${scan.failed}.`,
    Object.keys(byRule).length > 0
      ? `secretlint's findings on the unplanted corpus, by rule: ${Object.entries(byRule)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([rule, count]) => `\`${rule}\` ${count}`)
          .join(', ')}.`
      : 'secretlint finds nothing on the unplanted corpus.',
    ours.length > 0
      ? `\`scan\`'s findings on the unplanted corpus (false positives: no key was planted there), masked:\n\n${ours
          .map((finding) => `- \`${finding.file}:${finding.line}\` (${finding.format}): ${finding.masked}, ${finding.reason}`)
          .join('\n')}`
      : '',
    '',
    `Target: every planted key found, zero findings on the unplanted corpus and nothing else found on the planted one: ${verdict(met)}.`,
    '',
  ];
}

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
    'Sections 1 to 6 use this JavaScript corpus; section 7 the corpus with every file type below.',
    '',
    ...everyTypeCorpus(data.corpus),
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
    ...everyTypeSection(data, { wall, rss }),
  ];
  return `${lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n')}\n`;
}
