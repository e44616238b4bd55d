import { describe, expect, it } from 'vitest';
import { findKeysInComment, findKeysInProse, findKeysInText, HOLE, saysHash } from '../../src/detect/text-context.js';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';

const KEY = fakeKey('text');

function reasons(text: string) {
  return findKeysInText(text).map(({ start, end, reason, name }) => ({ key: text.slice(start, end), reason, name }));
}

describe('findKeysInText', () => {
  it('finds the HTTP API key parameter on a Clockwork host, either spelling', () => {
    expect(reasons(`https://api.clockworksms.com/http/send.aspx?key=${KEY}&to=1`)).toEqual([{ key: KEY, reason: 'url', name: undefined }]);
    expect(reasons(`https://api.clockworksms.com/http/balance?Key=${KEY}`)).toEqual([{ key: KEY, reason: 'url', name: undefined }]);
  });

  it('ignores key= on other hosts, and before the host', () => {
    expect(reasons(`https://api.example.com/send?key=${KEY}`)).toEqual([]);
    expect(reasons(`?key=${KEY} then https://api.clockworksms.com/`)).toEqual([]);
  });

  it('finds the form payload, the email gateway and the XML key', () => {
    expect(reasons(`key=${KEY}&to=447700900123&content=Hi`)[0]?.reason).toBe('payload');
    expect(reasons(`447700900123@${KEY}.clockworksms.com`)[0]?.reason).toBe('email');
    expect(reasons(`<Message><Key>${KEY}</Key><SMS></SMS></Message>`)[0]?.reason).toBe('xml');
    expect(reasons(`<Contents><Key>${KEY}</Key></Contents>`)).toEqual([]);
  });

  it('finds assignments to Clockwork names and skips hash names', () => {
    expect(reasons(`CLOCKWORK_API_KEY=${KEY}\n`)).toEqual([{ key: KEY, reason: 'assignment', name: 'CLOCKWORK_API_KEY' }]);
    expect(reasons(`{"clockworkKey": "${KEY}"}`)).toEqual([{ key: KEY, reason: 'assignment', name: 'clockworkKey' }]);
    expect(reasons(`CLOCKWORK_COMMIT=${KEY}`)).toEqual([]);
  });

  it('finds any XML element or attribute named for a key, a token or Clockwork, in any layout', () => {
    const token = fakeToken('xml');
    expect(reasons(`<Auth>\n  <clockworkToken>\n    ${token}\n  </clockworkToken>\n</Auth>`)[0]?.reason).toBe('xml');
    expect(reasons(`<clockwork><ApiKey>${KEY}</ApiKey></clockwork>`)[0]?.reason).toBe('xml');
    expect(reasons(`<Request provider="clockwork"><apiKey>\r\n\t${KEY}\r\n</apiKey></Request>`)[0]?.reason).toBe('xml');
    expect(reasons(`<clockwork key="${KEY}" />`)[0]?.reason).toBe('xml');
    expect(reasons(`<sms provider='clockwork' token='${KEY}'/>`)[0]?.reason).toBe('xml');
    expect(reasons(`<appSettings><add key="ClockworkApiKey" value="${KEY}" /></appSettings>`)[0]?.reason).toBe('xml');
    expect(findKeysInText(`<clockwork><apiKey>${HOLE}</apiKey></clockwork>`)).toEqual([{ start: 19, end: 20, reason: 'xml' }]);
  });

  it('keeps XML look-alikes out: no Clockwork in the text, hash names, partial content, closing tags', () => {
    expect(reasons(`<Contents><ApiKey>${KEY}</ApiKey></Contents>`)).toEqual([]);
    expect(reasons(`<Contents><Key>\n  ${KEY}\n</Key></Contents>`)).toEqual([]);
    expect(reasons(`<clockwork><commitSha>${KEY}</commitSha></clockwork>`)).toEqual([]);
    expect(reasons(`<clockwork><apiKey>v2 ${KEY}</apiKey></clockwork>`)).toEqual([]);
    expect(reasons(`<clockwork><apiKey>${KEY}</token></clockwork>`)).toEqual([]);
    expect(reasons(`<clockwork></apiKey>${KEY}</apiKey></clockwork>`)).toEqual([]);
    expect(reasons(`<clockwork><add name="commit" value="${KEY}" /></clockwork>`)).toEqual([]);
  });

  it('marks holes that stand where the key goes', () => {
    const hits = findKeysInText(`https://api.clockworksms.com/http/send.aspx?key=${HOLE}&to=${HOLE}`);
    expect(hits).toEqual([{ start: 48, end: 49, reason: 'url' }]);
  });

  it('stays linear on a megabyte of hostile text', () => {
    const hostile = `https://api.clockworksms.com/?key=${fakeSha('h')}&`.repeat(20_000);
    expect(findKeysInText(hostile)).toHaveLength(20_000);
  });

  it('stays linear on a megabyte of hostile XML: tags with no end, attributes with no tag', () => {
    const sha = fakeSha('x');
    const hostile = `<clockwork${' a'.repeat(300)}><apiKey ${'<'.repeat(300)}>${sha} key="${sha}" `.repeat(1_000);
    expect(hostile.length).toBeGreaterThan(1_000_000);
    expect(findKeysInText(hostile)).toEqual([]);
  });
});

