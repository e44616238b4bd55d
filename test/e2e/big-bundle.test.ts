/**
 * A 5 MB minified bundle never reaches the parser, so `fix` and `scan` stay within a 1 GB heap
 * (ESLint's parser alone needs about 2.8 GB for such a file). The heap cap is the assertion: a
 * run that needed more would crash. Time and peak memory are measured in bench/, not here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { REPO, removeDir, tempDir } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';

const dir = tempDir('big-bundle');
afterAll(() => removeDir(dir));

const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const KEY = fakeKey('five megabyte bundle');

function run(args: string[]) {
  const result = spawnSync(process.execPath, ['--max-old-space-size=1024', CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const output = result.stdout + result.stderr;
  expect(findKeyTokens(output)).toEqual([]);
  return { code: result.status, output };
}

describe('a 5 MB minified bundle', () => {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "bundle-app", "private": true }\n');
  const chunk = 'function a(b){return b.map(function(c){return c*2}).filter(Boolean)}var d=[1,2,3];';
  writeFileSync(join(dir, 'dist', 'app.min.js'), `!function(){var CLOCKWORK_API_KEY="${KEY}";${chunk.repeat(Math.ceil((5 * 1024 * 1024) / chunk.length))}}();\n`);

  it('fix --dry-run skips it, counted, within a 1 GB heap', () => {
    const { code, output } = run(['fix', '.', '--dry-run']);
    expect(code).toBe(1);
    expect(output).toContain('1 files not read as code (1 over 1 MB)');
    expect(output).toContain('dist/app.min.js: over 1 MB; it mentions Clockwork: check it by hand');
  });

  it('scan reads it as text and finds the key, within a 1 GB heap', () => {
    const { code, output } = run(['scan', '.']);
    expect(code).toBe(1);
    expect(output).toContain(`dist/app.min.js:1:36  ${KEY.slice(0, 4)}… (40 chars)  assignment (text only)`);
  });
});
