/** `npm run demo` lints the leaky app: every planted key found, masked, no look-alike reported. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the demo', () => {
  it('prints nine masked findings and never a full key', () => {
    const output = execFileSync(process.execPath, ['examples/run-demo.js'], { cwd: root, encoding: 'utf8' });
    expect(output).toContain('9 findings in 5 files (8 files linted).');
    expect(findKeyTokens(output)).toEqual([]);
    for (const file of ['sms.js', 'config.ts', 'notify.mjs', 'balance.ts', 'components/SmsButton.tsx']) {
      expect(output).toContain(`src/${file}:`);
    }
    expect(output).not.toContain('src/version.js:');
  });

  it('plants look-alikes that share the key shape', () => {
    const version = readFileSync(new URL('../../examples/leaky-app/src/version.js', import.meta.url), 'utf8');
    expect(findKeyTokens(version).length).toBeGreaterThan(0);
  });
});
