/**
 * Rewrites one file's detected keys with the plan the rule's suggestions also use, and records
 * what happened to each key for the report. Pure: names, module location and file facts come in,
 * the new text and the records go out.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { Holder } from '../detect/holder.js';
import type { KeyKind } from '../detect/key-shape.js';
import type { KeyDetection } from '../eslint/key-detector.js';
import { applyEdits, planFile, type Access, type RewriteContext } from '../eslint/site-rewrite.js';
import type { ModuleKind } from '../providers/index.js';

export type SiteMode = Access | 'comment';

export interface KeyRecord {
  value: string;
  kind: KeyKind;
  name: string;
  reason: string;
  holder: Holder;
  line: number;
  column: number;
  mode: SiteMode;
  /** The key left the code (a read, or a redacted comment). */
  rewritten: boolean;
  /** Why a key was left in place; `marked` when a marker comment says so in the code. */
  leftBecause?: string;
  marked?: boolean;
}

export interface Rewrite {
  output: string;
  keys: KeyRecord[];
  /** The generated module this file now imports, if any. */
  moduleKind: ModuleKind | undefined;
}

export function rewriteDetections(
  source: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  detections: readonly KeyDetection[],
  nameOf: (value: string) => string,
  context: RewriteContext,
): Rewrite {
  const bom = source.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const plan = planFile(detections, nameOf, context);
  const keys = detections.map((detection, index): KeyRecord => {
    const site = plan.sites[index]!;
    const base = {
      value: detection.value,
      kind: detection.kind,
      name: nameOf(detection.value),
      reason: detection.reason,
      holder: detection.holder,
      line: detection.loc.start.line,
      column: detection.loc.start.column + 1,
    };
    switch (site.action) {
      case 'read':
        return { ...base, mode: site.access, rewritten: true };
      case 'redact':
        return { ...base, mode: 'comment', rewritten: true };
      case 'mark':
        return { ...base, mode: 'sync', rewritten: false, leftBecause: site.why, marked: true };
      case 'leave':
        return { ...base, mode: 'sync', rewritten: false, leftBecause: site.why };
    }
  });
  keys.sort((a, b) => a.line - b.line || a.column - b.column);
  return { output: bom + applyEdits(sourceCode.text, plan.edits), keys, moduleKind: plan.accessors.size > 0 ? context.moduleKind : undefined };
}
