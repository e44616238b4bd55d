/**
 * Rewrites one file's detected keys into lookups, as text edits on the original source: every
 * byte the codemod does not replace (comments, quotes, formatting, shebang, directives, BOM, line
 * endings) stays as it was. Pure: names and module paths come in, edits and records go out.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { extname } from 'node:path';
import type { KeyKind } from '../detect/key-shape.js';
import { isEnvName } from '../detect/env-name.js';
import type { KeyDetection } from '../eslint/key-detector.js';
import { renderTemplate, type FoldedString, type Splice } from '../eslint/string-parts.js';
import type { ModuleFlavour } from '../providers/flavour.js';
import type { Provider } from '../providers/index.js';

export interface RewriteSettings {
  provider: Provider;
  /** The variable name given to each key value, planned across the codebase by the caller. */
  nameOf(value: string): string;
  /** The import specifier of the generated secrets module from this file (vault providers). */
  moduleSpecifier(flavour: ModuleFlavour): string;
  /** `type` of the nearest package.json: decides what a `.js` file without import/export is. */
  packageType: 'module' | 'commonjs';
}

export type SiteMode = 'sync' | 'async' | 'comment';

export interface KeyRecord {
  value: string;
  kind: KeyKind;
  name: string;
  reason: string;
  line: number;
  column: number;
  /** A name the code already read the key from (`process.env.X || key`). */
  hint: string | undefined;
  mode: SiteMode;
  rewritten: boolean;
  /** Why a key was left in place. */
  leftBecause?: string;
}

