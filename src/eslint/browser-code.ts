/**
 * Whether a file runs in a browser: the one recogniser behind the codemod's refusal to rewrite
 * browser code to a server-side read, and behind `no-public-env-key`. A file-level fact, decided
 * from its own syntax plus what its package says (`FileFacts`, gathered by `package-facts.ts`).
 *
 * Both mistakes cost something, but not the same: calling server code "browser" makes the codemod
 * leave a marker instead of a fix; calling browser code "server" makes it write a `process.env`
 * read that is `undefined` (or a vault call that cannot run) in the browser, or inlines the key
 * into the bundle again. So the evidence for "browser" is specific, and clear server signals win
 * over it, except an explicit `'use client'`.
 *
 * Pure: no I/O, no parent pointers needed (plain `parse` output works as well as ESLint's AST).
 */
import { relative, sep } from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** What the package tells about one file. `package-facts.ts` reads it from disk. */
export interface FileFacts {
  /** Absolute path of the file. */
  filename: string;
  /** Folder of the nearest package.json, if there is a readable one. */
  root: string | undefined;
  moduleType: 'module' | 'commonjs';
  frameworks: ReadonlySet<Framework>;
  /** Named by package.json's `browser` field or by a module script of the package's index.html. */
  browserEntry: boolean;
  /** Inside the source folder of a browser-only build (Vite app, Create React App). */
  insideBrowserBuild: boolean;
  /**
   * In a package that depends on `next`: `'pages'` for a pages-router page; `'app'` where the file
   * may be a React Server Component (under `app/`, or outside `pages/` in a package with an app
   * router, since a Server Component may import it).
   */
  nextRouter: 'app' | 'pages' | undefined;
}

export type Framework = 'next' | 'react' | 'vite' | 'sveltekit' | 'nuxt' | 'remix' | 'create-react-app';

export type BrowserReason =
  | 'use-client'
  | 'react-hooks'
  | 'react-handler'
  | 'dom-script'
  | 'browser-entry'
  | 'next-page'
  | 'browser-build';

export interface BrowserVerdict {
  reason: BrowserReason;
  /** The evidence in the file, where there is one: the directive, hook call, handler or DOM use. */
  node?: TSESTree.Node;
}

/** Why the file runs in a browser, in words for reports and markers. */
export const BROWSER_REASONS: Readonly<Record<BrowserReason, string>> = {
  'use-client': "marked 'use client'",
  'react-hooks': 'a React component that uses client hooks',
  'react-handler': 'a React event handler',
  'dom-script': 'a page script that uses the DOM',
  'browser-entry': "a browser entry: package.json's browser field or an index.html module script",
  'next-page': 'a Next.js pages-router page',
  'browser-build': 'part of a browser-only build: a Vite or Create React App source folder',
};

/** Why a file is browser code, or `undefined` when it is not (or not clearly). */
export function browserCodeOf(program: TSESTree.Program, facts: FileFacts): BrowserVerdict | undefined {
  // A directive is the author's own statement and beats every inference, both ways.
  const directive = fileDirective(program);
  if (directive?.value === 'use client') return { reason: 'use-client', node: directive.node };
  if (directive?.value === 'use server') return undefined;
  // Framework conventions that never reach a bundle; tests run under Node, even with jsdom.
  if (isServerOnlyFile(facts.filename, facts.root) || isTestFile(facts.filename)) return undefined;

  const scan = scanProgram(program, facts.nextRouter === 'app');
  if (scan.serverModule || (scan.commonJs && scan.topLevelEnvRead)) return undefined;

  const hook = scan.hookCalls.find((call) => call.fn.rendersJsx || COMPONENT_OR_HOOK.test(call.fn.name));
  if (hook) return { reason: 'react-hooks', node: hook.node };
  const handler = scan.handlers[0];
  if (handler) return { reason: 'react-handler', node: handler };
  if (!scan.moduleSyntax && !scan.nodeGlobal) {
    const dom = scan.domUses.find((use) => !scan.declared.has(use.name));
    if (dom) return { reason: 'dom-script', node: dom.node };
  }

  if (facts.browserEntry) return { reason: 'browser-entry' };
  // Next bundles every page for hydration; its data functions are cut out (see serverOnlyPartOf).
  if (facts.nextRouter === 'pages') return { reason: 'next-page' };
  if (facts.insideBrowserBuild) return { reason: 'browser-build' };
  return undefined;
}

