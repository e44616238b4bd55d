/**
 * `npm run demo` lints the leaky app (every planted key found, masked, no look-alike reported),
 * then shows the codemod's dry run on it: a masked diff and summary, and nothing written.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { maskKey } from '../../src/detect/mask.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const appDir = fileURLToPath(new URL('../../examples/leaky-app/', import.meta.url));

/** The planted keys are SHA-1 digests of fixed labels (see the header of each leaky-app file). */
function sha1(label: string): string {
  return createHash('sha1').update(label).digest('hex');
}

/** Every file under `dir` (dotfiles included), by relative path, with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), readFileSync(path));
  }
  return files;
}

describe('the demo', () => {
  let output = '';
  let appBefore = new Map<string, Buffer>();
  let appAfter = new Map<string, Buffer>();

  beforeAll(() => {
    appBefore = snapshot(appDir);
    // execFileSync throws on a non-zero exit: the demo must exit 0 although the dry run finds keys.
    output = execFileSync(process.execPath, ['examples/run-demo.js'], { cwd: root, encoding: 'utf8' });
    appAfter = snapshot(appDir);
  });

  it('prints eleven masked findings and never a full key', () => {
    expect(output).toContain('11 findings in 7 files (10 files linted).');
    expect(findKeyTokens(output)).toEqual([]);
    for (const file of ['sms.js', 'config.ts', 'notify.mjs', 'balance.ts', 'components/SmsButton.tsx', 'debug.js', 'components/Balance.tsx']) {
      expect(output).toContain(`src/${file}:`);
    }
    expect(output).not.toContain('src/version.js:');
  });

  it('shows one exposure of each kind: a key read from the environment and logged, a key under a public name', () => {
    const lines = output.split('\n');
    const at = (file: string) => lines.filter((line) => line.startsWith(`  src/${file}:`));
    expect(at('debug.js')).toEqual([
      '  src/debug.js:7:32  The Clockwork key (process.env.CLOCKWORK_API_KEY) reaches console.log, which writes it to logs that CI and log services keep. Output whether it is set, or a masked form, never the key itself.  [clockwork-secrets/no-key-in-logs]',
    ]);
    expect(at('components/Balance.tsx')).toEqual([
      '  src/components/Balance.tsx:9:47  process.env.NEXT_PUBLIC_CLOCKWORK_KEY is a public name for the Clockwork key: Next.js inlines NEXT_PUBLIC_ variables into the JavaScript it sends to browsers. Keep the key under a server-only name, and call Clockwork from server code.  [clockwork-secrets/no-public-env-key]',
    ]);
    // The other files' findings are all hardcoded keys.
    const others = lines.filter((line) => /^ {2}src\//.test(line) && !line.startsWith('  src/debug.js:') && !line.startsWith('  src/components/Balance.tsx:'));
    expect(others).toHaveLength(9);
    expect(others.every((line) => line.endsWith('[clockwork-secrets/no-hardcoded-key]'))).toBe(true);
  });

  it('then scans every file type: the JSON config, the .env committed by mistake and the README snippet', () => {
    const scan = output.slice(output.indexOf('Scan of every file type'), output.indexOf('Codemod dry run'));
    expect(scan).toMatch(/^examples\/leaky-app\/config\/default\.json:4:15 {2}\w{4}… \(40 chars\) {2}held by "clockwork\.apiKey"$/m);
    expect(scan).toMatch(/^examples\/leaky-app\/\.env\.production:4:19 {2}\w{4}… \(40 chars\) {2}held by "CLOCKWORK_API_KEY"$/m);
    expect(scan).toMatch(/^examples\/leaky-app\/README\.md:10:47 {2}\w{4}… \(40 chars\) {2}passed to a Clockwork client$/m);
    // The build commit beside the JSON key is a look-alike, never a finding.
    expect(scan).not.toMatch(/default\.json:8:/);
  });

  it('then prints the codemod dry run: a masked diff and the summary', () => {
    const heading = output.indexOf('Codemod dry run (nothing is written):');
    expect(heading).toBeGreaterThan(output.indexOf('11 findings in 7 files'));
    const dryRun = output.slice(heading);
    expect(dryRun).toContain('Index: examples/leaky-app/src/sms.js');
    expect(dryRun).toContain("+const client = Clockwork({ key: clockworkSecret('CLOCKWORK_API_KEY_SMS') });");
    expect(dryRun).toContain('+  // @clockwork-secrets: this code runs in the browser (a React component that uses client hooks)');
    expect(dryRun).toContain('clockwork-secrets fix --dry-run (provider: env)');
    expect(dryRun).toContain('7 keys to move, 1 to redact in comments, 1 left in place (9 distinct values)');
    expect(dryRun).toContain('-> CLOCKWORK_API_KEY_PRODUCTION');
    expect(dryRun).toContain('nothing was written (dry run)');
    expect(dryRun).toContain('Rotate it:');
  });

  it('leaves examples/leaky-app exactly as it was', () => {
    expect(appBefore.has(join('src', 'sms.js'))).toBe(true);
    expect(existsSync(join(appDir, '.env'))).toBe(false);
    expect(existsSync(join(appDir, '.env.example'))).toBe(false);
    expect([...appAfter.keys()].sort()).toEqual([...appBefore.keys()].sort());
    for (const [file, content] of appBefore) {
      expect(appAfter.get(file)?.equals(content), file).toBe(true);
    }
  });

  it('reports none of the look-alikes planted beside the keys, and its dry run leaves them be', () => {
    const planted = new Set(Array.from({ length: 9 }, (_, index) => sha1(`leaky-app fake key ${index + 1}`)));
    const lookAlikes = [...appBefore]
      .filter(([file]) => file.startsWith(`src${sep}`))
      .flatMap(([file, content]) => {
        const text = content.toString('utf8');
        return findKeyTokens(text)
          .filter((token) => !planted.has(token.value))
          .map((token) => ({ at: `${file.split(sep).join('/')}:${text.slice(0, token.start).split('\n').length}`, value: token.value }));
      });
    // Git SHAs, an integrity hash and a placeholder, 40 hex like a key: without them the silence
    // below would prove nothing.
    expect(lookAlikes.map(({ at }) => at).sort()).toEqual([
      'src/balance.ts:8',
      'src/config.ts:11',
      'src/config.ts:16',
      'src/sms.js:12',
      'src/version.js:6',
    ]);
    const dryRunAt = output.indexOf('Codemod dry run (nothing is written):');
    const reported = [...output.slice(0, dryRunAt).matchAll(/^ {2}(src\/\S+):(\d+):\d+ {2}/gm)].map(([, file, line]) => `${file}:${line}`);
    expect(reported).toHaveLength(11);
    const removedLines = output.slice(dryRunAt).split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---'));
    for (const { at, value } of lookAlikes) {
      expect(reported, at).not.toContain(at);
      expect(removedLines.filter((line) => line.includes(maskKey(value)) || line.includes(value)), at).toEqual([]);
    }
  });
});
