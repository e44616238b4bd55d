/** no-hardcoded-key on JSON, JSONC and JSON5, through @eslint/json's languages as configs.json sets them up. */
import json from '@eslint/json';
import { describe, expect, it } from 'vitest';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';
import { held, noHardcodedKey, report, RuleTester } from '../support/config-file-cases.js';

const K = Array.from({ length: 4 }, (_, index) => fakeKey(`json rule test ${index}`));
const T = fakeToken('json rule test');
const SHA = fakeSha('json rule test');
const SHA2 = fakeSha('json rule test 2');

const jsonc = new RuleTester({ plugins: { json }, language: 'json/jsonc', languageOptions: { allowTrailingCommas: true } });
const json5 = new RuleTester({ plugins: { json }, language: 'json/json5' });

const defaultJson = `{
  "port": 8080,
  "clockwork": {
    "apiKey": "${K[0]}",
    "from": "MyShop"
  }
}
`;
const production = `{
  "production": { "clockwork": { "apiKey": "${K[0]}" } },
  "staging": { "clockwork": { "apiKey": "${K[1]}" } }
}
`;
const vscode = `// Workspace settings
{
  "editor.formatOnSave": true,
  /* the SMS extension */
  "clockwork.apiKey": "${K[0]}",
}
`;
const providerSibling = `{ "sms": { "provider": "clockwork", "apiKey": "${K[0]}", "from": "MyShop" } }\n`;
const payload = `{
  "url": "https://api.clockworksms.com/http/send.aspx",
  "form": { "key": "${K[0]}", "to": "447700900123", "content": "Your code is 1234" }
}
`;
const taskDefinition = `{
  "family": "notifier",
  "containerDefinitions": [
    {
      "name": "app",
      "environment": [
        { "name": "NODE_ENV", "value": "production" },
        { "name": "CLOCKWORK_API_KEY", "value": "${K[0]}" }
      ]
    }
  ]
}
`;
const escapedUrl = `{ "smsEndpoint": "https:\\/\\/api.clockworksms.com\\/http\\/send.aspx?key=${K[0]}&to=447700900123" }\n`;
const vercel = `{ "env": { "CLOCKWORK_API_KEY": "${K[0]}", "NODE_ENV": "production" } }\n`;
const keyList = `{ "clockworkKeys": ["${K[0]}", "${K[1]}"] }\n`;
const successor = `{ "textanywhere": { "token": "${T}", "userKey": "12345" } }\n`;
const commentedOut = `{
  // Old clockwork key, rotated: ${K[2]}
  "sms": { "enabled": true }
}
`;
const commentBlock = `{
  "sms": {
    // "clockwork": {
    //   "key": "${K[3]}"
    // }
  }
}
`;
const extraName = `{ "smsGateway": { "key": "${K[0]}" } }\n`;

