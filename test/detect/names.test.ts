import { describe, expect, it } from 'vitest';
import { detectInSource } from '../../src/codemod/detect-in-source.js';
import { environmentWords, fileEnvironment, labelBefore, pathOfName, withFile, type Holder } from '../../src/detect/holder.js';
import {
  compileExtraNames,
  isClockworkModule,
  judgeName,
  mentionsClockwork,
  nameWords,
  publicEnvPrefix,
  withoutPublicPrefix,
} from '../../src/detect/names.js';
import vectors from '../fixtures/test-vectors.json' with { type: 'json' };
import { fakeKey } from '../support/fake-keys.js';

describe('nameWords', () => {
  it('splits every naming style into lowercase words', () => {
    expect(nameWords('CLOCKWORK_API_KEY')).toEqual(['clockwork', 'api', 'key']);
    expect(nameWords('clockworkApiKey')).toEqual(['clockwork', 'api', 'key']);
    expect(nameWords('clockwork.apiKey')).toEqual(['clockwork', 'api', 'key']);
    expect(nameWords('HTTPClockworkKey')).toEqual(['http', 'clockwork', 'key']);
    expect(nameWords('sha256-digest')).toEqual(['sha', '256', 'digest']);
  });
});

describe('judgeName', () => {
  it.each(vectors.callShapes.envNamesSeen)('reads the env name %s as a Clockwork credential', (name) => {
    expect(judgeName(name)).toBe('clockwork-key');
  });

  it('lets hash words win over Clockwork', () => {
    for (const name of ['clockworkCommitSha', 'CLOCKWORK_VERSION', 'clockwork.integrity', 'clockworkEtag', 'clockworkId']) {
      expect(judgeName(name)).toBe('hash');
    }
  });

  it('tells Clockwork, credential and neutral names apart by whole words', () => {
    expect(judgeName('clockworkConfig')).toBe('clockwork');
    expect(judgeName('apiKey')).toBe('key');
    expect(judgeName('keyboardLayout')).toBe('none');
    expect(judgeName('shaper')).toBe('none');
    expect(judgeName('TEXT_ANYWHERE_TOKEN')).toBe('clockwork-key');
  });

  it('honours extra names as whole-word runs', () => {
    const extra = compileExtraNames(['smsGateway']);
    expect(judgeName('SMS_GATEWAY_KEY', extra)).toBe('clockwork-key');
    expect(judgeName('smsGatewayTimeout', extra)).toBe('clockwork');
    expect(judgeName('smsKey', extra)).toBe('key');
  });
});

describe('isClockworkModule', () => {
  it('knows the SMS client modules and not the homonyms', () => {
    expect(isClockworkModule('clockwork')).toBe(true);
    expect(isClockworkModule('clockworksms')).toBe(true);
    expect(isClockworkModule('@mediaburst/clockwork')).toBe(true);
    expect(isClockworkModule('clockwork-scheduler')).toBe(false);
    expect(isClockworkModule('@acme/sms', ['@acme/sms'])).toBe(true);
  });

  it('knows a client by its package, whatever file of it is required', () => {
    expect(isClockworkModule('clockwork/lib/clockwork')).toBe(true);
    expect(isClockworkModule('@mediaburst/clockwork/dist/index.js')).toBe(true);
    // Another package is judged by its own name, never by a file inside it.
    expect(isClockworkModule('clockwork-scheduler/clockwork')).toBe(false);
  });

  it('knows a local or vendored client file by its name, and not a local file named for something else', () => {
    expect(isClockworkModule('./lib/clockwork.js')).toBe(true);
    expect(isClockworkModule('../vendor/clockworksms')).toBe(true);
    expect(isClockworkModule('./clockwork')).toBe(true);
    expect(isClockworkModule('../vendor/clockwork/index.js')).toBe(true);
    expect(isClockworkModule('./ClockworkSMS.ts')).toBe(true);
    expect(isClockworkModule('@/lib/clockwork-client')).toBe(true);
    expect(isClockworkModule('~/services/clockworkService')).toBe(true);
    expect(isClockworkModule('./clockwork-scheduler')).toBe(false);
    expect(isClockworkModule('./clockwork/jobs')).toBe(false);
    expect(isClockworkModule('./lib/sms.js')).toBe(false);
    expect(isClockworkModule('./index.js')).toBe(false);
  });
});

