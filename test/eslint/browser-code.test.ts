import { parse as parseTypeScript } from '@typescript-eslint/parser';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter, type Rule } from 'eslint';
import * as espree from 'espree';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BROWSER_REASONS,
  browserCodeOf,
  isServerOnlyFile,
  serverOnlyPartOf,
  type BrowserReason,
  type FileFacts,
} from '../../src/eslint/browser-code.js';
import { factsWithoutPackage, moduleScriptSources, packageFactsOf } from '../../src/eslint/package-facts.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/browser/', import.meta.url));

/** As ESLint users parse: @typescript-eslint/parser for TypeScript, espree for JavaScript. */
function parseAs(filename: string, source: string): TSESTree.Program {
  const extension = extname(filename);
  if (['.ts', '.tsx', '.mts', '.cts'].includes(extension)) {
    return parseTypeScript(source, { ecmaFeatures: { jsx: extension === '.tsx' }, range: true, loc: true });
  }
  return espree.parse(source, {
    ecmaVersion: 'latest',
    sourceType: extension === '.cjs' ? 'commonjs' : 'module',
    ecmaFeatures: { jsx: true },
    range: true,
    loc: true,
  }) as unknown as TSESTree.Program;
}

function fixture(path: string): { filename: string; source: string; program: TSESTree.Program } {
  const filename = join(FIXTURES, path);
  const source = readFileSync(filename, 'utf8');
  return { filename, source, program: parseAs(filename, source) };
}

/** The verdict as a reader checks it: the reason, and the source text of the evidence. */
function judged(source: string, program: TSESTree.Program, facts: FileFacts): { reason: BrowserReason; evidence?: string } | undefined {
  const verdict = browserCodeOf(program, facts);
  if (!verdict) return undefined;
  return verdict.node ? { reason: verdict.reason, evidence: source.slice(...verdict.node.range) } : { reason: verdict.reason };
}

function judgedFixture(path: string): ReturnType<typeof judged> {
  const { filename, source, program } = fixture(path);
  return judged(source, program, packageFactsOf(filename));
}

function judgedCode(code: string, filename = 'src/widget.tsx', facts: Partial<FileFacts> = {}): ReturnType<typeof judged> {
  return judged(code, parseAs(filename, code), { ...factsWithoutPackage(filename), ...facts });
}

function findNode(program: TSESTree.Node, test: (node: TSESTree.Node) => boolean): TSESTree.Node {
  const stack: TSESTree.Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (test(node)) return node;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') stack.push(child as TSESTree.Node);
      }
    }
  }
  throw new Error('no such node');
}

const literal = (value: string) => (node: TSESTree.Node) => node.type === 'Literal' && node.value === value;
const identifier = (name: string) => (node: TSESTree.Node) => node.type === 'Identifier' && node.name === name;

