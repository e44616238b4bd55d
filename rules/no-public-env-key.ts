import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { basename } from 'node:path';
import { isEnvName } from '../src/detect/env-name.js';
import { maskKeysIn } from '../src/detect/mask.js';
import { compileExtraNames, judgeName, mentionsClockwork, publicEnvPrefix, withoutPublicPrefix, type PUBLIC_ENV_PREFIXES } from '../src/detect/names.js';
import { BROWSER_REASONS, browserCodeOf, serverOnlyPartOf, type BrowserVerdict } from '../src/eslint/browser-code.js';
import { staticKeyName } from '../src/eslint/clockwork-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { envReadLabel, KeyModel, originLabel, outermost, type EnvRead, type EnvSource } from '../src/eslint/key-expressions.js';
import { CLIENT_MODULES, EXTRA_NAMES } from '../src/eslint/option-schemas.js';
import { packageFactsOf, type FileFacts } from '../src/eslint/package-facts.js';
import { treeKindOf } from '../src/eslint/structured-detector.js';

export type Options = [
  {
    extraNames?: string[];
    clientModules?: string[];
  },
];

export type MessageIds = 'publicName' | 'browserRead' | 'renameToServerName';

/** What each public prefix does with a variable, as the message says it. */
export const PUBLIC_PREFIX_EXPOSURES: Record<(typeof PUBLIC_ENV_PREFIXES)[number], string> = {
  NEXT_PUBLIC_: 'Next.js inlines NEXT_PUBLIC_ variables into the JavaScript it sends to browsers',
  NUXT_PUBLIC_: 'Nuxt puts NUXT_PUBLIC_ variables in the public runtime config that every page sends to the browser',
  NUXT_ENV_: 'Nuxt 2 inlines NUXT_ENV_ variables into the JavaScript it sends to browsers',
  EXPO_PUBLIC_: 'Expo inlines EXPO_PUBLIC_ variables into the app bundle it ships to every device',
  PLASMO_PUBLIC_: 'Plasmo inlines PLASMO_PUBLIC_ variables into the extension it ships',
  REACT_APP_: 'Create React App inlines REACT_APP_ variables into the JavaScript it sends to browsers',
  VUE_APP_: 'Vue CLI inlines VUE_APP_ variables into the JavaScript it sends to browsers',
  SANITY_STUDIO_: 'Sanity Studio inlines SANITY_STUDIO_ variables into the JavaScript it sends to browsers',
  REDWOOD_ENV_: 'RedwoodJS inlines REDWOOD_ENV_ variables into the JavaScript it sends to browsers',
  STORYBOOK_: 'Storybook inlines STORYBOOK_ variables into the JavaScript it sends to browsers',
  GATSBY_: 'Gatsby inlines GATSBY_ variables into the JavaScript it sends to browsers',
  VITE_: 'Vite inlines VITE_ variables into the JavaScript it sends to browsers',
  PUBLIC_: 'SvelteKit and Astro inline PUBLIC_ variables into the JavaScript they send to browsers',
};

const SVELTEKIT_PUBLIC: Partial<Record<EnvSource, string>> = {
  '$env/static/public': 'SvelteKit inlines $env/static/public into the JavaScript it sends to browsers',
  '$env/dynamic/public': 'SvelteKit sends $env/dynamic/public to the browser with every page',
};

const NUXT_PUBLIC_CONFIG = 'Nuxt sends runtimeConfig.public to the browser with every page';
const NUXT_CONFIG_FILE = /^nuxt\.config\.[cm]?[jt]s$/u;

