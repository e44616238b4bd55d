/** Runs one command in a child process: wall time as this process sees it, and peak memory. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;

/**
 * `node args…` under GNU time when the machine has it: the peak resident memory of the largest
 * process in the command's tree (worker threads count with their process), in KB.
 */
export function runNode(args, { cwd, env } = {}) {
  const command = hasGnuTime ? GNU_TIME : process.execPath;
  const commandArgs = hasGnuTime ? ['-f', '__MAXRSS__%M', process.execPath, ...args] : args;
  const started = performance.now();
  const result = spawnSync(command, commandArgs, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - started;
  const match = /__MAXRSS__(\d+)/.exec(result.stderr ?? '');
  if (result.error) throw result.error;
  return {
    wallMs,
    maxRssKb: match ? Number(match[1]) : undefined,
    status: result.status,
    stdout: result.stdout,
    stderr: (result.stderr ?? '').replace(/__MAXRSS__\d+\s*$/, ''),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median and spread (min–max) of a series, for the report. */
export function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}