describe('findKeysInProse', () => {
  const token = fakeToken('prose');
  const prose = (text: string) => findKeysInProse(text).map(({ start, end, label }) => ({ key: text.slice(start, end), label }));

  it('finds a token that prose naming Clockwork labels a credential', () => {
    expect(prose(`clockwork api=${KEY}`)).toEqual([{ key: KEY, label: 'clockwork api' }]);
    expect(prose(`your clockworksms token is ${token}`)).toEqual([{ key: token, label: 'clockworksms token' }]);
    expect(prose(`Clockwork: sending with key ${KEY} to 447700900123`)).toEqual([{ key: KEY, label: 'sending with key' }]);
  });

  it('keeps build stamps, commits and log lines out', () => {
    expect(prose(`clockwork build ${KEY}`)).toEqual([]);
    expect(prose(`Clockwork commit ${KEY}`)).toEqual([]);
    expect(prose(`[clockwork] deployed ${KEY} to production`)).toEqual([]);
    expect(prose(`clockwork key rotated, sha: ${KEY}`)).toEqual([]);
    expect(prose(`your stripe key is ${KEY}`)).toEqual([]);
    expect(prose(`clockwork job ${token}`)).toEqual([]);
  });
});

describe('saysHash', () => {
  it('reads the words before a token in its own clause and line', () => {
    const at = (text: string) => saysHash(text, text.indexOf(KEY));
    expect(at(`commit ${KEY}`)).toBe(true);
    expect(at(`const commitSha = '${KEY}'`)).toBe(true);
    expect(at(`"integrity": "${KEY}"`)).toBe(true);
    // An id earlier in the object, or a hash word on the line above, says nothing about this token.
    expect(at(`{ id: 1, api_key: '${KEY}' }`)).toBe(false);
    expect(at(`commit\n${KEY}`)).toBe(false);
  });
});

describe('findKeysInComment', () => {
  it('finds key-shaped tokens in comments that name Clockwork', () => {
    expect(findKeysInComment(` clockwork key ${KEY}`)).toEqual([{ start: 15, end: 55, kind: 'classic', reason: 'comment' }]);
  });

  it('skips comments without Clockwork and tokens after hash words', () => {
    expect(findKeysInComment(` build ${KEY}`)).toEqual([]);
    expect(findKeysInComment(` clockwork: bumped to commit ${KEY}`)).toEqual([]);
  });

  it('judges a run of line comments as one text: the Clockwork name on one line, the keys on others', () => {
    const token = fakeToken('comment run');
    const text = ` var clockwork = require('clockwork')({\n     key: '${KEY}',\n     token: '${token}', // commit ${fakeSha('r')}\n });`;
    expect(findKeysInComment(text).map(({ start, end, reason }) => ({ key: text.slice(start, end), reason }))).toEqual([
      { key: KEY, reason: 'comment' },
      { key: token, reason: 'comment' },
    ]);
    // A hash word on the line above labels nothing on this one.
    expect(findKeysInComment(` clockwork release notes, see commit\n key ${KEY}`)).toHaveLength(1);
  });

  it('wants a credential name right before a successor token', () => {
    const token = fakeToken('comment');
    expect(findKeysInComment(` clockwork job ${token}`)).toEqual([]);
    expect(findKeysInComment(` clockwork token ${token}`)).toHaveLength(1);
  });
});
