import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { rules } from '../rules/index.js';
import { LOCKFILE_NAMES } from './detect/structured.js';
import { NAMESPACE, PACKAGE_NAME, PACKAGE_VERSION } from './package-info.js';

type Config = TSESLint.FlatConfig.Config;
type Plugin = TSESLint.FlatConfig.Plugin;

export interface ClockworkSecretsPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: {
    recommended: Config;
    'flat/recommended': Config;
    /** JSON and JSONC (`tsconfig.json`, `.vscode/settings.json`) through `@eslint/json`, and JSON5. */
    json: Config[];
    /** YAML (compose files, Kubernetes manifests, CI workflows) through yaml-eslint-parser. */
    yaml: Config;
    /** JavaScript and TypeScript code blocks in Markdown, through `@eslint/markdown`'s processor. */
    markdown: Config[];
    /** All of the above at once. */
    all: Config[];
  };
}

// The language plugins and parsers load only when a config that needs them is used: a project on
// `recommended` alone never pays for Markdown's parser. Each ships ES modules, which Node's
// `require` loads synchronously on every supported version (^20.19, ^22.13, 24+).
const require = createRequire(import.meta.url);
const loadDefault = <T>(specifier: string): T => (require(specifier) as { default: T }).default;
const load = <T>(specifier: string): T => require(specifier) as T;

const recommendedRules: TSESLint.FlatConfig.Rules = Object.fromEntries(
  Object.entries(rules)
    .filter(([, rule]) => rule.meta.docs?.recommended)
    .map(([name]) => [`${NAMESPACE}/${name}`, 'error']),
);

const supportsAnyLanguage = (rule: (typeof rules)[keyof typeof rules]) =>
  (rule.meta as { languages?: readonly string[] }).languages?.includes('*') === true;

/**
 * What config files get: the recommended rules that work on any language's tree (`meta.languages:
 * ['*']`) on, and the code-only ones off, since `recommended` (which names no files) reaches every
 * file it is combined with, and a rule made for ESTree has nothing to read in a JSON or YAML tree.
 */
const configFileRules: TSESLint.FlatConfig.Rules = Object.fromEntries(
  Object.entries(rules)
    .filter(([, rule]) => rule.meta.docs?.recommended)
    .map(([name, rule]) => [`${NAMESPACE}/${name}`, supportsAnyLanguage(rule) ? 'error' : 'off']),
);

const ownPlugin = (): Plugin => plugin as unknown as Plugin;

/** Lockfiles pin dependencies by hash: never linted for keys. */
const lockfiles = LOCKFILE_NAMES.map((name) => `**/${name}`);

const recommended: Config = {
  name: `${NAMESPACE}/recommended`,
  // A getter: the config reaches the plugin lazily, so the two can refer to each other.
  get plugins(): TSESLint.FlatConfig.Plugins {
    return { [NAMESPACE]: ownPlugin() };
  },
  rules: recommendedRules,
};

function jsonPlugins(): TSESLint.FlatConfig.Plugins {
  return { json: loadDefault<Plugin>('@eslint/json'), [NAMESPACE]: ownPlugin() };
}

/**
 * Files whose tools accept comments and trailing commas: JSONC by name, TypeScript's and VS Code's
 * configs (as `@eslint/json` suggests for them).
 */
const JSONC_FILES = [
  '**/*.jsonc', '**/tsconfig.json', '**/tsconfig.*.json', '**/jsconfig.json', '**/jsconfig.*.json', '**/.vscode/*.json',
  '**/.devcontainer/**/*.json', '**/.devcontainer.json',
];

const json: Config[] = [
  {
    name: `${NAMESPACE}/json`,
    // JSONC even for .json: comments parse, and valid JSON reads the same; a key in a file that
    // fails to parse would go unseen.
    files: ['**/*.json'],
    ignores: lockfiles,
    get plugins() {
      return jsonPlugins();
    },
    language: 'json/jsonc',
    rules: configFileRules,
  },
  {
    name: `${NAMESPACE}/jsonc`,
    files: JSONC_FILES,
    ignores: lockfiles,
    get plugins() {
      return jsonPlugins();
    },
    language: 'json/jsonc',
    // @eslint/json's own option, which typescript-eslint's (JavaScript) config type does not know.
    languageOptions: { allowTrailingCommas: true } as TSESLint.FlatConfig.LanguageOptions,
    rules: configFileRules,
  },
  {
    name: `${NAMESPACE}/json5`,
    files: ['**/*.json5'],
    ignores: lockfiles,
    get plugins() {
      return jsonPlugins();
    },
    language: 'json/json5',
    rules: configFileRules,
  },
];

const yaml: Config = {
  name: `${NAMESPACE}/yaml`,
  files: ['**/*.yml', '**/*.yaml'],
  ignores: lockfiles,
  get plugins(): TSESLint.FlatConfig.Plugins {
    return { [NAMESPACE]: ownPlugin() };
  },
  get languageOptions(): TSESLint.FlatConfig.LanguageOptions {
    return { parser: load<TSESLint.FlatConfig.Parser>('yaml-eslint-parser') };
  },
  rules: configFileRules,
};

/** The code blocks `@eslint/markdown`'s processor names `README.md/0.js`, or after a `filename=` in the fence. */
const CODE_BLOCK_EXTENSIONS = '{js,jsx,mjs,cjs,ts,tsx,mts,cts}';

const markdown: Config[] = [
  {
    name: `${NAMESPACE}/markdown`,
    files: ['**/*.md'],
    get plugins() {
      return { markdown: loadDefault<Plugin>('@eslint/markdown') };
    },
    processor: 'markdown/markdown',
  },
  {
    name: `${NAMESPACE}/markdown/code-blocks`,
    files: [`**/*.md/**/*.${CODE_BLOCK_EXTENSIONS}`],
    get plugins() {
      return { [NAMESPACE]: ownPlugin() };
    },
    // Snippets in docs are often JSX, and never carry a 'use strict' line.
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true, impliedStrict: true } } },
    rules: recommendedRules,
  },
  {
    name: `${NAMESPACE}/markdown/typescript-blocks`,
    files: ['**/*.md/**/*.{ts,tsx,mts,cts}'],
    get languageOptions(): TSESLint.FlatConfig.LanguageOptions {
      return { parser: load<TSESLint.FlatConfig.Parser>('@typescript-eslint/parser') };
    },
  },
];

const plugin: ClockworkSecretsPlugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION, namespace: NAMESPACE },
  rules,
  configs: {
    recommended,
    'flat/recommended': recommended,
    json,
    yaml,
    markdown,
    all: [recommended, ...json, yaml, ...markdown],
  },
};

export default plugin;
