/**
 * The exported configs for config files and docs: what each one sets, and configs.all on a small
 * project with real ESLint 10 and ESLint 9 (the `eslint9` alias), which must find exactly the
 * planted keys and none of the look-alikes beside them.
 */
import markdown from '@eslint/markdown';
import { ESLint as ESLint10, Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yamlParser from 'yaml-eslint-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { LOCKFILE_NAMES } from '../../src/detect/structured.js';
import plugin from '../../src/index.js';
import { fakeKey, fakeSha } from '../support/fake-keys.js';

const RULE = 'clockwork-secrets/no-hardcoded-key';
const K = Array.from({ length: 9 }, (_, index) => fakeKey(`configs.all ${index}`));
const SHA = Array.from({ length: 4 }, (_, index) => fakeSha(`configs.all ${index}`));

describe('the configs', () => {
  it('json: JSONC for .json, trailing commas where TypeScript and VS Code allow them, JSON5 for .json5, lockfiles ignored', () => {
    const [json, jsonc, json5] = plugin.configs.json;
    expect(json).toMatchObject({ name: 'clockwork-secrets/json', files: ['**/*.json'], language: 'json/jsonc', rules: { [RULE]: 'error' } });
    // Never on every .json: a user's own `json/json` config for them would then be refused by @eslint/json.
    expect(json!.languageOptions).toBeUndefined();
    expect(jsonc).toMatchObject({ name: 'clockwork-secrets/jsonc', language: 'json/jsonc', languageOptions: { allowTrailingCommas: true }, rules: { [RULE]: 'error' } });
    expect(jsonc!.files).toEqual(expect.arrayContaining(['**/*.jsonc', '**/tsconfig.json', '**/tsconfig.*.json', '**/.vscode/*.json']));
    expect(json5).toMatchObject({ name: 'clockwork-secrets/json5', files: ['**/*.json5'], language: 'json/json5', rules: { [RULE]: 'error' } });
    for (const config of [json, jsonc, json5]) {
      expect(config!.ignores).toEqual(expect.arrayContaining(['**/package-lock.json', '**/npm-shrinkwrap.json']));
      expect(Object.keys(config!.plugins!)).toEqual(['json', 'clockwork-secrets']);
      expect(config!.plugins!['clockwork-secrets']).toBe(plugin);
    }
  });

  it("json: a user's own strict-JSON config after it still works, and the key is still found", () => {
    const code = `{ "clockwork": { "apiKey": "${K[0]}" } }`;
    const messages = new Linter().verify(code, [...(plugin.configs.json as Linter.Config[]), { files: ['**/*.json'], language: 'json/json' }], 'config/default.json');
    expect(messages.map(({ ruleId, fatal }) => ({ ruleId, fatal }))).toEqual([{ ruleId: RULE, fatal: undefined }]);
  });

  it('yaml: yaml-eslint-parser on .yml and .yaml, lockfiles ignored', () => {
    expect(plugin.configs.yaml).toMatchObject({ name: 'clockwork-secrets/yaml', files: ['**/*.yml', '**/*.yaml'], rules: { [RULE]: 'error' } });
    expect((plugin.configs.yaml.languageOptions!.parser as { parseForESLint?: unknown }).parseForESLint).toBe(yamlParser.parseForESLint);
    expect(plugin.configs.yaml.ignores).toEqual(expect.arrayContaining(['**/pnpm-lock.yaml']));
  });

  it('markdown: the processor on .md, the rule on its JS and TS blocks', () => {
    const [documents, blocks, typescript] = plugin.configs.markdown;
    expect(documents).toMatchObject({ files: ['**/*.md'], processor: 'markdown/markdown' });
    expect(documents!.plugins!.markdown).toBe(markdown);
    expect(blocks).toMatchObject({ files: ['**/*.md/**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], rules: { [RULE]: 'error' } });
    expect(typescript).toMatchObject({ files: ['**/*.md/**/*.{ts,tsx,mts,cts}'] });
  });

  it('all: recommended, json, yaml and markdown, each with its own files', () => {
    const { recommended, json, yaml, markdown: docs } = plugin.configs;
    expect(plugin.configs.all).toEqual([recommended, ...json, yaml, ...docs]);
    expect(plugin.configs.all.slice(1).every((config) => config.files !== undefined)).toBe(true);
  });

  it('config files get the rules that read any language, and the code-only ones off, whatever recommended turned on', () => {
    const anyLanguage = Object.entries(plugin.rules).filter(([, rule]) => (rule.meta as { languages?: string[] }).languages?.includes('*'));
    expect(anyLanguage.map(([name]) => name)).toEqual(['no-hardcoded-key']);
    const expected = Object.fromEntries(Object.keys(plugin.configs.recommended.rules!).map((id) => [id, id === RULE ? 'error' : 'off']));
    for (const config of [...plugin.configs.json, plugin.configs.yaml]) expect(config.rules).toEqual(expected);
  });

  it('every lockfile name is ignored by the file configs', () => {
    expect(plugin.configs.yaml.ignores).toEqual(LOCKFILE_NAMES.map((name) => `**/${name}`));
  });

  it('load the language plugins and parsers only when used: recommended alone pays for none', () => {
    const built = fileURLToPath(new URL('../../dist/src/index.js', import.meta.url));
    const script = `
      import { createRequire } from 'node:module';
      const { default: plugin } = await import(${JSON.stringify(built)});
      const cache = createRequire(${JSON.stringify(built)}).cache;
      const loaded = () => ['@eslint/json', '@eslint/markdown', 'yaml-eslint-parser'].filter((name) => Object.keys(cache).some((path) => path.includes(name)));
      const seen = [loaded()];
      void plugin.configs.recommended.plugins;
      seen.push(loaded());
      for (const config of plugin.configs.all) void [config.plugins, config.languageOptions];
      seen.push(loaded());
      console.log(JSON.stringify(seen));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([[], [], ['@eslint/json', '@eslint/markdown', 'yaml-eslint-parser']]);
  });

  it('the rule runs on any language and does nothing on a tree it does not know (Markdown as a language)', () => {
    expect((plugin.rules['no-hardcoded-key'].meta as { languages?: unknown }).languages).toEqual(['*']);
    // ESLint 10 refuses a rule whose meta.languages leaves the file's language out; this one is accepted, and is silent.
    const messages = new Linter().verify(
      `# Setup\n\nCLOCKWORK_API_KEY=${K[0]}\n`,
      [{ files: ['**/*.md'], plugins: { markdown, 'clockwork-secrets': plugin as never }, language: 'markdown/commonmark', rules: { [RULE]: 'error' } }],
      'README.md',
    );
    expect(messages).toEqual([]);
  });
});

/** A small project: one planted key per realistic place, and look-alikes in the same files. */
function projectFiles(): Record<string, string> {
  return {
    'package.json': `{\n  "name": "clockwork-notifier",\n  "version": "1.0.0",\n  "gitHead": "${SHA[0]}",\n  "dependencies": { "clockwork": "github:mediaburst/clockwork-node#${SHA[1]}" }\n}\n`,
    'package-lock.json': `{\n  "name": "clockwork-notifier",\n  "packages": {\n    "node_modules/clockwork": {\n      "version": "git+ssh://git@github.com/mediaburst/clockwork-node.git#${SHA[1]}",\n      "resolved": "git+ssh://git@github.com/mediaburst/clockwork-node.git#${SHA[1]}"\n    }\n  },\n  "clockworkApiKey": "${K[8]}"\n}\n`,
    'pnpm-lock.yaml': `lockfileVersion: '9.0'\npackages:\n  clockwork@1.0.0:\n    resolution: {tarball: https://codeload.github.com/mediaburst/clockwork-node/tar.gz/${SHA[1]}}\nclockwork_api_key: ${K[8]}\n`,
    'tsconfig.json': `{\n  // the clockwork notifier\n  "compilerOptions": {\n    "strict": true,\n  },\n}\n`,
    'tsconfig.build.json': `{\n  "extends": "./tsconfig.json",\n  "include": ["src",],\n}\n`,
    'src/sms.js': `const Clockwork = require('clockwork');\nmodule.exports = Clockwork({ key: '${K[0]}' });\n`,
    'config/default.json': `{\n  "clockwork": {\n    "apiKey": "${K[1]}",\n    "from": "Notifier"\n  },\n  "build": { "commit": "${SHA[2]}" }\n}\n`,
    '.vscode/settings.json': `{\n  // SMS extension\n  "clockwork.apiKey": "${K[2]}",\n}\n`,
    'config/local.json5': `{\n  clockwork: { apiKey: '${K[3]}' },\n}\n`,
    'docker-compose.yml': `services:\n  api:\n    build: .\n    environment:\n      - CLOCKWORK_API_KEY=${K[4]}\n      - GIT_SHA=${SHA[3]}\n`,
    'k8s/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: clockwork-notifier\n          env:\n            - name: CLOCKWORK_API_KEY\n              value: "${K[5]}"\n            - name: RELEASE_SHA\n              value: "${SHA[3]}"\n`,
    '.github/workflows/ci.yml': `name: clockwork ci\non: push\njobs:\n  test:\n    steps:\n      - uses: actions/checkout@${SHA[0]}\n        with:\n          ref: ${SHA[2]}\n`,
    'README.md': `# Clockwork notifier\n\nBuilt from commit ${SHA[0]}.\n\n\`\`\`js\nconst client = require('clockwork')({ key: '${K[6]}' });\n\`\`\`\n\n\`\`\`js\nconst clockworkCommit = '${SHA[1]}';\n\`\`\`\n`,
    'docs/typescript.md': `# In TypeScript\n\n\`\`\`ts\nexport const CLOCKWORK_API_KEY: string = '${K[7]}';\n\`\`\`\n`,
  };
}

/** [file, line, key] of every planted key: the only reports expected. */
const PLANTED = [
  ['.vscode/settings.json', 3, K[2]!],
  ['README.md', 6, K[6]!],
  ['config/default.json', 3, K[1]!],
  ['config/local.json5', 2, K[3]!],
  ['docker-compose.yml', 5, K[4]!],
  ['docs/typescript.md', 4, K[7]!],
  ['k8s/deployment.yaml', 10, K[5]!],
  ['src/sms.js', 2, K[0]!],
] as const;

const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) => a.file.localeCompare(b.file) || a.line - b.line;

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'clockwork-configs-all-'));
  for (const [file, text] of Object.entries(projectFiles())) {
    mkdirSync(dirname(join(project, file)), { recursive: true });
    writeFileSync(join(project, file), text);
  }
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

