// Demo for eslint-plugin-clockwork-secrets: the Clockwork keys in this file are generated fakes
// (sha1 of "leaky-app fake key N"), planted for the linter to find. Nothing here is a real credential.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Pinned vendor SDK, verified at start-up; the integrity value is a SHA-1, not a key.
export const CLOCKWORK_SDK = { version: '1.4.2', integrity: 'cfd01546bc41fd4166d7f7e73b2db0385a1e8fbc' };

const smsKey = '5088c8f62e43c2bca8166e3d01284c4d6f4d3ba5';
const sms = require('clockworksms').createClient(smsKey);

export function balance(): Promise<number> {
  return new Promise((resolve, reject) => {
    sms.getBalance((error: Error | null, result: { balance: number }) => (error ? reject(error) : resolve(result.balance)));
  });
}

/** The XML API, used by the nightly report because it returns the account type too. */
export async function balanceXml(): Promise<string> {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Balance><Key>a6437e65e2a1abb8ad0b58d7ca6d0f7e55a54438</Key></Balance>`;
  const response = await fetch('https://api.clockworksms.com/xml/balance', {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml' },
    body,
  });
  return response.text();
}