describe('browserCodeOf on real projects', () => {
  it.each([
    ['next-app/app/sms/SendSmsButton.tsx', { reason: 'use-client', evidence: "'use client';" }],
    ['vite-app/src/components/SmsButton.tsx', { reason: 'react-hooks', evidence: "useState('idle')" }],
    ['vite-app/src/main.tsx', { reason: 'browser-entry' }],
    ['vite-app/src/lib/clockwork.ts', { reason: 'browser-build' }],
    ['express-site/public/js/sms.js', { reason: 'dom-script', evidence: '$' }],
    ['react-widgets/src/SmsLink.jsx', { reason: 'react-handler', evidence: "onClick={() => sendSms(to, 'your-key-here')}" }],
    ['next-app/pages/reminders.tsx', { reason: 'next-page' }],
    ['isomorphic-lib/lib/browser-transport.js', { reason: 'browser-entry' }],
  ] as const)('%s runs in the browser', (path, expected) => {
    expect(judgedFixture(path)).toEqual(expected);
  });

  it.each([
    // Each names the signal that decides; the next test shows those signals beat browser facts.
    ['express-site/server.js', 'requires express'],
    ['next-app/app/api/sms/route.ts', 'a Next.js route handler'],
    ['next-app/pages/api/sms.ts', 'a Next.js API route, though under pages/'],
    ['next-app/app/sms/actions.ts', "'use server'"],
    ['next-app/app/sms/page.tsx', 'a Server Component: a server-safe hook, a Server Action prop'],
    ['node-scripts/send-report.cjs', "requires fs, reads process.env at the top of CommonJS"],
    ['react-widgets/src/format-sms.js', 'a module with no browser evidence'],
    ['sveltekit-app/src/routes/sms/+page.server.ts', "SvelteKit's server load/actions file"],
    ['vite-app/vite.config.ts', 'the Vite config runs in Node'],
    ['vite-app/src/components/SmsButton.test.tsx', 'a test, inside the Vite source folder'],
    ['isomorphic-lib/lib/node-transport.js', "replaced by the browser field, not named by it"],
    ['odd-package/src/main.js', 'its package.json does not parse: no facts'],
  ])('%s does not (%s)', (path) => {
    expect(judgedFixture(path)).toBeUndefined();
  });

  it.each([
    'express-site/server.js',
    'next-app/app/api/sms/route.ts',
    'next-app/pages/api/sms.ts',
    'next-app/app/sms/actions.ts',
    'node-scripts/send-report.cjs',
    'sveltekit-app/src/routes/sms/+page.server.ts',
    'vite-app/vite.config.ts',
    'vite-app/src/components/SmsButton.test.tsx',
  ])('%s stays server code even inside a browser build', (path) => {
    const { filename, source, program } = fixture(path);
    const facts = { ...packageFactsOf(filename), browserEntry: true, insideBrowserBuild: true, nextRouter: 'pages' as const };
    expect(judged(source, program, facts)).toBeUndefined();
  });
});

