/**
 * The holder record: where a detected key sits, in words every consumer reads (the rule's
 * message, names from context, the inventory, SARIF), so none of them re-derives it from text.
 *
 * Language-neutral and plain data: the ESTree detector builds it today, and JSON or YAML adapters
 * can build the same record from their own trees. It crosses worker boundaries by structured clone.
 */
import { judgeName, nameWords } from './names.js';

/** Why the key is Clockwork's, as a code; the human wording stays with the rule's message. */
export type HolderReason =
  /** A name that says Clockwork holds it: a binding, property path, config key, env name. */
  | 'holder'
  /** The fallback of an env read that names Clockwork: `process.env.CLOCKWORK_KEY || '…'`. */
  | 'fallback'
  /** Assigned to an env variable that names Clockwork: `process.env.CLOCKWORK_KEY = '…'`. */
  | 'env-assignment'
  /** Handed to a Clockwork client. */
  | 'client'
  /** Beside `provider: 'clockwork'` in a config object. */
  | 'config'
  /** The HTTP API's `key` parameter beside `to` and `content`. */
  | 'payload'
  | 'url'
  | 'email'
  | 'xml'
  /** A comment that names Clockwork. */
  | 'comment'
  /** Prose in a string that names Clockwork and labels the key a credential: `'clockwork api=…'`. */
  | 'prose'
  /** The same value as a key proven elsewhere in the file (or, for the CLI, the run). */
  | 'known-value';

export interface Holder {
  /**
   * The segments of the place that holds the key, outermost first, as written:
   * `settings.production.clockwork.apiKey` is ['settings', 'production', 'clockwork', 'apiKey'],
   * `const CLOCKWORK_KEY = '…'` is ['CLOCKWORK_KEY']. Empty when no name holds the key itself (a
   * key inside a URL or a payload string); a comment's label (`Old clockwork key: …`) is one segment.
   */
  path: readonly string[];
  /** Environment words of the path (and of the file, once known), lowercase, in order: ['production']. */
  environment: readonly string[];
  /** The nearest named function or method around the key (`notify`, `SmsService.send`). */
  functionName: string | undefined;
  /** The file, set by a caller that knows it (the detector sees only text). */
  file: string | undefined;
  /** `X` of an env read the key is the fallback of: `process.env.X || '…'`. */
  envName: string | undefined;
  reason: HolderReason;
}

/**
 * Words that name a deployment environment. Only whole words count, so `developer`, `latest` and
 * `protest` are not environments.
 */
const ENVIRONMENT_WORDS = new Set([
  'production', 'prod', 'preprod', 'staging', 'stage', 'stg', 'development', 'dev', 'develop',
  'test', 'testing', 'qa', 'uat', 'sandbox', 'live', 'preview', 'local', 'ci', 'integration', 'demo',
]);

export function isEnvironmentWord(word: string): boolean {
  return ENVIRONMENT_WORDS.has(word.toLowerCase());
}

/** The environment words of some names, lowercase, each once, in order of appearance. */
export function environmentWords(names: readonly string[]): string[] {
  const found = new Set<string>();
  for (const name of names) {
    for (const word of nameWords(name)) if (ENVIRONMENT_WORDS.has(word)) found.add(word);
  }
  return [...found];
}

/** A dotted or slashed name as path segments: `clockwork.apiKey` → clockwork, apiKey. */
export function pathOfName(name: string): string[] {
  return name.split(/[.:/]/).filter((segment) => segment.length > 0);
}

/**
 * The file's own environment words: `config/production.js`, `clockwork.staging.ts`,
 * `env/test/sms.js`. Only the base name and its folder count, so a checkout under `~/dev/` says
 * nothing.
 */
export function fileEnvironment(file: string): string[] {
  const parts = file.split(/[\\/]/).filter((part) => part.length > 0);
  return environmentWords(parts.slice(-2));
}

/** `holder` placed in `file`: the file's environment words join the path's. */
export function withFile(holder: Holder, file: string): Holder {
  const environment = [...new Set([...holder.environment, ...fileEnvironment(file)])];
  return { ...holder, file, environment };
}

const LABEL_LOOKBACK = 80;
const LABEL_WORDS = 4;
const LABEL_SEPARATOR = /[\s:=>"'`-]/;
const LABEL_WORD = /[\w$]/;
const FILLER_WORDS = new Set(['a', 'an', 'the', 'is', 'was', 'are', 'were', 'our', 'my', 'your', 'this', 'that', 'for', 'of', 'to', 'as', 'here']);

/**
 * The words that label a token in prose, on its own line: `Old clockwork key: 449c…` gives
 * "Old clockwork key". Only a label that names Clockwork or a credential counts, so "see 449c…"
 * gives nothing. Bounded look-back: linear in the text.
 */
export function labelBefore(text: string, start: number): string | undefined {
  const floor = Math.max(0, start - LABEL_LOOKBACK);
  let index = start;
  while (index > floor && text[index - 1] !== '\n' && LABEL_SEPARATOR.test(text[index - 1]!)) index--;
  const words: string[] = [];
  while (index > floor && words.length < LABEL_WORDS && LABEL_WORD.test(text[index - 1]!)) {
    const end = index;
    while (index > floor && LABEL_WORD.test(text[index - 1]!)) index--;
    words.unshift(text.slice(index, end));
    if (text[index - 1] !== ' ') break;
    index--;
  }
  const label = words.filter((word) => !FILLER_WORDS.has(word.toLowerCase())).join(' ');
  const verdict = label === '' ? 'none' : judgeName(label);
  return verdict === 'clockwork' || verdict === 'clockwork-key' || verdict === 'key' ? label : undefined;
}
