/** No rule message or suggestion text ever contains a full key: only the masked form. */
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import plugin from '../../src/index.js';
import { fakeKey, fakeToken } from '../support/fake-keys.js';
import { verify } from '../support/lint.js';

const KEY = fakeKey('echo');
const TOKEN = fakeToken('echo');

/** One file with the key in every shape the rule reports. */
const CODE = `
const Clockwork = require('clockwork');
const CLOCKWORK_API_KEY = '${KEY}';
const client = Clockwork({ key: '${KEY}' });
const TEXTANYWHERE_TOKEN = '${TOKEN}';
const url = 'https://api.clockworksms.com/http/send.aspx?key=${KEY}&to=1';
const email = '447700900123@${KEY}.clockworksms.com';
const fallback = process.env.CLOCKWORK_KEY || '${KEY}';
// clockwork key ${KEY}
const CLOCKWORK_SPLIT_KEY = '${KEY.slice(0, 20)}' + '${KEY.slice(20)}';
`;

describe('masking', () => {
  it('masks as the first four characters and the length', () => {
    expect(maskKey(KEY)).toBe(`${KEY.slice(0, 4)}… (40 chars)`);
    expect(maskKey(TOKEN)).toBe(`${TOKEN.slice(0, 4)}… (24 chars)`);
  });

  it('no message template can print a value', () => {
    for (const rule of Object.values(plugin.rules)) {
      for (const template of Object.values(rule.meta.messages)) {
        expect(template).not.toMatch(/\{\{\s*(value|key|secret|token)\s*\}\}/);
      }
    }
  });

  it('reports every shape with the key masked, never in full', () => {
    const messages = verify(CODE, 'app.js');
    expect(messages).toHaveLength(8);
    for (const message of messages) {
      const texts = [message.message, ...(message.suggestions ?? []).map((suggestion) => suggestion.desc)];
      for (const text of texts) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(TOKEN);
        expect(text).not.toMatch(/[\da-f]{40}/i);
      }
      expect(message.message).toMatch(/… \((40|24) chars\)/);
    }
  });
});
