/**
 * One tree with a file per format `scan` reads, each holding a key where people put one, beside
 * look-alikes of the same formats (lockfiles, SHAs in CI YAML, checksums, image digests, commit
 * elements). `scan` runs once through the built bin; `fix` runs in process on the same tree and
 * leaves every file that is not code as it was, listing the keys left there.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fix } from '../../src/cli/fix.js';
import { renderFixReport } from '../../src/cli/report.js';
import { renderScanReport, type ScanReport } from '../../src/cli/scan.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { maskKey } from '../../src/detect/mask.js';
import { cli, commitAll, type CliResult } from '../support/cli-run.js';
import { REPO } from '../support/codemod-project.js';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';

const key = (label: string) => fakeKey(`scan tree ${label}`);
const sha = (label: string) => fakeSha(`scan tree ${label}`);

/** Each file of the tree, with the keys `scan` must find in it. */
const FILES: Array<{ file: string; content: string | Buffer; keys?: string[] }> = [
  { file: 'package.json', content: '{ "name": "notifier", "private": true, "dependencies": { "clockwork": "^1.0.0" } }\n' },
  { file: 'src/sms.js', content: `const clockwork = require('clockwork')({ key: '${key('js')}' });\nmodule.exports = clockwork;\n`, keys: [key('js')] },
  {
    file: 'vercel.json',
    content: `{\n  "env": {\n    "CLOCKWORK_API_KEY": "${key('vercel')}"\n  },\n  "git": { "deploymentSha": "${sha('vercel')}" }\n}\n`,
    keys: [key('vercel')],
  },
  {
    file: 'docker-compose.yml',
    content: `services:\n  api:\n    image: notifier@sha256:${sha('compose')}${sha('compose').slice(0, 24)}\n    environment:\n      - NODE_ENV=production\n      - CLOCKWORK_API_KEY=${key('compose')}\n`,
    keys: [key('compose')],
  },
  { file: '.env', content: `# Local settings: do not commit\nPORT=3000\nCLOCKWORK_API_KEY=${key('dotenv')}\nGIT_COMMIT_SHA=${sha('dotenv')}\n`, keys: [key('dotenv')] },
  { file: '.env.production', content: `NEXT_PUBLIC_CLOCKWORK_KEY=${key('public')}\n`, keys: [key('public')] },
  { file: 'config.toml', content: `[clockwork]\napi_key = "${key('toml')}"\n\n[build]\ncommit = "${sha('toml')}"\n`, keys: [key('toml')] },
  { file: 'app.ini', content: `; notifier\n[clockwork]\nkey = ${key('ini')}\n\n[release]\nrevision = ${sha('ini')}\n`, keys: [key('ini')] },
  {
    file: 'src/main/resources/application.properties',
    content: `spring.application.name=notifier\nclockwork.api.key=${key('properties')}\nclockwork.client.checksum=${sha('properties')}\n`,
    keys: [key('properties')],
  },
  { file: 'build.properties', content: `# clockwork client build\nchecksum=${sha('build')}\n` },
  {
    file: 'settings.xml',
    content: `<settings>\n  <profiles><profile><properties>\n    <clockworkToken>\n      ${fakeToken('scan tree xml')}\n    </clockworkToken>\n  </properties></profile></profiles>\n</settings>\n`,
    keys: [fakeToken('scan tree xml')],
  },
  {
    file: 'pom.xml',
    content: `<project>\n  <dependencies><dependency><artifactId>clockwork-sms</artifactId></dependency></dependencies>\n  <scm><commit>${sha('pom')}</commit></scm>\n</project>\n`,
  },
  {
    file: 'README.md',
    content: [
      '# Notifier',
      '',
      `Sends SMS through Clockwork; the staging Clockwork key is ${key('readme prose')}.`,
      '',
      `Clockwork client 2.1 landed in commit ${sha('readme')}.`,
      '',
      '```sh',
      `export CLOCKWORK_API_KEY=${key('readme shell')}`,
      '```',
      '',
    ].join('\n'),
    keys: [key('readme prose'), key('readme shell')],
  },
  { file: 'scripts/deploy.sh', content: `#!/bin/sh\nset -eu\ngit checkout ${sha('deploy')}\nexport CLOCKWORK_KEY=${key('shell')}\nnode notify.js\n`, keys: [key('shell')] },
  {
    file: 'Dockerfile',
    content: `FROM node:20-alpine@sha256:${sha('docker')}${sha('docker').slice(0, 24)}\nARG GIT_SHA=${sha('docker arg')}\nENV CLOCKWORK_API_KEY=${key('docker')}\nCMD ["node", "src/sms.js"]\n`,
    keys: [key('docker')],
  },
  { file: '.npmrc', content: `save-exact=true\nclockwork_key=${key('npmrc')}\n`, keys: [key('npmrc')] },
  // Generated: one 30 KB line, never parsed, read as text.
  {
    file: 'public/settings.min.json',
    content: `{"build":"${sha('min')}","env":{"CLOCKWORK_API_KEY":"${key('min')}"},"routes":[${'"/a",'.repeat(6000)}"/b"]}\n`,
    keys: [key('min')],
  },
  // Read with the rule's own JSON and YAML parsers: property paths and name/value pairs.
  { file: 'config/default.json', content: `{\n  "clockwork": {\n    "apiKey": "${key('nested json')}"\n  }\n}\n`, keys: [key('nested json')] },
  {
    file: 'k8s/deployment.yaml',
    content: `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: notifier\n          env:\n            - name: CLOCKWORK_API_KEY\n              value: "${key('k8s')}"\n`,
    keys: [key('k8s')],
  },
  // Look-alikes.
  {
    file: 'package-lock.json',
    content: `{\n  "packages": {\n    "node_modules/clockwork": {\n      "resolved": "git+ssh://git@github.com/mediaburst/clockwork-node.git#${sha('lock')}",\n      "integrity": "sha1-${sha('lock integrity')}"\n    }\n  }\n}\n`,
  },
  { file: 'pnpm-lock.yaml', content: `packages:\n  clockwork@1.0.0:\n    resolution: {tarball: https://codeload.github.com/mediaburst/clockwork-node/tar.gz/${sha('pnpm')}}\n` },
  {
    file: '.github/workflows/ci.yml',
    content: `name: clockwork tests\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha('actions')}\n      - run: npm test\n`,
  },
  { file: 'data/blob.json', content: Buffer.concat([Buffer.from('{"clockwork": "'), Buffer.from([0, 1, 2]), Buffer.from('"}')]) },
  { file: 'notes.txt', content: `clockwork key ${key('txt')}\n` },
];

