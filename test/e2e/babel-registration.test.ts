/**
 * Plain jscodeshift without `--no-babel` registers Babel for everything it requires, our transform
 * included; `dist/codemods/jscodeshift.cjs` must load and work there too. Slow (Babel compiles
 * the transform's whole dependency tree), so it runs with `npm run test:e2e`, not `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/codemod/dotenv.js';
import { REPO, removeDir, tempDir, writeFiles } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';

const dir = tempDir('babel');
afterAll(() => removeDir(dir));

const KEY = fakeKey('babel registration');

describe('plain jscodeshift entry points', () => {
  it('jscodeshift.cjs works under Babel registration too (jscodeshift without --no-babel)', () => {
    writeFiles(dir, { 'package.json': '{ "name": "p", "private": true }', 'src/app.js': `const CLOCKWORK_KEY = '${KEY}';\n` });
    const jscodeshift = join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    const entry = join(REPO, 'dist', 'codemods', 'jscodeshift.cjs');
    const output = execFileSync(process.execPath, [jscodeshift, '-t', entry, '--provider=env', 'src'], { cwd: dir, encoding: 'utf8' });
    expect(output).toMatch(/0 errors/);
    expect(output).toMatch(/1 ok/);
    // The name is the naming plan's business (tested elsewhere): here, the key moved to .env and
    // the file reads it back under the name .env holds it by.
    const env = parseDotenv(readFileSync(join(dir, '.env'), 'utf8'));
    expect([...env.values()]).toEqual([KEY]);
    const after = readFileSync(join(dir, 'src/app.js'), 'utf8');
    expect(after).not.toContain(KEY);
    expect(after).toContain(`clockworkSecret('${[...env.keys()][0]}')`);
  });
});
