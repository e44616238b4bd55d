/**
 * @deprecated The old module flavours: `ModuleKind` and `ModuleWriter` (module-kind.ts) replace them.
 * How a generated module is written: TypeScript, JavaScript ES module, or CommonJS.
 */
export type ModuleFlavour = 'ts' | 'esm' | 'cjs';

export const MODULE_BASENAME = 'clockwork-secrets';

/** The generated module's file name for a flavour. */
export function moduleFileName(flavour: ModuleFlavour): string {
  return `${MODULE_BASENAME}.${flavour === 'ts' ? 'ts' : flavour === 'esm' ? 'mjs' : 'cjs'}`;
}

/** Writes flavour-dependent source: type annotations only in TS, imports and exports per module system. */
export class Writer {
  constructor(readonly flavour: ModuleFlavour) {}

  /** A TypeScript-only fragment (a type annotation, `as` cast, generic). */
  t(fragment: string): string {
    return this.flavour === 'ts' ? fragment : '';
  }

  /** `import { a, b } from 'm'` or `const { a, b } = require('m')`. */
  importNamed(names: readonly string[], from: string): string {
    const list = names.join(', ');
    return this.flavour === 'cjs' ? `const { ${list} } = require('${from}');` : `import { ${list} } from '${from}';`;
  }

  /** `export` before a declaration in ES modules; CommonJS exports at the end instead. */
  get export(): string {
    return this.flavour === 'cjs' ? '' : 'export ';
  }

  exportsFooter(names: readonly string[]): string {
    return this.flavour === 'cjs' ? `\nmodule.exports = { ${names.join(', ')} };\n` : '';
  }
}
