/**
 * Every TypeScript module kind type-checks with `tsc --noEmit --strict` (and the stricter flags
 * teams add), as the package would compile it: ts-esm in an ES module package (NodeNext, `type:
 * module`), ts-cjs in a CommonJS one. A call site beside each module proves the accessors return
 * `string` and that a misspelt name does not compile. node-vault is not installed: a minimal
 * package with typings shaped like its own (`export =` of a CommonJS function) stands in for it.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir, writeFiles } from '../support/codemod-project.js';
import { RENDERED } from './variants.js';

const NODE_VAULT_TYPES = `declare namespace NodeVault {
  interface RequestOptions {
    timeout?: number;
  }
  interface VaultOptions {
    endpoint?: string;
    token?: string;
    namespace?: string;
    requestOptions?: RequestOptions;
  }
  interface client {
    read(path: string, requestOptions?: RequestOptions): Promise<any>;
  }
}
declare function NodeVault(options?: NodeVault.VaultOptions): NodeVault.client;
export = NodeVault;
`;

const CALL_SITE = `import { clockworkSecret, getClockworkSecret, loadClockworkSecrets, type ClockworkSecretName } from './clockwork-secrets.js';

export async function keys(): Promise<string[]> {
  await loadClockworkSecrets();
  const key: string = clockworkSecret('CLOCKWORK_API_KEY');
  const staging: string = await getClockworkSecret('CLOCKWORK_API_KEY_STAGING');
  // @ts-expect-error a misspelt name does not compile
  clockworkSecret('CLOCKWORK_API_KEYS');
  // @ts-expect-error nor does a name the package does not read
  const other: ClockworkSecretName = 'OTHER';
  return [key, staging, other];
}
`;

const STRICT = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  target: 'ES2022',
  lib: ['ES2022'],
  types: ['node'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  noEmit: true,
  // As most projects do; the SDK's own typings are its business.
  skipLibCheck: true,
};

const PROJECTS = [
  {
    name: 'ts-esm in a `type: module` package (NodeNext)',
    kind: 'ts-esm',
    packageType: 'module',
    compilerOptions: { ...STRICT, verbatimModuleSyntax: true, isolatedModules: true },
  },
  { name: 'ts-cjs in a `type: commonjs` package (NodeNext)', kind: 'ts-cjs', packageType: 'commonjs', compilerOptions: STRICT },
  {
    name: 'ts-cjs with classic `module: commonjs` and no esModuleInterop',
    kind: 'ts-cjs',
    packageType: 'commonjs',
    compilerOptions: { ...STRICT, module: 'CommonJS', moduleResolution: 'Node10', esModuleInterop: false },
  },
] as const;

const root = tempDir('provider-typecheck');
afterAll(() => removeDir(root));

/** Parsed files shared by both programs: lib, @types/node and the AWS SDK typings are parsed once. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** `tsc --noEmit -p dir`, in process: the diagnostics, formatted as tsc prints them. */
function typecheck(dir: string, compilerOptions: object): string {
  const { options, errors } = ts.convertCompilerOptionsFromJson(compilerOptions, dir);
  expect(errors).toEqual([]);
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!parsed.has(key)) parsed.set(key, read(fileName, languageVersion, ...rest));
    return parsed.get(key);
  };
  const roots = ts.sys.readDirectory(dir, ['.ts'], ['node_modules'], ['*/*.ts']);
  const program = ts.createProgram(roots, options, host);
  return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => dir,
    getNewLine: () => '\n',
  });
}

describe('TypeScript modules type-check', () => {
  it.each(PROJECTS.map((project, index) => ({ ...project, index })))('$name', ({ kind, packageType, compilerOptions, index }) => {
    const dir = join(root, `project-${index}`);
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: `typecheck-${index}`, private: true, type: packageType }),
      'node_modules/node-vault/package.json': JSON.stringify({ name: 'node-vault', version: '0.12.0', main: 'index.js', types: 'index.d.ts' }),
      'node_modules/node-vault/index.d.ts': NODE_VAULT_TYPES,
    };
    const modules = RENDERED.filter((entry) => entry.kind === kind);
    expect(modules).toHaveLength(5);
    for (const entry of modules) {
      files[`${entry.label}/clockwork-secrets.ts`] = entry.source;
      files[`${entry.label}/app.ts`] = CALL_SITE;
    }
    writeFiles(dir, files);
    expect(typecheck(dir, compilerOptions)).toBe('');
  });
});
