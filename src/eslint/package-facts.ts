/**
 * What a file's package says about where the file runs: its package.json (`browser` field,
 * framework dependencies, `type`) and the index.html next to it (a Vite app's module scripts).
 * The I/O at the edge of browser-code recognition, cached per package root for the life of the
 * process, as ESLint caches its config. A missing, oversized or malformed package.json means no
 * facts, never an error.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { isServerOnlyFile, isTestFile, type FileFacts, type Framework } from './browser-code.js';

export type { FileFacts, Framework } from './browser-code.js';

/** A hand-written package.json or index.html is far smaller; anything bigger is not read. */
const MAX_MANIFEST_BYTES = 256 * 1024;
const MAX_HTML_BYTES = 512 * 1024;

/** Which dependency names which framework. */
const FRAMEWORK_PACKAGES: Readonly<Record<string, Framework>> = {
  next: 'next',
  react: 'react',
  'react-dom': 'react',
  vite: 'vite',
  '@sveltejs/kit': 'sveltekit',
  nuxt: 'nuxt',
  '@remix-run/react': 'remix',
  '@remix-run/node': 'remix',
  '@remix-run/dev': 'remix',
  '@react-router/dev': 'remix',
  'react-scripts': 'create-react-app',
};

interface PackageInfo {
  root: string;
  moduleType: 'module' | 'commonjs';
  frameworks: ReadonlySet<Framework>;
  /** Absolute paths; an entry without an extension matches the file with any extension. */
  entries: readonly string[];
  /** Folders whose every file is bundled for the browser. */
  buildDirs: readonly string[];
  /** A Next.js package with an `app/` (or `src/app/`) folder. */
  appRouter: boolean;
}

const rootOfDir = new Map<string, string | undefined>();
const packageOfRoot = new Map<string, PackageInfo | undefined>();

/** The facts about `filename` (any path; resolved against the working directory). */
export function packageFactsOf(filename: string): FileFacts {
  const file = resolve(filename);
  const root = packageRootOf(dirname(file));
  const info = root === undefined ? undefined : packageInfoOf(root);
  if (!info) return factsWithoutPackage(file);
  const inBuildDir = info.buildDirs.some((dir) => file.startsWith(dir + sep));
  return {
    filename: file,
    root: info.root,
    moduleType: info.moduleType,
    frameworks: info.frameworks,
    browserEntry: info.entries.some((entry) => entry === file || (extname(entry) === '' && entry === withoutExtension(file))),
    insideBrowserBuild: inBuildDir && !isServerOnlyFile(file, info.root) && !isTestFile(file),
    nextRouter: info.frameworks.has('next') ? nextRouterOf(relative(info.root, file).split(sep).join('/'), info.appRouter) : undefined,
  };
}

/** The facts of a file whose package is unknown: only its own syntax can tell. */
export function factsWithoutPackage(filename: string): FileFacts {
  return {
    filename,
    root: undefined,
    moduleType: 'commonjs',
    frameworks: new Set(),
    browserEntry: false,
    insideBrowserBuild: false,
    nextRouter: undefined,
  };
}

