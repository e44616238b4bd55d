/**
 * What a name says about the value it holds: identifiers, property paths, env names, config keys.
 *
 * Names are split into lowercase words (`CLOCKWORK_API_KEY`, `clockworkApiKey` and
 * `clockwork.apiKey` all read as clockwork, api, key) and matched by whole words, so `keyboard`
 * is not a key and `shaper` is not a hash.
 */

export type NameVerdict =
  /** Says hash, SHA, digest, commit…: never a key, even in a Clockwork file. */
  | 'hash'
  /** Names Clockwork and a credential (`CLOCKWORK_API_KEY`). */
  | 'clockwork-key'
  /** Names Clockwork (`clockwork`, `clockworkConfig`). */
  | 'clockwork'
  /** Names a credential, not whose (`apiKey`, `token`). */
  | 'key'
  | 'none';

const CLOCKWORK_WORDS = new Set(['clockwork', 'clockworksms', 'textanywhere', 'mediaburst']);
/** Names that are split in two in the wild: CLOCK_WORK_API_KEY, TEXT_ANYWHERE_TOKEN. */
const CLOCKWORK_PAIRS = new Set(['clock work', 'text anywhere', 'clockwork sms', 'media burst']);
/** Every word that spells part of a Clockwork name. */
const CLOCKWORK_NAME_WORDS = new Set([...CLOCKWORK_WORDS, ...[...CLOCKWORK_PAIRS].flatMap((pair) => pair.split(' '))]);
const KEY_WORDS = new Set([
  'key', 'keys', 'apikey', 'apikeys', 'token', 'accesstoken', 'secret', 'password', 'passwd', 'pass',
  'credential', 'credentials', 'auth', 'authorization',
]);
const HASH_WORDS = new Set([
  'hash', 'hashes', 'sha', 'sha1', 'sha256', 'shasum', 'digest', 'checksum', 'commit', 'etag',
  'integrity', 'oid', 'rev', 'revision', 'fingerprint', 'version', 'hmac', 'signature', 'nonce',
  'uuid', 'guid', 'md5', 'ref', 'head', 'tree', 'blob', 'parent', 'id', 'ids',
]);

const WORD_PATTERN = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

/** Lowercase words of a name: `CLOCKWORK_API_KEY` → clockwork, api, key; `apiKey` → api, key. */
export function nameWords(name: string): string[] {
  const words = name.match(WORD_PATTERN) ?? [];
  return words.map((word) => word.toLowerCase());
}

/** Extra names that mean Clockwork in one codebase, pre-split for matching by whole words. */
export type ExtraNames = readonly (readonly string[])[];

export function compileExtraNames(names: readonly string[]): ExtraNames {
  return names.map(nameWords).filter((words) => words.length > 0);
}

/** Whether the words name Clockwork (or one of the codebase's extra names). */
export function wordsNameClockwork(words: readonly string[], extraNames: ExtraNames = []): boolean {
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (CLOCKWORK_WORDS.has(word)) return true;
    if (index + 1 < words.length && CLOCKWORK_PAIRS.has(`${word} ${words[index + 1]}`)) return true;
  }
  return extraNames.some((extra) => containsRun(words, extra));
}

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  outer: for (let start = 0; start + run.length <= words.length; start++) {
    for (let offset = 0; offset < run.length; offset++) {
      if (words[start + offset] !== run[offset]) continue outer;
    }
    return true;
  }
  return false;
}

/** What `name` says about a key-shaped value it holds. A hash word overrides everything. */
export function judgeName(name: string, extraNames: ExtraNames = []): NameVerdict {
  const words = nameWords(name);
  if (words.some((word) => HASH_WORDS.has(word))) return 'hash';
  const credential = words.some((word) => KEY_WORDS.has(word)) || hasApiKeyPair(words);
  if (wordsNameClockwork(words, extraNames)) return credential ? 'clockwork-key' : 'clockwork';
  return credential ? 'key' : 'none';
}

function hasApiKeyPair(words: readonly string[]): boolean {
  return words.some((word, index) => word === 'api' && words[index + 1] === 'key');
}

/**
 * Whether a module specifier is a Clockwork SMS client: a package (`clockwork`, `clockworksms`,
 * `@scope/clockwork-sms`, or a file inside one), or a file of this codebase whose name says
 * Clockwork, reached by a relative path or a path alias (`./lib/clockwork.js`,
 * `../vendor/clockworksms`, `@/lib/clockwork`): a client library's own tests and vendored copies.
 * Another package is judged by its name, never by its files: `clockwork-scheduler/clockwork` is
 * the scheduler.
 */
