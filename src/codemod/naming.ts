/**
 * One variable name per distinct key value, across the whole codebase: the same value keeps its
 * name, distinct values get distinct names, and a name that `.env` already gives to another
 * value is never reused (that entry is never overwritten).
 */
import type { KeyKind } from '../detect/key-shape.js';

export interface KeyToName {
  value: string;
  kind: KeyKind;
  /** A name the code already uses for it: `process.env.CLOCKWORK_KEY || '…'`. */
  hint: string | undefined;
}

export const DEFAULT_ENV_NAME = 'CLOCKWORK_API_KEY';
const SUCCESSOR_ENV_NAME = 'CLOCKWORK_ACCESS_TOKEN';

/**
 * Names for `keys` in order of first appearance. `existing` is the `.env` already on disk: a
 * value it holds keeps its name there.
 */
export function planNames(
  keys: readonly KeyToName[],
  existing: ReadonlyMap<string, string>,
  baseName = DEFAULT_ENV_NAME,
): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Map(existing);
  const nameOfExisting = new Map([...existing].map(([name, value]) => [value, name]));
  const isFree = (name: string, value: string) => !taken.has(name) || taken.get(name) === value;
  // Names the code already reads (`process.env.X || key`) go first, so no other value takes them.
  for (const { value, hint } of keys) {
    if (hint === undefined || names.has(value)) continue;
    const name = nameOfExisting.get(value) ?? (isFree(hint, value) ? hint : undefined);
    if (name !== undefined) {
      names.set(value, name);
      taken.set(name, value);
    }
  }
  // Where each base name's suffix search resumes: names are handed out in order, so a run with
  // thousands of keys stays linear instead of re-probing _2, _3, … for every value.
  const nextSuffix = new Map<string, number>();
  for (const { value, kind } of keys) {
    if (names.has(value)) continue;
    let name = nameOfExisting.get(value);
    if (name === undefined) {
      const base = kind === 'successor' && baseName === DEFAULT_ENV_NAME ? SUCCESSOR_ENV_NAME : baseName;
      let suffix = nextSuffix.get(base) ?? 1;
      name = suffix === 1 ? base : `${base}_${suffix}`;
      while (!isFree(name, value)) name = `${base}_${++suffix}`;
      nextSuffix.set(base, suffix + 1);
    }
    names.set(value, name);
    taken.set(name, value);
  }
  return names;
}