/** Next.js runs these page exports only on the server and removes them from the browser bundle. */
const NEXT_DATA_FUNCTIONS = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths']);
/** Remix (and React Router's framework mode) does the same with a route's `loader` and `action`. */
const REMIX_SERVER_EXPORTS = new Set(['loader', 'action']);

interface ServerPart {
  name: string;
  range: TSESTree.Range;
}

/**
 * The server-only part of an otherwise browser file that holds `node`, by name, if any: the
 * functions a framework removes from the browser bundle (Next.js data functions, a Remix route's
 * `loader`/`action`, functions with a `'use server'` directive), and top-level declarations that
 * only those use, which the frameworks' compilers drop with them. A reference that might be
 * anything else (a shadowing name, an export) keeps a declaration in the browser bundle.
 */
export function serverOnlyPartOf(program: TSESTree.Program, node: TSESTree.Node, facts: FileFacts): string | undefined {
  const names = facts.frameworks.has('remix') ? new Set([...NEXT_DATA_FUNCTIONS, ...REMIX_SERVER_EXPORTS]) : NEXT_DATA_FUNCTIONS;
  const parts = [...serverExports(program, names), ...serverActions(program)];
  if (parts.length === 0) return undefined;
  const within = (offset: number, range: TSESTree.Range) => offset >= range[0] && offset < range[1];
  const partAt = (offset: number) => parts.find((part) => within(offset, part.range));
  const references = referencesIn(program);
  // Each round moves the declarations that only server parts use into them; a round that moves
  // none ends it, so at most one round per declaration.
  let candidates = privateDeclarations(program);
  for (let grew = true; grew; ) {
    grew = false;
    candidates = candidates.filter((candidate) => {
      const uses = [...candidate.names].flatMap((name) => references.get(name) ?? []).filter((offset) => !within(offset, candidate.range));
      const owner = uses.length > 0 ? partAt(uses[0]!) : undefined;
      if (!owner || !uses.every((offset) => partAt(offset))) return true;
      parts.push({ name: owner.name, range: candidate.range });
      grew = true;
      return false;
    });
  }
  return partAt(node.range[0])?.name;
}

function serverExports(program: TSESTree.Program, names: ReadonlySet<string>): ServerPart[] {
  const parts: ServerPart[] = [];
  /** Local name → exported name, for `export { load as getStaticProps }`. */
  const exportedAs = new Map<string, string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.source) continue;
    for (const specifier of statement.specifiers) {
      const exported = propertyKeyName(specifier.exported);
      const local = propertyKeyName(specifier.local);
      if (exported !== undefined && local !== undefined && names.has(exported)) exportedAs.set(local, exported);
    }
  }
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    const exported = statement.type === AST_NODE_TYPES.ExportNamedDeclaration;
    const nameOf = (local: string) => (exported && names.has(local) ? local : exportedAs.get(local));
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      const name = nameOf(declaration.id.name);
      if (name !== undefined) parts.push({ name, range: statement.range });
    } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        const name = declarator.id.type === AST_NODE_TYPES.Identifier ? nameOf(declarator.id.name) : undefined;
        if (name !== undefined) parts.push({ name, range: declarator.range });
      }
    }
  }
  return parts;
}

/** Functions whose body starts with `'use server'`: Server Actions, which run on the server. */
function serverActions(program: TSESTree.Program): ServerPart[] {
  const parts: ServerPart[] = [];
  const stack: TSESTree.Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (
      (node.type === AST_NODE_TYPES.FunctionDeclaration ||
        node.type === AST_NODE_TYPES.FunctionExpression ||
        node.type === AST_NODE_TYPES.ArrowFunctionExpression) &&
      node.body.type === AST_NODE_TYPES.BlockStatement &&
      prologue(node.body.body).some((directive) => directive.value === 'use server')
    ) {
      parts.push({ name: node.id?.name ?? 'a Server Action', range: node.range });
      continue;
    }
    forEachChild(node, (_key, child) => stack.push(child));
  }
  return parts;
}