export function isClockworkModule(specifier: string, extraModules: readonly string[] = []): boolean {
  if (extraModules.includes(specifier)) return true;
  if (isLocalSpecifier(specifier)) return isClockworkFile(specifier);
  const segments = specifier.split('/');
  const bare = specifier.startsWith('@') ? segments[1] ?? '' : segments[0]!;
  return CLIENT_MODULES.has(bare.toLowerCase());
}

/** Relative and absolute paths, and the aliases bundlers and `imports` maps give local files. */
const LOCAL_PREFIXES = ['./', '../', '/', '@/', '~/', '#'];

function isLocalSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || LOCAL_PREFIXES.some((prefix) => specifier.startsWith(prefix));
}

/** Names a file's folder speaks for: `clockwork/index.js` is the clockwork module. */
const FOLDER_STEMS = new Set(['index', 'main', 'lib', 'src', 'dist', 'build']);
const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]sx?|node)$/i;

/** Words a client module's file name may add to Clockwork's: `clockwork-sms-client.js`, `clockworkApi.ts`. */
const CLIENT_FILE_WORDS = new Set(['sms', 'api', 'client', 'sdk', 'lib', 'js', 'node', 'service', 'wrapper', 'gateway', 'provider', 'http', 'rest', 'v1', 'v2']);

/**
 * Whether the file or folder a local specifier names is a Clockwork client: `clockwork.js`,
 * `clockworksms/index`, `clockwork-sms-client`; not `clockwork-scheduler`, whose other words say
 * it is something else.
 */
function isClockworkFile(specifier: string): boolean {
  const segments = specifier.replace(SCRIPT_EXTENSION, '').split(/[/\\]/).filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  while (segments.length > 1 && FOLDER_STEMS.has(segments.at(-1)!.toLowerCase())) segments.pop();
  const words = nameWords(segments.at(-1) ?? '');
  if (!wordsNameClockwork(words)) return false;
  return words.every((word) => CLOCKWORK_NAME_WORDS.has(word) || CLIENT_FILE_WORDS.has(word));
}

const CLIENT_MODULES = new Set(['clockwork', 'clockworksms', 'clockwork-sms', 'clockwork-sms-api', 'textanywhere']);

/**
 * Cheap file-level pre-filter: every Clockwork signal spells one of these words, except the
 * XML API's `<Key>` and the HTTP API's form payload (`'key=…&to=…&content=…'`), which carry no
 * name: those pass when a key-shaped token follows (`node.key=value` in a bundle does not).
 */
const CLOCKWORK_MENTION = /clock[\s._-]?work|text[\s._-]?anywhere|media[\s._-]?burst|(?:<key>|[?&'"`]key=)[\da-z]{24}/i;

/**
 * Whether `text` can hold any Clockwork context at all; the rule and the codemod skip files that
 * cannot. An extra name passes when each of its words occurs (SMS_GATEWAY for smsGateway).
 */
export function mentionsClockwork(text: string, extraNames: ExtraNames = []): boolean {
  if (CLOCKWORK_MENTION.test(text)) return true;
  if (extraNames.length === 0) return false;
  const lower = text.toLowerCase();
  return extraNames.some((words) => words.every((word) => lower.includes(word)));
}

/**
 * Env name prefixes that bundlers inline into browser code: a name with one of these is public
 * whatever it holds. Longer prefixes first, so `NUXT_PUBLIC_` is not read as `PUBLIC_`… alone.
 */
export const PUBLIC_ENV_PREFIXES = [
  'NEXT_PUBLIC_', 'NUXT_PUBLIC_', 'NUXT_ENV_', 'EXPO_PUBLIC_', 'PLASMO_PUBLIC_', 'REACT_APP_', 'VUE_APP_',
  'SANITY_STUDIO_', 'REDWOOD_ENV_', 'STORYBOOK_', 'GATSBY_', 'VITE_', 'PUBLIC_',
] as const;

/** The public prefix `name` starts with (`NEXT_PUBLIC_CLOCKWORK_KEY` → `NEXT_PUBLIC_`), if any. */
export function publicEnvPrefix(name: string): string | undefined {
  const upper = name.toUpperCase();
  return PUBLIC_ENV_PREFIXES.find((prefix) => upper.startsWith(prefix));
}

/** `name` without its public prefixes: `VITE_CLOCKWORK_KEY` → `CLOCKWORK_KEY`; '' when nothing is left. */
export function withoutPublicPrefix(name: string): string {
  let rest = name;
  for (let prefix = publicEnvPrefix(rest); prefix !== undefined; prefix = publicEnvPrefix(rest)) {
    rest = rest.slice(prefix.length);
  }
  return rest;
}
