/**
 * The four kinds of generated secrets module, and the writer that spells one template in each:
 * type annotations only in TypeScript, `import`/`export` or `require`/`module.exports` by module
 * system, and top-level `await` only where the module is an ES module at run time.
 */

/** TypeScript compiled to ES modules or to CommonJS (from tsconfig `module` and package `type`), JavaScript ES module, CommonJS. */
export type ModuleKind = 'ts-esm' | 'ts-cjs' | 'esm' | 'cjs';

export const MODULE_KINDS: readonly ModuleKind[] = ['ts-esm', 'ts-cjs', 'esm', 'cjs'];

const BASENAME = 'clockwork-secrets';

/** The generated module's file name: `clockwork-secrets.ts` for both TypeScript kinds, `.mjs`, `.cjs`. */
export function secretsModuleFileName(kind: ModuleKind): string {
  return `${BASENAME}.${kind === 'esm' ? 'mjs' : kind === 'cjs' ? 'cjs' : 'ts'}`;
}

/** How the header describes a kind. */
const KIND_TITLES: Record<ModuleKind, string> = {
  'ts-esm': 'TypeScript compiled to ES modules',
  'ts-cjs': 'TypeScript compiled to CommonJS',
  esm: 'an ES module',
  cjs: 'a CommonJS module',
};

export class ModuleWriter {
  constructor(readonly kind: ModuleKind) {}

  get title(): string {
    return KIND_TITLES[this.kind];
  }

  get typescript(): boolean {
    return this.kind === 'ts-esm' || this.kind === 'ts-cjs';
  }

  /** An ES module at run time: it can load its secrets with top-level `await`. */
  get esm(): boolean {
    return this.kind === 'ts-esm' || this.kind === 'esm';
  }

  /** A TypeScript-only fragment: a type annotation, an interface, a type predicate. */
  t(fragment: string): string {
    return this.typescript ? fragment : '';
  }

  /** `import { a, b } from 'm';`, or `const { a, b } = require('m');` in CommonJS JavaScript. */
  importNamed(names: readonly string[], from: string): string {
    const list = names.join(', ');
    return this.kind === 'cjs' ? `const { ${list} } = require(${jsString(from)});` : `import { ${list} } from ${jsString(from)};`;
  }

  /**
   * The whole export of a CommonJS package (`module.exports = fn`). TypeScript compiled to CommonJS
   * uses `import x = require()`, which needs no `esModuleInterop`.
   */
  importModule(name: string, from: string): string {
    switch (this.kind) {
      case 'cjs':
        return `const ${name} = require(${jsString(from)});`;
      case 'ts-cjs':
        return `import ${name} = require(${jsString(from)});`;
      default:
        return `import ${name} from ${jsString(from)};`;
    }
  }

  /** `export ` before a declaration in ES module syntax; CommonJS JavaScript exports at the end instead. */
  get export(): string {
    return this.kind === 'cjs' ? '' : 'export ';
  }
}

/** A single-quoted JavaScript string literal, the generated modules' one quote style. */
export function jsString(value: string): string {
  const body = JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${body}'`;
}
