/**
 * Where a package's generated secrets module lives, and how a file imports it: the one answer
 * the rule's suggestions and the codemod share.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { secretsModuleFileName, type ModuleKind } from '../providers/index.js';

/** `<package>/src` when the package has one, else the package root. */
export function secretsModuleDir(packageRoot: string): string {
  const sourceDir = join(packageRoot, 'src');
  return existsSync(sourceDir) ? sourceDir : packageRoot;
}

/** The import specifier of the module of `kind` in `moduleDir`, from `file`. */
export function secretsModuleSpecifier(file: string, moduleDir: string, kind: ModuleKind): string {
  const target = join(moduleDir, secretsModuleFileName(kind));
  const path = relative(dirname(resolve(file)), target).split(sep).join('/');
  const specifier = path.startsWith('.') ? path : `./${path}`;
  // TypeScript resolves `./x.js` to `./x.ts` under every module resolution mode.
  return kind === 'ts-esm' || kind === 'ts-cjs' ? specifier.replace(/\.ts$/, '.js') : specifier;
}
