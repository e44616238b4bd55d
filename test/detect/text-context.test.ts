import { describe, expect, it } from 'vitest';
import { findKeysInComment, findKeysInText, HOLE } from '../../src/detect/text-context.js';
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

  it('marks holes that stand where the key goes', () => {
    const hits = findKeysInText(`https://api.clockworksms.com/http/send.aspx?key=${HOLE}&to=${HOLE}`);
    expect(hits).toEqual([{ start: 48, end: 49, reason: 'url' }]);
  });

  it('stays linear on a megabyte of hostile text', () => {
    const hostile = `https://api.clockworksms.com/?key=${fakeSha('h')}&`.repeat(20_000);
    expect(findKeysInText(hostile)).toHaveLength(20_000);
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

  it('wants a credential name right before a successor token', () => {
    const token = fakeToken('comment');
    expect(findKeysInComment(` clockwork job ${token}`)).toEqual([]);
    expect(findKeysInComment(` clockwork token ${token}`)).toHaveLength(1);
  });
});
