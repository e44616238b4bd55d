/**
 * `npm run demo` lints the leaky app (every planted key found, masked, no look-alike reported),
 * then shows the codemod's dry run on it: a masked diff and summary, and nothing written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const appDir = fileURLToPath(new URL('../../examples/leaky-app/', import.meta.url));

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

  it('prints nine masked findings and never a full key', () => {
    expect(output).toContain('9 findings in 5 files (8 files linted).');
    expect(findKeyTokens(output)).toEqual([]);
    for (const file of ['sms.js', 'config.ts', 'notify.mjs', 'balance.ts', 'components/SmsButton.tsx']) {
      expect(output).toContain(`src/${file}:`);
    }
    expect(output).not.toContain('src/version.js:');
  });

  it('then prints the codemod dry run: a masked diff and the summary', () => {
    const heading = output.indexOf('Codemod dry run (nothing is written):');
    expect(heading).toBeGreaterThan(output.indexOf('9 findings in 5 files'));
    const dryRun = output.slice(heading);
    expect(dryRun).toContain('Index: examples/leaky-app/src/sms.js');
    expect(dryRun).toMatch(/^\+const client = Clockwork\(\{ key: process\.env\.CLOCKWORK_API_KEY\w* \|\| /m);
    expect(dryRun).toContain('clockwork-secrets fix --dry-run (provider: env)');
    expect(dryRun).toContain('9 keys to move (9 distinct values)');
    expect(dryRun).toContain('-> CLOCKWORK_API_KEY');
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

  it('plants look-alikes that share the key shape', () => {
    const version = readFileSync(new URL('../../examples/leaky-app/src/version.js', import.meta.url), 'utf8');
    expect(findKeyTokens(version).length).toBeGreaterThan(0);
  });
});