describe('browserCodeOf, rule by rule', () => {
  it.each<[string, string, string, Partial<FileFacts>, ReturnType<typeof judged>]>([
    // Directives: the author's word beats every inference.
    ["'use client' beats a Node import", 'src/a.tsx', "'use client';\nimport fs from 'node:fs';\nexport const A = 1;", {}, { reason: 'use-client', evidence: "'use client';" }],
    ["'use client' after 'use strict'", 'src/a.js', "'use strict';\n'use client';\nexport const A = 1;", {}, { reason: 'use-client', evidence: "'use client';" }],
    ["'use client' beats a server file name", 'app/sms/route.ts', "'use client';\nexport const A = 1;", {}, { reason: 'use-client', evidence: "'use client';" }],
    ["'use server' beats hooks", 'src/a.tsx', "'use server';\nexport function A() { const [s] = useState(); return <p>{s}</p>; }", {}, undefined],
    ["'use server' beats browser facts", 'src/actions.ts', "'use server';\nexport async function send() {}", { insideBrowserBuild: true }, undefined],
    ["a 'use client' string later in the file is no directive", 'src/a.ts', "import x from 'x';\n'use client';\nexport default x;", {}, undefined],

    // React: hooks in components and custom hooks; handlers with function values.
    ['a component with React.useEffect', 'src/a.jsx', 'export const Panel = () => { React.useEffect(() => {}); return <div />; };', {}, { reason: 'react-hooks', evidence: 'React.useEffect(() => {})' }],
    ['a memo component', 'src/a.tsx', 'export const Panel = memo(function () { const r = useRef(null); return null; });', {}, { reason: 'react-hooks', evidence: 'useRef(null)' }],
    ['a custom hook', 'src/use-sms.ts', "import { useState } from 'react';\nexport function useSms() { const [s, set] = useState(''); return { s, set }; }", {}, { reason: 'react-hooks', evidence: "useState('')" }],
    ['a third-party hook in a component', 'src/a.tsx', "export function A() { const q = useQuery({ queryKey: ['sms'] }); return <p>{q.data}</p>; }", {}, { reason: 'react-hooks', evidence: "useQuery({ queryKey: ['sms'] })" }],
    ['a hook in a createElement component', 'src/a.js', "export function A() { const [s] = useState(0); return React.createElement('p', null, s); }", {}, { reason: 'react-hooks', evidence: 'useState(0)' }],
    ['server-safe hooks prove nothing', 'src/a.tsx', 'export function A({ x }) { const v = useMemo(() => x * 2, [x]); const id = useId(); return <p id={id}>{v}</p>; }', {}, undefined],
    ['use… methods outside components are not hooks', 'src/app.ts', 'export function configure(app) { app.useMiddleware(logger); useGlobalPipes(); }', {}, undefined],
    ['a createElement handler', 'src/a.js', "export const b = React.createElement('button', { onClick: () => send() }, 'Send');", {}, { reason: 'react-handler', evidence: 'onClick: () => send()' }],
    ['a class component handler', 'src/a.jsx', 'export class A extends React.Component { render() { return <button onClick={this.send}>Send</button>; } }', {}, { reason: 'react-handler', evidence: 'onClick={this.send}' }],
    ['a conditional handler', 'src/a.tsx', 'export const A = ({ ok }) => <button onClick={ok ? send : undefined} />;', {}, { reason: 'react-handler', evidence: 'onClick={ok ? send : undefined}' }],
    ['no handler: undefined, a string, an empty container', 'src/a.tsx', 'export const A = () => <><button onClick={undefined} /><button onClick="send()" /><b onClick={/* later */} /></>;', {}, undefined],
    ['on… is a handler only when capitalised', 'src/a.tsx', 'export const A = () => <Toggle once={() => 1} />;', {}, undefined],

    // The Next.js app router: a file without 'use client' may be a Server Component.
    ['app router: a client-only hook', 'app/sms/a.tsx', 'export default function A() { const [s] = useState(0); return <p>{s}</p>; }', { nextRouter: 'app' }, { reason: 'react-hooks', evidence: 'useState(0)' }],
    ['app router: a library hook may be server-safe', 'app/sms/a.tsx', "export default function A() { const t = useTranslations('sms'); return <p>{t('x')}</p>; }", { nextRouter: 'app' }, undefined],
    ['app router: a DOM handler', 'app/sms/a.tsx', 'export default function A() { return <button onClick={() => 1}>x</button>; }', { nextRouter: 'app' }, { reason: 'react-handler', evidence: 'onClick={() => 1}' }],
    ['app router: a Server Action passed as a prop', 'app/sms/a.tsx', 'export default function A() { return <SmsForm onSend={send} />; }', { nextRouter: 'app' }, undefined],

    // Server signals win over React evidence and browser facts.
    ['a Node built-in import', 'src/a.tsx', "import { readFile } from 'node:fs/promises';\nexport function A() { const [s] = useState(); return <p />; }", {}, undefined],
    ['express', 'src/a.jsx', "import express from 'express';\nexport const A = () => <button onClick={() => 1} />;", { insideBrowserBuild: true }, undefined],
    ["Next's server-only marker", 'src/a.tsx', "import 'server-only';\nexport const A = () => <button onClick={() => 1} />;", {}, undefined],
    ['a dynamic import of child_process', 'src/a.js', "export async function run() { await import('child_process'); }", { insideBrowserBuild: true }, undefined],
    ['a TypeScript import-equals require', 'src/a.ts', "import fs = require('fs');\nexport = fs;", { insideBrowserBuild: true }, undefined],
    ['CommonJS reading process.env at the top', 'src/a.js', "const React = require('react');\nconst key = process.env.CLOCKWORK_KEY;\nmodule.exports = () => React.createElement('button', { onClick: () => send(key) });", {}, undefined],
    ['polyfilled built-ins are not server signals', 'src/a.tsx', "import { EventEmitter } from 'events';\nexport function A() { const [s] = useState(); return <p />; }", {}, { reason: 'react-hooks', evidence: 'useState()' }],
    ['a type-only Node import is erased', 'src/a.tsx', "import type { Stats } from 'fs';\nexport function A({ s }: { s: Stats }) { const [x] = useState(s); return <p />; }", {}, { reason: 'react-hooks', evidence: 'useState(s)' }],
    ['ESM reading process.env (a bundler inlines it)', 'src/a.tsx', 'const url = process.env.REACT_APP_API;\nexport const A = () => <button onClick={() => fetch(url)} />;', {}, { reason: 'react-handler', evidence: 'onClick={() => fetch(url)}' }],

    // Plain page scripts.
    ['a script touching document', 'public/a.js', "document.getElementById('send').addEventListener('click', send);", {}, { reason: 'dom-script', evidence: 'document' }],
    ['a jQuery plugin wrapper', 'public/a.js', "(function ($) { $('#send').on('click', send); })(jQuery);", {}, { reason: 'dom-script', evidence: 'jQuery' }],
    ['localStorage', 'public/a.js', "var key = localStorage.getItem('sms');", {}, { reason: 'dom-script', evidence: 'localStorage' }],
    ['a typeof window guard is isomorphic', 'public/a.js', "var root = typeof window !== 'undefined' ? 1 : 2;", {}, undefined],
    ['a local named document is not the DOM', 'lib/a.js', "var document = load('x.xml');\ndocument.root.name;", {}, undefined],
    ['a module touching the DOM is not a plain script', 'lib/a.js', "export const title = () => document.title;", {}, undefined],
    ['CommonJS touching the DOM is not a plain script', 'lib/a.js', "module.exports = () => window.location.href;", {}, undefined],
    ['a script using Node globals', 'bin/a.js', "var out = __dirname + '/x';\nwindow.x = out;", {}, undefined],

    // Facts decide when the file itself is silent.
    ['a browser entry', 'src/index.js', 'export const x = 1;', { browserEntry: true }, { reason: 'browser-entry' }],
    ['a file of a browser build', 'src/x.ts', 'export const x = 1;', { insideBrowserBuild: true }, { reason: 'browser-build' }],
    ['in-file evidence is named before facts', 'src/x.tsx', 'export const A = () => <a onClick={go} />;', { insideBrowserBuild: true }, { reason: 'react-handler', evidence: 'onClick={go}' }],
    ['a pages-router page', 'pages/index.tsx', 'export default () => <p />;', { nextRouter: 'pages' }, { reason: 'next-page' }],
    ["pages/_document renders only on the server", 'pages/_document.tsx', 'export default () => <p />;', { nextRouter: 'pages' }, undefined],
    ['a test file', 'src/a.test.tsx', 'it("x", () => render(<button onClick={() => 1} />));', { insideBrowserBuild: true }, undefined],
    ['a __tests__ file', 'src/__tests__/a.tsx', 'export function A() { const [s] = useState(); return <p />; }', {}, undefined],
  ])('%s', (_name, filename, code, facts, expected) => {
    expect(judgedCode(code, filename, facts)).toEqual(expected);
  });

  it('has words for every reason', () => {
    expect(Object.keys(BROWSER_REASONS).sort()).toEqual(
      ['browser-build', 'browser-entry', 'dom-script', 'next-page', 'react-handler', 'react-hooks', 'use-client'],
    );
  });

  it('walks a chain deeper than any call stack', () => {
    // Built by hand: parsers give up long before a recursive walk would overflow.
    const program = parseAs('public/a.js', 'a + b;\ndocument.title = x;');
    const [chain] = program.body as [TSESTree.ExpressionStatement];
    let deep: TSESTree.Expression = chain.expression;
    for (let index = 0; index < 50_000; index++) deep = { ...(chain.expression as TSESTree.BinaryExpression), left: deep };
    chain.expression = deep;
    expect(browserCodeOf(program, factsWithoutPackage('public/a.js'))?.reason).toBe('dom-script');
  });
});

