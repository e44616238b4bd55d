import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index.js';
import { NAMESPACE, PACKAGE_NAME, PACKAGE_VERSION } from './package-info.js';

export interface ClockworkSecretsPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: {
    recommended: TSESLint.FlatConfig.Config;
    'flat/recommended': TSESLint.FlatConfig.Config;
  };
}

const recommendedRules: TSESLint.FlatConfig.Rules = Object.fromEntries(
  Object.entries(rules)
    .filter(([, rule]) => rule.meta.docs?.recommended)
    .map(([name]) => [`${NAMESPACE}/${name}`, 'error']),
);

const recommended: TSESLint.FlatConfig.Config = {
  name: `${NAMESPACE}/recommended`,
  // A getter: the config reaches the plugin lazily, so the two can refer to each other.
  get plugins(): TSESLint.FlatConfig.Plugins {
    return { [NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin };
  },
  rules: recommendedRules,
};

const plugin: ClockworkSecretsPlugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION, namespace: NAMESPACE },
  rules,
  configs: {
    recommended,
    'flat/recommended': recommended,
  },
};

export default plugin;
