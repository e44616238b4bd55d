import { ESLintUtils } from '@typescript-eslint/utils';

export interface RuleDocs {
  /** Whether `configs.recommended` turns the rule on; the config is derived from this. */
  recommended: boolean;
}

export const DOCS_BASE_URL = 'https://github.com/clockwork-secrets/eslint-plugin-clockwork-secrets/blob/main/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<RuleDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