describe('JSON and JSONC', () => {
  jsonc.run('no-hardcoded-key', noHardcodedKey, {
    valid: [
      { name: 'a read from the environment is no key', code: `{ "clockwork": { "apiKey": "\${CLOCKWORK_API_KEY}" } }`, filename: 'config/default.json' },
      { name: 'a placeholder', code: `{ "clockwork": { "apiKey": "your-clockwork-api-key-goes-here-0000000" } }`, filename: 'config/default.json' },
      { name: 'a repeating pattern', code: `{ "clockwork": { "apiKey": "${'a1'.repeat(20)}" } }`, filename: 'config/default.json' },
      { name: 'a hash word in the path, even under clockwork', code: `{ "clockwork": { "commit": "${SHA}", "build": { "sha": "${SHA2}" } } }`, filename: 'deploy.json' },
      {
        name: 'package.json: a git-SHA version, gitHead and shasum of the clockwork package itself',
        code: `{\n  "name": "clockwork",\n  "version": "${SHA}",\n  "gitHead": "${SHA2}",\n  "_shasum": "${SHA}",\n  "_resolved": "git+https://github.com/mediaburst/clockwork-node.git#${SHA2}"\n}\n`,
        filename: 'node_modules/clockwork/package.json',
      },
      {
        name: 'a git dependency pinned by SHA',
        code: `{ "name": "app", "dependencies": { "clockwork": "github:mediaburst/clockwork-node#${SHA}" } }`,
        filename: 'package.json',
      },
      {
        name: 'package-lock.json: integrity, resolved and git-SHA versions (and the file is a lockfile)',
        code: `{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/clockwork": {\n      "version": "git+ssh://git@github.com/mediaburst/clockwork-node.git#${SHA}",\n      "resolved": "git+ssh://git@github.com/mediaburst/clockwork-node.git#${SHA}",\n      "integrity": "sha512-${'Zm9v'.repeat(22)}=="\n    }\n  }\n}\n`,
        filename: 'package-lock.json',
      },
      {
        name: 'a lockfile is never judged, whatever it holds',
        code: `{ "clockwork": { "apiKey": "${K[0]}" } }`,
        filename: 'npm-shrinkwrap.json',
      },
      { name: 'a credential with no Clockwork context', code: `{ "analytics": { "apiKey": "${K[0]}" }, "description": "Sends SMS through Clockwork" }`, filename: 'config/default.json' },
      { name: 'a successor-shaped value needs a credential name', code: `{ "clockwork": { "from": "${T}" } }`, filename: 'config/default.json' },
      {
        name: 'a name/value pair whose name says hash, or nothing',
        code: `{ "environment": [{ "name": "CLOCKWORK_RELEASE_SHA", "value": "${SHA}" }, { "name": "BUILD", "value": "${SHA2}" }, { "name": "SMS", "value": "clockwork" }] }`,
        filename: 'task-definition.json',
      },
      {
        name: 'tsconfig.json with comments and trailing commas parses, and holds no key',
        code: `{\n  // clockwork notifier\n  "compilerOptions": { "strict": true, },\n}\n`,
        filename: 'tsconfig.json',
      },
      { name: 'a file that never mentions Clockwork', code: `{ "apiKey": "${K[0]}" }`, filename: 'config/default.json' },
      { name: 'an allowed value', code: `{ "clockwork": { "apiKey": "${K[0]}" } }`, filename: 'config/test.json', options: [{ allowedValues: [K[0]!.toUpperCase()] }] },
      { name: 'a hash in a comment', code: `{\n  // clockwork release, commit ${SHA}\n  "a": 1\n}`, filename: 'settings.json' },
    ],
    invalid: [
      {
        name: 'config/default.json',
        code: defaultJson,
        filename: 'config/default.json',
        output: null,
        errors: [report(defaultJson, { at: `"${K[0]}"`, value: K[0], reason: held('clockwork.apiKey') })],
      },
      {
        name: 'environment sections: one report per key, each with its path',
        code: production,
        filename: 'config/custom-environment.json',
        output: null,
        errors: [
          report(production, { at: `"${K[0]}"`, value: K[0], reason: held('production.clockwork.apiKey') }),
          report(production, { at: `"${K[1]}"`, value: K[1], reason: held('staging.clockwork.apiKey') }),
        ],
      },
      {
        name: '.vscode/settings.json: JSONC, a dotted key, a trailing comma',
        code: vscode,
        filename: '.vscode/settings.json',
        output: null,
        errors: [report(vscode, { at: `"${K[0]}"`, value: K[0], reason: held('clockwork.apiKey') })],
      },
      {
        name: 'beside provider: clockwork',
        code: providerSibling,
        filename: 'config/sms.json',
        output: null,
        errors: [report(providerSibling, { at: `"${K[0]}"`, value: K[0], reason: 'in a Clockwork config object' })],
      },
      {
        name: "the HTTP API's payload (key, to, content)",
        code: payload,
        filename: 'fixtures/clockwork-request.json',
        output: null,
        errors: [report(payload, { at: `"${K[0]}"`, value: K[0], reason: 'in a Clockwork API payload' })],
      },
      {
        name: 'an ECS task definition: a name/value pair',
        code: taskDefinition,
        filename: 'task-definition.json',
        output: null,
        errors: [report(taskDefinition, { at: `"${K[0]}"`, value: K[0], reason: held('containerDefinitions.environment.CLOCKWORK_API_KEY') })],
      },
      {
        name: 'a Clockwork URL with escaped slashes: the report covers the key alone',
        code: escapedUrl,
        filename: 'config/default.json',
        output: null,
        errors: [report(escapedUrl, { at: K[0]!, reason: 'in a Clockwork API URL' })],
      },
      {
        name: 'an env map (vercel.json)',
        code: vercel,
        filename: 'vercel.json',
        output: null,
        errors: [report(vercel, { at: `"${K[0]}"`, value: K[0], reason: held('env.CLOCKWORK_API_KEY') })],
      },
      {
        name: 'a list of keys under a Clockwork name',
        code: keyList,
        filename: 'keys.json',
        output: null,
        errors: [
          report(keyList, { at: `"${K[0]}"`, value: K[0], reason: held('clockworkKeys') }),
          report(keyList, { at: `"${K[1]}"`, value: K[1], reason: held('clockworkKeys') }),
        ],
      },
      {
        name: 'a successor access token',
        code: successor,
        filename: 'config/default.json',
        output: null,
        errors: [report(successor, { at: `"${T}"`, value: T, reason: held('textanywhere.token'), kind: 'access token' })],
      },
      {
        name: 'a key in a comment: the suggestion redacts it',
        code: commentedOut,
        filename: 'config/default.jsonc',
        output: null,
        errors: [report(commentedOut, { at: K[2]!, reason: 'in a comment that names Clockwork', redact: true })],
      },
      {
        name: 'a commented-out block is judged as one comment',
        code: commentBlock,
        filename: 'config/default.json',
        output: null,
        errors: [report(commentBlock, { at: K[3]!, reason: 'in a comment that names Clockwork', redact: true })],
      },
      {
        name: 'extraNames',
        code: extraName,
        filename: 'config/default.json',
        options: [{ extraNames: ['smsGateway'] }],
        output: null,
        errors: [report(extraName, { at: `"${K[0]}"`, value: K[0], reason: held('smsGateway.key') })],
      },
    ],
  });
});

