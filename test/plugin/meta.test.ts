/** Every rule has its doc page and test file, a matching docs.url, and reaches the configs. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { DOCS_BASE_URL } from '../../src/eslint/create-rule.js';

const root = new URL('../../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; version: string };

describe('plugin meta', () => {
  it('names itself after package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'clockwork-secrets' });
  });

  it.each(Object.entries(plugin.rules))('%s has a doc page, a test file and a matching docs.url', (name, rule) => {
    expect(existsSync(new URL(`docs/rules/${name}.md`, root))).toBe(true);
    expect(existsSync(new URL(`test/rules/${name}.test.ts`, root))).toBe(true);
    expect(existsSync(new URL(`rules/${name}.ts`, root))).toBe(true);
    expect(rule.meta.docs?.url).toBe(`${DOCS_BASE_URL}${name}.md`);
    expect(rule.meta.docs?.description).toMatch(/^Disallow /);
  });

  it('derives the recommended config from meta.docs.recommended', () => {
    const expected = Object.fromEntries(
      Object.entries(plugin.rules)
        .filter(([, rule]) => rule.meta.docs?.recommended)
        .map(([name]) => [`clockwork-secrets/${name}`, 'error']),
    );
    expect(plugin.configs.recommended.rules).toEqual(expected);
    expect(Object.keys(expected)).toContain('clockwork-secrets/no-hardcoded-key');
  });

  it('reaches the plugin lazily from the config, and aliases flat/recommended', () => {
    expect(plugin.configs.recommended.plugins).toEqual({ 'clockwork-secrets': plugin });
    expect(plugin.configs['flat/recommended']).toBe(plugin.configs.recommended);
  });
});
