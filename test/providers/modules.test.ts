/** The generated secrets modules: valid code in every flavour, the SDK calls each provider needs. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleFileName, type ModuleFlavour } from '../../src/providers/flavour.js';
import { renderProviderModule } from '../../src/providers/index.js';
import { DEFAULT_PROVIDER_SETTINGS, namesInModule } from '../../src/providers/secret-module.js';
import { removeDir, tempDir } from '../support/codemod-project.js';

const dir = tempDir('modules');
afterAll(() => removeDir(dir));

const NAMES = ['CLOCKWORK_API_KEY_2', 'CLOCKWORK_API_KEY'];

describe.each(['aws', 'vault', 'conjur'] as const)('%s module', (provider) => {
  it.each(['esm', 'cjs'] as ModuleFlavour[])('is valid JavaScript as %s, and lists its names sorted', (flavour) => {
    const source = renderProviderModule(provider, flavour, NAMES, DEFAULT_PROVIDER_SETTINGS);
    const path = join(dir, `${provider}-${moduleFileName(flavour)}`);
    writeFileSync(path, source);
    expect(() => execFileSync(process.execPath, ['--check', path], { stdio: 'pipe' })).not.toThrow();
    expect(namesInModule(source)).toEqual(['CLOCKWORK_API_KEY', 'CLOCKWORK_API_KEY_2']);
    expect(source).toContain(flavour === 'cjs' ? 'module.exports = { getClockworkSecret, loadClockworkSecrets, clockworkSecret };' : 'export function clockworkSecret(');
  });
});

describe('provider specifics', () => {
  it('aws reads one secret with GetSecretValueCommand, id overridable per environment', () => {
    const source = renderProviderModule('aws', 'ts', NAMES, { ...DEFAULT_PROVIDER_SETTINGS, secretId: 'prod/clockwork' });
    expect(source).toContain("import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';");
    expect(source).toContain('const SECRET_ID = process.env.CLOCKWORK_SECRET_ID || "prod/clockwork";');
    expect(source).toContain('new GetSecretValueCommand({ SecretId: SECRET_ID })');
    // A plain-text secret serves a single name only: never the same value under several names.
    expect(source).toContain('if (SECRET_NAMES.length > 1) throw new Error(`${where} is plain text; store a JSON object with a field per name.`);');
  });

  it('vault reads KV v2 with X-Vault-Token, or through node-vault when the project has it', () => {
    const fetchVersion = renderProviderModule('vault', 'esm', NAMES, { ...DEFAULT_PROVIDER_SETTINGS, vaultMount: 'kv', vaultPath: 'apps/sms' });
    expect(fetchVersion).toContain('const SECRET_PATH = process.env.CLOCKWORK_VAULT_PATH || "kv/data/apps/sms";');
    expect(fetchVersion).toContain("{ 'X-Vault-Token': requiredEnv('VAULT_TOKEN') }");
    expect(fetchVersion).toContain('fetch(`${base}/v1/${SECRET_PATH}`, { headers })');
    const nodeVault = renderProviderModule('vault', 'cjs', NAMES, { ...DEFAULT_PROVIDER_SETTINGS, useNodeVault: true });
    expect(nodeVault).toContain("const nodeVault = require('node-vault');");
    expect(nodeVault).toContain('await vault.read(SECRET_PATH)');
    expect(nodeVault).not.toContain('fetch(');
  });

  it('conjur authenticates for a base64 token, renews it before 8 minutes, and retries once on 401 with a renewed token', () => {
    const source = renderProviderModule('conjur', 'esm', NAMES, DEFAULT_PROVIDER_SETTINGS);
    expect(source).toContain('/authn/${account}/${user}/authenticate');
    expect(source).toContain("'Accept-Encoding': 'base64'");
    expect(source).toContain('const TOKEN_RENEW_MS = 7 * 60 * 1000;');
    expect(source).toContain('`Token token="${encoded}"`');
    expect(source).toContain('/secrets/${account}/variable/${encodeURIComponent(VARIABLE_PREFIX + name)}');
    expect(source).toContain('if (response.status === 401) response = await fetch(url, { headers: { Authorization: await authorization(header) } });');
  });
});
