/**
 * Names from context: one variable name per distinct key value across the run, read from where
 * the key is held, and the same whatever order the keys or files come in.
 *
 * - A value `.env` already holds keeps its name there; an env read the code already has
 *   (`process.env.CLOCKWORK_KEY || '…'`) keeps its name, unless another value claims it too.
 * - Otherwise the name comes from the holder: its path (`production.clockwork.apiKey` →
 *   CLOCKWORK_API_KEY_PRODUCTION; `smsKey`, which does not say Clockwork, → CLOCKWORK_SMS_KEY; no
 *   path → CLOCKWORK_API_KEY, or CLOCKWORK_ACCESS_TOKEN for a successor token).
 * - Only a real conflict (two values wanting one name, or a name taken by another value) adds a
 *   suffix, and then to every value that wants that name, tier by tier: the rest of the path,
 *   environment words, the enclosing function, the file stem, and a number only when all of
 *   those are spent.
 * - No name is ever public-prefixed (`NEXT_PUBLIC_`, `VITE_`…): bundlers ship those to browsers.
 * - Keys seen only in comments are named last, from the names code keys leave free: a comment
 *   never changes the name of a key the code reads.
 */
import { fileEnvironment, isEnvironmentWord, pathOfName, type Holder } from './holder.js';
import type { KeyKind } from './key-shape.js';
import { nameWords, publicEnvPrefix, withoutPublicPrefix, wordsNameClockwork } from './names.js';
import { isEnvName } from './env-name.js';

export interface KeyToName {
  value: string;
  kind: KeyKind;
  /** A name the code already reads for it: `process.env.CLOCKWORK_KEY || '…'`. */
  hint?: string | undefined;
  /** Where it is held; with `holder.file` set, the file stem can tell two holders apart. */
  holder?: Holder;
}

export interface NamingOptions {
  /** A name the user chose (`--env-var NAME`): every value starts from it instead of its holder path. */
  baseName?: string | undefined;
  /**
   * Names already in use for values this run cannot see (the names file of a vault provider):
   * treated like a `.env` entry that holds some other value.
   */
  reserved?: Iterable<string>;
}

export const DEFAULT_ENV_NAME = 'CLOCKWORK_API_KEY';
const DEFAULT_WORDS: Record<KeyKind, readonly string[]> = {
  classic: ['clockwork', 'api', 'key'],
  successor: ['clockwork', 'access', 'token'],
};
const CREDENTIAL_OF: Record<KeyKind, readonly string[]> = { classic: ['api', 'key'], successor: ['access', 'token'] };

/** Words that say "credential" and nothing about which one. */
const CREDENTIAL_WORDS = new Set([
  'key', 'keys', 'apikey', 'api', 'token', 'tokens', 'accesstoken', 'access', 'secret', 'secrets', 'password', 'passwd',
  'pass', 'credential', 'credentials', 'auth', 'authorization',
]);
/**
 * Words that name the code around a key, not the key: `ClockworkProvider.apiKey` and
 * `sendViaClockwork(to, key = '…')` both hold CLOCKWORK_…_KEY.
 */
const NOISE_WORDS = new Set([
  'config', 'configs', 'configuration', 'conf', 'cfg', 'settings', 'setting', 'options', 'option', 'opts', 'params',
  'props', 'env', 'envs', 'environment', 'environments', 'vars', 'default', 'defaults', 'provider', 'client', 'service',
  'sdk', 'module', 'exports', 'this', 'value', 'values', 'data',
  'get', 'load', 'read', 'fetch', 'resolve', 'send', 'make', 'create', 'build', 'init', 'via', 'using', 'with', 'for',
  'from', 'to', 'by',
]);
const INDEX_STEMS = new Set(['index', 'main', 'mod']);
/** Stands for a name held by a value this run cannot see. */
const UNSEEN = Symbol('unseen');

