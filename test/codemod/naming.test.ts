import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectInSource } from '../../src/codemod/detect-in-source.js';
import { isEnvName } from '../../src/detect/env-name.js';
import { DEFAULT_ENV_NAME, planNames, type KeyToName, type NamingOptions } from '../../src/detect/naming.js';
import { environmentWords, withFile, type Holder } from '../../src/detect/holder.js';
import type { KeyKind } from '../../src/detect/key-shape.js';
import { maskKey } from '../../src/detect/mask.js';
import { publicEnvPrefix } from '../../src/detect/names.js';
import { fakeKey, fakeToken } from '../support/fake-keys.js';

/** A holder as the detector builds it: environment words read from the path. */
function holder(fields: Partial<Holder> & { path?: readonly string[] } = {}): Holder {
  const path = fields.path ?? [];
  const built: Holder = {
    path,
    environment: environmentWords(path),
    functionName: fields.functionName,
    file: undefined,
    envName: fields.envName,
    reason: fields.reason ?? (path.length > 0 ? 'holder' : 'client'),
  };
  return fields.file === undefined ? built : withFile(built, fields.file);
}

interface Seen {
  /** Names the fake key: the same label is the same value. */
  label: string;
  kind?: KeyKind;
  hint?: string;
  holder?: Partial<Holder>;
}

const valueOf = (label: string, kind: KeyKind = 'classic') => (kind === 'classic' ? fakeKey(`naming ${label}`) : fakeToken(`naming ${label}`));

function keysOf(seen: readonly Seen[]): KeyToName[] {
  return seen.map(({ label, kind = 'classic', hint, holder: fields }) => ({
    value: valueOf(label, kind),
    kind,
    hint,
    ...(fields ? { holder: holder(fields) } : {}),
  }));
}

/**
 * The plan as label → name, so that no assertion (and no failure diff) shows a key. `env` maps a
 * `.env` name to the label of the value it holds.
 */
function plan(seen: readonly Seen[], env: Record<string, string> = {}, options?: string | NamingOptions): Record<string, string> {
  const labels = new Map(seen.map(({ label, kind }) => [valueOf(label, kind), label]));
  for (const label of Object.values(env)) labels.set(valueOf(label), label);
  const existing = new Map(Object.entries(env).map(([name, label]) => [name, valueOf(label)]));
  const names = planNames(keysOf(seen), existing, options);
  return Object.fromEntries([...names].map(([value, name]) => [labels.get(value) ?? maskKey(value), name]));
}

