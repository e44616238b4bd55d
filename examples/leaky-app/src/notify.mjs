// Demo for eslint-plugin-clockwork-secrets: the Clockwork keys in this file are generated fakes
// (sha1 of "leaky-app fake key N"), planted for the linter to find. Nothing here is a real credential.

const CLOCKWORK_API_KEY = process.env.CLOCKWORK_API_KEY || 'b8fd054c11ce0af846bb85be0aa6f8d68bca126c';

/** Sends through the HTTP API's form endpoint. */
export async function notify(to, content) {
  const response = await fetch('https://api.clockworksms.com/http/send.aspx', {
    method: 'POST',
    body: new URLSearchParams({ key: CLOCKWORK_API_KEY, to, content }),
  });
  return response.text();
}

/** The old GET integration that support still uses from their dashboard. */
export async function notifyLegacy(to, content) {
  const url = `https://api.clockworksms.com/http/send.aspx?key=63723ad7331b447340dc1a09502a4eba86d4d6a2&to=${encodeURIComponent(to)}&content=${encodeURIComponent(content)}`;
  const response = await fetch(url);
  return response.text();
}

/** Fallback when the HTTP API is down: the email-to-SMS gateway. */
export function notifyByEmail(mailer, to, content) {
  return mailer.sendMail({ to: `${to}@5036aa07299b333133715c3a27d1dad6e37788d4.clockworksms.com`, text: content });
}
