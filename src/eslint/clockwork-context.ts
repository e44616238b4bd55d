/**
 * Why a key-shaped value is a Clockwork key: the place it is held, the client it is handed to,
 * the text it is spliced into, followed through variables, containers, local functions and class
 * fields (`this.apiKey`) with ESLint's scope manager.
 *
 * The question is always "where does this value end up?". A value is tracked together with an
 * access path: an object literal holding it at `clockwork.apiKey` is tracked as the object with
 * path [clockwork, apiKey], and a later read `config.clockwork.apiKey` brings the path back to [].
 * Arrays track an element by its index, Maps an entry by its key (`keys.get('production')`), and
 * `Object.values(keys)` holds every member as "some element"; a lookup by a computed key
 * (`keys[env]`, `keys.get(env)`) may read any of them.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { environmentWords, pathOfName, type Holder, type HolderReason } from '../detect/holder.js';
import { keyKindOf, type KeyKind } from '../detect/key-shape.js';
import { isClockworkModule, judgeName, type ExtraNames } from '../detect/names.js';
import { findKeysInText, type TextHit } from '../detect/text-context.js';
import { foldString, isConcatenation, isStringLiteral, partAt } from './string-parts.js';

export interface ContextSettings {
  extraNames: ExtraNames;
  clientModules: readonly string[];
}

/** A proven Clockwork key: the reason in words for the report, and the record of its holder. */
export interface Finding {
  reason: string;
  holder: Holder;
}

/** What proved a key while following it: the holder's path, when a name did the proving. */
interface Proof {
  reason: string;
  code: HolderReason;
  /** Undefined: the holder is where the literal is written. */
  path?: readonly string[];
  envName?: string;
}

type Verdict = Proof | 'hash' | undefined;

/** How a name that proves a key is reported: the default is `held by "<name>"`. */
interface Judgement {
  reason?: string;
  code?: HolderReason;
  /** The object literal the name is a member of: its own place prefixes the path. */
  outer?: TSESTree.Node;
}

/** How far data flow is followed: variable to variable, into functions, through containers. */
const MAX_DEPTH = 6;

/**
 * A path segment for "some element": what `Object.values(keys)` holds, or a Map key set from a
 * variable. Any element read (`values[i]`, `values[0]`, iteration) may be the tracked one.
 */
const ANY_ELEMENT = '*';

/** Array methods whose callback's first parameter takes each element. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'findIndex', 'some', 'every']);
/** Array methods that return one of the elements. */
const ELEMENT_RESULTS = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
/** Array methods that return an array of the same elements. */
const ARRAY_RESULTS = new Set(['filter', 'slice', 'concat', 'reverse', 'toReversed', 'sort', 'toSorted']);
/** Says a method call is no container read at all, so the member read is judged as any other. */
const NOT_A_CONTAINER_METHOD = Symbol('not a container method');

/** Wrappers that hand their operand's value on unchanged: `x as T`, `x!`, `a?.b`, `await x`. */
export const TRANSPARENT: ReadonlySet<string> = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.AwaitExpression,
]);

export const REASONS = {
  client: 'passed to a Clockwork client',
  config: 'in a Clockwork config object',
  payload: 'in a Clockwork API payload',
  url: 'in a Clockwork API URL',
  email: 'in a Clockwork email gateway address',
  xml: 'in a Clockwork XML payload',
  comment: 'in a comment that names Clockwork',
  prose: 'in a string that names Clockwork and labels it a credential',
  knownValue: 'the same value as a Clockwork key found elsewhere in this file',
} as const;

export function heldBy(name: string): string {
  return `held by "${name}"`;
}

export function textHitReason(hit: TextHit): string {
  return hit.reason === 'assignment' ? heldBy(hit.name ?? '') : REASONS[hit.reason];
}

export function textHitCode(hit: TextHit): HolderReason {
  return hit.reason === 'assignment' ? 'holder' : hit.reason;
}

/** The holder path a text gives: the name in `CLOCKWORK_KEY=…`; a URL or payload names no holder. */
export function textHitPath(hit: TextHit): string[] {
  return hit.reason === 'assignment' ? pathOfName(hit.name ?? '') : [];
}

/** The holder record of a key at `node`: the function around it; its path and reason as found. */
export function holderAt(node: TSESTree.Node, reason: HolderReason, path: readonly string[], envName?: string): Holder {
  return { path, environment: environmentWords(path), functionName: enclosingFunctionName(node), file: undefined, envName, reason };
}

