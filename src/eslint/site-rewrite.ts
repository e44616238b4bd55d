/**
 * How one file's detected keys are rewritten, as text edits on its source: the one implementation
 * behind the rule's editor suggestions and the codemod. Every byte it does not replace stays.
 *
 * A key becomes a read of the generated secrets module (`clockworkSecret('NAME')`), the same text
 * for every provider. Where that read would be unsafe, the key stays and a marker says why:
 * code that runs in a browser (a key there ships to every visitor), and CommonJS that reads the
 * key as it loads, before `loadClockworkSecrets()` can fill a remote store's cache.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ACCESSORS, secretRead, type ModuleKind, type Provider, type Quote } from '../providers/index.js';
import { BROWSER_REASONS, type BrowserVerdict } from './browser-code.js';
import type { KeyDetection } from './key-detector.js';
import { renderTemplate, type FoldedString, type Splice } from './string-parts.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface RewriteContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  moduleKind: ModuleKind;
  provider: Provider;
  /** The import specifier of the package's generated secrets module from this file. */
  specifier: string;
  /** Set when the file runs in a browser. */
  browser: BrowserVerdict | undefined;
  /** Whether `node` sits in a part of a browser file that stays on the server (`getServerSideProps`). */
  isServerOnly(node: TSESTree.Node): boolean;
}

export type Access = 'sync' | 'async' | 'env';

/** What happens at one detection. */
export type SitePlan =
  /** Replaced by a read; `access` says how. */
  | { action: 'read'; access: Access }
  | { action: 'redact' }
  /** Left in place with a marker comment above its statement. */
  | { action: 'mark'; why: string }
  | { action: 'leave'; why: string };

export interface FilePlan {
  /** One per detection, in the order given. */
  sites: SitePlan[];
  edits: Edit[];
  /** The accessors the edits read, so the file imports them. */
  accessors: Set<(typeof ACCESSORS)['sync' | 'async']>;
}

export const MARKER = '@clockwork-secrets';
export const REDACTED = '[redacted]';

/** Each marker: a short reason for reports, and the comment left in the code. */
const MARKERS = {
  browser: (verdict: BrowserVerdict) => ({
    why: `runs in the browser (${BROWSER_REASONS[verdict.reason]})`,
    comment: `${MARKER}: this code runs in the browser (${BROWSER_REASONS[verdict.reason]}), so a key here ships to every visitor. Move the Clockwork call behind a server route, then rotate the key.`,
  }),
  loadTime: {
    why: 'read while a CommonJS file loads, before loadClockworkSecrets() can run',
    comment: `${MARKER}: this CommonJS code reads the key while it loads, before loadClockworkSecrets() can run. Move the read into a function called after start-up, or into an ES module, then run clockwork-secrets fix again.`,
  },
};

/** Slots where any expression, `await` included, stands without parentheses. */
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
 * The plan for `detections` of one file, each read under the name `nameOf` gives its value.
 * Keys embedded in one string are spliced into one template together.
 */
