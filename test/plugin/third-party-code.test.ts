/**
 * Real code this project did not write, full of git SHAs, linted with the recommended config, and
 * real config files and docs (package.json files, an npm lockfile's content, CI workflows, READMEs)
 * linted with configs.all: zero findings. Each copy gets a header naming Clockwork (in each code
 * block, for Markdown), so the file-level pre-filter lets every value through to the context
 * analysis instead of skipping the file.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import plugin from '../../src/index.js';
import { fakeKey } from '../support/fake-keys.js';
import { eslintIn } from '../support/lint.js';

const HEADER = '// Linted as if this bundle used Clockwork SMS.\n';

const SOURCES = [
  ['isomorphic-git', 'index.js'],
  ['isomorphic-git', 'index.cjs'],
  ['isomorphic-git', 'index.umd.min.js'],
  ['isomorphic-git', 'managers/index.js'],
  ['@typescript-eslint/typescript-estree', 'dist/convert.js'],
  ['eslint', 'lib/linter/linter.js'],
  ['eslint', 'lib/rules/no-unused-vars.js'],
] as const;

const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));

function packageRoot(name: string): string {
  return join(NODE_MODULES, name);
}

/** Config files and docs, as [package, file, copied as]: a copy's name never makes it a lockfile. */
const CONFIG_SOURCES = [
  ['typescript', 'package.json', 'package.json'],
  ['jest-diff', 'package.json', 'package.json'],
  ['@nodelib/fs.walk', 'package.json', 'package.json'],
  ['rc-config-loader', 'package.json', 'package.json'],
  // npm's hidden lockfile: integrity hashes and resolved URLs for every installed package.
  ['.', '.package-lock.json', 'installed-packages.json'],
  ['fast-uri', '.github/workflows/release.yml', 'release.yml'],
  ['jscodeshift', '.github/workflows/test.yml', 'test.yml'],
  ['jscodeshift', '.github/workflows/push.yml', 'push.yml'],
  ['reusify', '.github/workflows/ci.yml', 'ci.yml'],
  ['json-schema-traverse', '.eslintrc.yml', 'eslintrc.yml'],
  ['hashery', 'README.md', 'README.md'],
  ['isomorphic-git', 'README.md', 'README.md'],
  ['jscodeshift', 'README.md', 'README.md'],
  ['dotenv', 'README.md', 'README.md'],
  ['@eslint/json', 'README.md', 'README.md'],
  ['object-inspect', 'CHANGELOG.md', 'CHANGELOG.md'],
] as const;

const CODE_FENCE = /^([ \t]*)(`{3,}|~{3,})(js|javascript|jsx|mjs|cjs|ts|typescript|tsx)\b([^\n]*)\n/gm;

/** The header of a copy, in the file's own comment syntax: in each code block, for Markdown. */
function withHeader(file: string, text: string): string {
  if (file.endsWith('.json')) return `// Linted as if this package used Clockwork SMS.\n${text}`;
  if (file.endsWith('.yml')) return `# Linted as if this project used Clockwork SMS.\n${text}`;
  return text.replace(CODE_FENCE, '$1$2$3$4\n$1// Linted as if this snippet used Clockwork SMS.\n');
}

let corpus: string;
let configCorpus: string;

const configCopy = (name: string, as: string) => join(configCorpus, name.replace('/', '__'), as);

beforeAll(() => {
  corpus = mkdtempSync(join(tmpdir(), 'clockwork-third-party-'));
  for (const [name, file] of SOURCES) {
    const target = join(corpus, name.replace('/', '__'), file);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(packageRoot(name), file), target);
    writeFileSync(target, HEADER + readFileSync(target, 'utf8'));
  }
  configCorpus = mkdtempSync(join(tmpdir(), 'clockwork-third-party-config-'));
  for (const [name, file, as] of CONFIG_SOURCES) {
    const target = configCopy(name, as);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, withHeader(as, readFileSync(join(packageRoot(name), file), 'utf8')));
  }
});

afterAll(() => {
  rmSync(corpus, { recursive: true, force: true });
  rmSync(configCorpus, { recursive: true, force: true });
});

