/**
 * jscodeshift transform: every key `clockwork-secrets/no-hardcoded-key` reports becomes an
 * environment or vault lookup, and its value is recorded in the package's `.env`.
 *
 *   npx jscodeshift --no-babel -t node_modules/eslint-plugin-clockwork-secrets/dist/codemods/jscodeshift.cjs \
 *     --provider=env|aws|vault|conjur [--env-var=NAME] [--secret-id=ID] src
 *
 * (jscodeshift.cjs wraps this ES module so that it loads with or without Babel registration.)
 *
 * A thin entry over `src/codemod`: jscodeshift runs files in independent workers, so each takes
 * the package's `.env` lock to plan names and record values consistently. The rewrite itself
 * needs nothing from jscodeshift (edits are text splices), so the plugin does not depend on it.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { maskKey } from '../src/detect/mask.js';
import { planNames } from '../src/detect/naming.js';
import { projectOf } from '../src/codemod/project.js';
import { keysInFile, rewriteFile } from '../src/codemod/rewrite-file.js';
import { ensureSecretModules, readNamesFile } from '../src/codemod/secret-modules.js';
import { settingsFrom } from '../src/codemod/settings.js';
import { readDotenv, recordSecrets, withFileLock } from '../src/codemod/side-files.js';

export default async function transform(file: FileInfo, api: API, options: Options): Promise<string | undefined> {
  const settings = settingsFrom(options);
  const found = keysInFile(file.path, file.source, settings.detector);
  // jscodeshift reports a thrown error for the file and leaves it untouched.
  if (found.error !== undefined) throw new Error(`${file.path} ${found.error}. Left untouched.`);
  if (found.keys.length === 0) return undefined;

  const project = projectOf(file.path, settings);
  // jscodeshift's --dry: plan names against `.env` as it is, and write nothing beside the code either.
  const dry = options.dry === true;
  const planFile = () => {
    const reserved = readNamesFile(project.moduleDir)?.names ?? [];
    const planned = planNames(found.keys, readDotenv(project.files.env), { baseName: settings.envVar, reserved });
    // Values the code holds; a key found only in a comment is redacted and needs rotating, not keeping.
    const inCode = new Set(found.keys.filter((key) => key.holder?.reason !== 'comment').map((key) => key.value));
    if (!dry) recordSecrets(project.files, [...planned].filter(([value]) => inCode.has(value)).map(([value, name]) => [name, value] as const));
    return planned;
  };
  const names = dry ? planFile() : await withFileLock(`${project.files.env}.lock`, planFile);

  const { outcome, output } = rewriteFile(file.path, file.source, settings, names);
  if (outcome.status === 'failed') throw new Error(`${file.path}: ${outcome.error ?? 'failed'}. Left untouched.`);
  if (outcome.moduleKind && !dry) {
    const kinds = new Set([outcome.moduleKind]);
    const moduleNames = outcome.keys.filter((key) => key.mode !== 'comment' && key.rewritten).map((key) => key.name);
    const providerSettings = { ...settings.vaultSettings, useNodeVault: project.dependencies.has('node-vault') };
    await withFileLock(`${project.files.env}.lock`, () => ensureSecretModules(project.moduleDir, settings.provider, kinds, moduleNames, providerSettings));
  }
  for (const key of outcome.keys) {
    const where = `${file.path}:${key.line}:${key.column}`;
    api.report(
      key.rewritten
        ? `${where} moved ${maskKey(key.value)} to ${key.name}`
        : `${where} left ${maskKey(key.value)} in place: ${key.leftBecause ?? 'it cannot be rewritten'}`,
    );
  }
  return output;
}
