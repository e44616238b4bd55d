/**
 * The one template of the generated secrets module. Every provider and module kind shares its
 * header, exported API, process-wide cache, loading and error handling; a provider supplies only
 * its imports, settings and how it reads the store (see `SecretsProvider.moduleSource`).
 *
 * What the template guarantees, whatever the provider:
 * - the API: `clockworkSecret(name)` (sync, string), `getClockworkSecret(name)` (Promise<string>),
 *   `loadClockworkSecrets()`; in TypeScript the name is the `ClockworkSecretName` union;
 * - ES module kinds of a remote store load with top-level `await`, CommonJS kinds through the
 *   loader, and a sync read before loading throws naming the secret and the loader;
 * - every request to a store has a timeout, and no message quotes a secret or a parser's input;
 * - nothing in the module is read back by a tool: names live in the TypeScript type, and in a
 *   Conjur module's list of variables, only to be compiled and run.
 */
import { ModuleWriter, jsString, type ModuleKind } from './module-kind.js';

/** How a store is read: the whole secret at once (aws, vault), one variable per name (conjur), or the environment. */
export type StoreAccess = 'document' | 'variables' | 'environment';

/** Shared helper functions a provider's read code may call; the template adds those they call in turn. */
export type Helper = 'requiredEnv' | 'fetchText' | 'withTimeout' | 'timeoutMs' | 'reason' | 'parseSecretJson' | 'stringFields' | 'isRecord';

/** A provider's part of the module. */
export interface ProviderModule {
  /** Import lines (written by the writer, so they suit the module kind). */
  imports: string[];
  /** Constants read when the module loads: where the secrets are, overridable per environment. */
  settings: string;
  /**
   * document: the provider defines `readSecretFields(): Promise<Map<string, string>>` and `STORE`
   * (how messages name the secret); variables: `readSecret(name): Promise<string>` and
   * `SECRET_NAMES`; environment: nothing.
   */
  access: StoreAccess;
  /** The cache key: an expression naming the store location, so two stores never share values. */
  cacheKey: string;
  /** The read functions and anything only this provider needs. */
  reads: string;
  helpers: readonly Helper[];
}

export interface ModuleHeader {
  /** `--provider` value. */
  provider: string;
  /** The store, as a reader knows it: `HashiCorp Vault (KV v2)`. */
  store: string;
}

export const ACCESSORS = {
  /** `clockworkSecret('NAME')`: sync, returns string. */
  sync: 'clockworkSecret',
  /** `await getClockworkSecret('NAME')`. */
  async: 'getClockworkSecret',
  /** `await loadClockworkSecrets()` at start-up (CommonJS under a remote store). */
  load: 'loadClockworkSecrets',
} as const;

/** The TypeScript union of the names, exported by the module. */
export const SECRET_NAME_TYPE = 'ClockworkSecretName';

const NAME = /^[a-z_]\w*$/i;

/** A name that can stand in generated code, in `process.env.NAME` and in a string literal, as it is. */
export function isSecretName(name: string): boolean {
  return NAME.test(name);
}

/** Sorted, deduplicated names, each an environment-variable-like identifier (they are written into code). */
export function checkedNames(names: readonly string[]): string[] {
  if (names.length === 0) throw new Error('A secrets module needs at least one secret name.');
  for (const name of names) {
    if (!isSecretName(name)) throw new Error(`Not a secret name: ${JSON.stringify(name)} (letters, digits and _ only).`);
  }
  return [...new Set(names)].sort();
}

/** `'A' | 'B'`, or one name a line once the union is long (as Prettier would write it). */
function union(prefix: string, names: readonly string[]): string {
  const line = `${prefix} ${names.map(jsString).join(' | ')};`;
  return line.length <= 100 ? line : `${prefix}\n${names.map((name) => `  | ${jsString(name)}`).join('\n')};`;
}

/** `const X = ['A', 'B'];`, or one name a line once the list is long. */
export function nameList(prefix: string, names: readonly string[]): string {
  const line = `${prefix} [${names.map(jsString).join(', ')}];`;
  return line.length <= 100 ? line : `${prefix} [\n${names.map((name) => `  ${jsString(name)},`).join('\n')}\n];`;
}

