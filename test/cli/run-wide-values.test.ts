/**
 * A value proven to be a key anywhere in a run is a key wherever it appears: `scan` reports every
 * copy, in any file type, and `fix` rewrites the copies in code under the same name. A copy the
 * words before it call a hash stays.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fix } from '../../src/cli/fix.js';
import { scan } from '../../src/cli/scan.js';
import { maskKey } from '../../src/detect/mask.js';
import { KNOWN_IN_RUN } from '../../src/eslint/key-detector.js';
import { removeDir, tempDir, writeFiles } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';

const KEY = fakeKey('run-wide value');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function tree(): string {
  const dir = tempDir('run-wide');
  dirs.push(dir);
  writeFiles(dir, {
    'package.json': '{ "name": "seeded", "private": true }',
    'src/sms.js': `const client = require('clockwork')({ key: '${KEY}' });\nmodule.exports = client;\n`,
    // No word of Clockwork here: only the run knows this value is the key.
    'src/seed.js': `module.exports = { users: [{ name: 'ops', api_key: '${KEY}' }], build: { sha: '${KEY}' } };\n`,
    'db/seed.json': `{ "api_key": "${KEY}" }\n`,
  });
  return dir;
}

describe('values proven elsewhere in the run', () => {
  it('scan reports every copy, in code and config, but not one labelled a hash', async () => {
    const dir = tree();
    const report = await scan([dir], {});
    const copies = report.findings
      .filter((finding) => finding.reason === KNOWN_IN_RUN)
      .map((finding) => `${relative(dir, resolve(finding.file))}:${finding.line}:${finding.column}`);
    expect(report.findings.every((finding) => finding.masked === maskKey(KEY))).toBe(true);
    expect(report.findings).toHaveLength(3);
    expect(copies).toEqual(['db/seed.json:1:15', 'src/seed.js:1:53']);
  });

  it('fix rewrites the copy in code under the same name, and lists the one in config', async () => {
    const dir = tree();
    const report = await fix({ paths: [dir], dryRun: false, workers: 1, transformOptions: { provider: 'env' }, force: true });
    const sms = readFileSync(join(dir, 'src/sms.js'), 'utf8');
    const seed = readFileSync(join(dir, 'src/seed.js'), 'utf8');
    const name = /clockworkSecret\('(\w+)'\)/.exec(sms)?.[1];
    expect(name).toBeDefined();
    expect(seed).toContain(`api_key: clockworkSecret('${name}')`);
    // The hash-labelled copy is left as it was.
    expect(seed).toContain(`sha: '${KEY}'`);
    expect(report.keys.filter((key) => key.rewritten).map((key) => key.reason).sort()).toEqual(['passed to a Clockwork client', KNOWN_IN_RUN]);
    // Config is never rewritten: its copy is listed, to move by hand and rotate.
    expect(report.outsideCode.keys.map((key) => [relative(dir, key.path), key.line, key.reason])).toEqual([['db/seed.json', 1, KNOWN_IN_RUN]]);
  });
});