describe('planNames: names from the holder', () => {
  it('reads the path, with its environment words last', () => {
    expect(
      plan([
        { label: 'prod', holder: { path: ['settings', 'production', 'clockwork', 'apiKey'] } },
        { label: 'stage', holder: { path: ['settings', 'staging', 'clockwork', 'apiKey'] } },
      ]),
    ).toEqual({ prod: 'CLOCKWORK_API_KEY_PRODUCTION', stage: 'CLOCKWORK_API_KEY_STAGING' });
  });

  it('keeps a name that already says Clockwork and a credential', () => {
    expect(plan([{ label: 'a', holder: { path: ['CLOCKWORK_KEY'] } }])).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['E2S_CLOCKWORK_API_KEY'] } }])).toEqual({ a: 'E2S_CLOCKWORK_API_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['exports', 'clockworkKey'] } }])).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['textanywhere', 'token'] }, kind: 'successor' }])).toEqual({ a: 'TEXTANYWHERE_TOKEN' });
  });

  it('names a key with no path after the default, by kind', () => {
    expect(plan([{ label: 'a', holder: { reason: 'client' } }])).toEqual({ a: DEFAULT_ENV_NAME });
    expect(plan([{ label: 't', kind: 'successor', holder: { reason: 'client' } }])).toEqual({ t: 'CLOCKWORK_ACCESS_TOKEN' });
  });

  it('prefixes a path that does not name Clockwork, and reads past words that only say "key"', () => {
    expect(plan([{ label: 'a', holder: { path: ['smsKey'], reason: 'client' } }])).toEqual({ a: 'CLOCKWORK_SMS_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['settings', 'sms', 'key'], reason: 'client' } }])).toEqual({ a: 'CLOCKWORK_SMS_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['opts', 'key'], reason: 'client' } }])).toEqual({ a: DEFAULT_ENV_NAME });
    expect(plan([{ label: 'a', holder: { path: ['sms'], reason: 'client' } }])).toEqual({ a: 'CLOCKWORK_SMS_API_KEY' });
  });

  it('drops words that name the code around the key, not the key', () => {
    expect(plan([{ label: 'a', holder: { path: ['ClockworkProvider', 'apiKey'] } }])).toEqual({ a: DEFAULT_ENV_NAME });
    expect(plan([{ label: 'a', holder: { path: ['getClockworkKey'] } }])).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['sendViaClockwork', 'key'] } }])).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['legacyClockworkKey'] } }])).toEqual({ a: 'LEGACY_CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['clockworkConfig', 'production'] } }])).toEqual({ a: 'CLOCKWORK_API_KEY_PRODUCTION' });
  });

  it('names a container read by a dynamic lookup after its environment members', () => {
    expect(
      plan([
        { label: 'p', holder: { path: ['keys', 'production'], reason: 'client' } },
        { label: 's', holder: { path: ['keys', 'staging'], reason: 'client' } },
      ]),
    ).toEqual({ p: 'CLOCKWORK_API_KEY_PRODUCTION', s: 'CLOCKWORK_API_KEY_STAGING' });
  });

  it('names a comment after its label', () => {
    expect(plan([{ label: 'a', holder: { path: ['Old clockwork key'], reason: 'comment' } }])).toEqual({ a: 'OLD_CLOCKWORK_KEY' });
  });

  it('builds valid UPPER_SNAKE names from any spelling', () => {
    expect(plan([{ label: 'a', holder: { path: ['clockwork-sms', 'api2Key'] } }])).toEqual({ a: 'CLOCKWORK_SMS_API2_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['2fa', 'clockwork.key'] } }])).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['HTTPClockworkKey'] } }])).toEqual({ a: 'HTTP_CLOCKWORK_KEY' });
  });
});

describe('planNames: names already in use', () => {
  it('keeps the name `.env` gives the same value', () => {
    expect(plan([{ label: 'a', holder: { path: ['clockwork', 'apiKey'] } }], { SMS_SECRET: 'a' })).toEqual({ a: 'SMS_SECRET' });
  });

  it('keeps the fallback read\'s name over its own holder path', () => {
    expect(plan([{ label: 'a', holder: { path: ['config', 'clockwork', 'apiKey'], envName: 'CLOCKWORK_KEY', reason: 'fallback' } }])).toEqual({
      a: 'CLOCKWORK_KEY',
    });
    // The hint of the old call shape counts the same.
    expect(plan([{ label: 'a', hint: 'CLOCKWORK_KEY' }])).toEqual({ a: 'CLOCKWORK_KEY' });
  });

  it('lets a fallback name win over a name derived for another value', () => {
    expect(
      plan([
        { label: 'read', holder: { path: ['key'], envName: 'CLOCKWORK_KEY', reason: 'fallback' } },
        { label: 'other', holder: { path: ['CLOCKWORK_KEY'], functionName: 'legacySend' } },
      ]),
    ).toEqual({ read: 'CLOCKWORK_KEY', other: 'CLOCKWORK_KEY_LEGACY_SEND' });
  });

  it('never reuses a name `.env` gives another value', () => {
    expect(plan([{ label: 'a', holder: { reason: 'client', file: 'src/sms.js' } }], { CLOCKWORK_API_KEY: 'other' })).toEqual({
      a: 'CLOCKWORK_API_KEY_SMS',
    });
    // Not even for the name its fallback reads.
    expect(plan([{ label: 'a', hint: 'CLOCKWORK_KEY', holder: { path: ['key'], file: 'config/staging.js' } }], { CLOCKWORK_KEY: 'other' })).toEqual({
      a: 'CLOCKWORK_KEY_STAGING',
    });
  });

  it('treats a reserved name (from the names file) as held by a value it cannot see', () => {
    expect(plan([{ label: 'a', holder: { path: ['clockwork', 'key'], functionName: 'send' } }], {}, { reserved: ['CLOCKWORK_KEY'] })).toEqual({
      a: 'CLOCKWORK_KEY_SEND',
    });
  });

  it('never generates, keeps or takes a public-prefixed name', () => {
    expect(plan([{ label: 'a', holder: { path: ['NEXT_PUBLIC_CLOCKWORK_KEY'] } }])).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['publicClockworkKey'] } }])).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', holder: { path: ['key'], envName: 'VITE_CLOCKWORK_KEY', reason: 'fallback' } }])).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a', hint: 'REACT_APP_CLOCKWORK_API_KEY' }])).toEqual({ a: 'CLOCKWORK_API_KEY' });
    // `.env` holds it under a public name: that entry stays as it is, and the code reads a private one.
    expect(plan([{ label: 'a', holder: { path: ['clockwork', 'key'] } }], { EXPO_PUBLIC_CLOCKWORK_KEY: 'a' })).toEqual({ a: 'CLOCKWORK_KEY' });
    expect(plan([{ label: 'a' }], {}, 'NUXT_PUBLIC_SMS_KEY')).toEqual({ a: 'SMS_KEY' });
  });
});