/**
 * Names for `keys`, as value → name, listed by name. `existing` is the `.env` already on disk
 * (name → value). `options` may be a bare base name, as `--env-var NAME` passes it.
 *
 * The same value seen at several holders takes its name from the most telling one: a code holder
 * before a comment, a path that names the key before none, then the one whose name has the most
 * words, then the alphabetically first name. A value `.env` holds under several names keeps the
 * one its fallback read uses, or else the alphabetically first.
 */
export function planNames(
  keys: readonly KeyToName[],
  existing: ReadonlyMap<string, string>,
  options: string | NamingOptions = {},
): Map<string, string> {
  const { baseName, reserved = [] } = typeof options === 'string' ? { baseName: options } : options;
  const callerBase = baseName === undefined ? undefined : keptName(baseName);
  const taken = new Map<string, string | typeof UNSEEN>(existing);
  for (const name of reserved) if (!taken.has(name)) taken.set(name, UNSEEN);
  const names = new Map<string, string>();

  const values = valuesOf(keys, callerBase);
  const held = namesHeldIn(existing);
  for (const entry of values) {
    const kept = held.get(entry.value);
    const name = kept?.find((candidate) => entry.hints.includes(candidate)) ?? kept?.[0];
    if (name !== undefined) names.set(entry.value, name);
  }
  const open = values.filter((entry) => !names.has(entry.value));
  // Code keys first: a key that only a comment mentions takes what they leave.
  for (const phase of [open.filter((entry) => !entry.commentOnly), open.filter((entry) => entry.commentOnly)]) {
    keepHints(phase, taken, names);
    resolve(phase.filter((entry) => !names.has(entry.value)), taken, names);
  }
  return new Map([...names].sort(([valueA, a], [valueB, b]) => compare(a, b) || compare(valueA, valueB)));
}

/** One distinct value, with what its holders say. */
interface ValueEntry {
  value: string;
  /** Names the code reads for it (fallbacks), public prefix dropped, alphabetical. */
  hints: string[];
  /** The name it wants, spelled as it will be written. */
  base: string;
  /** The words `base` already says, so that no tier repeats one. */
  baseWords: string[];
  /** Extra words, tier by tier, that tell it apart on a conflict. */
  tiers: string[][];
  commentOnly: boolean;
}

/** A holder's bid for a name: the base words and the tiers that tell it apart on a conflict. */
interface Candidate {
  base: string[];
  tiers: string[][];
  comment: boolean;
  /** The base came from the holder's own path, not the default. */
  specific: boolean;
}

function valuesOf(keys: readonly KeyToName[], callerBase: string | undefined): ValueEntry[] {
  const byValue = new Map<string, { hints: Set<string>; candidates: Candidate[] }>();
  for (const key of keys) {
    const seen = byValue.get(key.value) ?? { hints: new Set<string>(), candidates: [] };
    byValue.set(key.value, seen);
    for (const hint of [key.hint, key.holder?.envName]) {
      const kept = hint === undefined ? undefined : keptName(hint);
      if (kept !== undefined) seen.hints.add(kept);
    }
    seen.candidates.push(candidateOf(key.holder, key.kind));
  }
  return [...byValue].map(([value, { hints, candidates }]) => {
    const best = candidates.sort(byTellingness)[0]!;
    const hintList = [...hints].sort(compare);
    const commentOnly = candidates.every((candidate) => candidate.comment);
    // A name the code reads, or the user chose, replaces the path; the path's environment words
    // then join the environment tier.
    const fixed = hintList[0] ?? callerBase;
    if (fixed === undefined) return { value, hints: hintList, base: joinName(best.base), baseWords: best.base, tiers: best.tiers, commentOnly };
    const environment = unique([...best.base.filter(isEnvironmentWord), ...best.tiers[1]!]);
    return { value, hints: hintList, base: fixed, baseWords: nameParts(fixed), tiers: [[], environment, ...best.tiers.slice(2)], commentOnly };
  });
}

