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
    const headings = ['## 1. Lint cost', '## 2. Codemod', '## 3. Peak memory', '## 4. Detection', '## 5. Growth', '## 6. Hostile input'];
    for (const heading of [...headings, '## 7. Every file type: `scan` beside secretlint']) {
      expect(report).toContain(heading);
    }
    expect(report).toContain('| ours | 10 of 10 | 0 | 0 |');
    expect(report).toContain('| planted keys found by the dry run | 10 of 10 | all: met |');
    expect(report).toMatch(/\| secretlint \| 0 of 10 \|/);
    expect(report).toMatch(/\| 2x \| 46 \|/);
    // Every file type: 10 keys in JavaScript, 16 in config and docs, 8 of them in new files.
    expect(report).toMatch(/\| total \| \d+ \| [\d.]+ KB \| 26 \| \|/);
    const filesRead = /\| files read, unplanted \/ planted \| (\d+) \/ (\d+) \| \1 \/ \2 \| the same files: met \|/.exec(report);
    expect(filesRead && Number(filesRead[2]) - Number(filesRead[1])).toBe(8);
    expect(report).toContain('| planted keys found | 26 of 26 | 0 of 26 | all: met |');
    expect(report).toContain('| other findings, planted corpus | 0 | 0 | |');
    expect(report).toContain('| findings, unplanted corpus | 0 | 0 | 0 for scan: met |');
    // type, planted keys, found by scan, found by secretlint, findings on the unplanted corpus (scan, secretlint).
    for (const [type, planted] of [
      ['JavaScript, TypeScript', 10],
      ['JSON, JSONC, JSON5', 2],
      ['YAML', 2],
      ['TOML', 1],
      ['INI', 1],
      ['`.properties`', 1],
      ['XML', 1],
      ['Markdown', 3],
      ['shell scripts', 2],
      ['Dockerfiles', 1],
      ['`.npmrc`', 1],
      ['`.env` files', 1],
    ] as const) {
      expect(report).toMatch(new RegExp(`\\| ${type.replaceAll('.', '\\.')} \\| \\d+ \\| ${planted} \\| ${planted} \\| 0 \\| 0 \\| 0 \\|`));
    }
    expect(report).toContain('Target: every planted key found, zero findings on the unplanted corpus and nothing else found on the planted one: met.');
    expect(findKeyTokens(report)).toEqual([]);
  });
});