describe('isServerOnlyFile', () => {
  it.each([
    ['/p/app/api/sms/route.ts', '/p'],
    ['/p/src/app/(shop)/checkout/route.js', '/p'],
    ['/p/pages/api/sms.ts', '/p'],
    ['/p/src/pages/api/deep/sms.js', '/p'],
    ['/p/pages/_document.tsx', '/p'],
    ['/p/middleware.ts', '/p'],
    ['/p/src/instrumentation.ts', '/p'],
    ['/p/src/routes/sms/+page.server.ts', '/p'],
    ['/p/src/routes/sms/+layout.server.js', '/p'],
    ['/p/src/routes/api/sms/+server.ts', '/p'],
    ['/p/src/hooks.server.ts', '/p'],
    ['/p/src/lib/server/clockwork.ts', '/p'],
    ['/p/server/api/sms.post.ts', '/p'],
    ['/p/app/utils/sms.server.ts', '/p'],
    ['/p/app/entry.server.tsx', '/p'],
    ['/p/src/entry-server.tsx', '/p'],
    ['/p/vite.config.ts', '/p'],
    ['/p/next.config.mjs', '/p'],
    ['/p/src/setupProxy.js', '/p'],
    ['/p/app/api/sms/route.ts', undefined],
    ['/p/pages/api/sms.ts', undefined],
    ['/p/src/lib/server/clockwork.ts', undefined],
    ['/p/src/routes/+server.js', undefined],
  ])('%s (root %s) is server-only', (filename, root) => {
    expect(isServerOnlyFile(filename, root)).toBe(true);
  });

  it.each([
    ['/p/src/store/middleware.ts', '/p'],
    ['/p/src/components/server/ServerList.tsx', '/p'],
    ['/p/src/routes/sms/+page.ts', '/p'],
    ['/p/src/routes/sms/+page.svelte', '/p'],
    ['/p/app/sms/page.tsx', '/p'],
    ['/p/app/sms/router.ts', '/p'],
    ['/p/src/features/pages/api/client.ts', '/p'],
    ['/p/src/app.config.ts', '/p'],
    ['/p/src/observer.ts', '/p'],
    ['/p/app/routes/concerts/route.tsx', '/p'],
    ['/p/src/components/server/ServerList.tsx', undefined],
    ['/p/src/store/middleware.ts', undefined],
    ['/p/middleware.ts', undefined],
  ])('%s (root %s) is not', (filename, root) => {
    expect(isServerOnlyFile(filename, root)).toBe(false);
  });
});