export default createRule<Options, MessageIds>({
  name: 'no-public-env-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow exposing the Clockwork key to browsers through public env names or browser code',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      publicName: '{{name}} is a public name for the Clockwork key: {{how}}. Keep the key under a server-only name, and call Clockwork from server code.',
      browserRead: '{{read}} reads the Clockwork key in code that runs in the browser ({{reason}}). Call Clockwork from a server route instead: a browser must never hold the key.',
      renameToServerName: 'Read the server-only name {{name}} instead (define {{name}} where the server runs).',
    },
    schema: [
      {
        type: 'object',
        description: 'What names the key in this codebase.',
        additionalProperties: false,
        properties: {
          extraNames: EXTRA_NAMES,
          clientModules: CLIENT_MODULES,
        },
      },
    ],
    defaultOptions: [{ extraNames: [], clientModules: [] }],
  },
  create(context, [options]) {
    const { sourceCode, filename } = context;
    if (treeKindOf(sourceCode) !== 'estree') return {};
    const extraNames = compileExtraNames(options.extraNames ?? []);
    const clientModules = options.clientModules ?? [];
    const text = sourceCode.text;
    if (!mentionsClockwork(text, extraNames) && !clientModules.some((name) => text.includes(name))) return {};
    const model = new KeyModel(sourceCode, { extraNames, clientModules });

    let facts: FileFacts | undefined;
    let fileVerdict: BrowserVerdict | null | undefined;
    /** Why `node` runs in a browser: the file does, and `node` is in no part the framework keeps on the server. */
    function browserVerdictAt(node: TSESTree.Node): BrowserVerdict | undefined {
      facts ??= packageFactsOf(filename);
      if (fileVerdict === undefined) fileVerdict = browserCodeOf(sourceCode.ast, facts) ?? null;
      if (fileVerdict === null) return undefined;
      return serverOnlyPartOf(sourceCode.ast, node, facts) === undefined ? fileVerdict : undefined;
    }

    function checkRead(read: EnvRead, at: TSESTree.Node): void {
      if (!model.isClockworkEnv(read)) return;
      const prefix = publicEnvPrefix(read.name) as keyof typeof PUBLIC_PREFIX_EXPOSURES | undefined;
      const how = SVELTEKIT_PUBLIC[read.source] ?? (prefix && PUBLIC_PREFIX_EXPOSURES[prefix]);
      if (how) {
        context.report({ node: at, messageId: 'publicName', data: { name: safe(envReadLabel(read)), how }, suggest: renameSuggestion(read, at) });
        return;
      }
      const verdict = browserVerdictAt(at);
      if (verdict) context.report({ node: at, messageId: 'browserRead', data: { read: safe(envReadLabel(read)), reason: BROWSER_REASONS[verdict.reason] } });
    }

    /**
     * `process.env.NEXT_PUBLIC_CLOCKWORK_KEY` → `process.env.CLOCKWORK_KEY`, in code that runs on a
     * server, where Node reads any name at run time. Not in browser code, where a server-only name
     * reads `undefined`, nor for `import.meta.env`, which holds only the prefixed names.
     */
    function renameSuggestion(read: EnvRead, at: TSESTree.Node): TSESLint.ReportSuggestionArray<MessageIds> {
      if (read.source !== 'process.env' || at.type !== AST_NODE_TYPES.MemberExpression) return [];
      const name = withoutPublicPrefix(read.name);
      if (!isEnvName(name) || browserVerdictAt(at)) return [];
      const property = at.property;
      const replacement = property.type === AST_NODE_TYPES.Literal ? `${property.raw[0]}${name}${property.raw[0]}` : name;
      return [{ messageId: 'renameToServerName', data: { name }, fix: (fixer) => fixer.replaceText(property, replacement) }];
    }

    /**
     * Nuxt's public runtime config, read: `useRuntimeConfig().public.clockworkKey`, or the same
     * through `const config = useRuntimeConfig()`. Reported at the member whose path names the key.
     */
    function checkRuntimeConfig(call: TSESTree.CallExpression): void {
      const value = outermost(call);
      checkPublicConfigRead(value, 'useRuntimeConfig()');
      const holder = value.parent;
      if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== value || holder.id.type !== AST_NODE_TYPES.Identifier) return;
      for (const variable of sourceCode.getDeclaredVariables(holder)) {
        for (const reference of variable.references) if (reference.isRead()) checkPublicConfigRead(reference.identifier, variable.name);
      }
    }

    function checkPublicConfigRead(config: TSESTree.Node, root: string): void {
      let current = config;
      const names: string[] = [];
      while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) {
        const name = staticKeyName(current.parent.property, current.parent.computed);
        if (name === undefined) return;
        names.push(name);
        current = current.parent;
        if (names[0] !== 'public') return;
        if (names.length < 2) continue;
        const path = names.slice(1).join('.');
        const verdict = judgeName(path, extraNames);
        if (verdict === 'hash') return;
        if (verdict === 'clockwork-key') {
          context.report({ node: current, messageId: 'publicName', data: { name: safe(`${root}.public.${path}`), how: NUXT_PUBLIC_CONFIG } });
          return;
        }
      }
    }

    /** Nuxt's config: every Clockwork name under `runtimeConfig.public` is sent to browsers. */
    function checkNuxtConfig(property: TSESTree.Property): void {
      if (staticKeyName(property.key, property.computed) !== 'runtimeConfig' || property.value.type !== AST_NODE_TYPES.ObjectExpression) return;
      if (!NUXT_CONFIG_FILE.test(basename(filename)) && !insideDefineNuxtConfig(property)) return;
      const publicConfig = property.value.properties.find(
        (member): member is TSESTree.Property => member.type === AST_NODE_TYPES.Property && staticKeyName(member.key, member.computed) === 'public',
      );
      if (publicConfig?.value.type === AST_NODE_TYPES.ObjectExpression) checkPublicMembers(publicConfig.value, []);
    }

    function checkPublicMembers(object: TSESTree.ObjectExpression, path: readonly string[]): void {
      for (const member of object.properties) {
        if (member.type !== AST_NODE_TYPES.Property) continue;
        const name = staticKeyName(member.key, member.computed);
        if (name === undefined) continue;
        const full = [...path, name];
        if (member.value.type === AST_NODE_TYPES.ObjectExpression) {
          checkPublicMembers(member.value, full);
        } else if (judgeName(full.join('.'), extraNames) === 'clockwork-key') {
          context.report({ node: member.key, messageId: 'publicName', data: { name: safe(`runtimeConfig.public.${full.join('.')}`), how: NUXT_PUBLIC_CONFIG } });
        }
      }
    }

    /** `process.env.X` and `const { X } = process.env`, and the same of `import.meta.env`. */
    function checkEnvObject(env: TSESTree.MemberExpression): void {
      const source = model.envObject(env);
      if (source === undefined) return;
      const value = outermost(env);
      const parent = value.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
        const read = model.envReadAt(parent);
        if (read) checkRead(read, parent);
      } else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of parent.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const name = staticKeyName(property.key, property.computed);
          if (name !== undefined) checkRead({ name, source, node: property }, property.key);
        }
      }
    }

    /** SvelteKit's env modules: each static import names a variable; the dynamic `env` is read by member. */
    function checkSvelteKitImport(node: TSESTree.ImportDeclaration): void {
      const module = node.source.value;
      if (module !== '$env/static/public' && module !== '$env/static/private' && module !== '$env/dynamic/public' && module !== '$env/dynamic/private') return;
      for (const specifier of node.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) continue;
        const name = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        if (module.startsWith('$env/static/')) {
          checkRead({ name, source: module, node: specifier }, specifier);
          continue;
        }
        for (const variable of sourceCode.getDeclaredVariables(specifier)) {
          for (const reference of variable.references) {
            const parent = reference.identifier.parent;
            const read = parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier ? model.envReadAt(parent) : undefined;
            if (read) checkRead(read, parent!);
          }
        }
      }
    }

    return {
      'MemberExpression[property.name="env"]': checkEnvObject,
      ImportDeclaration: checkSvelteKitImport,
      'Property[key.name="runtimeConfig"], Property[key.value="runtimeConfig"]'(node: TSESTree.Property) {
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression) checkNuxtConfig(node);
      },
      ...(text.includes('useRuntimeConfig') ? { 'CallExpression[callee.name="useRuntimeConfig"]': checkRuntimeConfig } : {}),
      ...(model.importsSecretsModule
        ? {
            CallExpression(node: TSESTree.CallExpression) {
              const accessor = model.accessorAt(node);
              const verdict = accessor && browserVerdictAt(node);
              if (accessor && verdict) {
                context.report({ node, messageId: 'browserRead', data: { read: safe(originLabel(accessor)), reason: BROWSER_REASONS[verdict.reason] } });
              }
            },
          }
        : {}),
    };
  },
});

function insideDefineNuxtConfig(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      return current.callee.type === AST_NODE_TYPES.Identifier && current.callee.name === 'defineNuxtConfig';
    }
  }
  return false;
}

/** Names come from the code; a name could still be key-shaped, so mask it. */
function safe(text: string): string {
  return maskKeysIn(text);
}
