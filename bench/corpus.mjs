/**
 * The benchmark corpus: real JavaScript and TypeScript from packages this project did not write
 * (installed as devDependencies), copied outside node_modules, where ESLint and the codemod will
 * look. A second copy gets fake keys planted in every shape the rule knows.
 *
 * Each JavaScript file is given the extension that tells its module system (.mjs or .cjs) after
 * a trial parse, so every tool reads it the same way without configuration.
 *
 * Beside it, the config and docs corpus: every other file `scan` reads (JSON, YAML, Markdown,
 * shell scripts, INI…) that the installed packages ship, with its own planted copy.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as espree from 'espree';
import { isLockfile } from '../dist/src/detect/structured.js';
import { FORMATS, formatOf } from '../dist/src/scan/formats/index.js';

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

/** The format `scan` reads a file with, by its name or, for a name with no extension, its first line. */
export function formatName(path) {
  return formatOf(path, () => readFileSync(path, 'latin1').split('\n', 1)[0])?.name;
}

/** Every format `scan` reads, in its own order: the rows of the per-type tables. */
export const FORMAT_NAMES = FORMATS.map((format) => format.name);

/** Files and bytes of `dir` per format `scan` reads it with. */
export function corpusFormats(dirs) {
  const formats = {};
  for (const dir of [dirs].flat()) {
    for (const file of walk(dir)) {
      const name = formatName(file) ?? 'none';
      formats[name] ??= { files: 0, bytes: 0 };
      formats[name].files++;
      formats[name].bytes += statSync(file).size;
    }
  }
  return formats;
}

/** Folders of node_modules that hold no package: npm's links and tools' caches. */
const NOT_PACKAGES = new Set(['.bin', '.cache', '.vite']);

/** The config and docs corpus of the smoke run: packages that ship JSON, YAML, Markdown, a shell script and an INI file. */
export const SMOKE_CONFIG_PACKAGES = ['express', 'isomorphic-git', '@secretlint/core', 'jscodeshift', 'katex'];

function* walkSorted(dir, { nested }) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' && !nested) continue;
      yield* walkSorted(path, { nested });
    } else if (entry.isFile()) yield path;
  }
}

/** `eslint9/node_modules/@eslint/js/package.json` → `eslint9/deps/@eslint__js/package.json`: no tool skips it, and a package's files sit beside its code. */
function corpusPathOf(pathInNodeModules) {
  return pathInNodeModules
    .split(sep)
    .join('/')
    .split('/node_modules/')
    .map((part) => (part.startsWith('@') ? part.replace('/', '__') : part))
    .join('/deps/');
}

/**
 * Copies into `target` every file of the installed packages (`packages`, or all of node_modules
 * with nested installs) that `scan` reads and that is not JavaScript or TypeScript: package.json,
 * other JSON, YAML, Markdown, shell scripts, INI files. A file installed twice is copied once;
 * lockfiles are left out (`scan` passes over them by name, so the two tools would not read the
 * same files). Returns the files written.
 */
export function buildConfigCorpus(target, { packages } = {}) {
  rmSync(target, { recursive: true, force: true });
  const starts = packages
    ? packages.map((name) => join(NODE_MODULES, name))
    : readdirSync(NODE_MODULES)
        .filter((name) => !NOT_PACKAGES.has(name) && !name.startsWith('.package-lock'))
        .sort()
        .map((name) => join(NODE_MODULES, name));
  const seen = new Set();
  const files = [];
  for (const start of starts) {
    if (!existsSync(start)) throw new Error(`Benchmark source missing: ${relative(REPO, start)} (run npm ci)`);
    for (const file of walkSorted(start, { nested: !packages })) {
      if (isLockfile(file)) continue;
      const format = formatName(file);
      if (!format || format === 'javascript') continue;
      const bytes = readFileSync(file);
      const digest = createHash('sha1').update(bytes).digest('hex');
      if (seen.has(digest)) continue;
      seen.add(digest);
      const path = join(target, corpusPathOf(relative(NODE_MODULES, file)));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
      files.push(path);
    }
  }
  return files.sort();
}

/** Copies each corpus into `target`, one tree over the other (their files do not overlap). */
export function mergeCorpora(target, dirs) {
  rmSync(target, { recursive: true, force: true });
  for (const dir of dirs) cpSync(dir, target, { recursive: true });
}

