/**
 * The text-only detector: keys that the surrounding text proves are Clockwork's (a
 * `CLOCKWORK_API_KEY=…` assignment, a Clockwork URL, payload, email gateway or `<Key>`), for files
 * that are not parsed. Linear in the text.
 */
import { labelBefore, type Holder } from '../../detect/holder.js';
import { compileExtraNames } from '../../detect/names.js';
import { findKeysInText } from '../../detect/text-context.js';
import type { DetectorOptions } from '../../eslint/key-detector.js';
import type { ContentFinding, FormatScanner } from '../format.js';
import { lineStarts, positionAt } from '../../detect/positions.js';

export const textOnly: FormatScanner = {
  name: 'text',
  claims: () => true,
  scan: (text, _path, options) => textOnlyFindings(text, options),
};

/** The keys the text alone proves; callers say in their report how the file was read. */
export function textOnlyFindings(text: string, options: DetectorOptions): ContentFinding[] {
  const allowed = new Set((options.allowedValues ?? []).map((value) => value.toLowerCase()));
  const starts = lineStarts(text);
  const findings: ContentFinding[] = [];
  for (const hit of findKeysInText(text, compileExtraNames(options.extraNames ?? []))) {
    if (hit.kind === undefined) continue;
    const value = text.slice(hit.start, hit.end);
    if (allowed.has(value.toLowerCase())) continue;
    const { line, column } = positionAt(starts, hit.start);
    const path = hit.name ? [hit.name] : [labelBefore(text, hit.start)].filter((label): label is string => label !== undefined);
    const holder: Holder = { path, environment: [], functionName: undefined, file: undefined, envName: undefined, reason: hit.reason === 'assignment' ? 'holder' : hit.reason };
    findings.push({ line, column, kind: hit.kind, value, reason: hit.reason === 'assignment' ? 'assignment' : hit.reason, holder });
  }
  return findings;
}
