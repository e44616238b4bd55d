/**
 * Golden files for every generated module, provider × module kind (plus the node-vault variant),
 * under test/fixtures/providers/. `UPDATE_GOLDENS=1 npx vitest run test/providers` rewrites them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, RENDERED } from './variants.js';

const UPDATE = process.env.UPDATE_GOLDENS === '1';

describe('generated module goldens', () => {
  it.each(RENDERED.map((entry) => [relative(GOLDEN_DIR, entry.golden), entry] as const))('%s', (_, entry) => {
    if (UPDATE) {
      mkdirSync(dirname(entry.golden), { recursive: true });
      writeFileSync(entry.golden, entry.source);
    }
    expect(entry.source).toBe(readFileSync(entry.golden, 'utf8'));
  });

  it('are all different: what the modules share comes from one template, not from copies', () => {
    const byText = new Map<string, string[]>();
    for (const entry of RENDERED) byText.set(entry.source, [...(byText.get(entry.source) ?? []), relative(GOLDEN_DIR, entry.golden)]);
    expect([...byText.values()].filter((paths) => paths.length > 1)).toEqual([]);
    expect(byText.size).toBe(20);
  });
});