export interface Rewrite {
  output: string;
  keys: KeyRecord[];
  /** The generated module flavour this file now imports, if any. */
  flavour: ModuleFlavour | undefined;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const IMPORTED = { sync: 'clockworkSecret', async: 'getClockworkSecret' } as const;

/** Slots where any expression stands without parentheses. */
const SAFE_SLOTS = new Set<string>([
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.Property,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.AssignmentPattern,
  AST_NODE_TYPES.JSXExpressionContainer,
  AST_NODE_TYPES.JSXAttribute,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.PropertyDefinition,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.SpreadElement,
  AST_NODE_TYPES.ExpressionStatement,
]);

/**
 * The hint a detection carries: the env name of a `process.env.X || key` fallback, when it can be
 * written as `process.env.X` (not `process.env['my-key']`).
 */
export function hintOf(detection: KeyDetection): string | undefined {
  const name = detection.site.type === 'value' ? detection.site.fallback?.envName : undefined;
  return name !== undefined && isEnvName(name) ? name : undefined;
}

export function rewriteDetections(
  source: string,
  filename: string,
  sourceCode: TSESLint.SourceCode,
  detections: readonly KeyDetection[],
  settings: RewriteSettings,
): Rewrite {
  const bom = source.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const text = sourceCode.text;
  const style = codeStyle(sourceCode);
  const flavour = settings.provider === 'env' ? undefined : moduleFlavour(filename, sourceCode.ast, settings.packageType);
  const edits: Edit[] = [];
  const keys: KeyRecord[] = [];
  const needed = new Set<'sync' | 'async'>();

  const lookup = (name: string, kind: KeyKind, at: TSESTree.Node, inTemplate: boolean): { text: string; mode: 'sync' | 'async' } => {
    const mode = flavour && isInAsyncBody(at) ? 'async' : 'sync';
    const call = lookupExpression(settings.provider, name, kind, mode, style.quote);
    const bare = inTemplate || (mode === 'sync' && flavour !== undefined) || SAFE_SLOTS.has(at.parent?.type ?? '');
    return { text: bare ? call : `(${call})`, mode };
  };

  const record = (detection: KeyDetection, mode: SiteMode, rewritten: boolean, leftBecause?: string) => {
    keys.push({
      value: detection.value,
      kind: detection.kind,
      name: settings.nameOf(detection.value),
      reason: detection.reason,
      line: detection.loc.start.line,
      column: detection.loc.start.column + 1,
      hint: hintOf(detection),
      mode,
      rewritten,
      ...(leftBecause ? { leftBecause } : {}),
    });
  };

  // Keys embedded in one string are spliced into one template together.
  const embedded = new Map<TSESTree.Node, { folded: FoldedString; splices: Splice[] }>();

  for (const detection of detections) {
    const { site } = detection;
    const name = settings.nameOf(detection.value);
    if (site.type === 'comment') {
      edits.push({ start: site.range[0], end: site.range[1], text: `[redacted: moved to ${name}]` });
      record(detection, 'comment', true);
    } else if (!site.editable) {
      record(detection, 'sync', false, leftReason(site.type === 'value' ? site.node : site.folded.root));
    } else if (site.type === 'value') {
      // `process.env.X || key`: the env read stays as the override it was, unless the lookup reads X itself.
      const replacesFallback = site.fallback !== undefined && !flavour && name === site.fallback.envName;
      const target = replacesFallback ? site.fallback!.logical : site.node;
      const { text: expression, mode } = lookup(name, detection.kind, target, false);
      if (flavour) needed.add(mode);
      edits.push({ start: target.range[0], end: target.range[1], text: wrapForJsx(target, expression) });
      record(detection, mode, true);
    } else {
      const root = site.folded.root;
      const group = embedded.get(root) ?? { folded: site.folded, splices: [] };
      const { text: expression, mode } = lookup(name, detection.kind, root, true);
      if (flavour) needed.add(mode);
      group.splices.push({ start: site.start, end: site.end, expression });
      embedded.set(root, group);
      record(detection, mode, true);
    }
  }

  for (const [root, { folded, splices }] of embedded) {
    edits.push({ start: root.range[0], end: root.range[1], text: wrapForJsx(root, renderTemplate(folded, splices, text)) });
  }

  if (flavour && needed.size > 0) {
    const imports = [...needed].map((mode) => IMPORTED[mode]).sort();
    const edit = importEdit(sourceCode, style, flavour, imports, settings.moduleSpecifier(flavour));
    if (edit) edits.push(edit);
  }

  keys.sort((a, b) => a.line - b.line || a.column - b.column);
  return { output: bom + applyEdits(text, edits), keys, flavour: needed.size > 0 ? flavour : undefined };
}

function leftReason(node: TSESTree.Node): string {
  if (node.parent?.type === AST_NODE_TYPES.TSEnumMember) return 'a string enum member cannot read a value at run time';
  if (node.parent?.type === AST_NODE_TYPES.TaggedTemplateExpression) return 'a tagged template would change meaning';
  return 'no expression can stand there';
}

function wrapForJsx(node: TSESTree.Node, expression: string): string {
  return node.parent?.type === AST_NODE_TYPES.JSXAttribute ? `{${expression}}` : expression;
}

/**
 * The expression that reads a key. `env` fails loudly, naming the variable, rather than sending
 * an empty key to the API; vault providers call the generated module.
 */
export function lookupExpression(provider: Provider, name: string, kind: KeyKind, mode: 'sync' | 'async', quote: string): string {
  if (provider === 'env') {
    const what = kind === 'classic' ? 'Clockwork API key' : 'Clockwork access token';
    return `process.env.${name} || (() => { throw new Error(${quote}Missing environment variable ${name} (the ${what}).${quote}); })()`;
  }
  const argument = `${quote}${name}${quote}`;
  return mode === 'async' ? `await getClockworkSecret(${argument})` : `clockworkSecret(${argument})`;
}

/** Whether `await` may stand at `node`: directly in an async function's body, not its parameters. */
function isInAsyncBody(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return current.async && current.body === child;
    }
    // Class bodies (field initialisers, static blocks) are never async contexts.
    if (current.type === AST_NODE_TYPES.ClassBody) return false;
  }
  return false;
}

/** Which generated module a file imports: by extension, its own syntax, then its package's type. */
export function moduleFlavour(filename: string, ast: TSESTree.Program, packageType: 'module' | 'commonjs'): ModuleFlavour {
  const extension = extname(filename).toLowerCase();
  if (['.ts', '.tsx', '.mts', '.cts'].includes(extension)) return 'ts';
  if (extension === '.mjs') return 'esm';
  if (extension === '.cjs') return 'cjs';
  const hasModuleSyntax = ast.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration,
  );
  if (hasModuleSyntax) return 'esm';
  return packageType === 'module' ? 'esm' : 'cjs';
}

const SEMICOLON_STATEMENTS = new Set<string>([
  AST_NODE_TYPES.VariableDeclaration,
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
]);

