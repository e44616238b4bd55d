/** The rule gives the same findings under ESLint 9 (the `eslint9` alias) and ESLint 10. */
import tsParser from '@typescript-eslint/parser';
import { Linter as Linter10 } from 'eslint';
import { Linter as Linter9 } from 'eslint9';
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
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

/** The ESLint class (what `npx eslint` runs) of either major, reduced to what both must agree on. */
type ESLintClass = new (options: { overrideConfigFile: true; overrideConfig: unknown }) => {
  lintText(code: string, options: { filePath: string }): Promise<Array<{ messages: Array<{ ruleId: string | null; line: number; message: string }> }>>;
};

async function lintText(ESLint: unknown, filePath: string) {
  const eslint = new (ESLint as ESLintClass)({ overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintText(CODE, { filePath });
  return results.flatMap((result) => result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })));
}

describe('ESLint 9 and 10', () => {
  it.each(['app.js', 'app.ts'])('report the same findings in %s', (filename) => {
    const under9 = findings(new Linter9({ configType: 'flat' }), filename);
    const under10 = findings(new Linter10(), filename);
    expect(under10).toHaveLength(3);
    expect(under10.every((finding) => finding.ruleId === 'clockwork-secrets/no-hardcoded-key')).toBe(true);
    expect(under9).toEqual(under10);
  });

  // The comparison above proves nothing if the alias resolves to ESLint 10, or if both report nothing.
  it('runs the real ESLint 9: the alias is major 9, and its ESLint class reports the planted keys as ESLint 10 does', async () => {
    const [eslint9, eslint10] = await Promise.all([import('eslint9'), import('eslint')]);
    expect(eslint9.ESLint.version.split('.')[0]).toBe('9');
    expect(new Linter9().version.split('.')[0]).toBe('9');
    expect(eslint10.ESLint.version.split('.')[0]).toBe('10');
    const expected = [
      { line: 2, reason: 'passed to a Clockwork client' },
      { line: 3, reason: 'in a Clockwork API URL' },
      { line: 4, reason: 'in a comment that names Clockwork' },
    ].map(({ line, reason }) => ({
      ruleId: 'clockwork-secrets/no-hardcoded-key',
      line,
      message: `Hardcoded Clockwork API key ${maskKey(KEY)}, ${reason}. Load it from the environment or a secrets manager, and rotate it if it was ever committed.`,
    }));
    for (const filePath of ['app.js', 'app.ts']) {
      const under9 = await lintText(eslint9.ESLint, filePath);
      const under10 = await lintText(eslint10.ESLint, filePath);
      expect(under9, filePath).toEqual(expected);
      expect(under10, filePath).toEqual(expected);
    }
  });
});
