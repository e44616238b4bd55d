/**
 * Which module system a file runs as, so the codemod imports the generated secrets module that
 * fits it (and uses top-level `await` only where the file is an ES module at run time): by
 * extension, then for TypeScript the tsconfig's `module` (read with TypeScript's own parser, so
 * comments and `extends` are understood), then the file's own syntax and its package's `type`.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { ModuleKind } from '../providers/module-kind.js';

const require = createRequire(import.meta.url);

/** What TypeScript compiles to in a package: from tsconfig `module`, or undefined without a tsconfig. */
export type TypeScriptOutput = 'esm' | 'cjs' | 'by-package-type';

const outputOfRoot = new Map<string, TypeScriptOutput | undefined>();

export function typescriptOutputOf(root: string): TypeScriptOutput | undefined {
  if (!outputOfRoot.has(root)) outputOfRoot.set(root, readTypescriptOutput(root));
  return outputOfRoot.get(root);
}

function readTypescriptOutput(root: string): TypeScriptOutput | undefined {
  const path = join(root, 'tsconfig.json');
  if (!existsSync(path)) return undefined;
  // Loaded only for packages with a tsconfig: TypeScript is a large load, already paid by its parser.
  const ts = require('typescript') as typeof import('typescript');
  const read = ts.readConfigFile(path, (file) => ts.sys.readFile(file));
  if (read.error) return undefined;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(path), undefined, path);
  const kind = parsed.options.module;
  if (kind === undefined) {
    // TypeScript's default: CommonJS below ES2015 targets, ES modules from there on.
    const target = parsed.options.target ?? ts.ScriptTarget.ES5;
    return target >= ts.ScriptTarget.ES2015 ? 'esm' : 'cjs';
  }
  if (kind === ts.ModuleKind.CommonJS || kind === ts.ModuleKind.UMD || kind === ts.ModuleKind.AMD || kind === ts.ModuleKind.System) return 'cjs';
  if (kind >= ts.ModuleKind.Node16 && kind <= ts.ModuleKind.NodeNext) return 'by-package-type';
  return 'esm';
}

/** The module kind `filename` runs as, given its program and its package's `type` and root. */
export function moduleKindOfFile(
  filename: string,
  program: TSESTree.Program,
  pkg: { moduleType: 'module' | 'commonjs'; root: string | undefined },
): ModuleKind {
  const extension = extname(filename).toLowerCase();
  if (extension === '.mjs') return 'esm';
  if (extension === '.cjs') return 'cjs';
  if (extension === '.mts') return 'ts-esm';
  if (extension === '.cts') return 'ts-cjs';
  if (extension === '.ts' || extension === '.tsx') {
    const output = pkg.root === undefined ? undefined : typescriptOutputOf(pkg.root);
    if (output === 'esm') return 'ts-esm';
    if (output === 'cjs') return 'ts-cjs';
    // NodeNext, or no tsconfig: the package's type decides, as Node decides for the output.
    return pkg.moduleType === 'module' ? 'ts-esm' : 'ts-cjs';
  }
  if (hasModuleSyntax(program)) return 'esm';
  return pkg.moduleType === 'module' ? 'esm' : 'cjs';
}

function hasModuleSyntax(program: TSESTree.Program): boolean {
  return program.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration,
  );
}
