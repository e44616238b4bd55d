/** Schema fragments the rules share, so the same option reads the same in every rule. */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

export function nameList(description: string): JSONSchema4 {
  return { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description };
}

export const EXTRA_NAMES = nameList(
  'Extra names that mean Clockwork in this codebase (for example an in-house wrapper), as in `no-hardcoded-key`: env variables and holders with these words count as Clockwork\'s.',
);

export const CLIENT_MODULES = nameList('Extra module names whose exports are Clockwork clients, as in `no-hardcoded-key`: a credential handed to one is the Clockwork key.');
