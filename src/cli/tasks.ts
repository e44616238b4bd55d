/**
 * The two kinds of work `clockwork-secrets fix` hands to its workers: collecting a file's keys
 * (to plan names across the run), and rewriting a file with the planned names.
 */
import { keysInFile, rewriteFile, type FileOutcome } from '../codemod/rewrite-file.js';
import { settingsFrom } from '../codemod/settings.js';
import type { KeyToName } from '../detect/naming.js';
import { maskKeysIn } from '../detect/mask.js';
import type { DetectorOptions } from '../eslint/key-detector.js';

export type Task =
  | { kind: 'keys'; path: string; source: string; detector: DetectorOptions }
  | { kind: 'rewrite'; path: string; source: string; options: Record<string, string>; knownValues: string[]; names: Map<string, string> };

export type TaskResult =
  | { kind: 'keys'; path: string; keys: KeyToName[]; error?: string }
  | { kind: 'rewrite'; outcome: FileOutcome; output: string | undefined };

export async function runTask(task: Task): Promise<TaskResult> {
  // A pathological file (a 4,000-term chain overflows any recursive walk) fails alone.
  const why = (error: unknown) => `could not be analysed: ${maskKeysIn((error as Error).message)}`;
  if (task.kind === 'keys') {
    try {
      const found = keysInFile(task.path, task.source, task.detector);
      return { kind: 'keys', path: task.path, keys: found.keys, ...(found.error !== undefined ? { error: found.error } : {}) };
    } catch (error) {
      return { kind: 'keys', path: task.path, keys: [], error: why(error) };
    }
  }
  try {
    const settings = settingsFrom(task.options);
    return { kind: 'rewrite', ...rewriteFile(task.path, task.source, { ...settings, detector: { ...settings.detector, knownValues: task.knownValues } }, task.names) };
  } catch (error) {
    return { kind: 'rewrite', outcome: { path: task.path, status: 'failed', keys: [], moduleKind: undefined, error: why(error) }, output: undefined };
  }
}
