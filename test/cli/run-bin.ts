/** The built bin with stdout and stderr apart (SARIF and JSON are read from stdout alone). */
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { BIN } from '../support/cli-run.js';

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built bin, stdout and stderr apart; whatever it prints holds no full key. */
export function bin(args: readonly string[], cwd: string): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      expect(findKeyTokens(stdout + stderr)).toEqual([]);
      resolve({ code, stdout, stderr });
    });
  });
}
