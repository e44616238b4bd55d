/**
 * Real code this project did not write, full of git SHAs, linted with the recommended config:
 * zero findings. Each copy gets a header naming Clockwork, so the file-level pre-filter lets every
 * string through to the context analysis instead of skipping the file.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
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

let corpus: string;

beforeAll(() => {
  corpus = mkdtempSync(join(tmpdir(), 'clockwork-third-party-'));
  for (const [name, file] of SOURCES) {
    const target = join(corpus, name.replace('/', '__'), file);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(packageRoot(name), file), target);
    writeFileSync(target, HEADER + readFileSync(target, 'utf8'));
  }
});

afterAll(() => rmSync(corpus, { recursive: true, force: true }));

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
