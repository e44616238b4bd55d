/**
 * The benchmark, on a tiny corpus with one run, so that it cannot rot: every stage runs and the
 * detection figures are right. No timing is asserted; timings belong to `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { REPO, removeDir, tempDir } from '../support/codemod-project.js';

const dir = tempDir('bench-smoke');
afterAll(() => removeDir(dir));

describe('npm run bench, smoke size', () => {
  it('runs every stage and writes a report with the expected detection figures', () => {
    const out = join(dir, 'benchmarks.md');
    const result = spawnSync(process.execPath, [join(REPO, 'bench', 'run.mjs')], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, BENCH_SMOKE: '1', BENCH_RUNS: '1', BENCH_OUT: out, BENCH_DIR: join(dir, 'corpus') },
      timeout: 240_000,
    });
    expect(result.stderr).toContain('[bench] hostile input');
    expect(result.status).toBe(0);
    const report = readFileSync(out, 'utf8');
    expect(report).toBe(result.stdout);
    for (const heading of ['## 1. Lint cost', '## 2. Codemod', '## 3. Peak memory', '## 4. Detection', '## 5. Growth', '## 6. Hostile input']) {
      expect(report).toContain(heading);
    }
    expect(report).toContain('| ours | 10 of 10 | 0 | 0 |');
    expect(report).toContain('| planted keys found by the dry run | 10 of 10 | all: met |');
    expect(report).toMatch(/\| secretlint \| 0 of 10 \|/);
    expect(report).toMatch(/\| 2x \| 46 \|/);
    expect(findKeyTokens(report)).toEqual([]);
  });
});
