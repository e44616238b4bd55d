// Demo for eslint-plugin-clockwork-secrets: the Clockwork keys in this file are generated fakes
// (sha1 of "leaky-app fake key N"), planted for the linter to find. Nothing here is a real credential.
import { useState } from 'react';
import { ClockworkProvider, useClockwork } from './ClockworkProvider';

function SendButton({ to }: { to: string }) {
  const { apiKey } = useClockwork();
  const [sent, setSent] = useState(false);
  const send = async () => {
    await fetch('https://api.clockworksms.com/http/send.aspx', {
      method: 'POST',
      body: new URLSearchParams({ key: apiKey, to, content: 'Your order is on its way' }),
    });
    setSent(true);
  };
  return (
    <button type="button" onClick={send} disabled={sent}>
      {sent ? 'Sent' : 'Text me'}
    </button>
  );
}

export function SmsButton({ to }: { to: string }) {
  return (
    <ClockworkProvider apiKey="2594ae298e7d93d8ea84077618d9183b2aaeca9f">
      <SendButton to={to} />
    </ClockworkProvider>
  );
}