/** A JSON object with a member, whatever space (a byte-order mark included) comes before it. */
const jsonObjectWithMembers = (text) => /^\s*\{\s*"/.test(text);
/** A YAML document whose top level is a mapping: a key, at column 0, before anything else. */
const yamlMapping = (text) => /^[a-z_][\w.-]*:(?:\s|$)/i.test(text.replace(/^(?:(?:#[^\n]*)?\n)*/, '')) && !/^clockwork:/m.test(text);
const withNewline = (text) => (text.endsWith('\n') ? text : `${text}\n`);
const afterBrace = (text, member) => text.replace('{', `{\n  ${member},`);

/**
 * Where keys are planted in config and docs, one realistic place each. A shape with `host`
 * plants into a corpus file that passes it (read by `scan` with `type`); once no such file is
 * left, and for a type no installed package ships, `create` writes `file` in a package's folder.
 */
export const PLANTED_FILE_SHAPES = [
  {
    type: 'json',
    place: 'package.json, `clockwork.apiKey`',
    host: (path, text) => basename(path) === 'package.json' && jsonObjectWithMembers(text),
    plant: (text, key) => afterBrace(text, `"clockwork": { "apiKey": "${key}" }`),
    file: 'package.json',
    create: (key) => `{\n  "name": "notifier",\n  "clockwork": { "apiKey": "${key}" }\n}\n`,
  },
  {
    type: 'json',
    place: 'a JSON config, `sms.key` beside `"provider": "clockwork"`',
    host: (path, text) => basename(path) !== 'package.json' && /\.json$/.test(path) && jsonObjectWithMembers(text),
    plant: (text, key) => afterBrace(text, `"sms": { "provider": "clockwork", "key": "${key}" }`),
    file: 'config/default.json',
    create: (key) => `{\n  "sms": { "provider": "clockwork", "key": "${key}" }\n}\n`,
  },
  {
    type: 'yaml',
    place: 'a YAML file, a `clockwork:` mapping appended',
    host: (path, text) => /\.ya?ml$/.test(path) && yamlMapping(text),
    plant: (text, key) => `${withNewline(text)}clockwork:\n  api_key: ${key}\n`,
    file: 'config/settings.yml',
    create: (key) => `clockwork:\n  api_key: ${key}\n`,
  },
  {
    type: 'yaml',
    place: 'a new `docker-compose.yml`, `environment:`',
    file: 'docker-compose.yml',
    create: (key) => `services:\n  notifier:\n    image: node:20-alpine\n    environment:\n      NODE_ENV: production\n      CLOCKWORK_API_KEY: ${key}\n`,
  },
  {
    type: 'markdown',
    place: 'a Markdown file, a `js` code block with the client call',
    host: (path) => /\.md$/i.test(path),
    plant: (text, key) => `${withNewline(text)}\n## Sending an SMS\n\n\`\`\`js\nconst clockwork = require('clockwork')({ key: '${key}' });\n\`\`\`\n`,
    file: 'README.md',
    create: (key) => `# Notifier\n\n\`\`\`js\nconst clockwork = require('clockwork')({ key: '${key}' });\n\`\`\`\n`,
  },
  {
    type: 'markdown',
    place: 'a Markdown file, a `sh` code block with an `export`',
    host: (path) => /\.md$/i.test(path),
    plant: (text, key) => `${withNewline(text)}\n\`\`\`sh\nexport CLOCKWORK_API_KEY=${key}\n\`\`\`\n`,
    file: 'docs/setup.md',
    create: (key) => `# Setup\n\n\`\`\`sh\nexport CLOCKWORK_API_KEY=${key}\n\`\`\`\n`,
  },
  {
    type: 'markdown',
    place: 'a Markdown file, prose naming the Clockwork key',
    host: (path) => /\.md$/i.test(path),
    plant: (text, key) => `${withNewline(text)}\nFor the staging server, use the Clockwork API key ${key}.\n`,
    file: 'docs/staging.md',
    create: (key) => `# Staging\n\nFor the staging server, use the Clockwork API key ${key}.\n`,
  },
  {
    type: 'shell',
    place: 'a shell script, `export CLOCKWORK_API_KEY=`',
    host: (path) => formatName(path) === 'shell',
    plant: (text, key) => `${withNewline(text)}export CLOCKWORK_API_KEY="${key}"\n`,
    file: 'scripts/start.sh',
    create: (key) => `#!/bin/sh\nset -eu\nexport CLOCKWORK_API_KEY="${key}"\nexec node index.js\n`,
  },
  {
    type: 'shell',
    place: 'a shell script, `curl` to the Clockwork API',
    host: (path) => formatName(path) === 'shell',
    plant: (text, key) => `${withNewline(text)}curl -s "https://api.clockworksms.com/http/send.aspx?key=${key}&to=447700900123&content=Deployed"\n`,
    file: 'scripts/notify.sh',
    create: (key) => `#!/bin/sh\ncurl -s "https://api.clockworksms.com/http/send.aspx?key=${key}&to=447700900123&content=Deployed"\n`,
  },
  {
    type: 'ini',
    place: 'an INI file, a `[clockwork]` section',
    host: (path) => formatName(path) === 'ini',
    plant: (text, key) => `${withNewline(text)}\n[clockwork]\napi_key = ${key}\n`,
    file: 'config/app.ini',
    create: (key) => `[server]\nport = 8080\n\n[clockwork]\napi_key = ${key}\n`,
  },
  {
    type: 'dotenv',
    place: 'a new `.env`',
    file: '.env',
    create: (key) => `NODE_ENV=production\nPORT=3000\nCLOCKWORK_API_KEY=${key}\n`,
  },
  {
    type: 'dockerfile',
    place: 'a new `Dockerfile`, `ENV`',
    file: 'Dockerfile',
    create: (key) => `FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nENV CLOCKWORK_KEY=${key}\nCMD ["node", "index.js"]\n`,
  },
  {
    type: 'toml',
    place: 'a new TOML config, `[clockwork] api_key`',
    file: 'config/production.toml',
    create: (key) => `[server]\nport = 8080\n\n[clockwork]\napi_key = "${key}"\n`,
  },
  {
    type: 'properties',
    place: 'a new `application.properties`, `clockwork.api.key`',
    file: 'src/main/resources/application.properties',
    create: (key) => `spring.application.name=notifier\nserver.port=8080\nclockwork.api.key=${key}\n`,
  },
  {
    type: 'xml',
    place: 'a new `Web.config`, `<add key="ClockworkApiKey" value=…/>`',
    file: 'Web.config',
    create: (key) => `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    <add key="ClockworkApiKey" value="${key}" />\n  </appSettings>\n</configuration>\n`,
  },
  {
    type: 'npmrc',
    place: 'a new `.npmrc`, `clockwork_key=`',
    file: '.npmrc',
    create: (key) => `save-exact=true\nclockwork_key=${key}\n`,
  },
];

const lineOf = (text, value) => text.slice(0, text.indexOf(value)).split('\n').length;

/**
 * A copy of the config and docs corpus `plainDir` with `perShape` keys planted in each of
 * PLANTED_FILE_SHAPES, each in a file of its own, spread evenly over the files that can host it
 * (or the packages' folders). Returns the planted keys with their files, lines and types.
 */
export function plantConfigCorpus(plainDir, plantedDir, perShape = 3) {
  rmSync(plantedDir, { recursive: true, force: true });
  cpSync(plainDir, plantedDir, { recursive: true });
  const files = [...walk(plantedDir)].sort();
  const packageDirs = files.filter((file) => basename(file) === 'package.json').map(dirname);
  const used = new Set();
  const pick = (candidates, index, offset) => {
    const start = Math.floor((index * candidates.length) / perShape) + offset;
    for (let step = 0; step < candidates.length; step++) {
      const candidate = candidates[(start + step) % candidates.length];
      if (!used.has(candidate)) return candidate;
    }
    return undefined;
  };
  const planted = [];
  PLANTED_FILE_SHAPES.forEach((shape, shapeIndex) => {
    const hosts = shape.host ? files.filter((file) => shape.host(file, readFileSync(file, 'utf8'))) : [];
    const newFiles = packageDirs.map((dir) => join(dir, shape.file)).filter((file) => !existsSync(file));
    for (let index = 0; index < perShape; index++) {
      const key = fakeBenchKey(`planted ${shape.type} ${shapeIndex} ${index}`);
      let file = hosts.length > 0 ? pick(hosts, index, shapeIndex) : undefined;
      let text;
      if (file) text = shape.plant(readFileSync(file, 'utf8'), key);
      else {
        file = pick(newFiles, index, shapeIndex);
        if (!file) throw new Error(`No place left to plant a key in ${shape.place}`);
        text = shape.create(key);
        mkdirSync(dirname(file), { recursive: true });
      }
      used.add(file);
      writeFileSync(file, text);
      const type = formatName(file);
      if (type !== shape.type) throw new Error(`${relative(plantedDir, file)} is read as ${type}, not ${shape.type}`);
      planted.push({ file, line: lineOf(text, key), lines: 1, key, type, shape: shapeIndex, created: !shape.host || !hosts.includes(file) });
    }
  });
  return planted;
}
