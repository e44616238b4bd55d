import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { maskKeysIn } from '../src/detect/mask.js';
import { compileExtraNames, mentionsClockwork } from '../src/detect/names.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createKeyDetector } from '../src/eslint/key-detector.js';
import { combineListeners } from '../src/eslint/listeners.js';
import { calleeName, KeyModel, originLabel, unwrap, type KeyOrigin } from '../src/eslint/key-expressions.js';
import { CLIENT_MODULES, EXTRA_NAMES, nameList } from '../src/eslint/option-schemas.js';
import { SinkFinder, type Destination, type Sink } from '../src/eslint/sinks.js';
import { treeKindOf } from '../src/eslint/structured-detector.js';

export type Options = [
  {
    extraNames?: string[];
    clientModules?: string[];
    loggers?: string[];
  },
];

export type MessageIds = 'keyInOutput' | 'holderInOutput' | 'logWhetherSet';

/** Where each kind of sink sends what it is given, as the message says it. */
export const DESTINATIONS: Record<Destination, string> = {
  log: 'which writes it to logs that CI and log services keep',
  error: 'which puts it in an error message that logs and error trackers keep',
  response: 'which sends it to whoever made the HTTP request',
};

export default createRule<Options, MessageIds>({
  name: 'no-key-in-logs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the Clockwork key in logs, error messages and HTTP responses',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      keyInOutput: 'The Clockwork key ({{source}}) reaches {{sink}}, {{destination}}. Output whether it is set, or a masked form, never the key itself.',
      holderInOutput:
        '{{holder}} holds the Clockwork key at {{path}} ({{source}}) and reaches {{sink}} whole, {{destination}}. Output only the fields that are needed, without the key.',
      logWhetherSet: 'Output whether the key is set instead: {{replacement}}.',
    },
    schema: [
      {
        type: 'object',
        description: 'What names the key and where logs go in this codebase.',
        additionalProperties: false,
        properties: {
          extraNames: EXTRA_NAMES,
          clientModules: CLIENT_MODULES,
          loggers: nameList(
            'Extra names of logger objects or log functions, such as `audit` for `audit.info(…)` and `audit(…)`; `logger`, `log`, `console`, pino, winston, bunyan, log4js and `debug` are known.',
          ),
        },
      },
    ],
    defaultOptions: [{ extraNames: [], clientModules: [], loggers: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    if (treeKindOf(sourceCode) !== 'estree') return {};
    const extraNames = compileExtraNames(options.extraNames ?? []);
    const clientModules = options.clientModules ?? [];
    const text = sourceCode.text;
    // Every way the key can be known here names Clockwork, or one of the configured names.
    if (!mentionsClockwork(text, extraNames) && !clientModules.some((name) => text.includes(name))) return {};

    const hardcoded = new Map<TSESTree.Node, string>();
    const detector = createKeyDetector(context, { extraNames: options.extraNames, clientModules }, ({ site, value }) => {
      if (site.type === 'value') {
        hardcoded.set(site.node, value);
        if (site.node.type === AST_NODE_TYPES.TSAsExpression) hardcoded.set(site.node.expression, value);
      } else if (site.type === 'embedded' && !hardcoded.has(site.folded.root)) {
        hardcoded.set(site.folded.root, value);
      }
    });
    const sinks = new SinkFinder(sourceCode, { loggers: options.loggers ?? [] });
    /** Calls, `new`s, `throw`s and `….body =` assignments: judged at the end, and only if a key can be here at all. */
    const candidates: (TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ThrowStatement | TSESTree.AssignmentExpression)[] = [];
    let model: KeyModel | undefined;
    const modelOf = () => (model ??= new KeyModel(sourceCode, { extraNames, clientModules }, hardcoded));
    /** Whether the file reads the key from the environment, SvelteKit's env or the generated module: else no output can hold it. */
    let readsKey = modelOf().importsSecretsModule;
    const reported = new Set<TSESTree.Node>();

    function sinkOf(node: (typeof candidates)[number]): Sink | undefined {
      switch (node.type) {
        case AST_NODE_TYPES.ThrowStatement:
          return sinks.ofThrow(node);
        case AST_NODE_TYPES.AssignmentExpression:
          return sinks.ofAssignment(node);
        default:
          return sinks.ofCall(node);
      }
    }

    function report(sink: Sink, model: KeyModel): void {
      for (const output of sink.outputs) visit(output, model, sink, output, undefined);
    }

    /** Follow the output's own syntax down to the values it is built from; judge each. */
    function visit(node: TSESTree.Node, model: KeyModel, sink: Sink, root: TSESTree.Node, property: TSESTree.Property | undefined): void {
      const inner = unwrap(node);
      switch (inner.type) {
        case AST_NODE_TYPES.TemplateLiteral:
          for (const expression of inner.expressions) visit(expression, model, sink, root, undefined);
          return;
        case AST_NODE_TYPES.BinaryExpression:
          if (inner.operator === '+') {
            visit(inner.left, model, sink, root, undefined);
            visit(inner.right, model, sink, root, undefined);
            return;
          }
          break;
        case AST_NODE_TYPES.LogicalExpression:
          if (inner.operator !== '&&') visit(inner.left, model, sink, root, undefined);
          visit(inner.right, model, sink, root, undefined);
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          visit(inner.consequent, model, sink, root, undefined);
          visit(inner.alternate, model, sink, root, undefined);
          return;
        case AST_NODE_TYPES.ObjectExpression:
          for (const member of inner.properties) {
            if (member.type === AST_NODE_TYPES.SpreadElement) judge(member.argument, model, sink, root, undefined);
            else if (member.kind === 'init' && !member.method) visit(member.value, model, sink, root, member);
          }
          return;
        case AST_NODE_TYPES.ArrayExpression:
          for (const element of inner.elements) {
            if (element) visit(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, model, sink, root, undefined);
          }
          return;
        default:
      }
      judge(node, model, sink, root, property);
    }

    function judge(node: TSESTree.Node, model: KeyModel, sink: Sink, root: TSESTree.Node, property: TSESTree.Property | undefined): void {
      if (reported.has(node)) return;
      const origin = model.keyOf(node);
      if (origin) {
        reported.add(node);
        context.report({
          node,
          messageId: 'keyInOutput',
          data: { source: safe(sourceOf(origin, node)), sink: safe(sink.label), destination: DESTINATIONS[sink.destination] },
          suggest: suggestionsFor(node, origin, sink, root, property),
        });
        return;
      }
      const held = model.heldIn(node);
      if (!held) return;
      reported.add(node);
      const holder = calleeName(unwrap(node));
      context.report({
        node,
        messageId: 'holderInOutput',
        data: {
          holder: safe(holder ?? 'This value'),
          path: safe([...(holder === undefined ? [] : [holder]), ...held.path].join('.')),
          source: safe(originPhrase(held.origin)),
          sink: safe(sink.label),
          destination: DESTINATIONS[sink.destination],
        },
      });
    }

    /** `Boolean(key)` in place of the key, where the key is a value the code reads (not a literal) inside the output. */
    function suggestionsFor(
      node: TSESTree.Node,
      origin: KeyOrigin,
      sink: Sink,
      root: TSESTree.Node,
      property: TSESTree.Property | undefined,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      if ((sink.bare && node === root) || !isRead(origin, unwrap(node))) return [];
      const expression = sourceCode.getText(node);
      const shorthand = property?.shorthand === true && property.value === node;
      const replacement = shorthand ? `${expression}: Boolean(${expression})` : `Boolean(${expression})`;
      return [
        {
          messageId: 'logWhetherSet',
          data: { replacement: safe(replacement) },
          fix: (fixer) => fixer.replaceText(shorthand ? property : node, replacement),
        },
      ];
    }

    // The detector runs first, so its findings (some settled only at the end of the file) are in by the end.
    return combineListeners(detector, {
      CallExpression: (node) => candidates.push(node),
      NewExpression: (node) => candidates.push(node),
      ThrowStatement: (node) => candidates.push(node),
      'AssignmentExpression[left.property.name="body"]': (node: TSESTree.AssignmentExpression) => candidates.push(node),
      'MemberExpression[property.name="env"]'(node: TSESTree.MemberExpression) {
        readsKey ||= modelOf().readsKeyFrom(node);
      },
      ImportDeclaration(node) {
        readsKey ||= node.source.value.startsWith('$env/');
      },
      'Program:exit'() {
        if (candidates.length === 0 || (hardcoded.size === 0 && !readsKey)) return;
        for (const candidate of candidates) {
          const sink = sinkOf(candidate);
          if (sink) report(sink, modelOf());
        }
      },
    });
  },
});

