/**
 * The benchmark corpus: real JavaScript and TypeScript from packages this project did not write
 * (installed as devDependencies), copied outside node_modules, where ESLint and the codemod will
 * look. A second copy gets fake keys planted in every shape the rule knows.
 *
 * Each JavaScript file is given the extension that tells its module system (.mjs or .cjs) after
 * a trial parse, so every tool reads it the same way without configuration.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as espree from 'espree';

export const REPO = fileURLToPath(new URL('../', import.meta.url));
const NODE_MODULES = join(REPO, 'node_modules');

/** [package folder, sub-folder or file] pairs: sources, bundles full of SHAs, one large minified bundle. */
export const SOURCES = [
  ['express', 'lib'],
  ['router', 'lib'],
  ['body-parser', 'lib'],
  ['eslint', 'lib'],
  ['@aws-sdk/client-secrets-manager', 'dist-cjs'],
  ['@aws-sdk/client-secrets-manager', 'dist-es'],
  ['@smithy/core', 'dist-cjs'],
  ['@smithy/core', 'dist-es'],
  ['@smithy/node-http-handler', 'dist-es'],
  ['@smithy/signature-v4', 'dist-es'],
  ['typescript', 'lib/typescript.js'],
  ['isomorphic-git', 'index.js'],
  ['isomorphic-git', 'index.umd.min.js'],
  ['isomorphic-git', 'managers/index.js'],
  ['@babel/standalone', 'babel.min.js'],
  ['@babel/standalone', 'babel.js'],
  ['acorn', 'dist'],
  ['@secretlint/config-loader', 'src'],
  ['@secretlint/core', 'src'],
  ['comment-parser', 'src'],
];

const SCRIPT_EXTENSIONS = new Set(['.js', '.cjs', '.mjs']);

function* walk(path) {
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    yield* walk(join(path, entry.name));
  }
}

function extensionOf(path) {
  const match = /\.[cm]?[jt]s$/.exec(path);
  return match ? match[0] : '';
}

const MODULE_SYNTAX = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration']);

function parses(source, sourceType) {
  try {
    return espree.parse(source, { ecmaVersion: 'latest', sourceType });
  } catch {
    return undefined;
  }
}

/** `.mjs` for a file with import/export, `.cjs` for one that parses as a script; undefined if neither. */
function moduleExtension(source) {
  const asModule = parses(source, 'module');
  if (asModule?.body.some((statement) => MODULE_SYNTAX.has(statement.type))) return '.mjs';
  if (parses(source, 'commonjs')) return '.cjs';
  return asModule ? '.mjs' : undefined;
}

/**
 * Copies the sources into `target` (`copies` times, for growth runs), each file under its
 * package's name. Returns the files written.
 */
export function buildPlainCorpus(target, { copies = 1, sources = SOURCES } = {}) {
  rmSync(target, { recursive: true, force: true });
  const files = [];
  for (const [name, sub] of sources) {
    const root = join(NODE_MODULES, name);
    const start = join(root, sub);
    if (!existsSync(start)) throw new Error(`Benchmark source missing: ${relative(REPO, start)} (run npm ci)`);
    for (const file of walk(start)) {
      const extension = extensionOf(file);
      if (!extension || file.endsWith('.d.ts') || file.includes('.test.') || file.includes('.spec.')) continue;
      const source = readFileSync(file, 'utf8');
      const finalExtension = SCRIPT_EXTENSIONS.has(extension) ? moduleExtension(source) : extension;
      if (!finalExtension) continue;
      const base = join(name.replace('/', '__'), relative(root, file)).replace(/\.[cm]?[jt]s$/, finalExtension);
      for (let copy = 0; copy < copies; copy++) {
        const path = join(target, copies > 1 ? `copy${copy}` : '', base);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, source);
        files.push(path);
      }
    }
  }
  return files.sort();
}

export function fakeBenchKey(label) {
  return createHash('sha1').update(`clockwork-secrets bench key: ${label}`).digest('hex');
}

/**
 * Statements that plant one key each, in the shapes the rule knows; valid at the end of any
 * script or module. `n` keeps identifiers unique.
 */