describe('serverOnlyPartOf', () => {
  it('finds the key of a pages-router page inside getServerSideProps, through the binding only it uses', () => {
    const { filename, program } = fixture('next-app/pages/reminders.tsx');
    const facts = packageFactsOf(filename);
    expect(serverOnlyPartOf(program, findNode(program, literal('your-key-here')), facts)).toBe('getServerSideProps');
    expect(serverOnlyPartOf(program, findNode(program, identifier('clockwork')), facts)).toBe('getServerSideProps');
    expect(serverOnlyPartOf(program, findNode(program, (node) => node.type === 'JSXElement'), facts)).toBeUndefined();
  });

  function partAt(code: string, target: string, facts: Partial<FileFacts> = {}): string | undefined {
    const program = parseAs('pages/x.tsx', code);
    return serverOnlyPartOf(program, findNode(program, literal(target)), { ...factsWithoutPackage('pages/x.tsx'), ...facts });
  }

  it.each<[string, string, Partial<FileFacts>, string | undefined]>([
    ['a binding the page also reads', "const key = 'k';\nexport default () => <p>{key}</p>;\nexport async function getStaticProps() { return { props: { key } }; }", {}, undefined],
    ['an exported binding', "export const key = 'k';\nexport async function getStaticProps() { return { props: { key } }; }", {}, undefined],
    ['an unused binding', "const key = 'k';\nexport default () => <p />;", {}, undefined],
    ['a renamed export', "async function load() { return { props: { k: 'k' } }; }\nexport { load as getStaticProps };", {}, 'getStaticProps'],
    ['an arrow data function', "export const getStaticPaths = async () => ({ paths: ['k'], fallback: false });", {}, 'getStaticPaths'],
    ['a chain of bindings', "const key = 'k';\nconst client = make({ key });\nexport const getServerSideProps = () => client.balance();", {}, 'getServerSideProps'],
    ['a Server Action', "export default function P() { async function send() { 'use server'; await sms('k'); } return <form action={send} />; }", {}, 'send'],
    ['a Remix loader', "export async function loader() { return sms('k'); }\nexport default () => <p />;", { frameworks: new Set(['remix']) }, 'loader'],
    ['loader means nothing outside Remix', "export async function loader() { return sms('k'); }", {}, undefined],
  ])('%s', (_name, code, facts, expected) => {
    expect(partAt(code, 'k', facts)).toBe(expected);
  });
});