type ESLintClass = new (options: { cwd: string; overrideConfigFile: true; overrideConfig: unknown }) => {
  lintFiles(patterns: string[]): Promise<Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; message: string; fatal?: boolean }> }>>;
};

async function lintProject(ESLint: unknown) {
  const eslint = new (ESLint as ESLintClass)({ cwd: project, overrideConfigFile: true, overrideConfig: plugin.configs.all });
  const results = await eslint.lintFiles(['.']);
  return {
    linted: results.map((result) => relative(project, result.filePath).split(sep).join('/')).sort(),
    reports: results
      .flatMap((result) => result.messages.map((message) => ({ file: relative(project, result.filePath).split(sep).join('/'), ...message })))
      .map(({ file, ruleId, line, message, fatal }) => ({ file, ruleId, line, fatal: fatal ?? false, masked: /Clockwork API key (\S+… \(\d+ chars\))/.exec(message)?.[1] }))
      .sort(byPlace),
  };
}

describe('configs.all on a small project', () => {
  const expected = PLANTED.map(([file, line, key]) => ({ file, ruleId: RULE, line, fatal: false, masked: maskKey(key) })).sort(byPlace);

  it.each([
    ['ESLint 10', ESLint10],
    ['ESLint 9', ESLint9],
  ])('%s finds exactly the planted keys, parses every file, and skips lockfiles', async (name, ESLint) => {
    expect(`ESLint ${ESLint.version.split('.')[0]}`).toBe(name);
    const { linted, reports } = await lintProject(ESLint);
    expect(linted).toEqual([
      '.github/workflows/ci.yml', '.vscode/settings.json', 'README.md', 'config/default.json', 'config/local.json5',
      'docker-compose.yml', 'docs/typescript.md', 'k8s/deployment.yaml', 'package.json', 'src/sms.js', 'tsconfig.build.json', 'tsconfig.json',
    ]);
    expect(reports).toEqual(expected);
  });
});
