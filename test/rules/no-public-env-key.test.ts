import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule, { PUBLIC_PREFIX_EXPOSURES, type MessageIds, type Options } from '../../rules/no-public-env-key.js';
import { findKeyTokens } from '../../src/detect/key-shape.js';
import { BROWSER_REASONS, type BrowserReason } from '../../src/eslint/browser-code.js';
import plugin from '../../src/index.js';
import { docExamples, filenameOf, languageOptionsOf, lintDocBlock, replaced, RuleTester, type CaseShape, type Parser } from '../support/exposure-cases.js';
import { fakeKey } from '../support/fake-keys.js';
import { locationOf } from '../support/location.js';

const K = fakeKey('no-public-env-key');

type Expected =
  | { at: string; occurrence?: number; publicName: string; how: string; rename?: { to: string; name: string } }
  | { at: string; occurrence?: number; browserRead: string; reason: BrowserReason };

interface Case extends CaseShape {
  options?: Options;
  errors: Expected[];
}

const NUXT = 'Nuxt sends runtimeConfig.public to the browser with every page';
const publicName = (at: string, name: string, prefix: keyof typeof PUBLIC_PREFIX_EXPOSURES, extra: { occurrence?: number; rename?: { to: string; name: string } } = {}): Expected => ({
  at,
  publicName: name,
  how: PUBLIC_PREFIX_EXPOSURES[prefix],
  ...extra,
});
/** The suggestion's rename: the same read of a server-only name. */
const renamed = (name: string) => ({ to: `process.env.${name}`, name });

