/**
 * One file through the codemod: its keys (to plan names across a run), then its rewrite with the
 * planned names. Pure of side files: the CLI and the jscodeshift entry each record values and
 * write modules their own way.
 */
import { relative, sep } from 'node:path';
import { withFile } from '../detect/holder.js';
import { maskKey, maskKeysIn } from '../detect/mask.js';
import type { DetectorOptions } from '../eslint/key-detector.js';
import type { ModuleKind } from '../providers/index.js';
import { browserCodeOf, serverOnlyPartOf } from '../eslint/browser-code.js';
import { moduleKindOfFile } from '../eslint/file-module-kind.js';
import { packageFactsOf } from '../eslint/package-facts.js';
import { secretsModuleSpecifier } from '../eslint/secrets-module-location.js';
import { detectInSource, parseFailure } from './detect-in-source.js';
import type { KeyToName } from '../detect/naming.js';
import { projectOf } from './project.js';
import { rewriteDetections, type KeyRecord } from './rewrite.js';
import type { TransformSettings } from './settings.js';

/** What one file's rewrite hands back. */
export interface FileOutcome {
  path: string;
  status: 'unchanged' | 'changed' | 'failed';
  /** Each value travels only in memory, to be recorded in `.env` once. */
  keys: KeyRecord[];
  /** The kind of generated module the file now imports, if any. */
  moduleKind: ModuleKind | undefined;
  error?: string;
}

export type FileKeys = { keys: KeyToName[]; error?: undefined } | { keys: []; error: string };

/** The keys of one file, in source order (names are handed out in reading order). */
export function keysInFile(path: string, source: string, detector: DetectorOptions): FileKeys {
  const result = detectInSource(source, path, detector);
  if (result.kind === 'parse-error') {
    const { message, line, column } = result.error;
    return { keys: [], error: `does not parse (${line}:${column}): ${message}` };
  }
  const detections = (result.kind === 'parsed' ? [...result.detections] : []).sort(
    (a, b) => a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column,
  );
  // Holders name the file from the package root, so names do not depend on where the tree is checked out.
  const file = relative(projectOf(path).root, path).split(sep).join('/');
  return { keys: detections.map((detection) => ({ value: detection.value, kind: detection.kind, holder: withFile(detection.holder, file) })) };
}

/**
 * The rewrite of one file with `names` (value → variable name, planned by the caller).
 * `output` is set only when the file changes; a failure leaves the file as it was.
 */
export function rewriteFile(
  path: string,
  source: string,
  settings: TransformSettings,
  names: ReadonlyMap<string, string>,
): { outcome: FileOutcome; output: string | undefined } {
  const unchanged = (): { outcome: FileOutcome; output: undefined } => ({ outcome: { path, status: 'unchanged', keys: [], moduleKind: undefined }, output: undefined });
  const failed = (error: string): { outcome: FileOutcome; output: undefined } => ({ outcome: { path, status: 'failed', keys: [], moduleKind: undefined, error }, output: undefined });
  const detected = detectInSource(source, path, settings.detector);
  if (detected.kind === 'parse-error') {
    const { message, line, column } = detected.error;
    return failed(`does not parse (${line}:${column}): ${message}`);
  }
  if (detected.kind === 'skipped' || detected.detections.length === 0) return unchanged();

  const { sourceCode } = detected;
  const project = projectOf(path, settings);
  const facts = packageFactsOf(path);
  const moduleKind = moduleKindOfFile(path, sourceCode.ast, { moduleType: project.packageType, root: project.root });
  let missing: string | undefined;
  const rewrite = rewriteDetections(
    source,
    sourceCode,
    detected.detections,
    (value) => {
      const name = names.get(value);
      if (name === undefined) missing ??= `no name was planned for a key (${maskKey(value)})`;
      return name ?? 'CLOCKWORK_API_KEY';
    },
    {
      sourceCode,
      moduleKind,
      provider: settings.provider,
      specifier: secretsModuleSpecifier(path, project.moduleDir, moduleKind),
      browser: browserCodeOf(sourceCode.ast, facts),
      isServerOnly: (node) => serverOnlyPartOf(sourceCode.ast, node, facts) !== undefined,
    },
  );
  if (missing) return failed(missing);
  // The output must parse with the parser that read the input, or the file is left as it was.
  const failure = parseFailure(rewrite.output, path);
  if (failure) return failed(`the rewritten code would not parse (${failure.line}:${failure.column}: ${maskKeysIn(failure.message)}); left untouched`);
  const changed = rewrite.output !== source;
  return {
    outcome: { path, status: changed ? 'changed' : 'unchanged', keys: rewrite.keys, moduleKind: rewrite.moduleKind },
    output: changed ? rewrite.output : undefined,
  };
}