describe('planNames: conflicts', () => {
  it('adds nothing where there is no conflict', () => {
    expect(plan([{ label: 'a', holder: { reason: 'url', functionName: 'notify', file: 'src/notify.js' } }])).toEqual({ a: DEFAULT_ENV_NAME });
  });

  it('tells values apart by the rest of their path first', () => {
    expect(
      plan([
        { label: 'sms', holder: { path: ['sms', 'clockwork', 'apiKey'], functionName: 'a' } },
        { label: 'voice', holder: { path: ['voice', 'clockwork', 'apiKey'], functionName: 'b' } },
      ]),
    ).toEqual({ sms: 'CLOCKWORK_API_KEY_SMS', voice: 'CLOCKWORK_API_KEY_VOICE' });
  });

  it('then by the environment of their files', () => {
    expect(
      plan([
        { label: 'p', holder: { path: ['clockwork', 'apiKey'], file: 'config/production.js' } },
        { label: 's', holder: { path: ['clockwork', 'apiKey'], file: 'config/staging.js' } },
      ]),
    ).toEqual({ p: 'CLOCKWORK_API_KEY_PRODUCTION', s: 'CLOCKWORK_API_KEY_STAGING' });
  });

  it('then by function, then by file stem, suffixing every value that wanted the name', () => {
    expect(
      plan([
        { label: 'a', holder: { reason: 'url', functionName: 'notifyLegacy', file: 'src/notify.js' } },
        { label: 'b', holder: { reason: 'email', functionName: 'notifyByEmail', file: 'src/notify.js' } },
      ]),
    ).toEqual({ a: 'CLOCKWORK_API_KEY_NOTIFY_LEGACY', b: 'CLOCKWORK_API_KEY_NOTIFY_BY_EMAIL' });
    expect(
      plan([
        { label: 'a', holder: { reason: 'client', file: 'src/sms.js' } },
        { label: 'b', holder: { reason: 'client', file: 'src/clockwork/index.js' } },
        { label: 'c', holder: { reason: 'client', file: 'lib/billing.ts' } },
      ]),
    ).toEqual({ a: 'CLOCKWORK_API_KEY_SMS', b: DEFAULT_ENV_NAME, c: 'CLOCKWORK_API_KEY_BILLING' });
  });

  it('numbers only what nothing else tells apart, by value, whatever the order', () => {
    const seen: Seen[] = [
      { label: 'x', holder: { reason: 'client', file: 'src/sms.js' } },
      { label: 'y', holder: { reason: 'client', file: 'src/sms.js' } },
    ];
    const names = plan(seen);
    expect(Object.values(names).sort()).toEqual(['CLOCKWORK_API_KEY_SMS', 'CLOCKWORK_API_KEY_SMS_2']);
    expect(plan([...seen].reverse())).toEqual(names);
  });

  it('gives one name to a value seen at several holders, from the most telling one', () => {
    const seen: Seen[] = [
      { label: 'a', holder: { reason: 'client', functionName: 'send' } },
      { label: 'a', holder: { path: ['settings', 'production', 'clockwork', 'apiKey'] } },
      { label: 'a', holder: { path: ['Old clockwork key'], reason: 'comment' } },
      { label: 'a', holder: { path: ['CLOCKWORK_KEY'] } },
    ];
    expect(plan(seen)).toEqual({ a: 'CLOCKWORK_API_KEY_PRODUCTION' });
    expect(plan([...seen].reverse())).toEqual({ a: 'CLOCKWORK_API_KEY_PRODUCTION' });
  });

  it('names a key seen only in a comment last, so it never moves a code key\'s name', () => {
    expect(
      plan([
        { label: 'comment', holder: { reason: 'comment', file: 'src/sms.js' } },
        { label: 'code', holder: { reason: 'client', file: 'src/sms.js' } },
      ]),
    ).toEqual({ code: DEFAULT_ENV_NAME, comment: 'CLOCKWORK_API_KEY_SMS' });
  });

  it('lets two values that claim one fallback name share the conflict like any other', () => {
    expect(
      plan([
        { label: 'p', holder: { path: ['key'], envName: 'CLOCKWORK_KEY', reason: 'fallback', file: 'config/production.js' } },
        { label: 's', holder: { path: ['key'], envName: 'CLOCKWORK_KEY', reason: 'fallback', file: 'config/staging.js' } },
      ]),
    ).toEqual({ p: 'CLOCKWORK_KEY_PRODUCTION', s: 'CLOCKWORK_KEY_STAGING' });
  });
});