const invalidCases: Case[] = [
  // Public names, wherever they are read
  {
    name: 'NEXT_PUBLIC_ in a client component: no rename, the call must move to the server',
    code: `'use client';\nexport function SendButton({ to }) {\n  return <button onClick={() => send(to, process.env.NEXT_PUBLIC_CLOCKWORK_KEY)}>Send</button>;\n}`,
    file: 'next-app/app/sms/SendButton',
    jsx: true,
    errors: [publicName('process.env.NEXT_PUBLIC_CLOCKWORK_KEY', 'process.env.NEXT_PUBLIC_CLOCKWORK_KEY', 'NEXT_PUBLIC_')],
  },
  {
    name: 'NEXT_PUBLIC_ in a route handler: renaming to a server-only name is offered',
    code: `export async function POST(request) {\n  const key = process.env.NEXT_PUBLIC_CLOCKWORK_KEY;\n  return Response.json(await send(key, await request.json()));\n}`,
    file: 'next-app/app/api/sms/route',
    errors: [publicName('process.env.NEXT_PUBLIC_CLOCKWORK_KEY', 'process.env.NEXT_PUBLIC_CLOCKWORK_KEY', 'NEXT_PUBLIC_', { rename: renamed('CLOCKWORK_KEY') })],
  },
  {
    name: 'a computed read in an API route keeps its quotes',
    code: `export default async function handler(req, res) {\n  res.status(200).json(await balance(process.env["NEXT_PUBLIC_CLOCKWORK_API_KEY"]));\n}`,
    file: 'next-app/pages/api/balance',
    errors: [
      publicName('process.env["NEXT_PUBLIC_CLOCKWORK_API_KEY"]', 'process.env.NEXT_PUBLIC_CLOCKWORK_API_KEY', 'NEXT_PUBLIC_', {
        rename: { to: 'process.env["CLOCKWORK_API_KEY"]', name: 'CLOCKWORK_API_KEY' },
      }),
    ],
  },
  {
    name: 'NEXT_PUBLIC_ in getServerSideProps: server-only, so the rename is offered',
    code: `export default function Balance({ balance }) {\n  return <p>{balance}</p>;\n}\nexport async function getServerSideProps() {\n  return { props: { balance: await getBalance(process.env.NEXT_PUBLIC_CLOCKWORK_KEY) } };\n}`,
    file: 'next-app/pages/balance',
    jsx: true,
    errors: [publicName('process.env.NEXT_PUBLIC_CLOCKWORK_KEY', 'process.env.NEXT_PUBLIC_CLOCKWORK_KEY', 'NEXT_PUBLIC_', { rename: renamed('CLOCKWORK_KEY') })],
  },
  {
    name: 'REACT_APP_ in a component with hooks',
    code: `import { useEffect, useState } from 'react';\nexport function Balance() {\n  const [balance, setBalance] = useState(null);\n  useEffect(() => {\n    getBalance(process.env.REACT_APP_CLOCKWORK_KEY).then(setBalance);\n  }, []);\n  return <p>{balance}</p>;\n}`,
    file: 'server-app/src/Balance',
    jsx: true,
    errors: [publicName('process.env.REACT_APP_CLOCKWORK_KEY', 'process.env.REACT_APP_CLOCKWORK_KEY', 'REACT_APP_')],
  },
  {
    name: 'EXPO_PUBLIC_, destructured: reported at the name, no rename',
    code: `const { EXPO_PUBLIC_CLOCKWORK_KEY } = process.env;\nexport const client = createClient(EXPO_PUBLIC_CLOCKWORK_KEY);`,
    errors: [publicName('EXPO_PUBLIC_CLOCKWORK_KEY', 'process.env.EXPO_PUBLIC_CLOCKWORK_KEY', 'EXPO_PUBLIC_')],
  },
  {
    name: 'NUXT_PUBLIC_ in a Nuxt server route',
    code: `export default defineEventHandler(() => send(process.env.NUXT_PUBLIC_CLOCKWORK_KEY));`,
    file: 'nuxt-app/server/api/sms',
    errors: [publicName('process.env.NUXT_PUBLIC_CLOCKWORK_KEY', 'process.env.NUXT_PUBLIC_CLOCKWORK_KEY', 'NUXT_PUBLIC_', { rename: renamed('CLOCKWORK_KEY') })],
  },
  {
    name: 'GATSBY_ in a component with an event handler',
    code: `export default function Contact() {\n  return <button onClick={() => sendSms(process.env.GATSBY_CLOCKWORK_KEY)}>Text us</button>;\n}`,
    file: 'server-app/src/pages/contact',
    jsx: true,
    errors: [publicName('process.env.GATSBY_CLOCKWORK_KEY', 'process.env.GATSBY_CLOCKWORK_KEY', 'GATSBY_')],
  },
  {
    name: 'import.meta.env.VITE_: no rename (import.meta.env holds only public names)',
    code: `export const client = createClient(import.meta.env.VITE_CLOCKWORK_KEY);`,
    file: 'vite-app/src/lib/sms',
    errors: [publicName('import.meta.env.VITE_CLOCKWORK_KEY', 'import.meta.env.VITE_CLOCKWORK_KEY', 'VITE_')],
  },
  {
    name: 'import.meta.env.PUBLIC_ in server code',
    code: `export const key = import.meta.env.PUBLIC_CLOCKWORK_API_KEY;`,
    file: 'server-app/src/lib/sms',
    errors: [publicName('import.meta.env.PUBLIC_CLOCKWORK_API_KEY', 'import.meta.env.PUBLIC_CLOCKWORK_API_KEY', 'PUBLIC_')],
  },
  {
    name: 'process.env.VITE_ in a server script: renaming is offered',
    code: `const Clockwork = require('clockwork');\nconst client = Clockwork({ key: process.env.VITE_CLOCKWORK_KEY });`,
    file: 'server-app/src/send',
    commonjs: true,
    errors: [publicName('process.env.VITE_CLOCKWORK_KEY', 'process.env.VITE_CLOCKWORK_KEY', 'VITE_', { rename: renamed('CLOCKWORK_KEY') })],
  },
  {
    name: 'a public credential with a generic name, handed to the Clockwork client',
    code: `import Clockwork from 'clockwork';\nexport const client = new Clockwork({ key: process.env.NEXT_PUBLIC_SMS_KEY });`,
    file: 'next-app/lib/sms',
    errors: [publicName('process.env.NEXT_PUBLIC_SMS_KEY', 'process.env.NEXT_PUBLIC_SMS_KEY', 'NEXT_PUBLIC_', { rename: renamed('SMS_KEY') })],
  },
  {
    name: 'extraNames option',
    code: `export const GET = () => send(process.env.NEXT_PUBLIC_SMS_GATEWAY_KEY);`,
    file: 'next-app/app/api/send/route',
    options: [{ extraNames: ['smsGateway'] }],
    errors: [
      publicName('process.env.NEXT_PUBLIC_SMS_GATEWAY_KEY', 'process.env.NEXT_PUBLIC_SMS_GATEWAY_KEY', 'NEXT_PUBLIC_', { rename: renamed('SMS_GATEWAY_KEY') }),
    ],
  },

  // SvelteKit and Nuxt public config: public wherever it is read
  {
    name: "SvelteKit's $env/static/public",
    code: `import { PUBLIC_CLOCKWORK_KEY, PUBLIC_SITE_URL } from '$env/static/public';\nexport const load = () => ({ key: PUBLIC_CLOCKWORK_KEY, site: PUBLIC_SITE_URL });`,
    file: 'sveltekit-app/src/routes/sms/+page',
    errors: [{ at: 'PUBLIC_CLOCKWORK_KEY', publicName: 'PUBLIC_CLOCKWORK_KEY from $env/static/public', how: 'SvelteKit inlines $env/static/public into the JavaScript it sends to browsers' }],
  },
  {
    name: "SvelteKit's $env/static/public, even in server code",
    code: `import { PUBLIC_CLOCKWORK_KEY } from '$env/static/public';\nexport const load = async () => ({ balance: await getBalance(PUBLIC_CLOCKWORK_KEY) });`,
    file: 'sveltekit-app/src/routes/sms/+page.server',
    errors: [{ at: 'PUBLIC_CLOCKWORK_KEY', publicName: 'PUBLIC_CLOCKWORK_KEY from $env/static/public', how: 'SvelteKit inlines $env/static/public into the JavaScript it sends to browsers' }],
  },
  {
    name: "SvelteKit's $env/dynamic/public",
    code: `import { env } from '$env/dynamic/public';\nexport const key = env.PUBLIC_CLOCKWORK_KEY;`,
    file: 'sveltekit-app/src/lib/sms',
    errors: [{ at: 'env.PUBLIC_CLOCKWORK_KEY', publicName: 'env.PUBLIC_CLOCKWORK_KEY from $env/dynamic/public', how: 'SvelteKit sends $env/dynamic/public to the browser with every page' }],
  },
  {
    name: "Nuxt's runtimeConfig.public in nuxt.config",
    code: `export default defineNuxtConfig({\n  runtimeConfig: {\n    clockworkKey: '',\n    public: { siteUrl: '', clockworkKey: '', clockwork: { apiKey: '', from: 'Shop' } },\n  },\n});`,
    file: 'nuxt-app/nuxt.config',
    errors: [
      { at: 'clockworkKey', occurrence: 1, publicName: 'runtimeConfig.public.clockworkKey', how: NUXT },
      { at: 'apiKey', publicName: 'runtimeConfig.public.clockwork.apiKey', how: NUXT },
    ],
  },
  {
    name: "Nuxt's public runtime config, read",
    code: `const config = useRuntimeConfig();\nexport const key = config.public.clockworkKey;\nexport const other = useRuntimeConfig().public.clockwork.apiKey;`,
    file: 'nuxt-app/server/api/sms',
    errors: [
      { at: 'config.public.clockworkKey', publicName: 'config.public.clockworkKey', how: NUXT },
      { at: 'useRuntimeConfig().public.clockwork.apiKey', publicName: 'useRuntimeConfig().public.clockwork.apiKey', how: NUXT },
    ],
  },

  // Any Clockwork read in code that runs in the browser
  {
    name: "a read in a 'use client' file",
    code: `'use client';\nimport { useState } from 'react';\nexport function SmsForm(): JSX.Element {\n  const [key] = useState(process.env.CLOCKWORK_API_KEY);\n  return <form data-ready={Boolean(key)} />;\n}`,
    file: 'next-app/app/sms/SmsForm',
    jsx: true,
    ts: true,
    errors: [{ at: 'process.env.CLOCKWORK_API_KEY', browserRead: 'process.env.CLOCKWORK_API_KEY', reason: 'use-client' }],
  },
  {
    name: 'a computed read in a component with client hooks',
    code: `import { useEffect } from 'react';\nexport function Poller() {\n  useEffect(() => {\n    poll(process.env['CLOCKWORK_KEY']);\n  }, []);\n  return null;\n}`,
    file: 'server-app/src/Poller',
    jsx: true,
    errors: [{ at: `process.env['CLOCKWORK_KEY']`, browserRead: 'process.env.CLOCKWORK_KEY', reason: 'react-hooks' }],
  },
  {
    name: 'a read in a component with an event handler',
    code: `export function TextMe({ to }) {\n  const onClick = () => send(to, process.env.CLOCKWORK_API_KEY);\n  return <button onClick={onClick}>Text me</button>;\n}`,
    file: 'server-app/src/TextMe',
    jsx: true,
    errors: [{ at: 'process.env.CLOCKWORK_API_KEY', browserRead: 'process.env.CLOCKWORK_API_KEY', reason: 'react-handler' }],
  },
  {
    name: 'a read in a Next.js page component',
    code: `export default function Balance() {\n  const key = process.env.CLOCKWORK_API_KEY;\n  return <p>{key ? 'configured' : 'missing'}</p>;\n}`,
    file: 'next-app/pages/balance',
    jsx: true,
    errors: [{ at: 'process.env.CLOCKWORK_API_KEY', browserRead: 'process.env.CLOCKWORK_API_KEY', reason: 'next-page' }],
  },
  {
    name: 'a read in the source folder of a Vite app',
    code: `export const key = import.meta.env.CLOCKWORK_API_KEY;`,
    file: 'vite-app/src/lib/key',
    errors: [{ at: 'import.meta.env.CLOCKWORK_API_KEY', browserRead: 'import.meta.env.CLOCKWORK_API_KEY', reason: 'browser-build' }],
  },
  {
    name: 'a read in a page script that uses the DOM',
    code: `document.getElementById('send').addEventListener('click', () => send(import.meta.env.CLOCKWORK_KEY));`,
    file: 'server-app/public/sms',
    errors: [{ at: 'import.meta.env.CLOCKWORK_KEY', browserRead: 'import.meta.env.CLOCKWORK_KEY', reason: 'dom-script' }],
  },
  {
    name: "the generated module's accessor in a client component",
    code: `'use client';\nimport { clockworkSecret } from '../../clockwork-secrets.js';\nexport function Send() {\n  return <button onClick={() => send(clockworkSecret('CLOCKWORK_API_KEY'))}>Send</button>;\n}`,
    file: 'next-app/app/sms/Send',
    jsx: true,
    errors: [{ at: `clockworkSecret('CLOCKWORK_API_KEY')`, occurrence: 0, browserRead: `clockworkSecret('CLOCKWORK_API_KEY')`, reason: 'use-client' }],
  },
  {
    name: 'a destructured read in a client component',
    code: `'use client';\nconst { CLOCKWORK_API_KEY } = process.env;\nexport const Send = () => <button onClick={() => send(CLOCKWORK_API_KEY)}>Send</button>;`,
    file: 'next-app/app/sms/Destructured',
    jsx: true,
    errors: [{ at: 'CLOCKWORK_API_KEY', browserRead: 'process.env.CLOCKWORK_API_KEY', reason: 'use-client' }],
  },
];