/** Whether the key is read right at `node`: the env read, the accessor call or the literal itself. */
function readsAt(origin: KeyOrigin, node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  switch (origin.type) {
    case 'env':
      // SvelteKit's `import { CLOCKWORK_KEY } from '$env/static/private'`: the binding is the variable.
      return origin.read.node === inner || (origin.read.node.type === AST_NODE_TYPES.ImportSpecifier && inner.type === AST_NODE_TYPES.Identifier && inner.name === origin.read.name);
    case 'accessor':
      return origin.call === inner;
    case 'hardcoded':
      return inner.type === AST_NODE_TYPES.Literal || inner.type === AST_NODE_TYPES.TemplateLiteral || inner.type === AST_NODE_TYPES.BinaryExpression;
  }
}

/**
 * A value the code reads, which `Boolean(…)` can wrap as it is: a binding or member that holds the
 * key, or the accessor call. Not a literal, nor a call that derives a string from the key.
 */
function isRead(origin: KeyOrigin, node: TSESTree.Node): boolean {
  if (origin.type === 'hardcoded') return false;
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) return true;
  return origin.type === 'accessor' && origin.call === node;
}

/** `process.env.X` where it is read; `key, read from process.env.X` through a name; `read from …` otherwise. */
function sourceOf(origin: KeyOrigin, node: TSESTree.Node): string {
  if (readsAt(origin, node)) return originLabel(origin);
  const via = calleeName(unwrap(node));
  return via === undefined ? originPhrase(origin) : `${via}, ${originPhrase(origin)}`;
}

function originPhrase(origin: KeyOrigin): string {
  return origin.type === 'hardcoded' ? originLabel(origin) : `read from ${originLabel(origin)}`;
}

/** Message text is built from names in the code; a name could still be key-shaped, so mask it. */
function safe(text: string): string {
  return maskKeysIn(text);
}
