/**
 * Fake credentials for tests, generated from labels so that no fixture holds a real key:
 * a classic key is the SHA-1 of its label, a successor token the base62 of a SHA-256.
 */
import { createHash } from 'node:crypto';

export function fakeKey(label: string): string {
  return createHash('sha1').update(`clockwork-secrets fake key: ${label}`).digest('hex');
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function fakeToken(label: string): string {
  for (let attempt = 0; ; attempt++) {
    const digest = createHash('sha256').update(`clockwork-secrets fake token: ${label} ${attempt}`).digest();
    const token = [...digest.subarray(0, 24)].map((byte) => BASE62[byte % 62]).join('');
    if (/\d/.test(token) && /[a-z]/i.test(token)) return token;
  }
}

/** A git-SHA-like value: same shape as a key, and what every hash-named binding holds. */
export function fakeSha(label: string): string {
  return createHash('sha1').update(`clockwork-secrets fake sha: ${label}`).digest('hex');
}