describe('moduleScriptSources', () => {
  it('reads module scripts in any attribute order and quoting, outside comments', () => {
    const html = [
      '<!-- <script type="module" src="/old.js"></script> -->',
      '<script src="/classic.js"></script>',
      "<script src='/src/b.ts' type='module'></script>",
      '<SCRIPT type=module src=/src/c.js defer></SCRIPT>',
      '<script type="module">import "/inline.js";</script>',
      '<script data-type="module" src="/not-module.js"></script>',
      '<script type="module" src="/src/main.tsx"/>',
    ].join('\n');
    expect(moduleScriptSources(html)).toEqual(['/src/b.ts', '/src/c.js', '/src/main.tsx']);
  });

  // Linear time is the regexes' own property (eslint-plugin-regexp checks it in the dogfood lint);
  // here, hostile markup must simply yield nothing.
  it('reads no script out of hostile markup', () => {
    expect(moduleScriptSources(`${'<script '.repeat(50_000)}${'<!--'.repeat(50_000)}${' a='.repeat(50_000)}`)).toEqual([]);
  });
});

describe('packageFactsOf', () => {
  const temporary = mkdtempSync(join(tmpdir(), 'browser-facts-'));
  afterAll(() => rmSync(temporary, { recursive: true, force: true }));

  it('reads a Vite app: its frameworks, module type, entry and source folder', () => {
    const facts = packageFactsOf(join(FIXTURES, 'vite-app/src/components/SmsButton.tsx'));
    expect(facts).toMatchObject({ root: join(FIXTURES, 'vite-app'), moduleType: 'module', browserEntry: false, insideBrowserBuild: true, nextRouter: undefined });
    expect([...facts.frameworks].sort()).toEqual(['react', 'vite']);
    expect(packageFactsOf(join(FIXTURES, 'vite-app/src/main.tsx')).browserEntry).toBe(true);
    // The commented-out script in index.html names no entry.
    expect(packageFactsOf(join(FIXTURES, 'vite-app/legacy/main.js')).browserEntry).toBe(false);
    expect(packageFactsOf(join(FIXTURES, 'vite-app/vite.config.ts')).insideBrowserBuild).toBe(false);
  });

  it('tells the Next.js routers apart', () => {
    expect(packageFactsOf(join(FIXTURES, 'next-app/app/sms/page.tsx')).nextRouter).toBe('app');
    expect(packageFactsOf(join(FIXTURES, 'next-app/pages/reminders.tsx')).nextRouter).toBe('pages');
    // A Server Component may import any module of a package with an app router.
    expect(packageFactsOf(join(FIXTURES, 'next-app/lib/clockwork-client.ts')).nextRouter).toBe('app');
  });

  it('has no app router in a pages-only Next.js package', () => {
    const root = join(temporary, 'pages-only');
    mkdirSync(join(root, 'pages'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { next: '15', react: '19' } }));
    expect(packageFactsOf(join(root, 'components/Button.tsx')).nextRouter).toBeUndefined();
    expect(packageFactsOf(join(root, 'pages/index.tsx')).nextRouter).toBe('pages');
  });

  it('reads the object form of the browser field', () => {
    expect(packageFactsOf(join(FIXTURES, 'isomorphic-lib/lib/browser-transport.js')).browserEntry).toBe(true);
    expect(packageFactsOf(join(FIXTURES, 'isomorphic-lib/lib/node-transport.js')).browserEntry).toBe(false);
  });

  it('reads the string form, an entry without extension', () => {
    const root = join(temporary, 'string-browser');
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ browser: 'dist/sms' }));
    expect(packageFactsOf(join(root, 'dist/sms.js')).browserEntry).toBe(true);
    expect(packageFactsOf(join(root, 'dist/other.js')).browserEntry).toBe(false);
  });

  it('takes only the entry itself when index.html loads a script from the package root', () => {
    const root = join(temporary, 'root-entry');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ devDependencies: { vite: '^6' } }));
    writeFileSync(join(root, 'index.html'), '<script type="module" src="./main.js"></script>');
    expect(packageFactsOf(join(root, 'main.js'))).toMatchObject({ browserEntry: true, insideBrowserBuild: false });
    expect(packageFactsOf(join(root, 'server.js'))).toMatchObject({ browserEntry: false, insideBrowserBuild: false });
  });

  it('treats a Create React App src/ as a browser build, but not its dev proxy', () => {
    const root = join(temporary, 'cra');
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { react: '^18', 'react-scripts': '5' } }));
    expect(packageFactsOf(join(root, 'src/api.js')).insideBrowserBuild).toBe(true);
    expect(packageFactsOf(join(root, 'src/setupProxy.js')).insideBrowserBuild).toBe(false);
  });

  it('has no facts for a malformed, oversized or odd package.json', () => {
    // Valid JSON would make odd-package/src a Vite build: index.html names its entry.
    expect(moduleScriptSources(readFileSync(join(FIXTURES, 'odd-package/index.html'), 'utf8'))).toEqual(['/src/main.js']);
    expect(packageFactsOf(join(FIXTURES, 'odd-package/src/main.js'))).toMatchObject({ root: undefined, browserEntry: false, insideBrowserBuild: false });

    const big = join(temporary, 'big');
    mkdirSync(join(big, 'src'), { recursive: true });
    writeFileSync(join(big, 'package.json'), JSON.stringify({ browser: './src/a.js', description: 'x'.repeat(300 * 1024) }));
    expect(packageFactsOf(join(big, 'src/a.js'))).toMatchObject({ root: undefined, browserEntry: false });

    const array = join(temporary, 'array');
    mkdirSync(array, { recursive: true });
    writeFileSync(join(array, 'package.json'), '[1, 2]');
    expect(packageFactsOf(join(array, 'a.js')).root).toBeUndefined();
  });

  it('has no facts outside any package', () => {
    expect(packageFactsOf(join(tmpdir(), 'no-package-here', 'a.js'))).toMatchObject({ root: undefined, frameworks: new Set() });
  });
});