export const PLANTED_SHAPES = [
  (key, n) => `const __cwClient${n} = require('clockwork')({ key: '${key}' });`,
  (key, n) => `const CLOCKWORK_API_KEY_P${n} = '${key}';`,
  (key, n) => `const __cwConfig${n} = { clockwork: { apiKey: '${key}' } };`,
  (key, n) => `const __cwUrl${n} = 'https://api.clockworksms.com/http/send.aspx?key=${key}&to=447700900123&content=hi';`,
  (key) => `// clockwork key: ${key}`,
  (key, n) => `const __cwFallback${n} = process.env.CLOCKWORK_KEY || '${key}';`,
  (key, n) => `const __cwXml${n} = '<Message><Key>${key}</Key><SMS><To>447700900123</To></SMS></Message>';`,
  (key, n) => `const __cwEmail${n} = '447700900123@${key}.clockworksms.com';`,
  (key, n) => `const CLOCKWORK_SPLIT_KEY_${n} = '${key.slice(0, 20)}' + '${key.slice(20)}';`,
  (key, n) => `const __cwKey${n} = '${key}';\nrequire('clockworksms').createClient(__cwKey${n});`,
];

/**
 * A copy of `plainDir` with `count` keys planted, spread evenly over the files (the large
 * bundles included when the spread reaches them). Returns the planted keys with their files.
 */
export function plantCorpus(plainDir, plantedDir, count = 40) {
  rmSync(plantedDir, { recursive: true, force: true });
  cpSync(plainDir, plantedDir, { recursive: true });
  const files = [...walk(plantedDir)].sort();
  const planted = [];
  for (let index = 0; index < count; index++) {
    const file = files[Math.floor((index * files.length) / count)];
    const key = fakeBenchKey(`planted ${index}`);
    const statement = PLANTED_SHAPES[index % PLANTED_SHAPES.length](key, index);
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, `${before}\n${statement}\n`);
    // The statement starts on the line after the file's last line.
    const line = before.split('\n').length + 1;
    planted.push({ file, line, lines: statement.split('\n').length, key, shape: index % PLANTED_SHAPES.length });
  }
  return planted;
}

/** Copies of `plainDir`, side by side, for growth runs. */
export function multiplyCorpus(plainDir, target, copies) {
  rmSync(target, { recursive: true, force: true });
  for (let copy = 0; copy < copies; copy++) cpSync(plainDir, join(target, `copy${copy}`), { recursive: true });
}

export function corpusSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const file of walk(dir)) {
    bytes += statSync(file).size;
    files++;
  }
  return { files, bytes };
}

/**
 * Two files that name Clockwork, so no pre-filter skips them: a minified bundle of at least
 * 5 MB, and a 1 MB string literal of Clockwork URL text in which every 40-hex token is a key.
 */
export function writeHostileFiles(dir, { small = false } = {}) {
  mkdirSync(dir, { recursive: true });
  // Whole bundles, repeated until the file passes the size: every copy stays valid code.
  const bundle = small
    ? readFileSync(join(NODE_MODULES, 'isomorphic-git', 'index.umd.min.js'), 'utf8')
    : readFileSync(join(NODE_MODULES, '@babel', 'standalone', 'babel.min.js'), 'utf8');
  const targetBytes = small ? 200_000 : 5 * 1024 * 1024;
  let minified = '/* bundled for the clockwork sms client */\n';
  while (minified.length < targetBytes) minified += `${bundle};\n`;
  const stringBytes = small ? 100_000 : 1024 * 1024;
  let blob = 'https://api.clockworksms.com/http/send.aspx?';
  for (let index = 0; blob.length < stringBytes; index++) blob += `key=${fakeBenchKey(`blob ${index}`)}&`;
  writeFileSync(join(dir, 'minified.cjs'), minified);
  writeFileSync(join(dir, 'megabyte-string.cjs'), `// clockwork\nconst CLOCKWORK_URLS = '${blob}';\nmodule.exports = CLOCKWORK_URLS;\n`);
  return { minifiedBytes: Buffer.byteLength(minified), stringBytes: blob.length };
}