interface Declaration {
  names: Set<string>;
  range: TSESTree.Range;
}

/** Top-level imports and declarations that no other module can see. */
function privateDeclarations(program: TSESTree.Program): Declaration[] {
  const declarations: Declaration[] = [];
  for (const statement of program.body) {
    const names = new Set<string>();
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        for (const specifier of statement.specifiers) names.add(specifier.local.name);
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of statement.declarations) collectBindings(declarator.id, names);
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.ClassDeclaration:
        if (statement.id) names.add(statement.id.name);
        break;
      default:
    }
    if (names.size > 0) declarations.push({ names, range: statement.range });
  }
  return declarations;
}

/** Where each name is read, JSX component names included; over-counting only keeps code in the browser. */
function referencesIn(program: TSESTree.Program): Map<string, number[]> {
  const references = new Map<string, number[]>();
  const add = (name: string, offset: number) => {
    const offsets = references.get(name);
    if (offsets) offsets.push(offset);
    else references.set(name, [offset]);
  };
  const stack: Reference[] = [{ node: program, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { node, parent, key } = visit;
    // `typeof x` reads the binding too: the server part keeps it only if nothing else does.
    if (node.type === AST_NODE_TYPES.Identifier && (isReference(visit) || parent?.type === AST_NODE_TYPES.UnaryExpression)) {
      add(node.name, node.range[0]);
    } else if (
      node.type === AST_NODE_TYPES.JSXIdentifier &&
      parent?.type !== AST_NODE_TYPES.JSXAttribute &&
      !(parent?.type === AST_NODE_TYPES.JSXMemberExpression && key === 'property')
    ) {
      add(node.name, node.range[0]);
    }
    forEachChild(node, (childKey, child) => stack.push({ node: child, parent: node, key: childKey }));
  }
  return references;
}

const SCRIPT = String.raw`\.[cm]?[jt]sx?$`;
/**
 * Names that frameworks run only on the server (or Node runs at build time), wherever they sit:
 * Remix, SvelteKit and Vite SSR `*.server.*` / `entry-server.*`, SvelteKit `+server.*`, Next.js
 * route handlers (`app/**\/route.*`), API routes and `_document`, and build-tool configs.
 */
const SERVER_ONLY_NAMES = [
  new RegExp(String.raw`(?:^|/)[^/]*\.server${SCRIPT}`, 'u'),
  new RegExp(String.raw`(?:^|/)(?:\+server|entry-server)${SCRIPT}`, 'u'),
  new RegExp(
    String.raw`(?:^|/)(?:vite|vitest|next|nuxt|svelte|astro|remix|webpack|rollup|jest|playwright|postcss|tailwind|eslint)\.config${SCRIPT}`,
    'u',
  ),
];
/**
 * Folder conventions, read from the package root (or its `src/`). Remix keeps its route modules,
 * which ship their component, in `app/routes/`, so a `route.tsx` there is not a Next.js handler.
 */
const SERVER_ONLY_FOLDERS = [
  new RegExp(String.raw`^(?:src/)?app/(?!routes/)(?:[^/]+/)*route${SCRIPT}`, 'u'),
  /^(?:src\/)?pages\/api\//u,
  new RegExp(String.raw`^(?:src/)?pages/_document${SCRIPT}`, 'u'),
  // SvelteKit refuses to bundle `src/lib/server` for the client.
  /^src\/lib\/server\//u,
];
/**
 * Conventions whose names are common elsewhere, so they count only where the package root is
 * known: Next.js `middleware.ts` (not a Redux `src/store/middleware.ts`), Nuxt's `server/` (not a
 * dashboard's `components/server/`), Create React App's dev-server proxy.
 */
const SERVER_ONLY_AT_ROOT = [
  new RegExp(String.raw`^(?:src/)?(?:middleware|instrumentation)${SCRIPT}`, 'u'),
  /^server\//u,
  new RegExp(String.raw`^src/setupProxy${SCRIPT}`, 'u'),
];

/**
 * Whether `filename` follows a convention for code that runs only on the server (Next.js,
 * SvelteKit, Remix, Nuxt) or in Node at build time. With the package `root`, folder conventions
 * are read from the root; without it, the distinctive ones are read from any folder and the rest
 * are not read: wrongly calling a file server-only puts a server-side read into browser code.
 */
export function isServerOnlyFile(filename: string, root?: string): boolean {
  const path = toPosix(filename);
  if (SERVER_ONLY_NAMES.some((pattern) => pattern.test(path))) return true;
  if (root === undefined) return suffixesAfterSlash(path).some((suffix) => SERVER_ONLY_FOLDERS.some((pattern) => pattern.test(suffix)));
  const fromRoot = toPosix(relative(root, filename));
  return [...SERVER_ONLY_FOLDERS, ...SERVER_ONLY_AT_ROOT].some((pattern) => pattern.test(fromRoot));
}

const TEST_FILE = new RegExp(String.raw`(?:^|/)__tests__/|\.(?:test|spec)${SCRIPT}`, 'u');

/** Test files run under a test runner in Node, not in a shipped bundle. */
export function isTestFile(filename: string): boolean {
  return TEST_FILE.test(toPosix(filename));
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function suffixesAfterSlash(path: string): string[] {
  const suffixes = [path];
  for (let index = path.indexOf('/'); index >= 0; index = path.indexOf('/', index + 1)) {
    suffixes.push(path.slice(index + 1));
  }
  return suffixes;
}

interface Directive {
  value: string;
  node: TSESTree.ExpressionStatement;
}

/** The `'use client'` or `'use server'` directive of the file's prologue. */
function fileDirective(program: TSESTree.Program): Directive | undefined {
  for (const directive of prologue(program.body)) {
    if (directive.value === 'use client' || directive.value === 'use server') return directive;
  }
  return undefined;
}

function prologue(body: readonly TSESTree.Node[]): Directive[] {
  const directives: Directive[] = [];
  for (const statement of body) {
    if (
      statement.type !== AST_NODE_TYPES.ExpressionStatement ||
      statement.expression.type !== AST_NODE_TYPES.Literal ||
      typeof statement.expression.value !== 'string'
    ) {
      break;
    }
    directives.push({ value: statement.expression.value, node: statement });
  }
  return directives;
}

/**
 * Node built-ins with no browser counterpart. `events`, `buffer`, `path`, `url`, `util`, `stream`
 * and friends are left out: bundlers polyfill them, so browser code imports them too.
 */
const NODE_ONLY_BUILTINS = new Set([
  'async_hooks',
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'dns/promises',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'inspector',
  'module',
  'net',
  'os',
  'readline',
  'repl',
  'tls',
  'v8',
  'vm',
  'worker_threads',
]);

/** Modules that only a server imports: HTTP servers, and the frameworks' server-only entries. */
const SERVER_PACKAGES = new Set([
  'express',
  'koa',
  'fastify',
  '@hapi/hapi',
  'restify',
  'next/server',
  'next/headers',
  // Next.js's own marker: importing it from client code fails the build.
  'server-only',
  // SvelteKit refuses these in client code.
  '$env/static/private',
  '$env/dynamic/private',
  '$app/server',
  '@remix-run/node',
]);

function isServerModule(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_ONLY_BUILTINS.has(specifier) || SERVER_PACKAGES.has(specifier);
}

/**
 * React hooks that a Server Component may call: they prove nothing about the browser. (`use`
 * itself does not match `use[A-Z]`.)
 */
const SERVER_SAFE_HOOKS = new Set(['useId', 'useMemo', 'useCallback', 'useDebugValue']);

/**
 * In the Next.js app router a component without `'use client'` may be a Server Component, which
 * may call library hooks built for it (next-intl's `useTranslations`). Only hooks that Next
 * refuses in Server Components prove the browser there.
 */
const CLIENT_ONLY_HOOKS = new Set([
  'useState',
  'useReducer',
  'useEffect',
  'useLayoutEffect',
  'useInsertionEffect',
  'useEffectEvent',
  'useRef',
  'useContext',
  'useImperativeHandle',
  'useSyncExternalStore',
  'useTransition',
  'useDeferredValue',
  'useOptimistic',
  'useActionState',
  'useFormState',
  'useFormStatus',
  // next/navigation's client hooks.
  'useRouter',
  'usePathname',
  'useSearchParams',
  'useParams',
  'useSelectedLayoutSegment',
  'useSelectedLayoutSegments',
]);

const HOOK_NAME = /^use[A-Z0-9]/u;
/** The Rules of Hooks allow hooks only in components (PascalCase) and hooks (`useX`). */
const COMPONENT_OR_HOOK = /^(?:[A-Z]|use[A-Z0-9])/u;
const EVENT_HANDLER_PROP = /^on[A-Z]/u;

/** Globals that exist only in a browser page (jQuery's are as good as the DOM's). */
const DOM_GLOBALS = new Set(['document', 'window', 'navigator', 'localStorage', 'sessionStorage', 'jQuery', '$']);
/** Globals that exist only in Node. */
const NODE_GLOBALS = new Set(['process', '__dirname', '__filename', 'Buffer', 'global']);

/** Type-level nodes: erased before anything runs. */
const TYPE_ONLY = new Set<string>([
  AST_NODE_TYPES.TSTypeAnnotation,
  AST_NODE_TYPES.TSTypeParameterDeclaration,
  AST_NODE_TYPES.TSTypeParameterInstantiation,
  AST_NODE_TYPES.TSInterfaceDeclaration,
  AST_NODE_TYPES.TSTypeAliasDeclaration,
  AST_NODE_TYPES.TSDeclareFunction,
]);

const TRANSPARENT = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

interface FunctionInfo {
  name: string;
  /** Renders JSX or `createElement`, itself or in a nested function (`items.map(i => <li/>)`). */
  rendersJsx: boolean;
  outer: FunctionInfo | undefined;
}

interface ProgramScan {
  moduleSyntax: boolean;
  commonJs: boolean;
  serverModule: boolean;
  topLevelEnvRead: boolean;
  nodeGlobal: boolean;
  declared: Set<string>;
  domUses: { name: string; node: TSESTree.Node }[];
  hookCalls: { node: TSESTree.CallExpression; fn: FunctionInfo }[];
  handlers: TSESTree.Node[];
}

/** A node, where it hangs from its parent. */
interface Reference {
  node: TSESTree.Node;
  parent: TSESTree.Node | undefined;
  key: string;
}

interface Visit extends Reference {
  fn: FunctionInfo | undefined;
  /** The name a function gets from where it is bound (`const Button = memo(() => …)`). */
  nameHint: string;
}

/** One iterative pass (deep expression chains must not overflow the stack) gathering every signal. */
function scanProgram(program: TSESTree.Program, appRouter: boolean): ProgramScan {
  const scan: ProgramScan = {
    moduleSyntax: false,
    commonJs: false,
    serverModule: false,
    topLevelEnvRead: false,
    nodeGlobal: false,
    declared: new Set(),
    domUses: [],
    hookCalls: [],
    handlers: [],
  };
  const stack: Visit[] = [{ node: program, parent: undefined, key: '', fn: undefined, nameHint: '' }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { node } = visit;
    let fn = visit.fn;
    switch (node.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        scan.moduleSyntax = true;
        if (node.importKind !== 'type' && isServerModule(node.source.value)) scan.serverModule = true;
        continue;
      case AST_NODE_TYPES.ExportAllDeclaration:
      case AST_NODE_TYPES.ExportNamedDeclaration:
        scan.moduleSyntax = true;
        if (node.source && node.exportKind !== 'type' && isServerModule(node.source.value)) scan.serverModule = true;
        break;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
      case AST_NODE_TYPES.TSExportAssignment:
        scan.moduleSyntax = true;
        break;
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        scan.moduleSyntax = true;
        if (node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
          scan.commonJs = true;
          if (isServerModule(node.moduleReference.expression.value)) scan.serverModule = true;
        }
        continue;
      case AST_NODE_TYPES.ImportExpression:
        if (node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string' && isServerModule(node.source.value)) {
          scan.serverModule = true;
        }
        break;
      case AST_NODE_TYPES.CallExpression:
        scanCall(scan, node, fn, appRouter);
        break;
      case AST_NODE_TYPES.MemberExpression:
        if (isIdentifier(node.object, 'process') && memberName(node) === 'env' && fn === undefined) scan.topLevelEnvRead = true;
        if (isIdentifier(node.object, 'module') && memberName(node) === 'exports') scan.commonJs = scan.moduleSyntax = true;
        if (isIdentifier(node.object, 'exports')) scan.commonJs = scan.moduleSyntax = true;
        break;
      case AST_NODE_TYPES.Identifier:
        if (isReference(visit)) {
          if (DOM_GLOBALS.has(node.name)) scan.domUses.push({ name: node.name, node });
          if (NODE_GLOBALS.has(node.name)) scan.nodeGlobal = true;
        }
        break;
      case AST_NODE_TYPES.JSXElement:
      case AST_NODE_TYPES.JSXFragment:
        markRendering(fn);
        break;
      case AST_NODE_TYPES.JSXOpeningElement:
        scanJsxHandlers(scan, node, appRouter);
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        collectBindings(node.id, scan.declared);
        break;
      case AST_NODE_TYPES.CatchClause:
        if (node.param) collectBindings(node.param, scan.declared);
        break;
      case AST_NODE_TYPES.ClassDeclaration:
        if (node.id) scan.declared.add(node.id.name);
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id) scan.declared.add(node.id.name);
        for (const param of node.params) collectBindings(param, scan.declared);
        fn = { name: node.id?.name ?? visit.nameHint, rendersJsx: false, outer: fn };
        break;
      default:
        if (TYPE_ONLY.has(node.type)) continue;
    }
    pushChildren(stack, node, fn, visit.nameHint);
  }
  return scan;
}

function scanCall(scan: ProgramScan, node: TSESTree.CallExpression, fn: FunctionInfo | undefined, appRouter: boolean): void {
  const callee = node.callee;
  const [first, second] = node.arguments;
  if (isIdentifier(callee, 'require')) {
    scan.commonJs = scan.moduleSyntax = true;
    if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' && isServerModule(first.value)) {
      scan.serverModule = true;
    }
    return;
  }
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  if (name === undefined) return;
  if (name === 'createElement' && !(callee.type === AST_NODE_TYPES.MemberExpression && isIdentifier(callee.object, 'document'))) {
    markRendering(fn);
    if (second?.type === AST_NODE_TYPES.ObjectExpression) {
      const intrinsic = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string';
      for (const property of second.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = property.computed ? undefined : propertyKeyName(property.key);
        if (key !== undefined && EVENT_HANDLER_PROP.test(key) && (intrinsic || !appRouter) && isFunctionValue(property.value)) {
          scan.handlers.push(property);
        }
      }
    }
    return;
  }
  const hookCallee = callee.type === AST_NODE_TYPES.Identifier || (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier);
  if (fn && hookCallee && HOOK_NAME.test(name) && !SERVER_SAFE_HOOKS.has(name) && (!appRouter || CLIENT_ONLY_HOOKS.has(name))) {
    scan.hookCalls.push({ node, fn });
  }
}

