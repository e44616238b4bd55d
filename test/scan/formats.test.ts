/**
 * `scanContent` on one realistic file per format, in process: every key where a person puts it,
 * and the look-alikes (SHAs, checksums, digests) of the same format beside it.
 */
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../src/scan/content.js';
import { FORMATS, formatOf } from '../../src/scan/formats/index.js';
import type { DetectorOptions } from '../../src/eslint/key-detector.js';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';

const KEY = fakeKey('scan formats');
const OTHER = fakeKey('scan formats other');
const THIRD = fakeKey('scan formats third');
const FOURTH = fakeKey('scan formats fourth');
const TOKEN = fakeToken('scan formats');
const SHA = fakeSha('scan formats');

function scanned(path: string, text: string, options: DetectorOptions = {}) {
  const result = scanContent(path, Buffer.from(text), options);
  if (result?.kind !== 'scanned') throw new Error(`${path} was not scanned: ${JSON.stringify(result)}`);
  return result;
}

/** What each finding says, with the key named by the constant that holds it. */
function keysIn(path: string, text: string, options: DetectorOptions = {}) {
  const names = new Map([[KEY, 'KEY'], [OTHER, 'OTHER'], [THIRD, 'THIRD'], [FOURTH, 'FOURTH'], [TOKEN, 'TOKEN'], [SHA, 'SHA']]);
  return scanned(path, text, options).findings.map(({ line, column, value, reason }) => ({ line, column, key: names.get(value) ?? value, reason }));
}

describe('.env files', () => {
  it('a .env committed by mistake: the Clockwork name holds a key, the commit SHAs do not', () => {
    const text = `# Local development settings\nPORT=3000\nCLOCKWORK_API_KEY=${KEY}\nGIT_COMMIT_SHA=${SHA}\nexport DEPLOY_SHA="${SHA}"\n`;
    expect(keysIn('.env', text)).toEqual([{ line: 3, column: 19, key: 'KEY', reason: 'held by "CLOCKWORK_API_KEY"' }]);
  });

  it('.env.production with a public name: reported, saying the value ships to browsers; the file names the environment', () => {
    const result = scanned('app/.env.production', `NEXT_PUBLIC_CLOCKWORK_KEY=${KEY}\n`);
    expect(result.format).toBe('dotenv');
    expect(result.findings).toMatchObject([
      {
        line: 1,
        column: 27,
        reason: 'held by "NEXT_PUBLIC_CLOCKWORK_KEY"; its NEXT_PUBLIC_ name ships the value to browsers (bundlers inline it into client code)',
        holder: { path: ['NEXT_PUBLIC_CLOCKWORK_KEY'], environment: ['production'], file: 'app/.env.production', reason: 'holder' },
      },
    ]);
  });

  it('a generic credential beside a provider that names Clockwork, under the same prefix; a token under another prefix stays', () => {
    const text = `SMS_PROVIDER=clockwork\nSMS_API_KEY="${KEY}"\nGITHUB_TOKEN=${SHA}\n`;
    expect(keysIn('.env', text)).toEqual([{ line: 2, column: 14, key: 'KEY', reason: 'held by "SMS_API_KEY", beside "SMS_PROVIDER" = clockwork' }]);
  });

  it("values as dotenv reads them: quoted over lines, CRLF, `NAME: value`; comments judged as blocks", () => {
    const text = `CLOCKWORK_NOTE="rotated\nin March"\r\nCLOCKWORK_KEY: ${OTHER}\r\n# The old clockwork key:\r\n# ${THIRD}\r\nCLOCKWORK_TOKEN='${TOKEN}' # from the dashboard\r\n`;
    expect(keysIn('config/.env.local', text)).toEqual([
      { line: 3, column: 16, key: 'OTHER', reason: 'held by "CLOCKWORK_KEY"' },
      { line: 5, column: 3, key: 'THIRD', reason: 'in a comment that names Clockwork' },
      { line: 6, column: 18, key: 'TOKEN', reason: 'held by "CLOCKWORK_TOKEN"' },
    ]);
  });

  it('options apply: extra names count as Clockwork, allowed values are passed over', () => {
    const text = `SMS_GATEWAY_KEY=${KEY}\nCLOCKWORK_API_KEY=${OTHER}\n`;
    expect(keysIn('.env', text, { extraNames: ['smsGateway'], allowedValues: [OTHER] })).toEqual([{ line: 1, column: 17, key: 'KEY', reason: 'held by "SMS_GATEWAY_KEY"' }]);
  });
});