const EVERY_VALUE = FILES.flatMap(({ content }) => (typeof content === 'string' ? findKeyTokens(content).map((token) => token.value) : []));

let dir: string;
let scanned: CliResult;
let report: ScanReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-scan-tree-'));
  for (const { file, content } of FILES) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  // Committed: the .env is committed by mistake, as in the repositories this scan is for.
  commitAll(dir);
  scanned = await cli(['scan', '.', 'notes.txt', '--json'], dir);
  report = JSON.parse(scanned.output.slice(0, scanned.output.lastIndexOf('}') + 1).slice(scanned.output.indexOf('{'))) as ScanReport;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan on a tree with every format', () => {
  it('finds every key, and nothing else', () => {
    expect(scanned.code).toBe(1);
    const expected = FILES.flatMap(({ file, keys = [] }) => keys.map((value) => `${file}  ${maskKey(value)}`));
    expect(report.findings.map((finding) => `${finding.file}  ${finding.masked}`).toSorted()).toEqual(expected.toSorted());
    expect(report.failed).toEqual([]);
    expect(report.findings.find((finding) => finding.file === 'public/settings.min.json')).toMatchObject({ format: 'text', reason: 'assignment (text only)' });
  });

  it('passes over lockfiles and binary files with a count, and warns about a named file it cannot check', () => {
    expect(report.skipped.toSorted((a, b) => a.file.localeCompare(b.file))).toEqual([
      { file: 'data/blob.json', kind: 'binary', reason: 'binary' },
      { file: 'notes.txt', kind: 'not-checked', reason: 'not checked: no scanner reads this kind of file' },
      { file: 'package-lock.json', kind: 'lockfile', reason: 'lockfile' },
      { file: 'pnpm-lock.yaml', kind: 'lockfile', reason: 'lockfile' },
      { file: 'public/settings.min.json', kind: 'text-only', reason: 'minified or generated (very long lines): read as text only' },
    ]);
    // Every file but those four: notes.txt is neither scanned nor counted.
    expect(report.filesScanned).toBe(FILES.length - 4);
    expect(scanned.output).toContain('clockwork-secrets: warning: notes.txt: not checked: no scanner reads this kind of file');
    const text = renderScanReport(report);
    expect(text).toContain(`${FILES.flatMap(({ keys = [] }) => keys).length} hardcoded Clockwork keys in ${FILES.length - 4} files scanned.`);
    expect(text).toContain('Not read: 2 lockfiles, 1 binary file, 1 file no scanner reads.');
    expect(text).toContain('public/settings.min.json: skipped, minified or generated (very long lines): read as text only');
    expect(text).toContain('Not parsed, read as text only: 1 file (minified or generated (very long lines), over 1 MB, or not valid UTF-8).');
  });

  it('prints one object that docs/scan-report.schema.json describes', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'docs', 'scan-report.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, findings: [{ ...report.findings[0], masked: key('unmasked') }] })).toBe(false);
  });

  it('never prints a key, a look-alike or any key-shaped token', () => {
    expect(findKeyTokens(scanned.output)).toEqual([]);
    for (const value of EVERY_VALUE) expect(scanned.output.includes(value)).toBe(false);
  });
});