/** Most telling first; a total order on everything that reaches the name, so order of input never matters. */
function byTellingness(a: Candidate, b: Candidate): number {
  return (
    Number(a.comment) - Number(b.comment) ||
    Number(b.specific) - Number(a.specific) ||
    b.base.length - a.base.length ||
    compare(joinName(a.base), joinName(b.base)) ||
    compare(JSON.stringify(a.tiers), JSON.stringify(b.tiers))
  );
}

/** What a holder says about the name: base words (path and its environment) and the tiers after it. */
function candidateOf(holder: Holder | undefined, kind: KeyKind): Candidate {
  if (!holder) return { base: [...DEFAULT_WORDS[kind]], tiers: [[], [], [], []], comment: false, specific: false };
  const segments = holder.path.map((segment) => nameParts(withoutPublicPrefix(segment)));
  const pathEnvironment = unique(segments.flat().filter(isEnvironmentWord));
  const clean = (words: readonly string[]) => words.filter((word) => !isEnvironmentWord(word) && !NOISE_WORDS.has(word));

  // The core is the path from its last segment that names Clockwork (`clockwork.apiKey` of
  // `settings.production.clockwork.apiKey`); failing that, the shortest tail that says more than
  // "key" (`sms.key` of `settings.sms.key`).
  let start = segments.findLastIndex((words) => wordsNameClockwork(words));
  if (start < 0) {
    start = segments.length;
    while (start > 0 && !saysMoreThanCredential(clean(segments.slice(start).flat()))) start--;
  }
  let core = clean(segments.slice(start).flat());
  const specific = saysMoreThanCredential(core);
  if (!specific) core = [...DEFAULT_WORDS[kind]];
  else {
    if (!wordsNameClockwork(core)) core = ['clockwork', ...core];
    if (!core.some((word) => CREDENTIAL_WORDS.has(word))) core = [...core, ...CREDENTIAL_OF[kind]];
  }
  const base = nameParts(withoutPublicPrefix(joinName([...core, ...pathEnvironment])));
  const rest = clean(segments.slice(0, start).flat());
  const fileWords = holder.file === undefined ? [] : fileStemWords(holder.file);
  const environment = unique([...holder.environment, ...(holder.file === undefined ? [] : fileEnvironment(holder.file))]);
  const functionWords = holder.functionName === undefined ? [] : pathOfName(holder.functionName).flatMap(nameParts);
  return {
    base,
    tiers: [rest, environment.filter((word) => !pathEnvironment.includes(word)), functionWords, fileWords],
    comment: holder.reason === 'comment',
    specific,
  };
}

function saysMoreThanCredential(words: readonly string[]): boolean {
  return words.some((word) => !CREDENTIAL_WORDS.has(word));
}

/** The file's stem as words; an `index.js` is named by its folder. */
function fileStemWords(file: string): string[] {
  const parts = file.split(/[\\/]/).filter((part) => part.length > 0);
  const base = parts.at(-1) ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const named = INDEX_STEMS.has(stem.toLowerCase()) && parts.length > 1 ? parts.at(-2)! : stem;
  return nameParts(named);
}

/** The names `.env` gives each value that code may read, alphabetical: never a public one. */
function namesHeldIn(existing: ReadonlyMap<string, string>): Map<string, string[]> {
  const held = new Map<string, string[]>();
  for (const [name, value] of [...existing].sort(([a], [b]) => compare(a, b))) {
    if (!isEnvName(name) || publicEnvPrefix(name) !== undefined) continue;
    const names = held.get(value);
    if (names) names.push(name);
    else held.set(value, [name]);
  }
  return held;
}

/** Fallback names the code already reads stay, where exactly one value claims them and the name is free. */
function keepHints(entries: readonly ValueEntry[], taken: Map<string, string | typeof UNSEEN>, names: Map<string, string>): void {
  const claims = groupBy(entries.filter((entry) => entry.hints.length > 0), (entry) => entry.hints[0]!);
  for (const [hint, claimants] of claims) {
    const [entry] = claimants;
    if (claimants.length !== 1 || !isFree(taken, hint, entry!.value)) continue;
    names.set(entry!.value, hint);
    taken.set(hint, entry!.value);
  }
}