export function renderModule(
  header: ModuleHeader,
  kind: ModuleKind,
  names: readonly string[],
  part: (w: ModuleWriter) => ProviderModule,
): string {
  const w = new ModuleWriter(kind);
  const sorted = checkedNames(names);
  const module = part(w);
  const remote = module.access !== 'environment';
  const sections = [
    headerComment(w, header, remote),
    ...(kind === 'cjs' ? ["'use strict';"] : []),
    module.imports.join('\n'),
    w.typescript
      ? `/** The Clockwork secrets this package reads: a misspelt name does not compile. */\n${union(`export type ${SECRET_NAME_TYPE} =`, sorted)}`
      : '',
    module.settings,
    remote ? cacheSource(w, module) : '',
    accessorsSource(w, module.access),
    module.reads,
    ...helpersSource(w, module.helpers),
    remote && w.esm
      ? `// Read the secrets before any importer runs, so that clockworkSecret() works anywhere, even at
// the top level of another module. A store that cannot be read fails the import, saying why.
await ${ACCESSORS.load}();`
      : '',
    kind === 'cjs' ? `module.exports = { ${ACCESSORS.sync}, ${ACCESSORS.async}, ${ACCESSORS.load} };` : '',
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function headerComment(w: ModuleWriter, header: ModuleHeader, remote: boolean): string {
  const loading = !remote
    ? ['Each read takes the environment variable of the same name as it is at the time of the call.']
    : w.esm
      ? ['The secrets are read once, when this module is first imported (top-level await, at the end).']
      : [
          'CommonJS cannot wait at import: await loadClockworkSecrets() once at start-up, before code',
          'that calls clockworkSecret() runs.',
        ];
  return [
    `Generated by clockwork-secrets: regenerate it with \`clockwork-secrets fix --provider ${header.provider}\`.`,
    `Store: ${header.store}. Module: ${w.title}.`,
    '',
    "Code reads a secret as clockworkSecret('NAME'), or await getClockworkSecret('NAME'), whatever",
    'the store: switching store regenerates this file and touches no call site, and edits made here',
    'are lost. No message from this module ever contains the value of a secret.',
    '',
    ...loading,
  ]
    .map((line) => (line === '' ? '//' : `// ${line}`))
    .join('\n');
}

function cacheSource(w: ModuleWriter, module: ProviderModule): string {
  const documentCache = `interface SecretCache {
  /** Every field of the secret, once it has been read. */
  fields: Map<string, string> | undefined;
  /** The read under way, shared by concurrent callers. */
  reading: Promise<Map<string, string>> | undefined;
}
`;
  const variablesCache = `interface SecretCache {
  /** The values read so far, by name. */
  values: Map<string, string>;
  /** The reads under way, by name, shared by concurrent callers. */
  reading: Map<string, Promise<string>>;
}
`;
  const empty = module.access === 'document' ? '{ fields: undefined, reading: undefined }' : '{ values: new Map(), reading: new Map() }';
  return `// One cache per process and store, shared by every copy of this module (TypeScript, ES module,
// CommonJS): secrets loaded through one copy serve the files that import another.
${w.t(module.access === 'document' ? documentCache : variablesCache)}const CACHES = Symbol.for('clockwork-secrets.caches');
const cache = sharedCache(${module.cacheKey});

function sharedCache(key${w.t(': string')})${w.t(': SecretCache')} {
${
    w.typescript
      ? `  const holder: typeof globalThis & { [CACHES]?: Map<string, SecretCache> } = globalThis;
  const caches = (holder[CACHES] ??= new Map<string, SecretCache>());`
      : '  const caches = (globalThis[CACHES] ??= new Map());'
  }
  let shared = caches.get(key);
  if (shared === undefined) {
    shared = ${empty};
    caches.set(key, shared);
  }
  return shared;
}`;
}

function syncDoc(w: ModuleWriter): string {
  return w.esm
    ? '/** A secret, read synchronously: this module loaded every secret when it was imported. */'
    : `/**
 * A secret, read synchronously from what loadClockworkSecrets() loaded at start-up; throws,
 * naming the secret, if that has not happened yet.
 */`;
}

function accessorsSource(w: ModuleWriter, access: StoreAccess): string {
  const name = `name${w.t(`: ${SECRET_NAME_TYPE}`)}`;
  const str = w.t(': string');
  const promise = w.t(': Promise<string>');
  const voided = w.t(': Promise<void>');
  if (access === 'environment') {
    return `/** A secret, read from the environment variable of the same name; throws, naming it, when it is unset or empty. */
${w.export}function ${ACCESSORS.sync}(${name})${str} {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing environment variable \${name}, which holds a Clockwork secret.\`);
  return value;
}

/** The same read as ${ACCESSORS.sync}(), for code that awaits its secrets. */
${w.export}async function ${ACCESSORS.async}(${name})${promise} {
  return ${ACCESSORS.sync}(name);
}

/** Start-up code calls this the same way with every store; environment variables need no loading. */
${w.export}async function ${ACCESSORS.load}()${voided} {
  // Nothing to load: each read takes the variable as it is when the read happens.
}`;
  }
  const notLoaded = `function notLoaded(name${str})${w.t(': Error')} {
  return new Error(\`Clockwork secret \${name} is not loaded: await ${ACCESSORS.load}() at start-up, before code that reads it runs.\`);
}`;
  if (access === 'document') {
    return `${syncDoc(w)}
${w.export}function ${ACCESSORS.sync}(${name})${str} {
  if (cache.fields === undefined) throw notLoaded(name);
  return field(cache.fields, name);
}

/** A secret, read from the store on first use: \`await ${ACCESSORS.async}('NAME')\`. */
${w.export}async function ${ACCESSORS.async}(${name})${promise} {
  return field(await secretFields(), name);
}

/** Reads the secret once for the whole process; a failed read is not kept, so the next call tries again. */
${w.export}async function ${ACCESSORS.load}()${voided} {
  await secretFields();
}

function secretFields()${w.t(': Promise<Map<string, string>>')} {
  if (cache.fields !== undefined) return Promise.resolve(cache.fields);
  cache.reading ??= readSecretFields()
    .then((fields) => {
      cache.fields = fields;
      return fields;
    })
    .finally(() => {
      cache.reading = undefined;
    });
  return cache.reading;
}

function field(fields${w.t(': Map<string, string>')}, name${str})${str} {
  const value = fields.get(name);
  if (value === undefined) throw new Error(\`\${STORE} has no value for the Clockwork secret \${name}.\`);
  return value;
}

${notLoaded}`;
  }
  return `${syncDoc(w)}
${w.export}function ${ACCESSORS.sync}(${name})${str} {
  const value = cache.values.get(name);
  if (value === undefined) throw notLoaded(name);
  return value;
}

/** A secret, read from the store on first use: \`await ${ACCESSORS.async}('NAME')\`. */
${w.export}async function ${ACCESSORS.async}(${name})${promise} {
  const value = cache.values.get(name);
  if (value !== undefined) return value;
  let reading = cache.reading.get(name);
  if (reading === undefined) {
    reading = readSecret(name)
      .then((read) => {
        cache.values.set(name, read);
        return read;
      })
      .finally(() => {
        cache.reading.delete(name);
      });
    cache.reading.set(name, reading);
  }
  return reading;
}

/** Reads every secret once for the whole process; a failed read is not kept, so the next call tries again. */
${w.export}async function ${ACCESSORS.load}()${voided} {
  await Promise.all(SECRET_NAMES.map((name) => ${ACCESSORS.async}(name)));
}

${notLoaded}`;
}

/** Which helpers each helper calls. */
const HELPER_NEEDS: Record<Helper, readonly Helper[]> = {
  requiredEnv: [],
  fetchText: ['withTimeout'],
  withTimeout: ['timeoutMs', 'reason'],
  timeoutMs: [],
  reason: [],
  parseSecretJson: [],
  stringFields: ['isRecord'],
  isRecord: [],
};

/** The helpers in a fixed order, whoever asked for them first. */
const HELPER_ORDER: readonly Helper[] = ['requiredEnv', 'fetchText', 'withTimeout', 'timeoutMs', 'reason', 'parseSecretJson', 'stringFields', 'isRecord'];

function helpersSource(w: ModuleWriter, wanted: readonly Helper[]): string[] {
  const needed = new Set<Helper>();
  const add = (helper: Helper): void => {
    if (needed.has(helper)) return;
    needed.add(helper);
    HELPER_NEEDS[helper].forEach(add);
  };
  wanted.forEach(add);
  return HELPER_ORDER.filter((helper) => needed.has(helper)).map((helper) => HELPERS[helper](w));
}

const HELPERS: Record<Helper, (w: ModuleWriter) => string> = {
  requiredEnv: (w) => `/** Store configuration from the environment; a missing variable fails loudly, naming it. */
function requiredEnv(name${w.t(': string')})${w.t(': string')} {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing environment variable \${name}, needed to read the Clockwork secrets.\`);
  return value;
}`,

  fetchText: (w) => `${w.t(`interface StoreRequest {
  method?: string;
  headers: Record<string, string>;
  body?: string;
}

interface StoreAnswer {
  status: number;
  text: string;
}

`)}/** One HTTP exchange with the store, under the timeout: its status and body. */
function fetchText(url${w.t(': string')}, what${w.t(': string')}, init${w.t(': StoreRequest')})${w.t(': Promise<StoreAnswer>')} {
  return withTimeout(what, async (signal) => {
    const response = await fetch(url, { ...init, signal });
    return { status: response.status, text: await response.text() };
  });
}`,

  withTimeout: (w) => `/**
 * Runs one request to the store under the timeout; a failure says what was being read, never a
 * value. The original error is not kept as the cause: it can hold the raw response or the request
 * headers (a token), and a parser's message quotes the text it read.
 */
function withTimeout${w.t('<T>')}(what${w.t(': string')}, request${w.t(': (signal: AbortSignal) => Promise<T>')})${w.t(': Promise<T>')} {
  const ms = timeoutMs();
  const signal = AbortSignal.timeout(ms);
  return request(signal).catch((error${w.t(': unknown')}) => {
    throw new Error(\`\${what} failed: \${signal.aborted ? \`no answer within \${ms} ms\` : reason(error)}.\`);
  });
}`,

  timeoutMs: (w) => `/** How long one request to the store may take: CLOCKWORK_SECRETS_TIMEOUT_MS, or 10 seconds. */
function timeoutMs()${w.t(': number')} {
  const configured = Number(process.env.CLOCKWORK_SECRETS_TIMEOUT_MS);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : 10_000;
}`,

  reason: (w) => `/**
 * Why a request failed, in the words of the network or SDK error. A parser's message is left out:
 * it quotes the text it read, and that text holds the secrets.
 */
function reason(error${w.t(': unknown')})${w.t(': string')} {
  if (!(error instanceof Error)) return 'unknown error';
  // fetch reports "fetch failed" and keeps the network error (refused, DNS, TLS) as its cause.
  const detail = error.cause instanceof Error ? error.cause : error;
  if (error.name === 'SyntaxError' || detail.name === 'SyntaxError') return 'the answer is not valid JSON';
  const code = 'code' in detail && typeof detail.code === 'string' ? detail.code : '';
  const message = detail.message || code || 'unknown error';
  return detail.name === 'Error' || detail.name === 'TypeError' ? message : \`\${detail.name}: \${message}\`;
}`,

  parseSecretJson: (w) => `/** Parses text that holds secrets. JSON.parse errors quote their input, so that error never surfaces. */
function parseSecretJson(text${w.t(': string')}, where${w.t(': string')})${w.t(': unknown')} {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(\`\${where} is not valid JSON: store a JSON object with a field per secret name.\`);
  }
}`,

  stringFields: (w) => `/** The non-empty string fields of a JSON object, by name. */
function stringFields(value${w.t(': unknown')}, where${w.t(': string')})${w.t(': Map<string, string>')} {
  if (!isRecord(value)) throw new Error(\`\${where} is not a JSON object with a field per secret name.\`);
  const fields = new Map${w.t('<string, string>')}();
  for (const [name, field] of Object.entries(value)) {
    if (typeof field === 'string' && field !== '') fields.set(name, field);
  }
  return fields;
}`,

  isRecord: (w) => `function isRecord(value${w.t(': unknown')})${w.t(': value is Record<string, unknown>')} {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}`,
};