describe('planNames: a base name the caller chose', () => {
  it('is the name of a lone key, whatever its path', () => {
    expect(plan([{ label: 'a', holder: { path: ['settings', 'production', 'clockwork', 'apiKey'] } }], {}, 'SMS_KEY')).toEqual({ a: 'SMS_KEY' });
    expect(plan([{ label: 't', kind: 'successor' }], {}, { baseName: 'SMS_KEY' })).toEqual({ t: 'SMS_KEY' });
  });

  it('tells keys apart by the same tiers', () => {
    expect(
      plan(
        [
          { label: 'p', holder: { path: ['production', 'clockwork', 'apiKey'] } },
          { label: 's', holder: { path: ['staging', 'clockwork', 'apiKey'] } },
        ],
        {},
        'SMS_KEY',
      ),
    ).toEqual({ p: 'SMS_KEY_PRODUCTION', s: 'SMS_KEY_STAGING' });
  });
});

describe('planNames: the old call shape', () => {
  it('still names holder-less keys, numbering distinct values', () => {
    const names = plan([{ label: 'a' }, { label: 'b' }, { label: 'a' }, { label: 't', kind: 'successor' }]);
    expect(Object.values(names).sort()).toEqual(['CLOCKWORK_ACCESS_TOKEN', 'CLOCKWORK_API_KEY', 'CLOCKWORK_API_KEY_2']);
  });

  it('lists the plan by name', () => {
    const names = planNames(keysOf([{ label: 'b', holder: { path: ['zClockworkKey'] } }, { label: 'a', holder: { path: ['clockworkKey'] } }]), new Map());
    expect([...names.values()]).toEqual(['CLOCKWORK_KEY', 'Z_CLOCKWORK_KEY']);
  });
});