describe('mentionsClockwork', () => {
  it('is the cheap pre-filter every Clockwork signal passes', () => {
    expect(mentionsClockwork("require('clockworksms')")).toBe(true);
    expect(mentionsClockwork('CLOCK_WORK_API_KEY')).toBe(true);
    expect(mentionsClockwork('textanywhere')).toBe(true);
    expect(mentionsClockwork('const sha = 1;')).toBe(false);
    // The XML API and the form payload carry no name: their own markers pass.
    const key = fakeKey('pre-filter');
    expect(mentionsClockwork(`<Message><Key>${key}</Key>`)).toBe(true);
    expect(mentionsClockwork(`'key=${key}&to=1'`)).toBe(true);
    // A template hole in <Key> (the literal text ${key}) is no key: the marker needs a key-shaped value.
    expect(mentionsClockwork('<Key>${key}</Key>')).toBe(false);
    expect(mentionsClockwork('node.key=value;e.key=t;const monkey=1;')).toBe(false);
    expect(mentionsClockwork('SMS_GATEWAY_KEY', compileExtraNames(['smsGateway']))).toBe(true);
  });
});

describe('public env prefixes', () => {
  it('names the prefix bundlers inline into browser code', () => {
    expect(publicEnvPrefix('NEXT_PUBLIC_CLOCKWORK_KEY')).toBe('NEXT_PUBLIC_');
    expect(publicEnvPrefix('NUXT_PUBLIC_CLOCKWORK_KEY')).toBe('NUXT_PUBLIC_');
    expect(publicEnvPrefix('VITE_CLOCKWORK_KEY')).toBe('VITE_');
    expect(publicEnvPrefix('CLOCKWORK_KEY')).toBeUndefined();
    expect(publicEnvPrefix('PUBLICATION_KEY')).toBeUndefined();
  });

  it('strips every public prefix, and leaves nothing of a bare prefix', () => {
    expect(withoutPublicPrefix('REACT_APP_CLOCKWORK_API_KEY')).toBe('CLOCKWORK_API_KEY');
    expect(withoutPublicPrefix('VITE_PUBLIC_CLOCKWORK_KEY')).toBe('CLOCKWORK_KEY');
    expect(withoutPublicPrefix('CLOCKWORK_KEY')).toBe('CLOCKWORK_KEY');
    expect(withoutPublicPrefix('GATSBY_')).toBe('');
  });
});

describe('holder words', () => {
  it('finds environment words by whole words, once each', () => {
    expect(environmentWords(['settings', 'production', 'clockwork', 'apiKey'])).toEqual(['production']);
    expect(environmentWords(['clockworkLiveKey', 'STAGING_KEY', 'staging'])).toEqual(['live', 'staging']);
    expect(environmentWords(['developer', 'latest', 'protest'])).toEqual([]);
    expect(pathOfName('clockwork.apiKey')).toEqual(['clockwork', 'apiKey']);
    expect(pathOfName('clockwork:sms/key')).toEqual(['clockwork', 'sms', 'key']);
  });

  it('reads a file\'s environment from its own name and folder only', () => {
    expect(fileEnvironment('config/production.js')).toEqual(['production']);
    expect(fileEnvironment('src/clockwork.staging.ts')).toEqual(['staging']);
    expect(fileEnvironment('/home/dev/app/src/sms.js')).toEqual([]);
    const placed = withFile({ path: ['clockwork', 'key'], environment: [], functionName: undefined, file: undefined, envName: undefined, reason: 'holder' }, 'env/test/sms.js');
    expect(placed).toMatchObject({ file: 'env/test/sms.js', environment: ['test'] });
  });

  it('takes the label before a token in prose, when it names Clockwork or a credential', () => {
    const text = 'TODO(ops): remove once the rotation is done. Old clockwork key: KEY';
    expect(labelBefore(text, text.indexOf('KEY'))).toBe('Old clockwork key');
    expect(labelBefore('the staging clockwork key is KEY', 29)).toBe('staging clockwork key');
    expect(labelBefore('clockwork -> KEY', 13)).toBe('clockwork');
    expect(labelBefore('see KEY', 4)).toBeUndefined();
    expect(labelBefore('clockwork key:\nKEY', 15)).toBeUndefined();
  });
});