function nextRouterOf(path: string, appRouter: boolean): FileFacts['nextRouter'] {
  if (/^(?:src\/)?pages\//u.test(path)) return 'pages';
  if (appRouter || /^(?:src\/)?app\//u.test(path)) return 'app';
  return undefined;
}

function packageRootOf(start: string): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (rootOfDir.has(dir)) {
      found = rootOfDir.get(dir);
      break;
    }
    visited.push(dir);
    if (existsSync(join(dir, 'package.json'))) {
      found = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  for (const dir of visited) rootOfDir.set(dir, found);
  return found;
}

function packageInfoOf(root: string): PackageInfo | undefined {
  if (!packageOfRoot.has(root)) packageOfRoot.set(root, readPackageInfo(root));
  return packageOfRoot.get(root);
}

interface Manifest {
  type?: unknown;
  browser?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
}

function readPackageInfo(root: string): PackageInfo | undefined {
  const text = readCapped(join(root, 'package.json'), MAX_MANIFEST_BYTES);
  if (text === undefined) return undefined;
  let manifest: Manifest;
  try {
    // Parsed only here, and the error dropped: JSON.parse quotes its input, which may hold a key.
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) return undefined;
    manifest = parsed;
  } catch {
    return undefined;
  }
  const frameworks = new Set<Framework>();
  for (const name of [...keysOf(manifest.dependencies), ...keysOf(manifest.devDependencies)]) {
    const framework = FRAMEWORK_PACKAGES[name];
    if (framework) frameworks.add(framework);
  }
  const html = readCapped(join(root, 'index.html'), MAX_HTML_BYTES);
  const htmlEntries = html === undefined ? [] : moduleScriptSources(html).flatMap((src) => resolveScriptSource(root, src));
  const buildDirs: string[] = [];
  // A Vite app bundles what its index.html loads, so the entry's folder (src/) is browser code;
  // an entry at the root would take in the server and scripts too, so only the entry counts then.
  if (frameworks.has('vite')) {
    for (const entry of htmlEntries) {
      const dir = dirname(entry);
      if (dir !== root && !buildDirs.includes(dir)) buildDirs.push(dir);
    }
  }
  // Create React App bundles src/ for the browser, and nothing else.
  if (frameworks.has('create-react-app')) buildDirs.push(join(root, 'src'));
  return {
    root,
    moduleType: manifest.type === 'module' ? 'module' : 'commonjs',
    frameworks,
    entries: [...browserFieldFiles(root, manifest.browser), ...htmlEntries],
    buildDirs,
    appRouter: frameworks.has('next') && (isDirectory(join(root, 'app')) || isDirectory(join(root, 'src', 'app'))),
  };
}

/**
 * The files package.json's `browser` field gives to browsers: the string form names the browser
 * build; in the object form the replacement files do (not the replaced ones, not `false`, and not
 * the package names it maps to other packages).
 */
function browserFieldFiles(root: string, browser: unknown): string[] {
  const files =
    typeof browser === 'string'
      ? [browser]
      : isRecord(browser)
        ? Object.values(browser).filter((file): file is string => typeof file === 'string' && file.startsWith('.'))
        : [];
  return files.flatMap((file) => insideRoot(root, resolve(root, file)));
}

/** A script tag, up to the first `>`: `[^<>]` cannot run past the next tag, so the scan is linear. */
const SCRIPT_TAG = /<script\b([^<>]*)>/giu;
/** One attribute, anchored where the last one ended (sticky), value quoted, unquoted or absent. */
const ATTRIBUTE = /[\s/]*([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+)))?/uy;

/** The `src` of every `<script type="module" src="…">` outside HTML comments. */
export function moduleScriptSources(html: string): string[] {
  const sources: string[] = [];
  for (const match of withoutComments(html).matchAll(SCRIPT_TAG)) {
    const attributes = attributesOf(match[1] ?? '');
    const src = attributes.get('src');
    if (attributes.get('type')?.trim().toLowerCase() === 'module' && src) sources.push(src.trim());
  }
  return sources;
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(text); match; match = ATTRIBUTE.exec(text)) {
    const name = match[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

function withoutComments(html: string): string {
  let text = '';
  let from = 0;
  for (let start = html.indexOf('<!--'); start >= 0; start = html.indexOf('<!--', from)) {
    text += html.slice(from, start);
    const end = html.indexOf('-->', start + 4);
    if (end < 0) return text;
    from = end + 3;
  }
  return text + html.slice(from);
}

/** Vite resolves `/src/main.tsx` from the folder of index.html, the package root here. */
function resolveScriptSource(root: string, src: string): string[] {
  const path = src.replace(/[?#].*$/su, '');
  if (path === '' || path.startsWith('//') || /^[a-z][\d+.a-z-]*:/iu.test(path)) return [];
  return insideRoot(root, path.startsWith('/') ? join(root, path) : resolve(root, path));
}

function insideRoot(root: string, path: string): string[] {
  const fromRoot = relative(root, path);
  return fromRoot === '' || fromRoot.startsWith('..') ? [] : [path];
}

function readCapped(path: string, maxBytes: number): string | undefined {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutExtension(path: string): string {
  return path.slice(0, path.length - extname(path).length);
}