/**
 * `on[A-Z]…` props with a function value. On a component rather than a DOM element, the app
 * router lets a Server Component pass a Server Action (`<SmsForm onSend={send} />`), so there only
 * handlers on DOM elements count; Next refuses those in Server Components.
 */
function scanJsxHandlers(scan: ProgramScan, element: TSESTree.JSXOpeningElement, appRouter: boolean): void {
  const intrinsic = element.name.type === AST_NODE_TYPES.JSXIdentifier && /^[a-z]/u.test(element.name.name);
  if (appRouter && !intrinsic) return;
  for (const attribute of element.attributes) {
    if (
      attribute.type === AST_NODE_TYPES.JSXAttribute &&
      attribute.name.type === AST_NODE_TYPES.JSXIdentifier &&
      EVENT_HANDLER_PROP.test(attribute.name.name) &&
      attribute.value?.type === AST_NODE_TYPES.JSXExpressionContainer &&
      attribute.value.expression.type !== AST_NODE_TYPES.JSXEmptyExpression &&
      isFunctionValue(attribute.value.expression)
    ) {
      scan.handlers.push(attribute);
    }
  }
}

/** A value that may be a function; a string (`onclick="…"` in HTML terms) or `undefined` is not. */
function isFunctionValue(node: TSESTree.Node): boolean {
  while (TRANSPARENT.has(node.type)) node = (node as TSESTree.TSAsExpression).expression;
  switch (node.type) {
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
      return true;
    case AST_NODE_TYPES.Identifier:
      return node.name !== 'undefined';
    case AST_NODE_TYPES.ConditionalExpression:
      return isFunctionValue(node.consequent) || isFunctionValue(node.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return isFunctionValue(node.left) || isFunctionValue(node.right);
    default:
      return false;
  }
}

function markRendering(fn: FunctionInfo | undefined): void {
  for (let current = fn; current && !current.rendersJsx; current = current.outer) current.rendersJsx = true;
}

/** An identifier that reads a variable, not a property name, label, or the operand of `typeof`. */
function isReference({ parent, key }: Reference): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return key !== 'property' || parent.computed;
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
      return key !== 'key' || parent.computed;
    // `typeof window !== 'undefined'` is how isomorphic code asks, not browser-only code.
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator !== 'typeof';
    case AST_NODE_TYPES.LabeledStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return false;
    default:
      return true;
  }
}