export function planFile(detections: readonly KeyDetection[], nameOf: (value: string) => string, context: RewriteContext): FilePlan {
  const { sourceCode } = context;
  const text = sourceCode.text;
  const quote = quoteOf(sourceCode);
  const plan: FilePlan = { sites: [], edits: [], accessors: new Set() };
  const marked = new Set<TSESTree.Node>();
  const embedded = new Map<TSESTree.Node, { folded: FoldedString; splices: Splice[] }>();

  const mark = (at: TSESTree.Node, marker: { why: string; comment: string }): SitePlan => {
    const statement = statementOf(at);
    if (!marked.has(statement)) {
      marked.add(statement);
      const edit = markerEdit(text, statement, marker.comment);
      if (edit) plan.edits.push(edit);
    }
    return { action: 'mark', why: marker.why };
  };

  /** The read of `name` at `at`, or the marker that stands instead. */
  const read = (name: string, at: TSESTree.Node, bare: boolean): { plan: SitePlan; expression?: string } => {
    if (context.browser && !context.isServerOnly(at)) return { plan: mark(at, MARKERS.browser(context.browser)) };
    const access = accessAt(at, context);
    if (access === 'load-time') return { plan: mark(at, MARKERS.loadTime) };
    const accessor = access === 'async' ? ACCESSORS.async : ACCESSORS.sync;
    plan.accessors.add(accessor);
    let expression = secretRead(name, { mode: access === 'async' ? 'async' : 'sync', quote });
    if (access === 'async') expression = bare || SAFE_SLOTS.has(at.parent?.type ?? '') ? `await ${expression}` : `(await ${expression})`;
    return { plan: { action: 'read', access }, expression };
  };

  for (const detection of detections) {
    const { site } = detection;
    if (site.type === 'comment') {
      plan.edits.push({ start: site.range[0], end: site.range[1], text: REDACTED });
      plan.sites.push({ action: 'redact' });
      continue;
    }
    const node = site.type === 'value' ? site.node : site.folded.root;
    if (!site.editable) {
      plan.sites.push({ action: 'leave', why: leftReason(node) });
      continue;
    }
    if (site.type === 'value' && site.fallback && context.provider === 'env' && !(context.browser && !context.isServerOnly(node))) {
      // `process.env.X || key` under env: the literal goes, the read stays, as written (`import.meta.env.X`
      // too); in TypeScript with a typed default, so the holder keeps its `string`.
      const { logical, envName } = site.fallback;
      // The read keeps its spelling when the value keeps the variable's name; otherwise (a public
      // name, or one two values or `.env` give another value) it reads the name the value now has.
      const name = nameOf(detection.value);
      const left = keptRead(sourceCode, site.fallback, name);
      const typed = isTypeScript(context.moduleKind) && isProcessEnvRead(logical.left);
      const expression = typed ? `${left} ?? ''` : left;
      const needsParens = typed && !SAFE_SLOTS.has(logical.parent?.type ?? '') && !ASTUtils.isParenthesized(logical, sourceCode);
      plan.edits.push({ start: logical.range[0], end: logical.range[1], text: wrapForJsx(logical, needsParens ? `(${expression})` : expression) });
      plan.sites.push({ action: 'read', access: 'env' });
      continue;
    }
    if (site.type === 'value') {
      const target = site.fallback ? site.fallback.logical : site.node;
      // Under a remote store, a fallback is replaced whole: the store is where the key now lives.
      const result = read(nameOf(detection.value), target, false);
      plan.sites.push(result.plan);
      if (result.expression !== undefined) {
        plan.edits.push({ start: target.range[0], end: target.range[1], text: wrapForJsx(target, result.expression) });
      }
      continue;
    }
    const root = site.folded.root;
    const result = read(nameOf(detection.value), root, true);
    plan.sites.push(result.plan);
    if (result.expression === undefined) continue;
    const group = embedded.get(root) ?? { folded: site.folded, splices: [] };
    group.splices.push({ start: site.start, end: site.end, expression: result.expression });
    embedded.set(root, group);
  }
  for (const [root, { folded, splices }] of embedded) {
    plan.edits.push({ start: root.range[0], end: root.range[1], text: wrapForJsx(root, renderTemplate(folded, splices, text)) });
  }
  if (plan.accessors.size > 0) {
    const edit = importEdit(sourceCode, context.moduleKind, [...plan.accessors].sort(), context.specifier);
    if (edit) plan.edits.push(edit);
  }
  return plan;
}

/**
 * The env read an env fallback keeps: as written when its value keeps the variable's name, else
 * the same object read under the value's name (`import.meta.env.VITE_X` → `import.meta.env.X`).
 */
export function keptRead(sourceCode: Readonly<TSESLint.SourceCode>, fallback: { logical: TSESTree.LogicalExpression; envName: string }, name: string): string {
  const read = fallback.logical.left;
  if (name === fallback.envName) return sourceCode.getText(read);
  const object = read.type === AST_NODE_TYPES.MemberExpression ? sourceCode.getText(read.object) : 'process.env';
  return `${object}.${name}`;
}

function isTypeScript(kind: ModuleKind): boolean {
  return kind === 'ts-esm' || kind === 'ts-cjs';
}

function isProcessEnvRead(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.MemberExpression &&
    node.object.object.type === AST_NODE_TYPES.Identifier &&
    node.object.object.name === 'process' &&
    node.object.property.type === AST_NODE_TYPES.Identifier &&
    node.object.property.name === 'env'
  );
}

/**
 * How the read at `node` may happen. ES modules load every secret with top-level `await` as
 * they are imported, so a read anywhere is synchronous. In CommonJS an async body awaits the
 * read; a sync read waits for the start-up loader, which cannot have run for code that runs as
 * the file loads, unless the store is the environment itself.
 */
function accessAt(node: TSESTree.Node, context: RewriteContext): Access | 'load-time' {
  if (context.moduleKind === 'ts-esm' || context.moduleKind === 'esm') return 'sync';
  const enclosing = enclosingFunction(node);
  if (enclosing?.async && enclosing.inBody) return 'async';
  if (enclosing === undefined && context.provider !== 'env') return 'load-time';
  return 'sync';
}

/** The nearest function around `node`, and whether `node` is in its body (where `await` may stand). */
function enclosingFunction(node: TSESTree.Node): { async: boolean; inBody: boolean } | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return { async: current.async, inBody: current.body === child };
    }
    // Methods and field initialisers run later, never as the file loads, and are never async bodies.
    if (current.type === AST_NODE_TYPES.ClassBody) return { async: false, inBody: false };
  }
  return undefined;
}

function leftReason(node: TSESTree.Node): string {
  if (node.parent?.type === AST_NODE_TYPES.TSEnumMember) return 'a string enum member cannot read a value at run time';
  if (node.parent?.type === AST_NODE_TYPES.TaggedTemplateExpression) return 'a tagged template would change meaning';
  return 'no expression can stand there';
}