const validCases: (CaseShape & { options?: Options })[] = [
  // Server-only places
  { name: 'a route handler', code: `export async function POST() {\n  return Response.json(await send(process.env.CLOCKWORK_API_KEY));\n}`, file: 'next-app/app/api/sms/route' },
  { name: 'a pages-router API route', code: `export default async function handler(req, res) {\n  res.json(await balance(process.env.CLOCKWORK_API_KEY));\n}`, file: 'next-app/pages/api/sms' },
  {
    name: 'getServerSideProps of a page',
    code: `export default function Balance({ balance }) {\n  return <p>{balance}</p>;\n}\nexport async function getServerSideProps() {\n  return { props: { balance: await getBalance(process.env.CLOCKWORK_API_KEY) } };\n}`,
    file: 'next-app/pages/balance',
    jsx: true,
  },
  { name: "a 'use server' file", code: `'use server';\nexport async function send(to, text) {\n  return clockwork(process.env.CLOCKWORK_API_KEY).send(to, text);\n}`, file: 'next-app/app/sms/actions' },
  {
    name: "a 'use server' function in a 'use client' file",
    code: `'use client';\nexport function Form() {\n  async function send(data) {\n    'use server';\n    await sms(process.env.CLOCKWORK_API_KEY, data);\n  }\n  return <form action={send} />;\n}`,
    file: 'next-app/app/sms/Form',
    jsx: true,
  },
  { name: 'a SvelteKit +page.server file', code: `import { CLOCKWORK_API_KEY } from '$env/static/private';\nexport const load = async () => ({ balance: await getBalance(CLOCKWORK_API_KEY) });`, file: 'sveltekit-app/src/routes/sms/+page.server' },
  { name: 'a *.server file', code: `export const key = import.meta.env.CLOCKWORK_API_KEY;`, file: 'vite-app/src/lib/sms.server' },
  { name: 'an Express server', code: `const express = require('express');\nconst Clockwork = require('clockwork');\nconst client = Clockwork({ key: process.env.CLOCKWORK_API_KEY });`, file: 'server-app/src/server', commonjs: true },
  { name: 'a Server Component (app router, no client hooks)', code: `export default async function Page() {\n  const balance = await getBalance(process.env.CLOCKWORK_API_KEY);\n  return <p>{balance}</p>;\n}`, file: 'next-app/app/balance/page', jsx: true },
  { name: 'a test file, which runs under Node', code: `export const key = import.meta.env.CLOCKWORK_API_KEY;`, file: 'vite-app/src/lib/key.test' },
  { name: "the generated module's accessor in server code", code: `import { clockworkSecret } from './clockwork-secrets.js';\nexport const client = createClient(clockworkSecret('CLOCKWORK_API_KEY'));` },

  // Public names that do not name the key
  { name: 'public names that do not name Clockwork', code: `'use client';\n// clockwork sms widget\nexport const site = [process.env.NEXT_PUBLIC_SITE_URL, import.meta.env.VITE_API_URL, import.meta.env.PUBLIC_MAPS_KEY];`, file: 'next-app/app/sms/Widget' },
  { name: 'Clockwork names that hold no credential', code: `export const sender = [process.env.NEXT_PUBLIC_CLOCKWORK_FROM, process.env.NEXT_PUBLIC_CLOCKWORK_VERSION, import.meta.env.VITE_CLOCKWORK_BASE_URL];` },
  { name: 'a public credential never handed to Clockwork', code: `import Clockwork from 'clockwork';\nexport const maps = loadMaps({ key: process.env.NEXT_PUBLIC_MAPS_KEY });\nexport const client = new Clockwork({ key: process.env.CLOCKWORK_API_KEY });`, file: 'next-app/lib/sms' },
  { name: 'a file that never mentions Clockwork', code: `'use client';\nexport const key = process.env.NEXT_PUBLIC_SMS_KEY;`, file: 'next-app/app/sms/Other' },

  // Not this rule's
  { name: "a hardcoded key in browser code is no-hardcoded-key's finding", code: `'use client';\nexport const CLOCKWORK_API_KEY = '${K}';`, file: 'next-app/app/sms/Hardcoded' },
  { name: "Nuxt's private runtime config", code: `export default defineNuxtConfig({\n  runtimeConfig: { clockworkKey: '', public: { siteUrl: '', clockworkFrom: 'Shop' } },\n});`, file: 'nuxt-app/nuxt.config' },
  { name: 'a runtimeConfig object that is no Nuxt config', code: `export const fixture = { runtimeConfig: { public: { clockworkKey: 'test' } } };`, file: 'server-app/src/fixtures' },
  { name: "a read of Nuxt's private runtime config", code: `const config = useRuntimeConfig();\nexport const key = config.clockworkKey;`, file: 'nuxt-app/server/api/sms' },
];

