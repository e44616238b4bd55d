// Demo for eslint-plugin-clockwork-secrets: this file holds no key. It reads one from a public env
// name, which a bundler inlines into the JavaScript every visitor downloads. no-public-env-key
// reports the read below; the fix is a server route that calls Clockwork with a server-only name.
import { useEffect, useState } from 'react';

export function Balance() {
  const [balance, setBalance] = useState<number | null>(null);
  useEffect(() => {
    const params = new URLSearchParams({ key: process.env.NEXT_PUBLIC_CLOCKWORK_KEY ?? '' });
    fetch(`https://api.clockworksms.com/http/balance?${params}`)
      .then((response) => response.text())
      .then((text) => setBalance(Number(text.split(' ')[1])));
  }, []);
  return <p>SMS credit: {balance ?? '…'}</p>;
}