function wrapForJsx(node: TSESTree.Node, expression: string): string {
  return node.parent?.type === AST_NODE_TYPES.JSXAttribute ? `{${expression}}` : expression;
}

/** The statement (or class member) a marker comment goes above. */
function statementOf(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent = current.parent;
    if (
      parent.type === AST_NODE_TYPES.Program ||
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.StaticBlock ||
      parent.type === AST_NODE_TYPES.SwitchCase ||
      parent.type === AST_NODE_TYPES.ClassBody ||
      parent.type === AST_NODE_TYPES.TSModuleBlock
    ) {
      // `export const x = …`: the marker goes above the export.
      return current;
    }
    current = parent;
  }
  return current;
}

/** A `// @clockwork-secrets: …` line above `statement`, in its indentation; none if one is there already. */
function markerEdit(text: string, statement: TSESTree.Node, comment: string): Edit | undefined {
  const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, statement.range[0]))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const previousLineEnd = lineStart - 1;
  const previousLineStart = text.lastIndexOf('\n', previousLineEnd - 1) + 1;
  if (previousLineEnd > 0 && text.slice(previousLineStart, previousLineEnd).includes(`// ${MARKER}:`)) return undefined;
  // Mid-line (after `{` on the same line, say), the marker takes a line of its own.
  const onItsOwnLine = indent.length === statement.range[0] - lineStart;
  return onItsOwnLine
    ? { start: lineStart, end: lineStart, text: `${indent}// ${comment}${eol}` }
    : { start: statement.range[0], end: statement.range[0], text: `${eol}${indent}// ${comment}${eol}${indent}` };
}

function quoteOf(sourceCode: Readonly<TSESLint.SourceCode>): Quote {
  const strings = sourceCode.ast.tokens?.filter((token) => token.type === 'String') ?? [];
  const doubles = strings.filter((token) => token.value.startsWith('"')).length;
  return doubles > strings.length / 2 ? '"' : "'";
}

const SEMICOLON_STATEMENTS = new Set<string>([
  AST_NODE_TYPES.VariableDeclaration,
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
]);

/** The import of `names` from the secrets module, in the file's own style; none if it is there. */
export function importEdit(sourceCode: Readonly<TSESLint.SourceCode>, kind: ModuleKind, names: readonly string[], specifier: string): Edit | undefined {
  const text = sourceCode.text;
  const body = sourceCode.ast.body;
  const missing = names.filter((name) => !alreadyImports(sourceCode.ast, name, specifier));
  if (missing.length === 0) return undefined;
  // An import of the module that lacks a name gets it in its braces, not a second line.
  const existing = namedImportOf(sourceCode.ast, specifier);
  if (existing) return { start: existing.range[1], end: existing.range[1], text: missing.map((name) => `, ${name}`).join('') };
  const quote = quoteOf(sourceCode);
  // Only statements that end in a semicolon or nothing tell the style; `function f() {}` does not.
  const terminable = body.filter((statement) => SEMICOLON_STATEMENTS.has(statement.type));
  const semicolon = terminable.length > 0 && terminable.every((statement) => text[statement.range[1] - 1] !== ';') ? '' : ';';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const list = missing.join(', ');
  // TypeScript writes `import` whatever it compiles to.
  const commonJs = kind === 'cjs';
  const line = commonJs
    ? `const { ${list} } = require(${quote}${specifier}${quote})${semicolon}`
    : `import { ${list} } from ${quote}${specifier}${quote}${semicolon}`;
  const lastImport = body.filter((statement) => (commonJs ? isRequireStatement(statement) : statement.type === AST_NODE_TYPES.ImportDeclaration)).at(-1);
  if (lastImport) {
    const lineEnd = endOfLine(text, lastImport.range[1]);
    return { start: lineEnd, end: lineEnd, text: eol + line };
  }
  const position = insertionPoint(sourceCode);
  return { start: position, end: position, text: line + eol + eol };
}

/** The last named specifier (or destructured property) of an existing import of `specifier`. */
function namedImportOf(ast: TSESTree.Program, specifier: string): TSESTree.Node | undefined {
  for (const statement of ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === specifier && statement.importKind !== 'type') {
      const named = statement.specifiers.filter((item) => item.type === AST_NODE_TYPES.ImportSpecifier);
      if (named.length > 0) return named.at(-1);
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        if (
          declarator.id.type === AST_NODE_TYPES.ObjectPattern &&
          declarator.id.properties.length > 0 &&
          init?.type === AST_NODE_TYPES.CallExpression &&
          init.callee.type === AST_NODE_TYPES.Identifier &&
          init.callee.name === 'require' &&
          init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
          init.arguments[0].value === specifier
        ) {
          return declarator.id.properties.at(-1);
        }
      }
    }
  }
  return undefined;
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
function insertionPoint(sourceCode: Readonly<TSESLint.SourceCode>): number {
  const text = sourceCode.text;
  const body = sourceCode.ast.body;
  const directives = body.filter((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined);
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
export function applyEdits(text: string, edits: readonly Edit[]): string {
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
