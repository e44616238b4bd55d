/**
 * One configuration for lint and CLI: `scan`, `fix` and `inventory` read the options of
 * `clockwork-secrets/no-hardcoded-key` from the project's ESLint config, through ESLint's own
 * `calculateConfigForFile`, so a test key allowed in `eslint.config.js` is allowed everywhere.
 * The config is never parsed here: ESLint loads it, with its own resolution and caching.
 * Flags given on the command line override the config, option by option.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { maskKeysIn } from '../detect/mask.js';

export const RULE_ID = 'clockwork-secrets/no-hardcoded-key';

/** The detector options a command takes, as its flags spell them (comma-separated lists). */
// A type, not an interface: commands take it as a Record of flags.
export type DetectorFlags = {
  'extra-names'?: string | undefined;
  'allowed-values'?: string | undefined;
  'client-modules'?: string | undefined;
};

/** The rule's options found in the config, and where they came from. */
export interface ConfigOptions {
  extraNames: string[];
  allowedValues: string[];
  clientModules: string[];
  /** The config file ESLint loaded, when there is one. */
  configFile: string | undefined;
  /** Why the config could not be read (its options are then the defaults). */
  warning: string | undefined;
}

const FLAG_OF = { extraNames: 'extra-names', allowedValues: 'allowed-values', clientModules: 'client-modules' } as const;

/**
 * Files the rule's options are read for, in order: a config may give the rule to `**\/*.ts`
 * alone, or to `src/**`. None needs to exist: ESLint computes a config for a path.
 */
const REPRESENTATIVE_FILES = ['index.js', 'index.ts', join('src', 'index.js'), join('src', 'index.ts')];

const NONE: Omit<ConfigOptions, 'configFile' | 'warning'> = { extraNames: [], allowedValues: [], clientModules: [] };

/** The rule options of the ESLint config that applies in `cwd`; defaults when there is none or it fails to load. */
export async function readConfigOptions(cwd: string): Promise<ConfigOptions> {
  // Loading ESLint costs a few hundred milliseconds per run: only where a flat config can apply.
  if (!hasFlatConfigAbove(cwd)) return { ...NONE, configFile: undefined, warning: undefined };
  let configFile: string | undefined;
  try {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd });
    configFile = await eslint.findConfigFile();
    if (configFile === undefined) return { ...NONE, configFile, warning: undefined };
    for (const file of REPRESENTATIVE_FILES) {
      const config = (await eslint.calculateConfigForFile(join(cwd, file))) as { rules?: Record<string, unknown> } | undefined;
      const entry = config?.rules?.[RULE_ID];
      if (entry !== undefined) return { ...optionsOf(entry), configFile, warning: undefined };
    }
    return { ...NONE, configFile, warning: undefined };
  } catch (error) {
    // A config that does not load may quote source text: masked like every other error.
    const where = configFile ?? `the ESLint config in ${cwd}`;
    const warning = `could not read ${RULE_ID} options from ${where}: ${maskKeysIn((error as Error).message.split('\n')[0] ?? '')}; using the defaults`;
    return { ...NONE, configFile, warning };
  }
}

const CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/** Whether a flat config file sits in `cwd` or a folder above it, where ESLint would look. */
function hasFlatConfigAbove(cwd: string): boolean {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (CONFIG_NAMES.some((name) => existsSync(join(dir, name)))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** The options of a rule entry as ESLint normalises it: `[severity, options]`. */
function optionsOf(entry: unknown): Omit<ConfigOptions, 'configFile' | 'warning'> {
  const options: unknown = Array.isArray(entry) ? entry[1] : undefined;
  if (typeof options !== 'object' || options === null) return NONE;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : []);
  const record = options as Record<string, unknown>;
  return { extraNames: list(record.extraNames), allowedValues: list(record.allowedValues), clientModules: list(record.clientModules) };
}

/** The flags a command runs with: each one given on the command line, else the config's. */
export function withConfigOptions(flags: DetectorFlags, config: ConfigOptions): DetectorFlags {
  const merged: DetectorFlags = {};
  for (const [option, flag] of Object.entries(FLAG_OF) as Array<[keyof typeof FLAG_OF, keyof DetectorFlags]>) {
    const given = flags[flag];
    const configured = config[option];
    merged[flag] = given !== undefined ? given : configured.length > 0 ? configured.join(',') : undefined;
  }
  return merged;
}