function lintConfigCorpus(patterns = ['**/*']): Promise<ESLint.LintResult[]> {
  return new ESLint({ cwd: configCorpus, overrideConfigFile: true, overrideConfig: plugin.configs.all as Linter.Config[], allowInlineConfig: false }).lintFiles(patterns);
}

describe('third-party code', () => {
  it('is full of key-shaped strings', () => {
    const text = SOURCES.map(([name, file]) => readFileSync(join(corpus, name.replace('/', '__'), file), 'utf8')).join('\n');
    const keyShaped = findKeyTokens(text).filter((token) => token.kind === 'classic');
    expect(keyShaped.length).toBeGreaterThanOrEqual(40);
  });

  it('gives zero findings and parses cleanly', async () => {
    const results = await eslintIn(corpus, undefined, false).lintFiles(['**/*.{js,cjs}']);
    expect(results).toHaveLength(SOURCES.length);
    const messages = results.flatMap((result) => result.messages.map((message) => ({ file: result.filePath, ...message })));
    expect(messages).toEqual([]);
  });

  it('still finds a key planted among the SHAs', async () => {
    const key = fakeKey('planted in isomorphic-git');
    const target = join(corpus, 'isomorphic-git', 'index.js');
    writeFileSync(target, readFileSync(target, 'utf8') + `\nexport const CLOCKWORK_API_KEY = '${key}';\n`);
    const [result] = await eslintIn(corpus, undefined, false).lintFiles(['isomorphic-git/index.js']);
    expect(result!.messages.map((message) => message.ruleId)).toEqual(['clockwork-secrets/no-hardcoded-key']);
  });
});

describe('third-party config files and docs, through configs.all', () => {
  it('are full of key-shaped values where the rule looks', () => {
    const looked = CONFIG_SOURCES.map(([name, , as]) => {
      const text = readFileSync(configCopy(name, as), 'utf8');
      // In Markdown the rule reads code blocks only: count the key-shaped tokens in them.
      return as.endsWith('.md') ? [...text.matchAll(/^```[\w-]+\n([\s\S]*?)^```/gm)].map((block) => block[1]).join('\n') : text;
    });
    expect(findKeyTokens(looked.join('\n')).length).toBeGreaterThanOrEqual(15);
  });

  it('give zero findings; JSON and YAML parse cleanly, and only snippets in docs may not parse', async () => {
    const results = await lintConfigCorpus();
    expect(results).toHaveLength(CONFIG_SOURCES.length);
    const messages = results.flatMap((result) => result.messages.map((message) => ({ file: result.filePath, ...message })));
    expect(messages.filter((message) => !message.fatal)).toEqual([]);
    // @eslint/markdown reports a code block that does not parse, as it does for any rule.
    expect(messages.filter((message) => !message.file.endsWith('.md'))).toEqual([]);
  });

  it('still find keys planted among them', async () => {
    const key = fakeKey('planted in third-party config files');
    const append = (name: string, as: string, text: string) => {
      const target = configCopy(name, as);
      writeFileSync(target, readFileSync(target, 'utf8') + text);
    };
    const packageJson = configCopy('typescript', 'package.json');
    writeFileSync(packageJson, readFileSync(packageJson, 'utf8').replace('{', `{\n  "clockwork": { "apiKey": "${key}" },`));
    append('jscodeshift', 'test.yml', `\nenv:\n  CLOCKWORK_API_KEY: ${key}\n`);
    append('dotenv', 'README.md', `\n\`\`\`js\nrequire('clockwork')({ key: '${key}' });\n\`\`\`\n`);
    const results = await lintConfigCorpus(['typescript/package.json', 'jscodeshift/test.yml', 'dotenv/README.md']);
    const found = results.flatMap((result) => result.messages.filter((message) => message.ruleId !== null).map(() => result.filePath.slice(configCorpus.length + 1)));
    expect(found.sort()).toEqual(['dotenv/README.md', 'jscodeshift/test.yml', 'typescript/package.json']);
  });
});
