/** Temporary projects for codemod tests, under test/.tmp (inside the repo, so packages resolve). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeKey, fakeSha, fakeToken } from './fake-keys.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TMP = join(REPO, 'test', '.tmp');

/** The fake values fixture templates name as {{KEY_A}} and so on. */
export const FIXTURE_VALUES: Record<string, string> = {
  KEY_A: fakeKey('codemod fixture A'),
  KEY_B: fakeKey('codemod fixture B'),
  KEY_C: fakeKey('codemod fixture C'),
  TOKEN: fakeToken('codemod fixture token'),
  SHA: fakeSha('codemod fixture'),
};

/** A fixture template with its {{NAME}} placeholders filled in. */
export function render(template: string, values: Record<string, string> = FIXTURE_VALUES): string {
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => values[name] ?? match);
}

/** The reverse: generated values back to their placeholders, to store outputs as templates. */
export function templatize(text: string, values: Record<string, string> = FIXTURE_VALUES): string {
  let out = text;
  for (const [name, value] of Object.entries(values)) out = out.split(value).join(`{{${name}}}`);
  return out;
}

export function tempDir(label: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, `${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}