describe('TOML, INI, .properties and .npmrc', () => {
  it('config.toml: section headers and inline tables give the path; hash names never hold a key', () => {
    const text = [
      'title = "notifier"',
      '',
      '[clockwork]',
      `api_key = "${KEY}" # rotated in 2024`,
      '',
      '[production.clockwork]',
      `api_key = '${OTHER}'`,
      '',
      '[build]',
      `commit = "${SHA}"`,
      '',
      '[dependencies]',
      `clockwork = { version = "1.0", rev = "${SHA}" }`,
      `sms = { provider = "clockwork", key = "${TOKEN}" }`,
      `mirrors = ["${SHA}", """`,
      `${SHA}"""]`,
      '',
    ].join('\n');
    const result = scanned('config.toml', text);
    expect(result.findings.map(({ line, column, holder }) => ({ line, column, path: holder.path, environment: holder.environment }))).toEqual([
      { line: 4, column: 12, path: ['clockwork', 'api_key'], environment: [] },
      { line: 7, column: 12, path: ['production', 'clockwork', 'api_key'], environment: ['production'] },
      { line: 14, column: 40, path: ['dependencies', 'sms', 'key'], environment: [] },
    ]);
    expect(keysIn('config.toml', text).map(({ key, reason }) => [key, reason])).toEqual([
      ['KEY', 'held by "clockwork.api_key"'],
      ['OTHER', 'held by "production.clockwork.api_key"'],
      ['TOKEN', 'held by "dependencies.sms.key", beside "provider" = clockwork'],
    ]);
  });

  it('app.ini: `key = value` and `key: value` under [clockwork]; [git] sha stays', () => {
    const text = `; Application settings\n[clockwork]\nkey = ${KEY}\ntoken: "${TOKEN}" ; from the dashboard\n\n[git]\nsha = ${SHA}\n[remote "origin"]\nurl = https://example.com/clockwork.git\n`;
    expect(keysIn('app.ini', text)).toEqual([
      { line: 3, column: 7, key: 'KEY', reason: 'held by "clockwork.key"' },
      { line: 4, column: 9, key: 'TOKEN', reason: 'held by "clockwork.token"' },
    ]);
  });

  it('application.properties: the dotted name is the path; `checksum=<sha>` stays', () => {
    const text = `# Spring Boot settings\nspring.application.name=notifier\nclockwork.api.key=${KEY}\nclockwork.release.checksum=${SHA}\nchecksum=${SHA}\nclockwork.token : ${TOKEN}\nclockwork.fallback.key=\\\n    "${OTHER}"\n`;
    expect(keysIn('src/main/resources/application.properties', text)).toEqual([
      { line: 3, column: 19, key: 'KEY', reason: 'held by "clockwork.api.key"' },
      { line: 6, column: 19, key: 'TOKEN', reason: 'held by "clockwork.token"' },
      // Continued on the next line, and quoted (the quotes are part of a .properties value, but wrap the key).
      { line: 8, column: 6, key: 'OTHER', reason: 'held by "clockwork.fallback.key"' },
    ]);
  });

  it('.npmrc: a clockwork entry; a registry auth token is not Clockwork\'s', () => {
    const text = `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${TOKEN}\nclockwork_key=${KEY}\n`;
    expect(keysIn('.npmrc', text)).toEqual([{ line: 3, column: 15, key: 'KEY', reason: 'held by "clockwork_key"' }]);
  });
});

describe('XML', () => {
  it('settings.xml: element names in any layout, attributes; <commit> and sha1="…" stay', () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<settings>',
      '  <profiles>',
      '    <profile>',
      '      <properties>',
      `        <clockwork.api.key>${KEY}</clockwork.api.key>`,
      `        <commit>${SHA}</commit>`,
      '      </properties>',
      '    </profile>',
      '  </profiles>',
      '  <clockworkToken>',
      `    ${TOKEN}`,
      '  </clockworkToken>',
      `  <clockwork apiKey="${OTHER}" sha1="${SHA}"/>`,
      '</settings>',
      '',
    ].join('\n');
    expect(keysIn('settings.xml', text)).toEqual([
      { line: 6, column: 28, key: 'KEY', reason: 'held by "settings.profiles.profile.properties.clockwork.api.key"' },
      { line: 12, column: 5, key: 'TOKEN', reason: 'held by "settings.clockworkToken"' },
      { line: 14, column: 22, key: 'OTHER', reason: 'held by "settings.clockwork.apiKey"' },
    ]);
  });

  it('web.config and Info.plist: a naming attribute or a plist <key> names the value beside it', () => {
    const config = `<configuration><appSettings>\n  <add key="ClockworkApiKey" value="${KEY}" />\n  <add key="BuildSha" value="${SHA}" />\n</appSettings></configuration>\n`;
    expect(keysIn('web.config', config)).toEqual([{ line: 2, column: 37, key: 'KEY', reason: 'held by "configuration.appSettings.ClockworkApiKey"' }]);
    const plist = `<plist><dict>\n<key>ClockworkApiKey</key>\n<string>${KEY}</string>\n<key>GitCommit</key>\n<string>${SHA}</string>\n</dict></plist>\n`;
    expect(keysIn('ios/Info.plist', plist)).toEqual([{ line: 3, column: 9, key: 'KEY', reason: 'held by "plist.dict.ClockworkApiKey"' }]);
  });

  it("the XML API's payload: <Key> on its own lines; a key-named element elsewhere needs a document that names Clockwork", () => {
    const payload = `<Message>\n  <Key>\n    ${KEY}\n  </Key>\n  <SMS><To>447700900123</To><Content>Hello</Content></SMS>\n</Message>\n`;
    expect(keysIn('payload.xml', payload)).toEqual([{ line: 3, column: 5, key: 'KEY', reason: 'in a Clockwork XML payload' }]);
    const build = `<build>\n  <commit>${SHA}</commit>\n  <apiKey>${OTHER}</apiKey>\n  <!-- ${SHA} -->\n</build>\n`;
    expect(keysIn('build.xml', build)).toEqual([]);
  });
});