function pushChildren(stack: Visit[], node: TSESTree.Node, fn: FunctionInfo | undefined, inheritedHint: string): void {
  // A function bound to a name, directly or through `memo(…)`/`forwardRef(…)`, takes the name.
  const hint =
    node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier
      ? node.id.name
      : node.type === AST_NODE_TYPES.CallExpression || TRANSPARENT.has(node.type)
        ? inheritedHint
        : node.type === AST_NODE_TYPES.Property || node.type === AST_NODE_TYPES.MethodDefinition
          ? (propertyKeyName(node.key) ?? '')
          : '';
  const start = stack.length;
  forEachChild(node, (key, child) => stack.push({ node: child, parent: node, key, fn, nameHint: hint }));
  // Reversed on the stack, so nodes are visited in source order and the first evidence wins.
  for (let low = start, high = stack.length - 1; low < high; low++, high--) {
    [stack[low], stack[high]] = [stack[high]!, stack[low]!];
  }
}

const NOT_CHILDREN = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

function forEachChild(node: TSESTree.Node, callback: (key: string, child: TSESTree.Node) => void): void {
  for (const key in node) {
    if (NOT_CHILDREN.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) callback(key, child);
    } else if (isNode(value)) {
      callback(key, value);
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function collectBindings(pattern: TSESTree.Node, names: Set<string>): void {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      names.add(pattern.name);
      break;
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        collectBindings(property.type === AST_NODE_TYPES.Property ? property.value : property, names);
      }
      break;
    case AST_NODE_TYPES.ArrayPattern:
      for (const element of pattern.elements) if (element) collectBindings(element, names);
      break;
    case AST_NODE_TYPES.RestElement:
      collectBindings(pattern.argument, names);
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      collectBindings(pattern.left, names);
      break;
    case AST_NODE_TYPES.TSParameterProperty:
      collectBindings(pattern.parameter, names);
      break;
    default:
  }
}

function isIdentifier(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  return node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined;
}

function propertyKeyName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : undefined;
}