export class ClockworkContext {
  private visited = new Set<TSESLint.Scope.Variable>();
  private visitedGlobals = new Set<string>();
  private visitedMembers = new Set<string>();
  /** Per class: its `this.name` expressions by member name (`#name` for a private one). */
  private readonly thisMembers = new WeakMap<TSESTree.Node, Map<string, TSESTree.MemberExpression[]>>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly settings: ContextSettings,
  ) {}

  /** Why the value of `node`, a key-shaped string of `kind`, is a Clockwork key, if it is. */
  explain(node: TSESTree.Node, kind: KeyKind): Finding | undefined {
    this.visited = new Set();
    this.visitedGlobals = new Set();
    this.visitedMembers = new Set();
    const verdict = this.sinkOf(node, [], kind, 0);
    if (verdict === undefined || verdict === 'hash') return undefined;
    const path = verdict.path ?? writtenPath(node);
    return { reason: verdict.reason, holder: holderAt(node, verdict.code, path, verdict.envName ?? fallbackEnvName(node)) };
  }

  /**
   * Where the value tracked at `path` inside `node` ends up. Climbs the wrappers that pass a value
   * through unchanged, then asks the holder.
   */
  private sinkOf(node: TSESTree.Node, path: readonly string[], kind: KeyKind, depth: number): Verdict {
    let child = node;
    let parent = child.parent;
    while (parent) {
      if (TRANSPARENT.has(parent.type)) {
        // pass through
      } else if (parent.type === AST_NODE_TYPES.ConditionalExpression) {
        if (parent.test === child) return undefined;
      } else if (parent.type === AST_NODE_TYPES.SequenceExpression) {
        if (parent.expressions.at(-1) !== child) return undefined;
      } else if (parent.type === AST_NODE_TYPES.LogicalExpression) {
        const envName = envReadName(parent.left === child ? parent.right : parent.left);
        if (envName !== undefined) {
          const verdict = this.judge(envName, path, kind, { reason: `used as the fallback for ${envName}`, code: 'fallback' });
          if (verdict) return verdict;
        }
      } else {
        return this.holderVerdict(child, parent, path, kind, depth);
      }
      child = parent;
      parent = child.parent;
    }
    return undefined;
  }

  private holderVerdict(
    child: TSESTree.Node,
    parent: TSESTree.Node,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    switch (parent.type) {
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init !== child) return undefined;
        // `const { production } = keys`, `const [first] = keys`: the pattern takes the member apart.
        if (parent.id.type !== AST_NODE_TYPES.Identifier) return this.bindPattern(parent.id, path, kind, depth);
        return (
          this.judge(parent.id.name, path, kind) ??
          this.followVariables(this.sourceCode.getDeclaredVariables(parent), path, kind, depth)
        );
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== child) return undefined;
        return this.assignmentVerdict(parent.left, path, kind, depth);
      case AST_NODE_TYPES.AssignmentPattern:
        if (parent.right !== child) return undefined;
        return this.patternVerdict(parent, path, kind, depth);
      case AST_NODE_TYPES.Property:
        if (parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        return this.propertyVerdict(parent, parent.parent, path, kind, depth);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee === child) return undefined;
        return this.argumentVerdict(parent, child, path, kind, depth);
      case AST_NODE_TYPES.JSXExpressionContainer:
        return parent.parent.type === AST_NODE_TYPES.JSXAttribute
          ? this.jsxAttributeVerdict(parent.parent, path, kind)
          : undefined;
      case AST_NODE_TYPES.JSXAttribute:
        return this.jsxAttributeVerdict(parent, path, kind);
      case AST_NODE_TYPES.PropertyDefinition: {
        const name = staticKeyName(parent.key, parent.computed);
        if (parent.value !== child || name === undefined) return undefined;
        // `apiKey = '…'` then `createClient(this.apiKey)`: the field is read through `this`.
        return (
          this.judge(qualify(enclosingClassName(parent), name), path, kind) ??
          this.followThisMember(parent, memberKey(parent.key, parent.computed), path, kind, depth)
        );
      }
      case AST_NODE_TYPES.TSEnumMember: {
        const name = staticKeyName(parent.id, false);
        if (name === undefined) return undefined;
        return this.judge(qualify(parent.parent.parent.id.name, name), path, kind);
      }
      case AST_NODE_TYPES.ArrayExpression:
        return this.arrayVerdict(parent, child, path, kind, depth);
      case AST_NODE_TYPES.ForOfStatement: {
        // `for (const key of Object.values(keys))`: each element in turn.
        if (parent.right !== child || path.length === 0) return undefined;
        const target = parent.left.type === AST_NODE_TYPES.VariableDeclaration ? parent.left.declarations[0]?.id : parent.left;
        return target ? this.bindPattern(target, path.slice(1), kind, depth) : undefined;
      }
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body !== child) return undefined;
        const fn = parent.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(parent) : parent;
        const name = fn && functionName(fn);
        return name === undefined ? undefined : this.judge(name, path, kind);
      }
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.BinaryExpression:
        return path.length === 0 ? this.spliceVerdict(child) : undefined;
      case AST_NODE_TYPES.MemberExpression:
        return this.memberReadVerdict(parent, child, path, kind, depth);
      default:
        return undefined;
    }
  }

  /**
   * The verdict of a holder's name with the tracked path appended (`config` + [clockwork, apiKey]
   * reads `config.clockwork.apiKey`). Undefined when the name decides nothing.
   */
  private judge(name: string, path: readonly string[], kind: KeyKind, how: Judgement = {}): Verdict {
    const full = [name, ...path].join('.');
    const verdict = judgeName(full, this.settings.extraNames);
    if (verdict === 'hash') return 'hash';
    if (verdict !== 'clockwork-key' && (verdict !== 'clockwork' || kind !== 'classic')) return undefined;
    const reason = how.reason ?? heldBy(full);
    // A fallback's holder is where the literal is written; the env name goes in its own field.
    if (how.code === 'fallback') return { reason, code: 'fallback', envName: name };
    const outer = how.outer ? writtenPath(how.outer) : [];
    return { reason, code: how.code ?? 'holder', path: [...outer, ...pathOfName(name), ...path] };
  }

  private followVariables(
    variables: readonly TSESLint.Scope.Variable[],
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    for (const variable of variables) {
      if (this.visited.has(variable)) continue;
      this.visited.add(variable);
      const verdict = this.followReferences(variable.references, path, kind, depth);
      if (verdict) return verdict;
    }
    return undefined;
  }

  private followReferences(
    references: readonly TSESLint.Scope.Reference[],
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Proof | undefined {
    if (depth >= MAX_DEPTH) return undefined;
    for (const reference of references) {
      if (!reference.isRead()) continue;
      const verdict = this.sinkOf(reference.identifier, path, kind, depth + 1);
      if (verdict && verdict !== 'hash') return verdict;
    }
    return undefined;
  }

  /** The reads of an identifier's binding; for an undeclared global (`process`), of its name. */
  private followBinding(identifier: TSESTree.Identifier, path: readonly string[], kind: KeyKind, depth: number): Verdict {
    const scope = this.sourceCode.getScope(identifier);
    const variable = ASTUtils.findVariable(scope, identifier);
    if (variable && variable.defs.length > 0) return this.followVariables([variable], path, kind, depth);
    const key = `global:${identifier.name}:${path.join('.')}`;
    if (this.visitedGlobals.has(key)) return undefined;
    this.visitedGlobals.add(key);
    let global: TSESLint.Scope.Scope = scope;
    while (global.upper) global = global.upper;
    const reads = global.through.filter((reference) => reference.identifier.name === identifier.name);
    return this.followReferences(reads, path, kind, depth);
  }

  private assignmentVerdict(
    left: TSESTree.Node,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    if (left.type === AST_NODE_TYPES.Identifier) {
      return this.judge(left.name, path, kind) ?? this.followBinding(left, path, kind, depth);
    }
    if (left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const chain = memberChain(left);
    if (!chain) return undefined;
    const envName = envReadName(left);
    const verdict =
      envName === undefined
        ? this.judge(chain.names.join('.'), path, kind)
        : this.judge(envName, path, kind, { reason: `assigned to the environment variable ${envName}`, code: 'env-assignment' });
    if (verdict) return verdict;
    // `this.apiKey = KEY` then `new Clockwork({ key: this.apiKey })`: follow the field in its class.
    if (chain.object.type === AST_NODE_TYPES.ThisExpression) {
      const field = thisMemberOf(left);
      return field && this.followThisMember(left, memberKey(field.property), [...chain.names.slice(2), ...path], kind, depth);
    }
    if (chain.object.type !== AST_NODE_TYPES.Identifier) return undefined;
    // `config.key = KEY` then `new Clockwork(config)`: follow the container.
    return this.followBinding(chain.object, [...chain.names.slice(1), ...path], kind, depth);
  }

  private patternVerdict(
    pattern: TSESTree.AssignmentPattern,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    if (pattern.left.type !== AST_NODE_TYPES.Identifier) return undefined;
    const verdict =
      this.judge(qualify(patternOwnerName(pattern), pattern.left.name), path, kind) ??
      this.followBinding(pattern.left, path, kind, depth);
    // `constructor(private apiKey = '…')` declares a field, read elsewhere as `this.apiKey`.
    if (verdict || pattern.parent.type !== AST_NODE_TYPES.TSParameterProperty) return verdict;
    return this.followThisMember(pattern, pattern.left.name, path, kind, depth);
  }

  private propertyVerdict(
    property: TSESTree.Property,
    object: TSESTree.ObjectExpression,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    const name = staticKeyName(property.key, property.computed);
    if (name === undefined) return undefined;
    const own = judgeName(name, this.settings.extraNames);
    if (own === 'hash') return 'hash';
    const direct = this.judge(name, path, kind, { outer: object });
    if (direct) return direct;
    if (path.length === 0) {
      const sibling = this.siblingVerdict(object, property, own);
      if (sibling) return sibling;
    }
    return this.sinkOf(object, [name, ...path], kind, depth);
  }

  /**
   * `{ provider: 'clockwork', apiKey }` and `{ key, to, content }` (the HTTP API's parameters):
   * the object's other members say whose credential this is.
   */
  private siblingVerdict(
    object: TSESTree.ObjectExpression,
    property: TSESTree.Property,
    own: string,
  ): Verdict {
    if (own !== 'key') return undefined;
    const siblingNames = new Set<string>();
    for (const sibling of object.properties) {
      if (sibling === property || sibling.type !== AST_NODE_TYPES.Property) continue;
      const siblingName = staticKeyName(sibling.key, sibling.computed);
      if (siblingName !== undefined) siblingNames.add(siblingName.toLowerCase());
      if (isStringLiteral(sibling.value) && looksLikeName(sibling.value.value)) {
        const verdict = judgeName(sibling.value.value, this.settings.extraNames);
        if (verdict === 'clockwork' || verdict === 'clockwork-key') return { reason: REASONS.config, code: 'config' };
      }
    }
    return siblingNames.has('to') && siblingNames.has('content') ? { reason: REASONS.payload, code: 'payload' } : undefined;
  }

  private argumentVerdict(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    argument: TSESTree.Node,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    const client = this.clientCallee(call.callee);
    if (client === 'clockwork' && (path.length === 0 || (path.length === 1 && isCredentialName(path[0]!)))) {
      return { reason: REASONS.client, code: 'client' };
    }
    // `config.set('clockwork.apiKey', KEY)`, `secrets.set('CLOCKWORK_KEY', KEY)`
    for (const other of call.arguments) {
      if (other !== argument && isStringLiteral(other) && looksLikeName(other.value)) {
        const verdict = this.judge(other.value, path, kind);
        if (verdict) return verdict;
      }
    }
    const container = this.containerCallVerdict(call, argument, path, kind, depth);
    if (container) return container;
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    if (index >= 0 && client === 'local') return this.parameterVerdict(call.callee, index, path, kind, depth);
    return undefined;
  }

  /** Data flow into a function of this file: the parameter at `index` takes the tracked value. */
  private parameterVerdict(
    callee: TSESTree.Node,
    index: number,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    const fn = this.localFunction(callee);
    const param = fn?.params[index];
    if (!fn || !param || depth >= MAX_DEPTH) return undefined;
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
    const ownerName = functionName(fn);
    return (
      this.judge(ownerName === undefined ? target.name : qualify(ownerName, target.name), path, kind) ??
      this.followBinding(target, path, kind, depth)
    );
  }

  private localFunction(callee: TSESTree.Node): FunctionNode | undefined {
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(callee), callee);
    const definition = variable?.defs[0];
    if (!definition) return undefined;
    const node = definition.node as TSESTree.Node;
    if (isFunction(node)) return node;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && isFunction(node.init)) return node.init;
    return undefined;
  }

  /**
   * What a callee is: a Clockwork client (bound to a Clockwork module, or unbound and named
   * Clockwork), a function of this file, or anything else. A binding imported from another
   * package is judged by that package, never by its name: `clockwork` the scheduler is not ours.
   */
  private clientCallee(callee: TSESTree.Node): 'clockwork' | 'local' | 'other' {
    const unwrapped = callee.type === AST_NODE_TYPES.ChainExpression ? callee.expression : callee;
    const module = this.moduleOf(unwrapped);
    if (module !== undefined) return isClockworkModule(module, this.settings.clientModules) ? 'clockwork' : 'other';
    if (unwrapped.type === AST_NODE_TYPES.Identifier && this.localFunction(unwrapped)) return 'local';
    const chain = memberChain(unwrapped);
    const name = unwrapped.type === AST_NODE_TYPES.Identifier ? unwrapped.name : chain?.names.join('.');
    if (name === undefined) return 'other';
    const verdict = judgeName(name, this.settings.extraNames);
    return verdict === 'clockwork' || verdict === 'clockwork-key' ? 'clockwork' : 'other';
  }

  /** The module a callee comes from: `require('m')`, `require('m').f`, or a binding of either. */
  private moduleOf(node: TSESTree.Node): string | undefined {
    const required = requiredModule(node);
    if (required !== undefined) return required;
    if (node.type === AST_NODE_TYPES.MemberExpression) return this.moduleOf(node.object);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    const definition = variable?.defs[0];
    if (!definition) return undefined;
    if (definition.type === 'ImportBinding') {
      const declaration = definition.parent as TSESTree.Node;
      return declaration.type === AST_NODE_TYPES.ImportDeclaration ? declaration.source.value : undefined;
    }
    const declarator = definition.node as TSESTree.Node;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return undefined;
    let init: TSESTree.Node = declarator.init;
    while (init.type === AST_NODE_TYPES.MemberExpression) init = init.object;
    return requiredModule(init);
  }

  /** A reference read as `container.member`: the path shrinks, or the read is something else. */
  private memberReadVerdict(
    member: TSESTree.MemberExpression,
    child: TSESTree.Node,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    if (member.object !== child || path.length === 0) return undefined;
    const name = staticKeyName(member.property, member.computed);
    const call = member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? member.parent : undefined;
    if (call && name !== undefined && !member.computed) {
      const method = this.methodReadVerdict(call, name, path, kind, depth);
      if (method !== NOT_A_CONTAINER_METHOD) return method;
    }
    // `keys[env]` may read any member, the tracked one included.
    const dynamic = name === undefined && member.computed;
    return dynamic || readsSegment(path[0]!, name) ? this.sinkOf(member, path.slice(1), kind, depth) : undefined;
  }

  /**
   * A method called on a tracked container: a Map's `get`, or an array method that hands the
   * elements to a callback or returns them. NOT_A_CONTAINER_METHOD when it is none of those.
   */
  private methodReadVerdict(
    call: TSESTree.CallExpression,
    method: string,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict | typeof NOT_A_CONTAINER_METHOD {
    const [first] = call.arguments;
    if (method === 'get' && path[0] !== 'get') {
      // `keys.get('production')`, `keys.get(env)`
      const name = first && isStringLiteral(first) ? first.value : undefined;
      return first && readsSegment(path[0]!, name) ? this.sinkOf(call, path.slice(1), kind, depth) : undefined;
    }
    let verdict: Verdict;
    if (ELEMENT_CALLBACKS.has(method) && first) {
      const fn = isFunction(first) ? first : this.localFunction(first);
      const param = fn?.params[0];
      verdict = param ? this.bindPattern(param, path.slice(1), kind, depth) : undefined;
    }
    if (!verdict && ELEMENT_RESULTS.has(method)) verdict = this.sinkOf(call, path.slice(1), kind, depth);
    if (!verdict && ARRAY_RESULTS.has(method)) verdict = this.sinkOf(call, path, kind, depth);
    return verdict || ELEMENT_CALLBACKS.has(method) || ELEMENT_RESULTS.has(method) || ARRAY_RESULTS.has(method) ? verdict : NOT_A_CONTAINER_METHOD;
  }

  /**
   * A container built or read by a call: `Object.values(keys)` (an array of the members),
   * `Object.entries(keys)` (of [name, member] pairs), `keys.set('production', KEY)` on a Map.
   */
  private containerCallVerdict(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    argument: TSESTree.Node,
    path: readonly string[],
    kind: KeyKind,
    depth: number,
  ): Verdict {
    const callee = memberChain(call.callee)?.names.join('.');
    if (call.arguments[0] === argument && path.length > 0) {
      if (callee === 'Object.values') return this.sinkOf(call, [ANY_ELEMENT, ...path.slice(1)], kind, depth);
      if (callee === 'Object.entries') return this.sinkOf(call, [ANY_ELEMENT, '1', ...path.slice(1)], kind, depth);
    }
    const target = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee : undefined;
    if (target && staticKeyName(target.property, target.computed) === 'set' && call.arguments[1] === argument && target.object.type === AST_NODE_TYPES.Identifier) {
      const name = call.arguments[0] && isStringLiteral(call.arguments[0]) ? call.arguments[0].value : ANY_ELEMENT;
      return this.followBinding(target.object, [name, ...path], kind, depth);
    }
    return undefined;
  }

  /**
   * A tracked value (at `path`) bound by a pattern: an identifier, a default, the members of an
   * object pattern that `path` names, the elements of an array pattern.
   */
  private bindPattern(pattern: TSESTree.Node, path: readonly string[], kind: KeyKind, depth: number): Verdict {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier:
        return this.judge(pattern.name, path, kind) ?? this.followBinding(pattern, path, kind, depth);
      case AST_NODE_TYPES.AssignmentPattern:
        return this.bindPattern(pattern.left, path, kind, depth);
      case AST_NODE_TYPES.ObjectPattern: {
        if (path.length === 0) return undefined;
        for (const property of pattern.properties) {
          const bound =
            property.type === AST_NODE_TYPES.RestElement
              ? this.bindPattern(property.argument, path, kind, depth)
              : readsSegment(path[0]!, staticKeyName(property.key, property.computed))
                ? this.bindPattern(property.value, path.slice(1), kind, depth)
                : undefined;
          if (bound) return bound;
        }
        return undefined;
      }
      case AST_NODE_TYPES.ArrayPattern: {
        if (path.length === 0) return undefined;
        for (const [index, element] of pattern.elements.entries()) {
          const bound =
            element?.type === AST_NODE_TYPES.RestElement
              ? this.bindPattern(element.argument, [ANY_ELEMENT, ...path.slice(1)], kind, depth)
              : element && readsSegment(path[0]!, String(index))
                ? this.bindPattern(element, path.slice(1), kind, depth)
                : undefined;
          if (bound) return bound;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * An array holding the tracked value: a name–value pair (judged by its name), an entry of
   * `new Map([...])` or `Object.fromEntries([...])` (tracked under its name), or an element.
   */
  private arrayVerdict(array: TSESTree.ArrayExpression, child: TSESTree.Node, path: readonly string[], kind: KeyKind, depth: number): Verdict {
    const pair = this.pairVerdict(array, child, path, kind);
    if (pair) return pair;
    const entry = entryOf(array, child);
    if (entry) return this.sinkOf(entry.container, [entry.name, ...path], kind, depth);
    const index = array.elements.indexOf(child as TSESTree.Expression);
    return index < 0 ? undefined : this.sinkOf(array, [String(index), ...path], kind, depth);
  }

  /** Where the field `name` of the class whose `this` `node` sees is read as `this.name`, and what that read proves. */
  private followThisMember(node: TSESTree.Node, name: string | undefined, path: readonly string[], kind: KeyKind, depth: number): Verdict {
    const owner = thisClassOf(node);
    if (!owner || name === undefined || depth >= MAX_DEPTH) return undefined;
    const visit = `${owner.range[0]}:${name}:${path.join('.')}`;
    if (this.visitedMembers.has(visit)) return undefined;
    this.visitedMembers.add(visit);
    for (const read of this.thisMembersOf(owner).get(name) ?? []) {
      const verdict = this.sinkOf(read, path, kind, depth + 1);
      if (verdict && verdict !== 'hash') return verdict;
    }
    return undefined;
  }

  /**
   * The `this.name` expressions of a class body where `this` is the instance (or the class, in
   * static code): methods, field initialisers, arrow functions inside them; not inside a nested
   * `function` or class, which have a `this` of their own. Walked once per class, without recursion.
   */
  private thisMembersOf(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, TSESTree.MemberExpression[]> {
    const cached = this.thisMembers.get(owner);
    if (cached) return cached;
    const found = new Map<string, TSESTree.MemberExpression[]>();
    const keys = this.sourceCode.visitorKeys;
    const stack: TSESTree.Node[] = [owner.body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
        const name = memberKey(node.property, node.computed);
        if (name !== undefined) {
          const reads = found.get(name);
          if (reads) reads.push(node);
          else found.set(name, [node]);
        }
      }
      for (const key of keys[node.type] ?? []) {
        const value = (node as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(value) ? value : [value]) {
          if (isNode(item) && sharesThis(item)) stack.push(item);
        }
      }
    }
    this.thisMembers.set(owner, found);
    return found;
  }

  private jsxAttributeVerdict(attribute: TSESTree.JSXAttribute, path: readonly string[], kind: KeyKind): Verdict {
    if (attribute.name.type !== AST_NODE_TYPES.JSXIdentifier) return undefined;
    const element = attribute.parent;
    const elementName = element.name.type === AST_NODE_TYPES.JSXIdentifier ? element.name.name : undefined;
    return this.judge(qualify(elementName, attribute.name.name), path, kind);
  }

  /** `new Map([['clockwork', KEY]])`, `[['CLOCKWORK_KEY', KEY]]`: a name–value pair. */
  private pairVerdict(array: TSESTree.ArrayExpression, child: TSESTree.Node, path: readonly string[], kind: KeyKind): Verdict {
    const [name, value] = array.elements;
    if (array.elements.length !== 2 || value !== child || !name || !isStringLiteral(name)) return undefined;
    return looksLikeName(name.value) ? this.judge(name.value, path, kind) : undefined;
  }

  /** The value of `NAME` bound by `const NAME = '…'` (one step: enough for URL prefixes). */
  constantString(node: TSESTree.Node): string | undefined {
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = ASTUtils.findVariable(this.sourceCode.getScope(node), node)?.defs[0];
    const declarator = definition?.node as TSESTree.Node | undefined;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init) {
      return undefined;
    }
    const init = declarator.init;
    if (isStringLiteral(init)) return init.value;
    if (init.type === AST_NODE_TYPES.TemplateLiteral && init.expressions.length === 0) {
      return init.quasis[0]?.value.cooked ?? undefined;
    }
    return undefined;
  }

  /** A value spliced into a string: does the text around it put it where a Clockwork key goes? */
  private spliceVerdict(child: TSESTree.Node): Verdict {
    let root: TSESTree.Node = child;
    while (root.parent && (isConcatenation(root.parent) || (root.parent.type === AST_NODE_TYPES.TemplateLiteral && root === child))) {
      root = root.parent;
    }
    const folded = foldString(root, this.sourceCode.text, (node) => (node === child ? undefined : this.constantString(node)));
    if (!folded) return undefined;
    for (const hit of findKeysInText(folded.text, this.settings.extraNames)) {
      if (hit.kind !== undefined) continue;
      const part = folded.parts[partAt(folded, hit.start)];
      if (part?.kind === 'hole' && part.node === child) {
        return { reason: textHitReason(hit), code: textHitCode(hit), ...(hit.reason === 'assignment' ? { path: textHitPath(hit) } : {}) };
      }
    }
    return undefined;
  }
}

/** Whether a read of member `name` (undefined: computed, any) may read the tracked `segment`. */
function readsSegment(segment: string, name: string | undefined): boolean {
  if (name === undefined || segment === name) return true;
  return segment === ANY_ELEMENT && /^\d+$/.test(name);
}

/** `[name, value]` as an entry of `new Map([...])` or `Object.fromEntries([...])`: the container it fills, and its name. */
function entryOf(pair: TSESTree.ArrayExpression, child: TSESTree.Node): { container: TSESTree.Node; name: string } | undefined {
  const [name, value] = pair.elements;
  if (pair.elements.length !== 2 || value !== child || !name || name.type !== AST_NODE_TYPES.Literal) return undefined;
  if (typeof name.value !== 'string' && typeof name.value !== 'number') return undefined;
  const list = pair.parent;
  const container = list.type === AST_NODE_TYPES.ArrayExpression ? list.parent : undefined;
  if (!container || (container.type !== AST_NODE_TYPES.NewExpression && container.type !== AST_NODE_TYPES.CallExpression) || container.arguments[0] !== list) {
    return undefined;
  }
  const callee = memberChain(container.callee)?.names.join('.');
  const fills = container.type === AST_NODE_TYPES.NewExpression ? callee === 'Map' : callee === 'Object.fromEntries';
  return fills ? { container, name: String(name.value) } : undefined;
}

/** A class member's name as `this` reads it: `#name` for a private one. */
function memberKey(key: TSESTree.Node, computed = false): string | undefined {
  return key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${key.name}` : staticKeyName(key, computed);
}

/** The `this.x` at the root of a member chain (`this.config.key` → `this.config`). */
function thisMemberOf(node: TSESTree.Node): TSESTree.MemberExpression | undefined {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.object.type === AST_NODE_TYPES.ThisExpression) return current;
    current = current.object;
  }
  return undefined;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The class whose instance `this` is at `node`: none across a `function` that is not a method. */
function thisClassOf(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
    if (!sharesThis(current)) return undefined;
  }
  return undefined;
}

/** Whether `this` inside `node` is still the class's: not in a nested `function` (bar a method's own) or class. */
function sharesThis(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return false;
  if (node.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  if (node.type === AST_NODE_TYPES.FunctionExpression) return node.parent.type === AST_NODE_TYPES.MethodDefinition;
  return true;
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** A config key or env name (`clockwork.apiKey`, `CLOCKWORK_KEY`), not prose ("via clockwork"). */
const NAME_LIKE = /^[\w$.:/-]{1,100}$/;

function looksLikeName(value: string): boolean {
  // A key-shaped string is a value, never the name of one: `[KEY_1, KEY_2]` is no name–value pair.
  return NAME_LIKE.test(value) && keyKindOf(value) === undefined;
}

function isCredentialName(name: string): boolean {
  return judgeName(name) === 'key';
}

function qualify(owner: string | undefined, name: string): string {
  return owner === undefined ? name : `${owner}.${name}`;
}

/** The name of a non-computed key, or of a computed one written as a string literal. */
export function staticKeyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return undefined;
}

/** `a.b.c` as its root object and the names after it; `this.x` is named after its class. */
function memberChain(node: TSESTree.Node): { object: TSESTree.Node; names: string[] } | undefined {
  const names: string[] = [];
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(current.property, current.computed);
    if (name === undefined) return undefined;
    names.unshift(name);
    current = current.object;
  }
  if (current.type === AST_NODE_TYPES.Identifier) names.unshift(current.name);
  else if (current.type === AST_NODE_TYPES.ThisExpression) names.unshift(enclosingClassName(current) ?? 'this');
  else return undefined;
  return { object: current, names };
}

/** `X` of `process.env.X`, `process.env['X']` or `import.meta.env.X`. */
export function envReadName(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = staticKeyName(node.property, node.computed);
  const env = node.object;
  if (name === undefined || env.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (staticKeyName(env.property, env.computed) !== 'env') return undefined;
  const owner = env.object;
  if (owner.type === AST_NODE_TYPES.Identifier && owner.name === 'process') return name;
  return owner.type === AST_NODE_TYPES.MetaProperty ? name : undefined;
}

function requiredModule(node: TSESTree.Node): string | undefined {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    isStringLiteral(node.arguments[0]!)
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}

function enclosingClassName(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current.id?.name;
    }
  }
  return undefined;
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/** A function's own name, or the name of what holds it (variable, property, method). */
function functionName(fn: FunctionNode): string | undefined {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const holder = fn.parent;
  if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
    return holder.id.name;
  }
  if (holder.type === AST_NODE_TYPES.Property || holder.type === AST_NODE_TYPES.MethodDefinition) {
    const name = staticKeyName(holder.key, holder.computed);
    const className = holder.type === AST_NODE_TYPES.MethodDefinition ? enclosingClassName(holder) : undefined;
    return name === undefined ? className : qualify(className, name);
  }
  return undefined;
}

/** What a destructuring pattern takes apart: `clockworkConfig` in `const { key } = clockworkConfig`. */
function sourceName(pattern: TSESTree.ObjectPattern): string | undefined {
  const holder = pattern.parent;
  let source: TSESTree.Node | null | undefined;
  if (holder.type === AST_NODE_TYPES.VariableDeclarator) source = holder.init;
  else if (holder.type === AST_NODE_TYPES.AssignmentPattern) source = holder.right;
  else if (isFunction(holder)) return functionName(holder);
  if (!source) return undefined;
  if (source.type === AST_NODE_TYPES.Identifier) return source.name;
  return memberChain(source)?.names.join('.');
}

/** What a default value's binding belongs to: the destructured source, the class, the function. */
function patternOwnerName(pattern: TSESTree.AssignmentPattern): string | undefined {
  const owner = pattern.parent;
  // `const { key = '…' } = clockworkConfig`: the source names the container.
  if (owner.type === AST_NODE_TYPES.Property && owner.parent.type === AST_NODE_TYPES.ObjectPattern) return sourceName(owner.parent);
  // `constructor(private clockworkKey = '…')` declares a field of the class.
  if (owner.type === AST_NODE_TYPES.TSParameterProperty) return enclosingClassName(owner);
  return isFunction(owner) ? functionName(owner) : undefined;
}

/**
 * The place a value is written, outermost first: the object-literal members around it and what
 * holds the outermost literal (`const settings = { production: { clockwork: { apiKey: '…' } } }`
 * gives settings, production, clockwork, apiKey). Stops at anything that is not a named place.
 */
export function writtenPath(node: TSESTree.Node): string[] {
  const path: string[] = [];
  let child = node;
  for (let parent = child.parent; parent; child = parent, parent = child.parent) {
    if (TRANSPARENT.has(parent.type) || parent.type === AST_NODE_TYPES.LogicalExpression) continue;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) continue;
    if (parent.type === AST_NODE_TYPES.JSXExpressionContainer) continue;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      const name = staticKeyName(parent.key, parent.computed);
      if (name === undefined) return path;
      path.unshift(...pathOfName(name));
      parent = parent.parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ArrayExpression) {
      // An entry of a Map is named by its key; an element of a list by the list.
      const entry = entryOf(parent, child);
      if (entry) {
        path.unshift(...pathOfName(entry.name));
        parent = entry.container;
        continue;
      }
      if (placeName(parent, child).length === 0) continue;
    }
    return [...placeName(parent, child), ...path];
  }
  return path;
}

/** The name of the place `parent` gives its child value, as path segments; [] where none. */
function placeName(parent: TSESTree.Node, child: TSESTree.Node): string[] {
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier ? [parent.id.name] : [];
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== child) return [];
      const envName = envReadName(parent.left);
      if (envName !== undefined) return [envName];
      if (parent.left.type === AST_NODE_TYPES.Identifier) return [parent.left.name];
      return memberChain(parent.left)?.names ?? [];
    }
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier
        ? pathOfName(qualify(patternOwnerName(parent), parent.left.name))
        : [];
    case AST_NODE_TYPES.PropertyDefinition: {
      const name = staticKeyName(parent.key, parent.computed);
      return parent.value === child && name !== undefined ? pathOfName(qualify(enclosingClassName(parent), name)) : [];
    }
    case AST_NODE_TYPES.TSEnumMember: {
      const name = staticKeyName(parent.id, false);
      return name === undefined ? [] : [parent.parent.parent.id.name, name];
    }
    case AST_NODE_TYPES.JSXAttribute: {
      if (parent.name.type !== AST_NODE_TYPES.JSXIdentifier) return [];
      const element = parent.parent.name;
      return element.type === AST_NODE_TYPES.JSXIdentifier ? [element.name, parent.name.name] : [parent.name.name];
    }
    case AST_NODE_TYPES.ArrayExpression: {
      const [name, value] = parent.elements;
      return parent.elements.length === 2 && value === child && name && isStringLiteral(name) && looksLikeName(name.value)
        ? pathOfName(name.value)
        : [];
    }
    default:
      return [];
  }
}

/** `X` when the value at `node` is the fallback of an env read: `process.env.X || '…'`. */
function fallbackEnvName(node: TSESTree.Node): string | undefined {
  let child = node;
  let parent = child.parent;
  while (parent && TRANSPARENT.has(parent.type)) {
    child = parent;
    parent = child.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.LogicalExpression) return undefined;
  return envReadName(parent.left === child ? parent.right : parent.left);
}

/** The nearest named function at or around `node`; an anonymous callback defers to its encloser. */
export function enclosingFunctionName(node: TSESTree.Node): string | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    const name = isFunction(current) ? functionName(current) : undefined;
    if (name !== undefined) return name;
  }
  return undefined;
}