describe('Markdown', () => {
  it('README.md: prose that names Clockwork, and each block through its own format; commits and unknown SHAs stay', () => {
    const text = [
      '# Notifier',
      '',
      `Sends SMS through Clockwork. Our Clockwork key is ${KEY} for now.`,
      '',
      `Clockwork 2.0 shipped in commit ${SHA}.`,
      '',
      '```sh',
      `export CLOCKWORK_API_KEY=${OTHER}`,
      `git checkout ${SHA}`,
      '```',
      '',
      '1. Create the client:',
      '',
      '   ```js',
      `   const clockwork = require('clockwork')({ key: '${THIRD}' });`,
      '   ```',
      '',
      '```yaml',
      'environment:',
      `  CLOCKWORK_API_KEY: ${FOURTH}`,
      '```',
      '',
      '```js',
      `const clockwork = require('clockwork')({ key: '${TOKEN}', ... });`,
      '```',
      '',
    ].join('\n');
    expect(keysIn('README.md', text)).toEqual([
      { line: 3, column: 51, key: 'KEY', reason: 'in text that names Clockwork' },
      { line: 8, column: 26, key: 'OTHER', reason: 'held by "CLOCKWORK_API_KEY"' },
      // The rule reports a string at its literal, quote included, as in any .js file.
      { line: 15, column: 50, key: 'THIRD', reason: 'passed to a Clockwork client' },
      { line: 20, column: 22, key: 'FOURTH', reason: 'held by "environment.CLOCKWORK_API_KEY"' },
      // A snippet that does not parse (`...`) is read as prose: it names Clockwork, and the token is labelled a key.
      { line: 24, column: 48, key: 'TOKEN', reason: 'in text that names Clockwork' },
    ]);
  });

  it('front matter is YAML; a block in an unknown language is prose', () => {
    const text = `---\nclockwork_api_key: ${KEY}\n---\n\n\`\`\`text\nclockwork key ${OTHER}\n\`\`\`\n`;
    expect(keysIn('docs/setup.md', text)).toEqual([
      { line: 2, column: 20, key: 'KEY', reason: 'held by "clockwork_api_key"' },
      { line: 6, column: 15, key: 'OTHER', reason: 'in text that names Clockwork' },
    ]);
  });
});

