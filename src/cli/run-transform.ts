/** Runs the codemod's jscodeshift transform on one file in collect mode, as jscodeshift's Worker would. */
import jscodeshift from 'jscodeshift';
import transform, { type FileOutcome } from '../../codemods/clockwork-secrets.js';
import { maskKeysIn } from '../detect/mask.js';

export interface TransformTask {
  path: string;
  source: string;
  options: Record<string, string>;
}

export interface TransformResult {
  outcome: FileOutcome;
  /** The rewritten source, with placeholder names until the CLI has planned the real ones. */
  output: string | undefined;
}

export async function runTransform(task: TransformTask): Promise<TransformResult> {
  let outcome: FileOutcome = { path: task.path, status: 'unchanged', keys: [], flavour: undefined };
  const api = { j: jscodeshift, jscodeshift, stats: () => {}, report: () => {} };
  try {
    const output = await transform({ path: task.path, source: task.source }, api, {
      ...task.options,
      collect: (result: FileOutcome) => {
        outcome = result;
      },
    });
    return { outcome, output: output ?? undefined };
  } catch (error) {
    const message = maskKeysIn((error as Error).message);
    return { outcome: { ...outcome, status: 'failed', error: outcome.error ?? message }, output: undefined };
  }
}