const json5Config = `{
  // JSON5: unquoted keys, single quotes, trailing commas
  clockwork: { apiKey: '${K[0]}', },
  build: { commit: '${SHA}' },
}
`;

describe('JSON5', () => {
  json5.run('no-hardcoded-key', noHardcodedKey, {
    valid: [{ name: 'a hash under clockwork', code: `{ clockwork: { sha: '${SHA}' } }`, filename: 'config/default.json5' }],
    invalid: [
      {
        name: 'unquoted keys and single quotes',
        code: json5Config,
        filename: 'config/default.json5',
        output: null,
        errors: [report(json5Config, { at: `'${K[0]}'`, value: K[0], reason: held('clockwork.apiKey') })],
      },
    ],
  });
});

describe('strict JSON', () => {
  it('reports the same as JSONC', async () => {
    const { Linter } = await import('eslint');
    const messages = new Linter().verify(
      defaultJson,
      [{ files: ['**/*.json'], plugins: { json, 'clockwork-secrets': { rules: { 'no-hardcoded-key': noHardcodedKey } } }, language: 'json/json', rules: { 'clockwork-secrets/no-hardcoded-key': 'error' } }],
      'config/default.json',
    );
    expect(messages.map(({ line, column, messageId }) => ({ line, column, messageId }))).toEqual([{ line: 4, column: 15, messageId: 'hardcodedKey' }]);
  });
});