describe('the caller: a rule or the codemod, given ESLint SourceCode and a real path', () => {
  it('judges the Program ESLint parsed', () => {
    const verdicts = new Map<string, BrowserReason | undefined>();
    const probe: TSESLint.RuleModule<string, []> = {
      meta: { type: 'problem', schema: [], messages: {} },
      defaultOptions: [],
      create: (context) => ({
        Program(program) {
          verdicts.set(context.filename, browserCodeOf(program, packageFactsOf(context.filename))?.reason);
        },
      }),
    };
    const linter = new Linter({ configType: 'flat' });
    for (const path of ['next-app/app/sms/SendSmsButton.tsx', 'vite-app/src/lib/clockwork.ts', 'express-site/public/js/sms.js', 'express-site/server.js']) {
      const filename = join(FIXTURES, path);
      const messages = linter.verify(
        readFileSync(filename, 'utf8'),
        [
          {
            files: ['**/*.js', '**/*.ts', '**/*.tsx'],
            languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: path.endsWith('.tsx') } } },
            plugins: { probe: { rules: { browser: probe as unknown as Rule.RuleModule } } },
            rules: { 'probe/browser': 'error' },
          },
        ],
        filename,
      );
      expect(messages).toEqual([]);
    }
    expect([...verdicts.values()]).toEqual(['use-client', 'browser-build', 'dom-script', undefined]);
  });
});