describe('planNames: order never matters', () => {
  const PATHS = [[], ['key'], ['smsKey'], ['CLOCKWORK_KEY'], ['clockwork', 'apiKey'], ['production', 'clockwork', 'apiKey'], ['keys', 'staging'], ['Old clockwork key']];
  // Few labels, so that values repeat; `t` and `u` are successor tokens.
  const seenArbitrary: fc.Arbitrary<Seen> = fc.record({
    label: fc.constantFrom('a', 'b', 'c', 'd', 't', 'u'),
    hint: fc.constantFrom(undefined, undefined, 'CLOCKWORK_KEY', 'NEXT_PUBLIC_CLOCKWORK_KEY', 'clockwork-key'),
    holder: fc.option(
      fc.record({
        path: fc.constantFrom(...PATHS),
        reason: fc.constantFrom<Holder['reason']>('holder', 'client', 'url', 'comment', 'fallback'),
        functionName: fc.constantFrom(undefined, 'send', 'notify', 'SmsService.send'),
        file: fc.constantFrom(undefined, 'src/sms.js', 'config/production.js', 'config/staging.js', 'lib/sms.ts', 'src/index.js'),
        envName: fc.constantFrom(undefined, undefined, 'CLOCKWORK_API_KEY', 'VITE_CLOCKWORK_KEY'),
      }),
      { nil: undefined },
    ),
  }).map((seen) => ({ ...seen, kind: seen.label === 't' || seen.label === 'u' ? 'successor' : 'classic' }));
  const envArbitrary = fc.dictionary(
    fc.constantFrom('CLOCKWORK_API_KEY', 'CLOCKWORK_KEY', 'CLOCKWORK_API_KEY_PRODUCTION', 'NEXT_PUBLIC_CLOCKWORK_KEY', 'CLOCKWORK_SMS_KEY'),
    fc.constantFrom('a', 'b', 'z'),
  );

  it('gives the same names for any order of keys and of `.env`, and a sound plan', () => {
    fc.assert(
      fc.property(
        fc.array(seenArbitrary, { maxLength: 12 }).chain((seen) => fc.tuple(fc.constant(seen), fc.shuffledSubarray(seen, { minLength: seen.length }))),
        envArbitrary,
        fc.constantFrom<string | undefined>(undefined, undefined, 'SMS_KEY'),
        ([seen, shuffled], env, baseName) => {
          const names = plan(seen, env, { baseName });
          const reversedEnv = Object.fromEntries(Object.entries(env).reverse());
          expect(plan(shuffled, reversedEnv, { baseName })).toEqual(names);
          // Sound: every value named once, distinct values apart, valid and private names, `.env` respected.
          const byName = new Map<string, string>();
          for (const [label, name] of Object.entries(names)) {
            expect(isEnvName(name)).toBe(true);
            expect(publicEnvPrefix(name)).toBeUndefined();
            expect(byName.get(name) ?? label).toBe(label);
            byName.set(name, label);
            if (env[name] !== undefined) expect(env[name]).toBe(label);
          }
          for (const { label } of seen) expect(names[label]).toBeDefined();
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the leaky app', () => {
  const root = 'examples/leaky-app';

  function filesUnder(directory: string): string[] {
    return readdirSync(directory)
      .sort()
      .flatMap((entry) => {
        const path = join(directory, entry);
        return statSync(path).isDirectory() ? filesUnder(path) : [path];
      });
  }

  /** Every detection of the app, in file order or reversed, each holder placed in its file. */
  function detectionsOf(files: readonly string[]): Array<KeyToName & { at: string }> {
    return files.flatMap((path) => {
      const file = relative(root, path);
      const result = detectInSource(readFileSync(path, 'utf8'), file, {});
      if (result.kind !== 'parsed') return [];
      return result.detections.map((detection) => ({
        value: detection.value,
        kind: detection.kind,
        holder: withFile(detection.holder, file),
        at: `${file}:${detection.loc.start.line}`,
      }));
    });
  }

  it('gives every planted key a context name, none numbered, in any file order', () => {
    const files = filesUnder(`${root}/src`);
    const detections = detectionsOf(files);
    const names = planNames(detections, new Map());
    const byPlace = Object.fromEntries(detections.map(({ at, value }) => [at, names.get(value)]));
    expect(byPlace).toEqual({
      'src/balance.ts:10': 'CLOCKWORK_SMS_KEY',
      'src/balance.ts:21': 'CLOCKWORK_API_KEY_BALANCE_XML',
      'src/components/SmsButton.tsx:25': 'CLOCKWORK_API_KEY_SMS_BUTTON',
      'src/config.ts:14': 'CLOCKWORK_API_KEY_PRODUCTION',
      'src/notify.mjs:4': 'CLOCKWORK_API_KEY',
      'src/notify.mjs:17': 'CLOCKWORK_API_KEY_NOTIFY_LEGACY',
      'src/notify.mjs:24': 'CLOCKWORK_API_KEY_NOTIFY_BY_EMAIL',
      'src/sms.js:7': 'CLOCKWORK_API_KEY_SMS',
      'src/sms.js:9': 'OLD_CLOCKWORK_KEY',
    });
    expect(new Set(names.values()).size).toBe(9);
    for (const name of names.values()) expect(name).not.toMatch(/_\d+$/);
    const reversed = planNames(detectionsOf([...files].reverse()).reverse(), new Map());
    expect([...reversed].map(([value, name]) => `${maskKey(value)} ${name}`)).toEqual([...names].map(([value, name]) => `${maskKey(value)} ${name}`));
  });
});