describe('fix on the same tree', () => {
  it('rewrites code only, and lists each key left in the other files with what to do', async () => {
    const before = new Map(FILES.map(({ file }) => [file, readFileSync(join(dir, file))]));
    const fixed = await fix({ paths: [dir], dryRun: false, force: true, workers: 1, transformOptions: { provider: 'env', dotenv: join(dir, 'secrets.env') } });
    for (const { file } of FILES) {
      if (file === 'src/sms.js') expect(readFileSync(join(dir, file), 'utf8')).toContain("clockworkSecret('CLOCKWORK_API_KEY')");
      else expect(readFileSync(join(dir, file)), `${file} changed`).toEqual(before.get(file));
    }
    const outside = report.findings.filter((finding) => finding.format !== 'javascript');
    expect(fixed.outsideCode.keys.map((found) => `${found.path.slice(dir.length + 1)}:${found.line}:${found.column}`)).toEqual(
      outside.map((finding) => `${finding.file}:${finding.line}:${finding.column}`),
    );
    const output = renderFixReport(fixed, { dryRun: false, provider: 'env' });
    expect(output).toContain(`  ${outside.length} keys in files fix does not rewrite: move each into the store by hand (as fix does for code), then rotate it:`);
    expect(output).toContain(`    ${relative(process.cwd(), join(dir, '.env'))}:3:19  ${maskKey(key('dotenv'))}  (held by "CLOCKWORK_API_KEY")`);
    expect(output).toContain('Rotate it:');
    expect(findKeyTokens(output)).toEqual([]);
  });
});

describe('fix and the .env it records keys in', () => {
  it('is the store: its keys are not listed while fix records into it, and are listed when fix does not', async () => {
    const store = mkdtempSync(join(tmpdir(), 'cw-scan-store-'));
    try {
      writeFileSync(join(store, 'package.json'), '{ "name": "p", "private": true }\n');
      writeFileSync(join(store, '.env'), `CLOCKWORK_API_KEY=${key('store')}\n`);
      writeFileSync(join(store, 'config.toml'), `[clockwork]\nkey = "${key('store toml')}"\n`);
      mkdirSync(join(store, 'src'));
      writeFileSync(join(store, 'src/sms.js'), `const CLOCKWORK_KEY = '${key('store js')}';\n`);
      const listed = async () => {
        const fixed = await fix({ paths: [store], dryRun: true, workers: 1, transformOptions: { provider: 'env' } });
        return fixed.outsideCode.keys.map((found) => `${found.path.slice(store.length + 1)} ${maskKey(found.value)}`);
      };
      expect(await listed()).toEqual([`config.toml ${maskKey(key('store toml'))}`]);
      // No key in the code: nothing is recorded in .env, nor is it kept from git, so its key is listed too.
      writeFileSync(join(store, 'src/sms.js'), 'module.exports = {};\n');
      expect(await listed()).toEqual([`.env ${maskKey(key('store'))}`, `config.toml ${maskKey(key('store toml'))}`]);
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });
});
