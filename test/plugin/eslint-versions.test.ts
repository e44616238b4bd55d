/** The rule gives the same findings under ESLint 9 (the `eslint9` alias) and ESLint 10. */
import tsParser from '@typescript-eslint/parser';
import { Linter as Linter10 } from 'eslint';
import { Linter as Linter9 } from 'eslint9';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { fakeKey } from '../support/fake-keys.js';

const KEY = fakeKey('eslint versions');
const CODE = [
  `const Clockwork = require('clockwork');`,
  `const client = Clockwork({ key: '${KEY}' });`,
  `const url = \`https://api.clockworksms.com/http/send.aspx?key=${KEY}&to=\${to}\`;`,
  `// clockwork key ${KEY}`,
].join('\n');

const config = [
  plugin.configs.recommended,
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];

function findings(linter: { verify: (...args: never[]) => unknown }, filename: string) {
  const messages = (linter.verify as (code: string, config: unknown, filename: string) => Array<Record<string, unknown>>)(CODE, config, filename);
  return messages.map(({ ruleId, messageId, line, column, endLine, endColumn, message }) => ({
    ruleId, messageId, line, column, endLine, endColumn, message,
  }));
}

describe('ESLint 9 and 10', () => {
  it.each(['app.js', 'app.ts'])('report the same findings in %s', (filename) => {
    const under9 = findings(new Linter9({ configType: 'flat' }), filename);
    const under10 = findings(new Linter10(), filename);
    expect(under10).toHaveLength(3);
    expect(under10.every((finding) => finding.ruleId === 'clockwork-secrets/no-hardcoded-key')).toBe(true);
    expect(under9).toEqual(under10);
  });

  it('runs the real ESLint 9', async () => {
    const { ESLint } = await import('eslint9');
    expect(ESLint.version).toMatch(/^9\./);
  });
});