function isFree(taken: ReadonlyMap<string, string | typeof UNSEEN>, name: string, value: string): boolean {
  return !taken.has(name) || taken.get(name) === value;
}

/**
 * Every value wanting a name that another value wants or holds moves on a tier; the rest keep
 * theirs. Repeats until no name is contested, then numbers whatever all tiers could not tell apart.
 */
function resolve(entries: readonly ValueEntry[], taken: Map<string, string | typeof UNSEEN>, names: Map<string, string>): void {
  const state = entries.map((entry) => ({ entry, tier: 0, name: entry.base }));
  let contested: Array<[string, typeof state]>;
  for (;;) {
    contested = [...groupBy(state, (item) => item.name)].filter(([name, items]) => items.length > 1 || !isFree(taken, name, items[0]!.entry.value));
    let moved = false;
    for (const [, items] of contested) {
      for (const item of items) {
        if (item.tier === item.entry.tiers.length) continue;
        item.tier++;
        item.name = nameAtTier(item.entry, item.tier);
        moved = true;
      }
    }
    if (!moved) break;
  }
  const numbered = new Set(contested.map(([name]) => name));
  for (const item of state) {
    if (numbered.has(item.name)) continue;
    names.set(item.entry.value, item.name);
    taken.set(item.name, item.entry.value);
  }
  for (const [name, items] of contested.sort(([a], [b]) => compare(a, b))) {
    // One search per name, resumed, so that thousands of keys with no context stay linear.
    let suffix = 1;
    for (const item of items.sort((a, b) => compare(a.entry.value, b.entry.value))) {
      let candidate = suffix === 1 ? name : `${name}_${suffix}`;
      while (taken.has(candidate)) candidate = `${name}_${++suffix}`;
      names.set(item.entry.value, candidate);
      taken.set(candidate, item.entry.value);
    }
  }
}

/** The base name with the words of tiers 1..`tier` that it does not already say. */
function nameAtTier(entry: ValueEntry, tier: number): string {
  const words = [...entry.baseWords];
  const said = words.length;
  for (const tierWords of entry.tiers.slice(0, tier)) {
    for (const word of tierWords) if (!words.includes(word)) words.push(word);
  }
  // A suffixed name is a new name: UPPER_SNAKE throughout, even after a hint spelled `ClockworkKey`.
  return words.length === said ? entry.base : joinName(words);
}

/**
 * The words of a name for building an env name: `clockworkApiKey` → clockwork, api, key;
 * `E2S_CLOCKWORK_API_KEY` → e2s, clockwork, api, key; `api2Key` → api2, key.
 */
export function nameParts(name: string): string[] {
  const parts: string[] = [];
  for (const chunk of name.split(/[^a-z0-9]+/i)) {
    if (chunk === '') continue;
    if (/^[A-Z0-9]+$/.test(chunk) || /^[a-z0-9]+$/.test(chunk)) {
      parts.push(chunk.toLowerCase());
      continue;
    }
    const words: string[] = [];
    for (const word of nameWords(chunk)) {
      if (/^\d/.test(word) && words.length > 0) words[words.length - 1] += word;
      else words.push(word);
    }
    parts.push(...words);
  }
  return parts;
}

/** UPPER_SNAKE from words; a leading digit gets the Clockwork prefix, so it stays a valid env name. */
function joinName(words: readonly string[]): string {
  const name = words.map((word) => word.toUpperCase()).join('_');
  return /^[A-Z_]/.test(name) ? name : `CLOCKWORK_${name}`;
}

/** A name the code or the user gave, spelled as given, without a public prefix; undefined if unusable. */
function keptName(name: string): string | undefined {
  const kept = withoutPublicPrefix(name);
  return isEnvName(kept) ? kept : undefined;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
