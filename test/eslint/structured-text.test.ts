/**
 * `findKeysInJson` and `findKeysInYaml`, which `scan` calls on a file's text: the same parsers,
 * adapters and judge as the rule, so both report the same keys at the same places.
 */
import json from '@eslint/json';
import { Linter } from 'eslint';
import * as yamlParser from 'yaml-eslint-parser';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-hardcoded-key.js';
import { parseError } from '../../src/eslint/structured-findings.js';
import { findKeysInJson, findKeysInYaml } from '../../src/eslint/structured-text.js';
import { fakeKey, fakeSha } from '../support/fake-keys.js';

const K = Array.from({ length: 3 }, (_, index) => fakeKey(`structured text ${index}`));
const SHA = fakeSha('structured text');

const jsonText = `{
  // deploy settings
  "production": { "clockwork": { "apiKey": "${K[0]}" } },
  "release": { "commit": "${SHA}" },
  "sms": { "url": "https://api.clockworksms.com/http/send.aspx?key=${K[1]}" },
}
`;
const yamlText = `services:
  api:
    environment:
      - CLOCKWORK_API_KEY=${K[0]}
      - GIT_SHA=${SHA}
---
env:
  - name: CLOCKWORK_API_KEY
    value: '${K[1]}'
# clockwork key: ${K[2]}
`;

const plugin = { rules: { 'no-hardcoded-key': rule } } as never;

/** What the rule reports on the same text, as `scan`'s positions: 1-based, at the report's start. */
function ruleFindings(text: string, config: Linter.Config, filename: string) {
  return new Linter().verify(text, [{ files: [filename], plugins: { cw: plugin }, rules: { 'cw/no-hardcoded-key': 'error' }, ...config }], filename)
    .map(({ line, column, message }) => ({ line, column, message }));
}

describe('findKeysInJson', () => {
  it('finds the keys with 1-based positions, the rule’s reasons and the holder record', () => {
    expect(findKeysInJson(jsonText, 'jsonc')).toEqual([
      {
        line: 3, column: 44, kind: 'classic', value: K[0], reason: 'held by "production.clockwork.apiKey"',
        holder: { path: ['production', 'clockwork', 'apiKey'], environment: ['production'], functionName: undefined, file: undefined, envName: undefined, reason: 'holder' },
      },
      {
        line: 5, column: 68, kind: 'classic', value: K[1], reason: 'in a Clockwork API URL',
        holder: { path: [], environment: [], functionName: undefined, file: undefined, envName: undefined, reason: 'url' },
      },
    ]);
  });

  it('agrees with the rule under @eslint/json, place for place', () => {
    const found = findKeysInJson(jsonText, 'jsonc');
    const linted = ruleFindings(jsonText, { plugins: { json, cw: plugin }, language: 'json/jsonc', languageOptions: { allowTrailingCommas: true } } as Linter.Config, 'settings.json');
    expect(Array.isArray(found) && found.map(({ line, column }) => ({ line, column }))).toEqual(linted.map(({ line, column }) => ({ line, column })));
    expect(linted).toHaveLength(2);
  });

  it('JSON5 and a byte-order mark', () => {
    const found = findKeysInJson(`\uFEFF{ clockwork: { apiKey: '${K[0]}' } }`, 'json5');
    expect(found).toMatchObject([{ line: 1, column: 24, reason: 'held by "clockwork.apiKey"' }]);
  });

  it('a file that does not parse gives a masked error, never a finding', () => {
    const broken = `{ "clockwork": { "apiKey": "${K[0]}" } ${K[1]} }`;
    const result = findKeysInJson(broken, 'json');
    expect(result).toEqual({ error: `does not parse (1:73): Unexpected character '${K[1]![0]}' found.` });
    // Strict JSON has no comments and no trailing commas.
    expect(findKeysInJson(jsonText, 'json')).toEqual({ error: "does not parse (2:3): Unexpected character '/' found." });
  });
});

describe('findKeysInYaml', () => {
  it('finds the keys of every document and of comments', () => {
    const found = findKeysInYaml(yamlText);
    expect(Array.isArray(found) && found.map(({ line, column, value, reason, holder }) => ({ line, column, value, reason, path: holder.path }))).toEqual([
      { line: 4, column: 27, value: K[0], reason: 'held by "services.api.environment.CLOCKWORK_API_KEY"', path: ['services', 'api', 'environment', 'CLOCKWORK_API_KEY'] },
      { line: 9, column: 12, value: K[1], reason: 'held by "env.CLOCKWORK_API_KEY"', path: ['env', 'CLOCKWORK_API_KEY'] },
      { line: 10, column: 18, value: K[2], reason: 'in a comment that names Clockwork', path: ['clockwork key'] },
    ]);
  });

  it('agrees with the rule under yaml-eslint-parser, place for place', () => {
    const found = findKeysInYaml(yamlText);
    const linted = ruleFindings(yamlText, { languageOptions: { parser: yamlParser } }, 'compose.yml');
    expect(Array.isArray(found) && found.map(({ line, column }) => ({ line, column }))).toEqual(linted.map(({ line, column }) => ({ line, column })));
  });

  it('a file that does not parse gives a masked error', () => {
    expect(findKeysInYaml(`clockwork:\n  key: "${K[0]}\n`)).toEqual({ error: 'does not parse (3:1): Missing closing "quote' });
  });
});

describe('parse errors', () => {
  it('are masked, whatever the parser quotes', () => {
    const { error } = parseError(`Unexpected token "${K[0]}"`, 2, 7);
    expect(error).toBe(`does not parse (2:7): Unexpected token "${K[0]!.slice(0, 4)}… (40 chars)"`);
  });
});
