import { describe, expect, it } from 'vitest';
import { compileExtraNames, isClockworkModule, judgeName, mentionsClockwork, nameWords } from '../../src/detect/names.js';
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
    expect(mentionsClockwork('<Key>${key}</Key>')).toBe(false);
    expect(mentionsClockwork('node.key=value;e.key=t;const monkey=1;')).toBe(false);
    expect(mentionsClockwork('SMS_GATEWAY_KEY', compileExtraNames(['smsGateway']))).toBe(true);
  });
});
