/**
 * The fault matrix: `clockwork-secrets fix` and `scan` meet what operators meet (two runs at
 * once, edits during a run, odd encodings, bundles, custom and tracked `.env` files, links,
 * kills, read-only files) through the built bin. After every case: no key is lost, none sits
 * where git would commit it, no file is half-written, and no output holds a key.
 */
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, chmodSync, lstatSync, existsSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fix } from '../../src/cli/fix.js';
import { parseDotenv } from '../../src/codemod/dotenv.js';
import { MAX_PARSED_BYTES } from '../../src/detect/triage.js';
import { cli, commitAll, expectNoKeyIn, expectNothingLost, giveToRunner, git, isGitIgnored, startCli, type Planted } from '../support/cli-run.js';
import { fakeKey, fakeSha } from '../support/fake-keys.js';

const trees: string[] = [];
afterAll(() => trees.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A package outside any git work tree, with `files` written as given (strings or raw bytes). */
function tree(label: string, files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), `cw-fault-${label}-`));
  trees.push(dir);
  for (const [path, content] of Object.entries({ 'package.json': '{ "name": "p", "private": true }', ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function plant(dir: string, file: string, value: string): Planted {
  return { file, value, original: readFileSync(join(dir, file)) };
}

const leak = (label: string) => `const CLOCKWORK_API_KEY = '${fakeKey(label)}';\nmodule.exports = CLOCKWORK_API_KEY;\n`;

describe.concurrent('fault matrix', () => {
  it('1. a custom --dotenv file is git-ignored, as git itself says, and the report says so truthfully', async () => {
    const dir = tree('custom-env', { 'src/sms.js': leak('custom env'), 'config/README.md': 'settings\n' });
    commitAll(dir);
    const planted = [plant(dir, 'src/sms.js', fakeKey('custom env'))];
    const { code, output } = await cli(['fix', 'src', '--dotenv', 'config/secrets.env'], dir);
    expect(code).toBe(0);
    expect(output).toContain('config/secrets.env: added CLOCKWORK_API_KEY (ignored by git;');
    expect(isGitIgnored(dir, 'config/secrets.env')).toBe(true);
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).not.toContain('secrets.env\n');
    expectNothingLost(dir, planted, { envFiles: ['config/secrets.env'], inGit: true });
    expectNoKeyIn(output, planted);
  });

  it('2. a tracked .env is refused with a way forward, and nothing is written', async () => {
    const dir = tree('tracked-env', { '.env': 'PORT=3000\n', 'src/sms.js': leak('tracked env') });
    commitAll(dir);
    const planted = [plant(dir, 'src/sms.js', fakeKey('tracked env'))];
    const { code, output } = await cli(['fix', 'src'], dir);
    expect(code).toBe(2);
    expect(output).toContain('.env is tracked by git, so keys written there would be committed. Nothing was written.');
    expect(output).toContain('--dotenv');
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('PORT=3000\n');
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expectNothingLost(dir, planted, { inGit: true });
  });

  it('2. a .env that .gitignore un-ignores (`.env` then `!.env`) is ignored again before any key is written', async () => {
    const dir = tree('negated', { '.gitignore': '.env\n!.env\n', 'src/sms.js': leak('negated') });
    commitAll(dir);
    const planted = [plant(dir, 'src/sms.js', fakeKey('negated'))];
    const { code, output } = await cli(['fix', 'src'], dir);
    expect(code).toBe(0);
    expect(isGitIgnored(dir, '.env')).toBe(true);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('.env\n!.env\n.env\n');
    expectNothingLost(dir, planted, { inGit: true });
    expectNoKeyIn(output, planted);
  });

  it('3. two runs at once on one package lose no key: each finishes or stops in words', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 6; index++) {
      files[`src/s${index}.js`] = leak(`race src ${index}`);
      files[`lib/l${index}.js`] = leak(`race lib ${index}`);
    }
    const dir = tree('race', files);
    const planted = Object.keys(files).map((file) => plant(dir, file, fakeKey(`race ${file.startsWith('src') ? 'src' : 'lib'} ${/\d+/.exec(file)![0]}`)));
    const results = await Promise.all([cli(['fix', 'src', '--force'], dir), cli(['fix', 'lib', '--force'], dir)]);
    for (const { code, output } of results) {
      expect([0, 2]).toContain(code);
      if (code === 2) expect(output).toContain('Another clockwork-secrets run (process ');
      expectNoKeyIn(output, planted);
    }
    expectNothingLost(dir, planted);
    // Whatever happened, running each again finishes the job.
    for (const folder of ['src', 'lib']) expect((await cli(['fix', folder, '--force'], dir)).code).toBe(0);
    expectNothingLost(dir, planted);
    expect(new Set(parseDotenv(readFileSync(join(dir, '.env'), 'utf8')).values())).toEqual(new Set(planted.map(({ value }) => value)));
  });

  it('3. a lock held by a live run is refused in words; the lock of a run that died is taken over', async () => {
    const dir = tree('lock', { 'src/sms.js': leak('lock') });
    const planted = [plant(dir, 'src/sms.js', fakeKey('lock'))];
    const { hostname } = await import('node:os');
    writeFileSync(join(dir, '.env.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const refused = await cli(['fix', 'src', '--force'], dir);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain(`Another clockwork-secrets run (process ${process.pid} on ${hostname()}, since 2026-01-01T00:00:00.000Z) is working on ${dir}.`);
    expect(readFileSync(join(dir, 'src/sms.js'))).toEqual(planted[0]!.original);
    // A pid that cannot be alive: the lock is stale.
    writeFileSync(join(dir, '.env.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    expect((await cli(['fix', 'src', '--force'], dir)).code).toBe(0);
    expect(existsSync(join(dir, '.env.lock'))).toBe(false);
    expectNothingLost(dir, planted);
  });

  it('4. a file edited during the run keeps the edit and its key, and is reported', async () => {
    const dir = tree('edit', { 'src/a.js': leak('edit a'), 'src/b.js': leak('edit b') });
    const planted = [plant(dir, 'src/a.js', fakeKey('edit a')), plant(dir, 'src/b.js', fakeKey('edit b'))];
    let edited = false;
    const report = await fix({
      paths: [join(dir, 'src')],
      dryRun: false,
      workers: 1,
      transformOptions: { provider: 'env' },
      force: true,
      // Between reading and writing, as an editor would.
      onProgress: () => {
        if (!edited) appendFileSync(join(dir, 'src/a.js'), '// edited meanwhile\n');
        edited = true;
      },
    });
    expect(readFileSync(join(dir, 'src/a.js'), 'utf8')).toBe(`${leak('edit a')}// edited meanwhile\n`);
    expect(report.failed).toEqual([{ path: join(dir, 'src/a.js'), error: 'changed while fix was running: left as it is now; run fix again' }]);
    expect(report.keys.find((key) => key.path.endsWith('a.js'))).toMatchObject({ rewritten: false });
    expect(readFileSync(join(dir, 'src/b.js'), 'utf8')).toContain("clockworkSecret('CLOCKWORK_API_KEY_B')");
    expectNothingLost(dir, planted.slice(1));
  });

  it('5. a latin1 file is left byte for byte and reported; scan still finds its key', async () => {
    const source = Buffer.concat([Buffer.from(leak('latin1')), Buffer.from("const greeting = 'caf\xe9';\n", 'latin1')]);
    const dir = tree('latin1', { 'src/legacy.js': source });
    const planted = [plant(dir, 'src/legacy.js', fakeKey('latin1'))];
    const fixed = await cli(['fix', 'src', '--force'], dir);
    expect(fixed.code).toBe(1);
    expect(fixed.output).toContain('src/legacy.js: not valid UTF-8; it mentions Clockwork: check it by hand');
    expect(readFileSync(join(dir, 'src/legacy.js'))).toEqual(source);
    const scanned = await cli(['scan', 'src'], dir);
    expect(scanned.code).toBe(1);
    expect(scanned.output).toContain(`src/legacy.js:1:28  ${fakeKey('latin1').slice(0, 4)}… (40 chars)  assignment (text only)`);
    expectNothingLost(dir, planted);
    expectNoKeyIn(fixed.output + scanned.output, planted);
  });

  it('6. a minified bundle never reaches the parser: fix skips and counts it, scan reads it as text', async () => {
    const bundle = `!function(){var CLOCKWORK_API_KEY="${fakeKey('bundle')}";${'var a=1,b=2;'.repeat(20_000)}}();\n`;
    const dir = tree('bundle', { 'dist/app.js': bundle, 'src/sms.js': leak('beside bundle') });
    const planted = [plant(dir, 'dist/app.js', fakeKey('bundle')), plant(dir, 'src/sms.js', fakeKey('beside bundle'))];
    const fixed = await cli(['fix', '.', '--force'], dir);
    expect(fixed.code).toBe(1);
    expect(fixed.output).toContain('1 files not read as code (1 minified or generated (very long lines))');
    expect(readFileSync(join(dir, 'dist/app.js'), 'utf8')).toBe(bundle);
    expect(readFileSync(join(dir, 'src/sms.js'), 'utf8')).toContain("clockworkSecret('CLOCKWORK_API_KEY");
    const scanned = await cli(['scan', '.'], dir);
    expect(scanned.output).toContain(`dist/app.js:1:36  ${fakeKey('bundle').slice(0, 4)}… (40 chars)  assignment (text only)`);
    expect(scanned.output).toContain('dist/app.js: skipped, minified or generated (very long lines): read as text only');
    expectNothingLost(dir, planted);
    expectNoKeyIn(fixed.output + scanned.output, planted);
  });

  it(`6. a file over ${MAX_PARSED_BYTES / 1024 / 1024} MB is not parsed either`, async () => {
    const big = `${leak('big')}${'// padding line of a generated file\n'.repeat(MAX_PARSED_BYTES / 36 + 1)}`;
    const dir = tree('big', { 'src/generated.js': big });
    const fixed = await cli(['fix', 'src', '--dry-run'], dir);
    expect(fixed.output).toContain('1 files not read as code (1 over 1 MB)');
    expect(fixed.code).toBe(1);
  });

  it('7. --dotenv works through the bin, where --env-file would be taken by Node itself', async () => {
    const dir = tree('dotenv-flag', { 'src/sms.js': leak('flag'), 'config/.env': 'PORT=1\n' });
    const planted = [plant(dir, 'src/sms.js', fakeKey('flag'))];
    const { code, output } = await cli(['fix', 'src', '--force', '--dotenv', 'config/.env'], dir);
    expect(code).toBe(0);
    expect(parseDotenv(readFileSync(join(dir, 'config/.env'), 'utf8'))).toEqual(new Map([['PORT', '1'], ['CLOCKWORK_API_KEY', fakeKey('flag')]]));
    expect(readFileSync(join(dir, 'config/.gitignore'), 'utf8')).toBe('.env\n');
    expectNothingLost(dir, planted, { envFiles: ['config/.env'] });
    expectNoKeyIn(output, planted);
  });

  it('8. a pathological 4,000-term chain fails alone, named; the other keys are still found and moved', async () => {
    const chain = `// clockwork\nconst CLOCKWORK_NOTE = ${Array.from({ length: 4000 }, (_, index) => `'p${index}'`).join(' +\n  ')};\n`;
    const dir = tree('chain', { 'src/chain.js': chain, 'src/sms.js': leak('chain neighbour') });
    const planted = [plant(dir, 'src/sms.js', fakeKey('chain neighbour'))];
    const scanned = await cli(['scan', 'src'], dir);
    expect(scanned.code).toBe(1);
    expect(scanned.output).toMatch(/src\/chain\.js: could not be analysed: Maximum call stack size exceeded/);
    expect(scanned.output).toContain(`src/sms.js:1:27  ${fakeKey('chain neighbour').slice(0, 4)}… (40 chars)`);
    const fixed = await cli(['fix', 'src', '--force'], dir);
    expect(fixed.code).toBe(1);
    expect(fixed.output).toMatch(/src\/chain\.js: could not be analysed: Maximum call stack size exceeded/);
    expect(readFileSync(join(dir, 'src/chain.js'), 'utf8')).toBe(chain);
    expect(readFileSync(join(dir, 'src/sms.js'), 'utf8')).toContain("clockworkSecret('CLOCKWORK_API_KEY");
    expectNothingLost(dir, planted);
  });

  it('9. a source link out of the tree is reported, never followed, never replaced', async () => {
    const outside = tree('outside', { 'shared/sms.js': leak('outside') });
    const dir = tree('link', { 'src/sms.js': leak('inside') });
    symlinkSync(join(outside, 'shared/sms.js'), join(dir, 'src/linked.js'));
    const planted = [plant(outside, 'shared/sms.js', fakeKey('outside'))];
    const { code, output } = await cli(['fix', 'src', '--force'], dir);
    expect(code).toBe(0);
    expect(output).toContain('src/linked.js: symbolic link, not followed');
    expect(lstatSync(join(dir, 'src/linked.js')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(outside, 'shared/sms.js'))).toEqual(planted[0]!.original);
  });

  it('9. a .env that is a link stays a link, and the key lands in its target', async () => {
    const vault = tree('env-target', { 'app.env': 'PORT=1\n' });
    const dir = tree('env-link', { 'src/sms.js': leak('env link') });
    symlinkSync(join(vault, 'app.env'), join(dir, '.env'));
    const planted = [plant(dir, 'src/sms.js', fakeKey('env link'))];
    expect((await cli(['fix', 'src', '--force'], dir)).code).toBe(0);
    expect(readlinkSync(join(dir, '.env'))).toBe(join(vault, 'app.env'));
    expect(readFileSync(join(vault, 'app.env'), 'utf8')).toBe(`PORT=1\nCLOCKWORK_API_KEY=${fakeKey('env link')}\n`);
    expectNothingLost(dir, planted);
  });

  it('9. a kill at any point loses no key; the next run removes the leftovers and finishes', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 24; index++) files[`src/f${index}.js`] = leak(`kill ${index}`);
    // Killed while starting, while reading and planning, and while writing.
    await Promise.all(
      [250, 600, 950].map(async (delay) => {
        const dir = tree(`kill-${delay}`, files);
        const planted = Object.keys(files).map((file, index) => plant(dir, file, fakeKey(`kill ${index}`)));
        const run = startCli(['fix', 'src', '--force', '--workers', '1'], dir);
        await new Promise((resolve) => setTimeout(resolve, delay));
        run.kill();
        await run.done;
        expectNothingLost(dir, planted, { leftoversAllowed: true });
        const again = await cli(['fix', 'src', '--force'], dir);
        expect(again.code).toBe(0);
        expectNothingLost(dir, planted);
        expectNoKeyIn(again.output, planted);
        for (const { file } of planted) expect(readFileSync(join(dir, file), 'utf8')).toContain("clockworkSecret('CLOCKWORK_API_KEY");
      }),
    );
  });

  it('9. staged copies a killed run left behind are removed and counted', async () => {
    const dir = tree('leftovers', { 'src/sms.js': leak('leftovers'), 'src/old.js.clockwork-secrets.tmp': 'partial', 'src/x.clockwork-secrets.tmp': '' });
    const { code, output } = await cli(['fix', 'src', '--force'], dir);
    expect(code).toBe(0);
    expect(output).toContain('removed 2 staged copies an interrupted run left behind');
    expect(existsSync(join(dir, 'src/old.js.clockwork-secrets.tmp'))).toBe(false);
  });

  it('9. .env entries written `NAME: value` are read as dotenv reads them', async () => {
    const existing = `CLOCKWORK_API_KEY: ${fakeKey('colon other')}\n`;
    const dir = tree('colon', { '.env': existing, 'src/sms.js': leak('colon') });
    const planted = [plant(dir, 'src/sms.js', fakeKey('colon'))];
    expect((await cli(['fix', 'src', '--force'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(`${existing}CLOCKWORK_API_KEY_SMS=${fakeKey('colon')}\n`);
    expectNothingLost(dir, planted);
  });

  it('9. a parse error never prints a key, whatever stands beside it', async () => {
    const dir = tree('parse-mask', { 'src/broken.js': `// clockwork\nconst k = a 0x${fakeKey('glued')};\n` });
    const planted = [plant(dir, 'src/broken.js', fakeKey('glued'))];
    const { code, output } = await cli(['scan', 'src'], dir);
    expect(code).toBe(1);
    expect(output).toContain(`src/broken.js: does not parse (2:13): Parsing error: Unexpected token 0x${fakeKey('glued').slice(0, 2)}… (42 chars)`);
    expectNoKeyIn(output, planted);
  });

  it('9. file-system errors name their path', async () => {
    const dir = tree('eisdir', { 'src/sms.js': leak('eisdir'), '.env/placeholder': '' });
    const planted = [plant(dir, 'src/sms.js', fakeKey('eisdir'))];
    const { code, output } = await cli(['fix', 'src', '--force'], dir);
    expect(code).toBe(2);
    expect(output).toContain(`clockwork-secrets: ${join(dir, '.env')}: is a folder, not a file (EISDIR)`);
    expectNothingLost(dir, planted);
  });

  it('holds: a read-only file and a read-only folder are named and left; the rest is fixed', async () => {
    const dir = tree('read-only', { 'src/locked.js': leak('ro file'), 'frozen/sms.js': leak('ro folder'), 'src/open.js': leak('ro open') });
    const planted = [plant(dir, 'src/locked.js', fakeKey('ro file')), plant(dir, 'frozen/sms.js', fakeKey('ro folder')), plant(dir, 'src/open.js', fakeKey('ro open'))];
    giveToRunner(dir);
    chmodSync(join(dir, 'src/locked.js'), 0o444);
    chmodSync(join(dir, 'frozen'), 0o555);
    const { code, output } = await cli(['fix', '.', '--force'], dir, { asNobody: true });
    chmodSync(join(dir, 'frozen'), 0o755);
    expect(code).toBe(1);
    expect(output).toContain(`src/locked.js: cannot be written: ${join(dir, 'src/locked.js')}: permission denied (EACCES)`);
    expect(output).toContain(`frozen/sms.js: cannot be written: ${join(dir, 'frozen/sms.js.clockwork-secrets.tmp')}: permission denied (EACCES)`);
    expect(readFileSync(join(dir, 'src/open.js'), 'utf8')).toContain("clockworkSecret('CLOCKWORK_API_KEY");
    expectNothingLost(dir, planted);
    expectNoKeyIn(output, planted);
  });

  it('holds: a binary .js is skipped, and CRLF with a BOM survives byte for byte around the edit', async () => {
    const crlf = `\uFEFF// clockwork\r\nconst CLOCKWORK_API_KEY = '${fakeKey('crlf')}';\r\n`;
    const dir = tree('bytes', { 'src/blob.js': Buffer.from([0x63, 0x6c, 0x6f, 0x63, 0x6b, 0x00, 0xff]), 'src/crlf.js': crlf });
    const { code, output } = await cli(['fix', 'src', '--force'], dir);
    expect(code).toBe(0);
    expect(output).toContain('1 files not read as code (1 binary)');
    expect(readFileSync(join(dir, 'src/crlf.js'), 'utf8')).toBe(
      // The comment belongs to the statement under it, so the import goes above both.
      `\uFEFFconst { clockworkSecret } = require('./clockwork-secrets.cjs');\r\n\r\n// clockwork\r\nconst CLOCKWORK_API_KEY = clockworkSecret('CLOCKWORK_API_KEY');\r\n`,
    );
  });

  it('holds: with a lingering sha beside the keys, the look-alike stays and only the key moves', async () => {
    const source = `// clockwork\nconst commitSha = '${fakeSha('matrix')}';\n${leak('sha neighbour')}`;
    const dir = tree('sha', { 'src/sms.js': source });
    expect((await cli(['fix', 'src', '--force'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'src/sms.js'), 'utf8')).toContain(`const commitSha = '${fakeSha('matrix')}';`);
    expect(parseDotenv(readFileSync(join(dir, '.env'), 'utf8'))).toEqual(new Map([['CLOCKWORK_API_KEY', fakeKey('sha neighbour')]]));
  });
  it('a dirty tree stops a real run, and says why; --dry-run always runs; --force goes ahead', async () => {
    const dir = tree('dirty', { 'src/sms.js': leak('dirty'), 'src/other.js': '// clockwork notes\n' });
    commitAll(dir);
    appendFileSync(join(dir, 'src/sms.js'), '// work in progress\n');
    const planted = [plant(dir, 'src/sms.js', fakeKey('dirty'))];
    const refused = await cli(['fix', 'src'], dir);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('These files have changes git has not committed, and fix would write them:\n  src/sms.js\nCommit or stash them first');
    expect((await cli(['fix', 'src', '--dry-run'], dir)).code).toBe(1);
    expect(git(dir, 'status', '--porcelain')).toBe(' M src/sms.js\n');
    const forced = await cli(['fix', 'src', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'src/sms.js'), 'utf8')).toContain('// work in progress');
    expectNothingLost(dir, planted, { inGit: true });
    expectNoKeyIn(refused.output + forced.output, planted);
  });

  it('outside a git work tree, fix needs --force; --force never lets a key into a tracked file', async () => {
    const outside = tree('no-git', { 'src/sms.js': leak('no git') });
    const refused = await cli(['fix', 'src'], outside);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('These files are not in a git work tree, so git could not show or undo what fix changes:\n  src/sms.js');
    const tracked = tree('force-tracked', { '.env': 'PORT=1\n', 'src/sms.js': leak('force tracked') });
    commitAll(tracked);
    const forced = await cli(['fix', 'src', '--force'], tracked);
    expect(forced.code).toBe(2);
    expect(forced.output).toContain('.env is tracked by git');
    expect(readFileSync(join(tracked, '.env'), 'utf8')).toBe('PORT=1\n');
  });
});