interface CodeStyle {
  quote: string;
  semicolon: string;
  eol: string;
}

/** The quotes, semicolons and line endings the file already uses, for the lines the codemod adds. */
function codeStyle(sourceCode: TSESLint.SourceCode): CodeStyle {
  const text = sourceCode.text;
  const strings = sourceCode.ast.tokens?.filter((token) => token.type === 'String') ?? [];
  const doubles = strings.filter((token) => token.value.startsWith('"')).length;
  // Only statements that end in a semicolon or nothing tell the style; `function f() {}` does not.
  const terminable = sourceCode.ast.body.filter((statement) => SEMICOLON_STATEMENTS.has(statement.type));
  const withSemicolon = terminable.filter((statement) => text[statement.range[1] - 1] === ';').length;
  return {
    quote: doubles > strings.length / 2 ? '"' : "'",
    semicolon: terminable.length > 0 && withSemicolon === 0 ? '' : ';',
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

function importEdit(
  sourceCode: TSESLint.SourceCode,
  style: CodeStyle,
  flavour: ModuleFlavour,
  names: readonly string[],
  specifier: string,
): Edit | undefined {
  const { quote, semicolon, eol } = style;
  const missing = names.filter((name) => !alreadyImports(sourceCode.ast, name, specifier));
  if (missing.length === 0) return undefined;
  const list = missing.join(', ');
  const line =
    flavour === 'cjs'
      ? `const { ${list} } = require(${quote}${specifier}${quote})${semicolon}`
      : `import { ${list} } from ${quote}${specifier}${quote}${semicolon}`;
  const text = sourceCode.text;
  const body = sourceCode.ast.body;
  const lastImport = body.filter((statement) => (flavour === 'cjs' ? isRequireStatement(statement) : statement.type === AST_NODE_TYPES.ImportDeclaration)).at(-1);
  if (lastImport) {
    const lineEnd = endOfLine(text, lastImport.range[1]);
    return { start: lineEnd, end: lineEnd, text: eol + line };
  }
  const position = insertionPoint(sourceCode);
  return { start: position, end: position, text: line + eol + eol };
}

function alreadyImports(ast: TSESTree.Program, name: string, specifier: string): boolean {
  return ast.body.some((statement) => {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      return statement.source.value === specifier && statement.specifiers.some((item) => item.local.name === name);
    }
    if (!isRequireStatement(statement) || statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
    return statement.declarations.some(
      (declarator) =>
        declarator.id.type === AST_NODE_TYPES.ObjectPattern &&
        declarator.init?.type === AST_NODE_TYPES.CallExpression &&
        declarator.init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        declarator.init.arguments[0].value === specifier &&
        declarator.id.properties.some(
          (property) => property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === name,
        ),
    );
  });
}

function isRequireStatement(statement: TSESTree.ProgramStatement): boolean {
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.some((declarator) => {
      let init = declarator.init;
      while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
      return init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require';
    })
  );
}

function endOfLine(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * Where a file without imports gets its first one: after the shebang, directives and a header
 * comment (one followed by a blank line), before the comments that belong to the first statement.
 */
function insertionPoint(sourceCode: TSESLint.SourceCode): number {
  const text = sourceCode.text;
  const body = sourceCode.ast.body;
  const directives = body.filter(
    (statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined,
  );
  const first = body[directives.length];
  if (!first) return body.length > 0 ? lineAfter(text, body.at(-1)!.range[1]) : text.length;
  let start = first.range[0];
  const floor = directives.length > 0 ? directives.at(-1)!.range[1] : 0;
  const comments = sourceCode.getAllComments().filter((comment) => comment.range[1] <= start && comment.range[0] >= floor);
  for (let index = comments.length - 1; index >= 0; index--) {
    const comment = comments[index]!;
    if ((comment.type as string) === 'Shebang' || /\n[ \t]*\r?\n/.test(text.slice(comment.range[1], start))) break;
    start = comment.range[0];
  }
  return text.lastIndexOf('\n', start - 1) + 1;
}

function lineAfter(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  return newline < 0 ? text.length : newline + 1;
}

/** Applies non-overlapping edits in one pass (a bundle may hold thousands). */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    pieces.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
  }
  pieces.push(text.slice(cursor));
  return pieces.join('');
}
