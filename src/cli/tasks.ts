/**
 * The two kinds of work `clockwork-secrets fix` hands to its workers: collecting a file's keys
 * (to plan names across the run), and running the codemod's jscodeshift transform with the
 * planned names, as jscodeshift's own Worker would.
 */
import jscodeshift from 'jscodeshift';
import transform, { type FileOutcome } from '../../codemods/clockwork-secrets.js';
import { detectInSource } from '../codemod/detect-in-source.js';
import { hintOf } from '../codemod/rewrite.js';
import type { KeyToName } from '../codemod/naming.js';
import { maskKeysIn } from '../detect/mask.js';
import type { DetectorOptions } from '../eslint/key-detector.js';

export type Task =
  | { kind: 'keys'; path: string; source: string; detector: DetectorOptions }
  | { kind: 'rewrite'; path: string; source: string; options: Record<string, string>; names: Map<string, string> };

type KeysTask = Extract<Task, { kind: 'keys' }>;

export type TaskResult =
  | { kind: 'keys'; path: string; keys: KeyToName[]; error?: string }
  | { kind: 'rewrite'; outcome: FileOutcome; output: string | undefined };

export async function runTask(task: Task): Promise<TaskResult> {
  if (task.kind === 'keys') {
    try {
      return keysOf(task);
    } catch (error) {
      // A pathological file (a 4,000-term chain overflows any recursive walk) fails alone.
      return { kind: 'keys', path: task.path, keys: [], error: `could not be analysed: ${maskKeysIn((error as Error).message)}` };
    }
  }
  let outcome: FileOutcome = { path: task.path, status: 'unchanged', keys: [], flavour: undefined };
  const api = { j: jscodeshift, jscodeshift, stats: () => {}, report: () => {} };
  try {
    const output = await transform({ path: task.path, source: task.source }, api, {
      ...task.options,
      names: task.names,
      collect: (result: FileOutcome) => {
        outcome = result;
      },
    });
    return { kind: 'rewrite', outcome, output: output ?? undefined };
  } catch (error) {
    const message = maskKeysIn((error as Error).message);
    return { kind: 'rewrite', outcome: { ...outcome, status: 'failed', error: outcome.error ?? message }, output: undefined };
  }
}

function keysOf(task: KeysTask): TaskResult {
  const result = detectInSource(task.source, task.path, task.detector);
  if (result.kind === 'parse-error') {
    const { message, line, column } = result.error;
    return { kind: 'keys', path: task.path, keys: [], error: `does not parse (${line}:${column}): ${message}` };
  }
  // In source order, so names are handed out in reading order.
  const detections = (result.kind === 'parsed' ? [...result.detections] : []).sort(
    (a, b) => a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column,
  );
  return { kind: 'keys', path: task.path, keys: detections.map((detection) => ({ value: detection.value, kind: detection.kind, hint: hintOf(detection) })) };
}
