/**
 * The entry for plain jscodeshift: `npx jscodeshift -t …/dist/codemods/jscodeshift.cjs …`.
 *
 * jscodeshift loads a transform with require(), through Babel unless given --no-babel, and Babel
 * would rewrite an ES module (and any import() in it) into CommonJS that Node then refuses. This
 * CommonJS file loads the ES module implementation with a native import() that Babel cannot see.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import path = require('node:path');
import url = require('node:url');

type Transform = (file: FileInfo, api: API, options: Options) => Promise<string | undefined>;

// Built at run time so that no compiler, Babel or TypeScript, turns it into require().
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: Transform }>;

async function transform(file: FileInfo, api: API, options: Options): Promise<string | undefined> {
  const implementation = await nativeImport(url.pathToFileURL(path.join(__dirname, 'clockwork-secrets.js')).href);
  return implementation.default(file, api, options);
}

export = transform;