function toValid(item: CaseShape & { options?: Options }, parser: Parser): ValidTestCase<Options> {
  return {
    name: `${item.name} (${parser})`,
    code: item.code,
    filename: filenameOf(item, parser),
    ...(item.options ? { options: item.options } : {}),
    languageOptions: languageOptionsOf(item, parser),
  };
}

function toInvalid(item: Case, parser: Parser): InvalidTestCase<MessageIds, Options> {
  return {
    ...toValid(item, parser),
    output: null,
    errors: item.errors.map((expected) => {
      const location = locationOf(item.code, expected.at, expected.occurrence);
      if ('browserRead' in expected) {
        return { messageId: 'browserRead' as const, data: { read: expected.browserRead, reason: BROWSER_REASONS[expected.reason] }, ...location, suggestions: [] };
      }
      const suggestions = expected.rename
        ? [{ messageId: 'renameToServerName' as const, data: { name: expected.rename.name }, output: replaced(item.code, expected.at, expected.rename.to, expected.occurrence) }]
        : [];
      return { messageId: 'publicName' as const, data: { name: expected.publicName, how: expected.how }, ...location, suggestions };
    }),
  };
}

const ruleTester = new RuleTester();

for (const parser of ['ts', 'espree'] as const) {
  const usable = <T extends { ts?: boolean }>(item: T) => parser === 'ts' || !item.ts;
  describe(parser === 'ts' ? 'parsed by @typescript-eslint/parser' : 'parsed by espree', () => {
    ruleTester.run('no-public-env-key', rule, {
      valid: validCases.filter(usable).map((item) => toValid(item, parser)),
      invalid: invalidCases.filter(usable).map((item) => toInvalid(item, parser)),
    });
  });
}

