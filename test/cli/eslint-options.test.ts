/** One configuration for lint and CLI: the options of no-hardcoded-key in eslint.config.js reach scan, fix and inventory. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfigOptions, withConfigOptions } from '../../src/cli/eslint-options.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { REPO, removeDir, tempDir, writeFiles } from '../support/codemod-project.js';
import { fakeKey } from '../support/fake-keys.js';

const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const PLUGIN = pathToFileURL(join(REPO, 'dist', 'src', 'index.js')).href;
const TEST_KEY = fakeKey('published test key');
const GATEWAY_KEY = fakeKey('in-house gateway');
const PLAIN_KEY = fakeKey('plain clockwork key');

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** A project whose only configuration of the rule is its eslint.config.js. */
function configuredProject(config: string): string {
  const dir = tempDir('eslint-options');
  dirs.push(dir);
  writeFiles(dir, {
    'package.json': '{ "name": "configured", "private": true, "type": "module" }',
    'eslint.config.js': config,
    'src/app.js': [
      `export const CLOCKWORK_API_KEY = '${TEST_KEY}';`,
      `export const settings = { smsGateway: { apiKey: '${GATEWAY_KEY}' } };`,
      `export const CLOCKWORK_KEY = '${PLAIN_KEY}';`,
      '',
    ].join('\n'),
  });
  return dir;
}

const CONFIG = `import clockwork from '${PLUGIN}';
export default [
  clockwork.configs.recommended,
  { rules: { 'clockwork-secrets/no-hardcoded-key': ['error', { allowedValues: ['${TEST_KEY}'], extraNames: ['smsGateway'] }] } },
];
`;

/** The built CLI, run concurrently with the other cases (each run loads ESLint: about a second). */
function run(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      expect(findKeyTokens(stdout + stderr)).toEqual([]);
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe.concurrent('options from the ESLint config', () => {
  it('lint and scan report the same keys when the options live only in eslint.config.js', async () => {
    const dir = configuredProject(CONFIG);
    const [lint] = await new ESLint({ cwd: dir }).lintFiles(['src/app.js']);
    const linted = lint!.messages.filter((message) => message.ruleId === 'clockwork-secrets/no-hardcoded-key').map((message) => message.line);
    const scanned = await run(['scan', 'src', '--json'], dir);
    expect(scanned.status).toBe(1);
    const found = (JSON.parse(scanned.stdout) as { findings: Array<{ line: number; masked: string }> }).findings;
    // allowedValues hides the test key (line 1) in both; extraNames makes smsGateway.apiKey (line 2) a key in both.
    expect(linted).toEqual([2, 3]);
    expect(found.map((finding) => finding.line)).toEqual(linted);
    expect(found.map((finding) => finding.masked)).toEqual([`${GATEWAY_KEY.slice(0, 4)}… (40 chars)`, `${PLAIN_KEY.slice(0, 4)}… (40 chars)`]);
    expect(scanned.stderr).toBe('');
  });

  it('reads the options with ESLint, and flags override them one by one', async () => {
    const dir = configuredProject(CONFIG);
    const configured = await readConfigOptions(dir);
    expect(configured).toEqual({ extraNames: ['smsGateway'], allowedValues: [TEST_KEY], clientModules: [], configFile: join(dir, 'eslint.config.js'), warning: undefined });
    expect(withConfigOptions({ 'extra-names': 'paymentsGateway' }, configured)).toEqual({
      'extra-names': 'paymentsGateway',
      'allowed-values': TEST_KEY,
      'client-modules': undefined,
    });
    // An empty flag clears the configured list: the test key is a finding again.
    const scanned = await run(['scan', 'src', '--json', '--allowed-values', ''], dir);
    expect((JSON.parse(scanned.stdout) as { findings: Array<{ line: number }> }).findings.map((finding) => finding.line)).toEqual([1, 2, 3]);
  });

  it('uses the defaults, silently, where there is no ESLint config', async () => {
    // Outside the repository, so no eslint.config.js above it is found.
    const dir = mkdtempSync(join(tmpdir(), 'clockwork-no-config-'));
    try {
      expect(await readConfigOptions(dir)).toEqual({ extraNames: [], allowedValues: [], clientModules: [], configFile: undefined, warning: undefined });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns, naming the config file, and uses the defaults when the config throws', async () => {
    const dir = configuredProject(`throw new Error('config exploded near ${PLAIN_KEY}');\n`);
    const scanned = await run(['scan', 'src', '--json'], dir);
    expect(scanned.stderr).toContain(`warning: could not read clockwork-secrets/no-hardcoded-key options from ${join(dir, 'eslint.config.js')}`);
    expect(scanned.stderr).toContain('using the defaults');
    // Defaults: the test key is a finding, smsGateway is nobody's name.
    expect((JSON.parse(scanned.stdout) as { findings: Array<{ line: number }> }).findings.map((finding) => finding.line)).toEqual([1, 3]);
  });

  it('a config that does not configure the rule leaves the defaults', async () => {
    const dir = configuredProject('export default [];\n');
    writeFileSync(join(dir, 'eslint.config.js'), 'export default [{ rules: {} }];\n');
    expect(await readConfigOptions(dir)).toMatchObject({ extraNames: [], allowedValues: [], clientModules: [], warning: undefined });
  });
});