describe('shell scripts and Dockerfiles', () => {
  it('deploy.sh: export, a curl URL, a ${VAR:-default}, a here-document; git SHAs stay', () => {
    const text = [
      '#!/bin/sh',
      '# Deploys the notifier.',
      'set -eu',
      `export CLOCKWORK_API_KEY=${KEY}`,
      `git checkout ${SHA}`,
      `curl -s "https://api.clockworksms.com/http/send.aspx?key=${OTHER}&to=447700900123&content=Deployed"`,
      `node notify.js --key="\${CLOCKWORK_KEY:-${THIRD}}"`,
      'cat > .env.ci <<EOF',
      `CLOCKWORK_API_KEY=${FOURTH}`,
      'EOF',
      '',
    ].join('\n');
    expect(keysIn('scripts/deploy.sh', text)).toEqual([
      { line: 4, column: 26, key: 'KEY', reason: 'held by "CLOCKWORK_API_KEY"' },
      { line: 6, column: 58, key: 'OTHER', reason: 'in a Clockwork API URL' },
      { line: 7, column: 40, key: 'THIRD', reason: 'held by "CLOCKWORK_KEY"' },
      { line: 9, column: 19, key: 'FOURTH', reason: 'held by "CLOCKWORK_API_KEY"' },
    ]);
  });

  it('a file with a shell shebang and no extension is a shell script; without one, no format claims it', () => {
    expect(keysIn('bin/notify', `#!/usr/bin/env bash\nCLOCKWORK_KEY=${KEY} exec node notify.js\n`)).toEqual([{ line: 2, column: 15, key: 'KEY', reason: 'held by "CLOCKWORK_KEY"' }]);
    expect(scanContent('bin/notes', Buffer.from(`CLOCKWORK_KEY=${KEY}\n`), {})).toBeUndefined();
  });

  it('Dockerfile: ENV in both forms, RUN as shell; FROM …@sha256 digests, ARG and LABEL SHAs stay', () => {
    const text = [
      `FROM node:20-alpine@sha256:${SHA}${SHA.slice(0, 24)}`,
      `ARG GIT_SHA=${SHA}`,
      'ENV NODE_ENV=production \\',
      `    CLOCKWORK_API_KEY=${KEY}`,
      `ENV CLOCKWORK_TOKEN ${TOKEN}`,
      `LABEL org.opencontainers.image.revision=${SHA}`,
      `RUN curl -fsS -d key=${OTHER} https://api.clockworksms.com/http/balance`,
      '',
    ].join('\n');
    expect(keysIn('Dockerfile', text)).toEqual([
      { line: 4, column: 23, key: 'KEY', reason: 'held by "CLOCKWORK_API_KEY"' },
      { line: 5, column: 21, key: 'TOKEN', reason: 'held by "CLOCKWORK_TOKEN"' },
      { line: 7, column: 22, key: 'OTHER', reason: 'in a Clockwork API payload' },
    ]);
    expect(formatOf('deploy/api.dockerfile')?.name).toBe('dockerfile');
    expect(formatOf('Containerfile')?.name).toBe('dockerfile');
  });
});

describe('JSON and YAML, through the rule\'s own parsers and judge', () => {
  it('an env block in vercel.json and a compose environment are found; an action pinned to a SHA is not', () => {
    // At the string, quotes included, as the rule reports a literal.
    expect(keysIn('vercel.json', `{\n  "env": {\n    "CLOCKWORK_API_KEY": "${KEY}"\n  }\n}\n`)).toEqual([{ line: 3, column: 26, key: 'KEY', reason: 'held by "env.CLOCKWORK_API_KEY"' }]);
    const compose = `services:\n  api:\n    environment:\n      - CLOCKWORK_API_KEY=${KEY}\n      CLOCKWORK_TOKEN: ${TOKEN}\n`;
    expect(keysIn('docker-compose.yml', compose).map(({ line, key }) => [line, key])).toEqual([[4, 'KEY'], [5, 'TOKEN']]);
    const workflow = `jobs:\n  build:\n    steps:\n      - uses: actions/checkout@${SHA}\n        name: checkout before the clockwork tests\n`;
    expect(keysIn('.github/workflows/ci.yml', workflow)).toEqual([]);
  });

  it('a nested path and a Kubernetes name/value pair are judged as the rule judges them', () => {
    expect(keysIn('config/default.json', `{\n  "clockwork": {\n    "apiKey": "${KEY}"\n  }\n}\n`)).toEqual([
      { line: 3, column: 15, key: 'KEY', reason: 'held by "clockwork.apiKey"' },
    ]);
    const manifest = `spec:\n  containers:\n    - name: notifier\n      env:\n        - name: CLOCKWORK_API_KEY\n          value: "${KEY}"\n        - name: BUILD_SHA\n          value: "${SHA}"\n`;
    expect(keysIn('k8s/deployment.yaml', manifest).map(({ line, key }) => [line, key])).toEqual([[6, 'KEY']]);
  });
});

describe('what scanContent passes over', () => {
  it('lockfiles by name, binary files by their bytes', () => {
    const lock = `{"packages": {"node_modules/clockwork": {"resolved": "https://codeload.github.com/x/clockwork/tar.gz/${SHA}", "integrity": "sha1-${SHA}"}}}`;
    expect(scanContent('package-lock.json', Buffer.from(lock), {})).toEqual({ kind: 'skipped', cause: 'lockfile', reason: 'lockfile' });
    expect(scanContent('sub/pnpm-lock.yaml', Buffer.from(`clockwork: ${SHA}\n`), {})).toMatchObject({ kind: 'skipped', cause: 'lockfile' });
    expect(scanContent('.env', Buffer.from([0x43, 0x4c, 0x4f, 0x00, 0x3d]), {})).toEqual({ kind: 'skipped', cause: 'binary', reason: 'binary' });
  });

  it('every registered format has a name the JSON report schema lists', async () => {
    const { readFile } = await import('node:fs/promises');
    const schema = JSON.parse(await readFile(new URL('../../docs/scan-report.schema.json', import.meta.url), 'utf8')) as { $defs: { finding: { properties: { format: { enum: string[] } } } } };
    expect(schema.$defs.finding.properties.format.enum.toSorted()).toEqual([...FORMATS.map((format) => format.name), 'text'].toSorted());
  });
});