describe('the case tables', () => {
  it('hold at least 40 cases under each parser', () => {
    expect(validCases.length + invalidCases.filter((item) => !item.ts).length).toBeGreaterThanOrEqual(40);
  });

  it('assert every reason a file runs in a browser that a read can be in', () => {
    const reasons = new Set(invalidCases.flatMap((item) => item.errors.flatMap((error) => ('reason' in error ? [error.reason] : []))));
    expect([...reasons].sort()).toEqual(['browser-build', 'dom-script', 'next-page', 'react-handler', 'react-hooks', 'use-client']);
  });
});

describe('messages', () => {
  it('never print a key or a value: names only', () => {
    const config: Linter.Config[] = [
      plugin.configs.recommended as Linter.Config,
      { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } } },
    ];
    const linter = new Linter();
    let checked = 0;
    for (const item of invalidCases) {
      const options: Linter.Config[] = item.options ? [{ rules: { 'clockwork-secrets/no-public-env-key': ['error', ...item.options] } }] : [];
      const messages = linter.verify(item.code, [...config, ...options], filenameOf(item, 'ts')).filter((message) => message.ruleId === 'clockwork-secrets/no-public-env-key');
      expect(messages, item.name).toHaveLength(item.errors.length);
      for (const message of messages) {
        for (const text of [message.message, ...(message.suggestions ?? []).map((suggestion) => suggestion.desc)]) {
          expect(findKeyTokens(text)).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(invalidCases.length);
  });
});

describe('the doc page', () => {
  const blocks = docExamples('no-public-env-key');

  it('has examples of both kinds', () => {
    expect(blocks.filter((block) => block.incorrect).length).toBeGreaterThanOrEqual(3);
    expect(blocks.filter((block) => !block.incorrect).length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((block) => [`${block.incorrect ? 'incorrect' : 'correct'} example at line ${block.line}`, block] as const))('%s: the rule agrees', (_, block) => {
    const messages = lintDocBlock('no-public-env-key', block, 'next-app');
    expect(messages.filter((message) => message.ruleId !== 'clockwork-secrets/no-public-env-key')).toEqual([]);
    if (block.incorrect) expect(messages.length).toBeGreaterThan(0);
    else expect(messages).toEqual([]);
  });
});
