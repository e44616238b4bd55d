/**
 * The package a file belongs to: where its `.env` and generated secrets module live, and what its
 * package.json says (module type, dependencies). Each package of a monorepo gets its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { secretsModuleDir } from '../eslint/secrets-module-location.js';
import type { EnvFiles } from './side-files.js';

export interface Project {
  root: string;
  files: EnvFiles;
  moduleDir: string;
  packageType: 'module' | 'commonjs';
  dependencies: ReadonlySet<string>;
}

export interface ProjectOverrides {
  envFile?: string | undefined;
  moduleDir?: string | undefined;
}

const cache = new Map<string, Project>();

export function projectOf(file: string, overrides: ProjectOverrides = {}): Project {
  const root = packageRoot(dirname(resolve(file)));
  const key = `${root}\0${overrides.envFile ?? ''}\0${overrides.moduleDir ?? ''}`;
  let project = cache.get(key);
  if (!project) {
    const manifest = readManifest(root);
    const env = overrides.envFile ? resolve(overrides.envFile) : join(root, '.env');
    project = {
      root,
      files: { env, example: `${env}.example` },
      moduleDir: overrides.moduleDir ? resolve(overrides.moduleDir) : secretsModuleDir(root),
      packageType: manifest.type === 'module' ? 'module' : 'commonjs',
      dependencies: new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]),
    };
    cache.set(key, project);
  }
  return project;
}

function packageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

interface Manifest {
  type?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readManifest(root: string): Manifest {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return {};
  }
}

/** The import specifier of `target` from `file`: relative, POSIX separators, `./` in front. */
export function relativeSpecifier(file: string, target: string): string {
  const path = relative(dirname(resolve(file)), target).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