describe('the holder record the detector builds', () => {
  const KEY = fakeKey('holder record');
  const OTHER = fakeKey('holder record, other');

  /** The holders of every detection in `code`, in report order. */
  function holders(code: string, filename = 'file.js'): Holder[] {
    const result = detectInSource(code, filename, {});
    if (result.kind !== 'parsed') throw new Error(`${filename}: ${result.kind}`);
    return result.detections.map((detection) => detection.holder);
  }

  const record = (fields: Partial<Holder>): Holder => ({
    path: [],
    environment: [],
    functionName: undefined,
    file: undefined,
    envName: undefined,
    reason: 'holder',
    ...fields,
  });

  it('a literal binding', () => {
    expect(holders(`const CLOCKWORK_KEY = '${KEY}';`)).toEqual([record({ path: ['CLOCKWORK_KEY'] })]);
  });

  it('a nested config path, the whole way out, with its environment', () => {
    const code = `const settings = {\n  production: { clockwork: { apiKey: '${KEY}' } },\n};`;
    expect(holders(code)).toEqual([record({ path: ['settings', 'production', 'clockwork', 'apiKey'], environment: ['production'] })]);
    expect(holders(`module.exports = { staging: { clockworkKey: '${KEY}' } };`)).toEqual([
      record({ path: ['module', 'exports', 'staging', 'clockworkKey'], environment: ['staging'] }),
    ]);
  });

  it('a variable that a config path holds: the path that proved it', () => {
    const code = `const k = '${KEY}';\nconst config = { staging: { clockworkKey: k } };`;
    expect(holders(code)).toEqual([record({ path: ['config', 'staging', 'clockworkKey'], environment: ['staging'] })]);
  });

  it('a container read by a dynamic lookup and handed to a client', () => {
    const code = [
      `const keys = { production: '${KEY}', staging: '${OTHER}' };`,
      `const clockwork = require('clockwork');`,
      `function clientFor(env) {`,
      `  return clockwork({ key: keys[env] });`,
      `}`,
    ].join('\n');
    expect(holders(code)).toEqual([
      record({ path: ['keys', 'production'], environment: ['production'], reason: 'client' }),
      record({ path: ['keys', 'staging'], environment: ['staging'], reason: 'client' }),
    ]);
  });

  it('a fallback: the read\'s name in its own field, wherever the verdict came from', () => {
    expect(holders(`const key = process.env.CLOCKWORK_KEY || '${KEY}';`)).toEqual([
      record({ path: ['key'], envName: 'CLOCKWORK_KEY', reason: 'fallback' }),
    ]);
    expect(holders(`const clockworkKey = process.env.SMS_KEY ?? '${KEY}';`)).toEqual([
      record({ path: ['clockworkKey'], envName: 'SMS_KEY', reason: 'holder' }),
    ]);
    expect(holders(`const FALLBACK = '${KEY}';\nconst k = process.env.CLOCKWORK_KEY || FALLBACK;`)).toEqual([
      record({ path: ['FALLBACK'], envName: 'CLOCKWORK_KEY', reason: 'fallback' }),
    ]);
  });

  it('an env assignment', () => {
    expect(holders(`process.env.CLOCKWORK_KEY = '${KEY}';`)).toEqual([record({ path: ['CLOCKWORK_KEY'], reason: 'env-assignment' })]);
  });

  it('a client call, inside a method', () => {
    const code = `const Clockwork = require('clockwork');\nclass Sms {\n  connect() {\n    return new Clockwork({ key: '${KEY}' });\n  }\n}`;
    expect(holders(code)).toEqual([record({ path: ['key'], functionName: 'Sms.connect', reason: 'client' })]);
    expect(holders(`const smsKey = '${KEY}';\nrequire('clockworksms').createClient(smsKey);`)).toEqual([record({ path: ['smsKey'], reason: 'client' })]);
  });

  it('a URL: no holder of its own; the named function around an anonymous callback', () => {
    const code = `function notify(app) {\n  app.get('/', () => fetch('https://api.clockworksms.com/http/send.aspx?key=${KEY}&to=1'));\n}`;
    expect(holders(code)).toEqual([record({ functionName: 'notify', reason: 'url' })]);
    // A key spliced into the URL is held where it is written.
    expect(holders(`const KEY = '${KEY}';\nfetch(\`https://api.clockworksms.com/http/balance?key=\${KEY}\`);`)).toEqual([
      record({ path: ['KEY'], reason: 'url' }),
    ]);
  });

  it('a comment: its label, environment and function', () => {
    const code = `function rotate() {\n  // clockwork staging key: ${KEY}\n  return 1;\n}`;
    expect(holders(code)).toEqual([
      record({ path: ['clockwork staging key'], environment: ['staging'], functionName: 'rotate', reason: 'comment' }),
    ]);
    expect(holders(`/* clockwork: see ticket 12\n   ${KEY} */`)).toEqual([record({ reason: 'comment' })]);
  });

  it('JSX, class fields and string payloads', () => {
    const jsx = `export function Button() {\n  return <ClockworkProvider apiKey="${KEY}" />;\n}`;
    expect(holders(jsx, 'Button.jsx')).toEqual([record({ path: ['ClockworkProvider', 'apiKey'], functionName: 'Button' })]);
    expect(holders(`class ClockworkClient {\n  apiKey = '${KEY}';\n}`)).toEqual([record({ path: ['ClockworkClient', 'apiKey'] })]);
    expect(holders(`const body = '<Balance><Key>${KEY}</Key></Balance>';`)).toEqual([record({ reason: 'xml' })]);
    expect(holders(`const line = "CLOCKWORK_API_KEY=${KEY}";`)).toEqual([record({ path: ['CLOCKWORK_API_KEY'] })]);
  });
});
