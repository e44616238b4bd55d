/**
 * Whether an expression's value is the Clockwork key, or an object that holds it: the question
 * both exposure rules ask (`no-key-in-logs` at an output, `no-public-env-key` at an env read).
 *
 * "The key" is what can be proven from this file: a hardcoded key (the shared detector's
 * finding), a read of a Clockwork env variable (`process.env.CLOCKWORK_API_KEY`, `import.meta.env`,
 * SvelteKit's `$env` modules, or a credential-named variable that the context analysis sees handed
 * to a Clockwork client), or an accessor of the generated secrets module. Values are followed
 * backwards from where they are used: through bindings (with ESLint's scope manager), destructuring,
 * object members and member assignments, local functions (their parameters bound to the call's
 * arguments) and the string operations that keep the whole value (templates, `+`, `String()`,
 * `JSON.stringify`). Anything else ends the trail: an unknown call, a comparison, `.length`,
 * `Boolean()`, `!`, `typeof`, a short `.slice()`, a `mask*`/`redact*` call. Those are not the key.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { maskKey } from '../detect/mask.js';
import { judgeName, nameWords, type ExtraNames } from '../detect/names.js';
import { ACCESSORS } from '../providers/index.js';
import { ClockworkContext, staticKeyName, TRANSPARENT } from './clockwork-context.js';

/** Where an env variable is read from. */
export type EnvSource = 'process.env' | 'import.meta.env' | '$env/static/private' | '$env/static/public' | '$env/dynamic/private' | '$env/dynamic/public';

const SVELTEKIT_ENV_MODULES = new Set<string>(['$env/static/private', '$env/static/public', '$env/dynamic/private', '$env/dynamic/public']);

/** One env variable read: its name, where from, and the node that reads it. */
export interface EnvRead {
  name: string;
  source: EnvSource;
  /** The member expression, destructuring property or import specifier that names the variable. */
  node: TSESTree.Node;
}

/** Where the key comes from, as a message names it (never its value). */
export type KeyOrigin =
  | { type: 'env'; read: EnvRead }
  | { type: 'accessor'; call: TSESTree.CallExpression; name: string | undefined; accessor: string }
  | { type: 'hardcoded'; value: string };

/** The key inside an object: `path` leads from the object to it. */
export interface HeldKey {
  origin: KeyOrigin;
  path: readonly string[];
}

export interface KeyModelSettings {
  extraNames: ExtraNames;
  clientModules: readonly string[];
}

/** How far a trail is followed: bindings, members and calls each take a step. */
const MAX_DEPTH = 10;
/** How many nodes one question may visit: a config object with hundreds of members stays cheap. */
const MAX_STEPS = 2000;


/** String methods whose result is the whole value again. */
const WHOLE_VALUE_METHODS = new Set([
  'toString', 'valueOf', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase', 'toLocaleUpperCase',
  'toLocaleLowerCase', 'normalize', 'padStart', 'padEnd', 'concat',
]);
/** Methods that return part of a string: a short part is a masked form, a long one is the key. */
const PART_METHODS = new Set(['slice', 'substring', 'substr']);
/** The most characters a part may keep and still count as masked (the rule's own mask shows 4). */
const MAX_MASKED_CHARACTERS = 8;
/** Global functions that return their argument's whole value as text (encoded or not). */
const WHOLE_VALUE_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'escape', 'btoa']);
/** Calls that print a whole object: its members, the key among them, end up in the text. */
const SERIALIZERS = new Set(['JSON.stringify', 'util.inspect', 'inspect', 'util.format', 'format']);
/** Calls that return the same object, or a copy with the same members. */
const OBJECT_COPIES = new Set(['Object.freeze', 'structuredClone', 'Object.assign']);
/** Words that say a function hides its argument: `maskKey`, `redactSecret`, `hashToken`. */
const HIDING_WORDS = new Set(['mask', 'masked', 'redact', 'redacted', 'obfuscate', 'censor', 'scrub', 'sanitize', 'anonymize', 'hash', 'fingerprint', 'hide']);

/** The generated secrets module, by whatever path and extension a file imports it. */
const SECRETS_MODULE = /(?:^|\/)clockwork-secrets(?:\.[cm]?[jt]s)?$/u;
const ACCESSOR_NAMES = new Set<string>([ACCESSORS.sync, ACCESSORS.async]);

/** Parameter bindings of the local calls a trail went through: a return value is judged for its call. */
type Frame = ReadonlyMap<TSESLint.Scope.Variable, TSESTree.Node | undefined>;
const NO_FRAME: Frame = new Map();

export class KeyModel {
  private readonly analysis: ClockworkContext;
  private readonly envVerdicts = new Map<TSESTree.Node, boolean>();
  private steps = 0;
  private visited = new Set<string>();
  /** Whether the file can bind the generated module or SvelteKit's dynamic env at all: most cannot, and skip the scope lookups. */
  readonly importsSecretsModule: boolean;
  readonly importsDynamicEnv: boolean;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly settings: KeyModelSettings,
    /** Nodes the shared detector proved to be a hardcoded key, with the key. */
    private readonly hardcoded: ReadonlyMap<TSESTree.Node, string> = new Map(),
  ) {
    this.analysis = new ClockworkContext(sourceCode, settings);
    this.importsSecretsModule = sourceCode.text.includes('clockwork-secrets');
    this.importsDynamicEnv = sourceCode.text.includes('$env/dynamic/');
  }

  /** Where the key comes from, if the value of `node` is the Clockwork key. */
  keyOf(node: TSESTree.Node): KeyOrigin | undefined {
    this.reset();
    return this.valueKey(node, [], 0, NO_FRAME);
  }

  /** Where the key sits inside the value of `node`, if that value is an object holding it. */
  heldIn(node: TSESTree.Node): HeldKey | undefined {
    this.reset();
    return this.held(node, [], 0, NO_FRAME);
  }

  /**
   * Whether an env variable holds the Clockwork key: its name says Clockwork and credential
   * (`CLOCKWORK_API_KEY`, `NEXT_PUBLIC_CLOCKWORK_KEY`), or it is a credential (`SMS_KEY`) whose
   * read the context analysis sees handed to a Clockwork client or held by a Clockwork name.
   */
  isClockworkEnv(read: EnvRead): boolean {
    const verdict = judgeName(read.name, this.settings.extraNames);
    if (verdict === 'clockwork-key') return true;
    if (verdict !== 'key' || read.node.type !== AST_NODE_TYPES.MemberExpression) return false;
    let known = this.envVerdicts.get(read.node);
    if (known === undefined) {
      known = this.analysis.explain(read.node, 'classic') !== undefined;
      this.envVerdicts.set(read.node, known);
    }
    return known;
  }

  /**
   * Whether `env` (`process.env`, `import.meta.env`) is read for the Clockwork key where the model
   * can follow it: a member, a destructured name, a member of an alias (`const env = process.env`).
   * A rule asks this of each env object in a file, so that it can skip a file where no read is the
   * key; `env` handed on as a value (`spawn(cmd, { env: process.env })`) is not followed.
   */
  readsKeyFrom(env: TSESTree.MemberExpression): boolean {
    const source = this.envObject(env);
    if (source === undefined) return false;
    const value = outermost(env);
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
      const read = this.envReadAt(parent);
      return read !== undefined && this.isClockworkEnv(read);
    }
    if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== value) return false;
    const named = (name: string | undefined, node: TSESTree.Node) => name !== undefined && this.isClockworkEnv({ name, source, node });
    if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
      return parent.id.properties.some((property) => property.type === AST_NODE_TYPES.Property && named(staticKeyName(property.key, property.computed), property));
    }
    return this.sourceCode.getDeclaredVariables(parent).some((variable) =>
      variable.references.some(({ identifier }) => {
        const member = identifier.parent;
        return member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier && named(staticKeyName(member.property, member.computed), env);
      }),
    );
  }

  /** The env variable `node` reads, if it is `process.env.X`, `import.meta.env.X` or SvelteKit's `env.X`. */
  envReadAt(node: TSESTree.MemberExpression): EnvRead | undefined {
    const name = staticKeyName(node.property, node.computed);
    if (name === undefined) return undefined;
    const source = this.envObject(unwrap(node.object));
    return source === undefined ? undefined : { name, source, node };
  }

  /** `process.env`, `import.meta.env`, or the `env` of `$env/dynamic/*`: which, if `node` is one. */
  envObject(node: TSESTree.Node): EnvSource | undefined {
    if (node.type === AST_NODE_TYPES.Identifier) {
      if (!this.importsDynamicEnv) return undefined;
      const definition = this.variableOf(node)?.defs[0];
      if (definition?.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
      const module = (definition.parent as TSESTree.ImportDeclaration).source.value;
      return module.startsWith('$env/dynamic/') && importedName(definition.node) === 'env' ? (module as EnvSource) : undefined;
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression || staticKeyName(node.property, node.computed) !== 'env') return undefined;
    const owner = node.object;
    if (owner.type === AST_NODE_TYPES.MetaProperty) return owner.meta.name === 'import' ? 'import.meta.env' : undefined;
    return owner.type === AST_NODE_TYPES.Identifier && owner.name === 'process' && this.isGlobal(owner) ? 'process.env' : undefined;
  }

  /** `clockworkSecret('NAME')` or `getClockworkSecret('NAME')`, bound to the generated secrets module. */
  accessorAt(call: TSESTree.CallExpression): KeyOrigin | undefined {
    if (!this.importsSecretsModule) return undefined;
    const callee = unwrap(call.callee);
    let accessor: string | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      accessor = this.importedFromSecretsModule(callee);
    } else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
      const name = staticKeyName(callee.property, callee.computed);
      if (name !== undefined && ACCESSOR_NAMES.has(name) && this.isSecretsModuleNamespace(callee.object)) accessor = name;
    }
    if (accessor === undefined) return undefined;
    const [first] = call.arguments;
    const name = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : undefined;
    return { type: 'accessor', call, name, accessor };
  }

  private reset(): void {
    this.steps = 0;
    this.visited = new Set();
  }

  private spend(depth: number): boolean {
    this.steps++;
    return depth <= MAX_DEPTH && this.steps <= MAX_STEPS;
  }

  /** The key, if the value at `path` inside `node` is the key. */
  private valueKey(raw: TSESTree.Node, path: readonly string[], depth: number, frame: Frame): KeyOrigin | undefined {
    if (!this.spend(depth)) return undefined;
    const node = unwrap(raw);
    const value = this.hardcoded.get(node) ?? this.hardcoded.get(raw);
    if (value !== undefined) return path.length === 0 ? { type: 'hardcoded', value } : undefined;
    // `const env = process.env; env.CLOCKWORK_KEY` and `const { CLOCKWORK_KEY } = process.env`.
    const source = this.envObject(node);
    if (source !== undefined) {
      const read: EnvRead = { name: path[0] ?? '', source, node };
      return path.length === 1 && this.isClockworkEnv(read) ? { type: 'env', read } : undefined;
    }
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.bindingValue(node, path, depth, frame);
      case AST_NODE_TYPES.MemberExpression: {
        const read = this.envReadAt(node);
        if (read) return path.length === 0 && this.isClockworkEnv(read) ? { type: 'env', read } : undefined;
        const name = staticKeyName(node.property, node.computed);
        return name === undefined ? undefined : this.valueKey(node.object, [name, ...path], depth + 1, frame);
      }
      case AST_NODE_TYPES.ObjectExpression:
        return path.length === 0 ? undefined : this.memberValue(node, path, depth, frame);
      case AST_NODE_TYPES.ArrayExpression: {
        const index = path.length > 0 ? Number(path[0]) : Number.NaN;
        const element = Number.isInteger(index) ? node.elements[index] : undefined;
        return element && element.type !== AST_NODE_TYPES.SpreadElement ? this.valueKey(element, path.slice(1), depth + 1, frame) : undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        return this.callValue(node, path, depth, frame);
      default:
        return this.passedOn(node, path, depth, frame);
    }
  }

  /**
   * Expressions whose result is one of their operands (`a || b`, `c ? a : b`), or a string with
   * an operand in it (a template, `+`): `${JSON.stringify(config)}` spells the object whole.
   */
  private passedOn(node: TSESTree.Node, path: readonly string[], depth: number, frame: Frame): KeyOrigin | undefined {
    const next = (operand: TSESTree.Node) => this.valueKey(operand, path, depth + 1, frame);
    switch (node.type) {
      case AST_NODE_TYPES.TemplateLiteral:
        return path.length === 0 ? firstOf(node.expressions, next) : undefined;
      case AST_NODE_TYPES.BinaryExpression:
        return path.length === 0 && node.operator === '+' ? firstOf([node.left, node.right], next) : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        // `key && 'set'` is the key only when the key is empty.
        return firstOf(node.operator === '&&' ? [node.right] : [node.left, node.right], next);
      case AST_NODE_TYPES.ConditionalExpression:
        return firstOf([node.consequent, node.alternate], next);
      case AST_NODE_TYPES.SequenceExpression:
        return next(node.expressions.at(-1)!);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? next(node.right) : undefined;
      default:
        return undefined;
    }
  }

  private callValue(call: TSESTree.CallExpression, path: readonly string[], depth: number, frame: Frame): KeyOrigin | undefined {
    const accessor = this.accessorAt(call);
    if (accessor) return path.length === 0 ? accessor : undefined;
    const callee = unwrap(call.callee);
    const name = calleeName(callee);
    if (name !== undefined && hidesValue(name)) return undefined;
    const [first] = call.arguments;
    if (path.length === 0 && callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = staticKeyName(callee.property, callee.computed);
      if (method !== undefined && WHOLE_VALUE_METHODS.has(method)) return this.valueKey(callee.object, [], depth + 1, frame);
      if (method !== undefined && PART_METHODS.has(method)) {
        return keepsFewCharacters(method, call.arguments) ? undefined : this.valueKey(callee.object, [], depth + 1, frame);
      }
      // `Buffer.from(key)` then `.toString('base64')`: an encoding is no mask.
      if (name === 'Buffer.from' && first) return this.valueKey(first, [], depth + 1, frame);
    }
    if (path.length === 0 && name !== undefined && first && first.type !== AST_NODE_TYPES.SpreadElement) {
      if (WHOLE_VALUE_FUNCTIONS.has(name)) return this.valueKey(first, [], depth + 1, frame);
      if (SERIALIZERS.has(name)) {
        return firstOf(call.arguments, (argument) => this.valueKey(argument, [], depth + 1, frame) ?? this.held(argument, [], depth + 1, frame)?.origin);
      }
    }
    return this.returnValue(call, path, depth, frame, (returned, inner) => this.valueKey(returned, path, depth + 1, inner));
  }

  /** The value a local function returns for this call: its parameters bound to the call's arguments. */
  private returnValue<T>(
    call: TSESTree.CallExpression,
    path: readonly string[],
    depth: number,
    frame: Frame,
    judge: (returned: TSESTree.Node, frame: Frame) => T | undefined,
  ): T | undefined {
    const fn = this.localFunction(call.callee);
    if (!fn) return undefined;
    const key = `return:${fn.range[0]}:${call.range[0]}:${path.join('.')}`;
    if (this.visited.has(key)) return undefined;
    this.visited.add(key);
    const inner = new Map(frame);
    for (const variable of this.sourceCode.getDeclaredVariables(fn)) {
      const definition = variable.defs.find((candidate) => candidate.type === 'Parameter');
      if (!definition) continue;
      const index = fn.params.findIndex((param) => contains(param, definition.name));
      inner.set(variable, call.arguments[index]);
    }
    return firstOf(returnedExpressions(fn), (returned) => judge(returned, inner));
  }

  /** The value at `path` of an object literal: the last member of that name, or a spread that may hold it. */
  private memberValue(object: TSESTree.ObjectExpression, path: readonly string[], depth: number, frame: Frame): KeyOrigin | undefined {
    for (let index = object.properties.length - 1; index >= 0; index--) {
      const property = object.properties[index]!;
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const found = this.valueKey(property.argument, path, depth + 1, frame);
        if (found) return found;
        continue;
      }
      if (property.kind !== 'init') continue;
      if (staticKeyName(property.key, property.computed) === path[0]) return this.valueKey(property.value, path.slice(1), depth + 1, frame);
    }
    return undefined;
  }

  /** A binding's value at `path`: its declaration, later assignments, member assignments, parameters. */
  private bindingValue(identifier: TSESTree.Identifier, path: readonly string[], depth: number, frame: Frame): KeyOrigin | undefined {
    const variable = this.variableOf(identifier);
    if (!variable || variable.defs.length === 0) return undefined;
    const key = `value:${identifier.name}:${variable.defs[0]!.name.range[0]}:${path.join('.')}`;
    if (this.visited.has(key)) return undefined;
    this.visited.add(key);
    for (const definition of variable.defs) {
      const found = this.definitionValue(variable, definition, identifier.name, path, depth, frame);
      if (found) return found;
    }
    for (const reference of variable.references) {
      const found = this.writtenValue(reference, path, depth, frame);
      if (found) return found;
    }
    return undefined;
  }

  private definitionValue(
    variable: TSESLint.Scope.Variable,
    definition: TSESLint.Scope.Definition,
    name: string,
    path: readonly string[],
    depth: number,
    frame: Frame,
  ): KeyOrigin | undefined {
    switch (definition.type) {
      case 'Variable': {
        const declarator = definition.node;
        if (!declarator.init) return undefined;
        const place = placeInPattern(declarator.id, name);
        if (!place) return undefined;
        const found = this.valueKey(declarator.init, [...place.path, ...path], depth + 1, frame);
        if (found || !place.fallback) return found;
        return this.valueKey(place.fallback, path, depth + 1, frame);
      }
      case 'ImportBinding':
        return this.importedValue(definition, path);
      case 'Parameter':
        return this.parameterValue(variable, definition, name, (argument, inner, place) => this.valueKey(argument, [...place, ...path], depth + 1, inner), frame);
      default:
        return undefined;
    }
  }

  /** SvelteKit's static env: `import { CLOCKWORK_KEY } from '$env/static/private'`. */
  private importedValue(definition: TSESLint.Scope.Definition, path: readonly string[]): KeyOrigin | undefined {
    if (definition.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier || path.length > 0) return undefined;
    const module = (definition.parent as TSESTree.ImportDeclaration).source.value;
    if (!module.startsWith('$env/static/') || !SVELTEKIT_ENV_MODULES.has(module)) return undefined;
    const read: EnvRead = { name: importedName(definition.node), source: module as EnvSource, node: definition.node };
    return this.isClockworkEnv(read) ? { type: 'env', read } : undefined;
  }

  /**
   * What a parameter takes: the argument of the call the trail came through, or else (a trail that
   * starts inside the function) the arguments of every local call.
   */
  private parameterValue<T>(
    variable: TSESLint.Scope.Variable,
    definition: TSESLint.Scope.Definition,
    name: string,
    judge: (argument: TSESTree.Node, frame: Frame, place: readonly string[]) => T | undefined,
    frame: Frame,
  ): T | undefined {
    const fn = definition.node as TSESTree.Node;
    if (!isFunction(fn)) return undefined;
    const index = fn.params.findIndex((param) => contains(param, definition.name));
    const param = fn.params[index];
    if (!param) return undefined;
    const place = placeInPattern(param, name);
    if (!place) return undefined;
    if (frame.has(variable)) {
      const argument = frame.get(variable);
      return argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement ? undefined : judge(argument, frame, place.path);
    }
    for (const call of this.localCallsOf(fn)) {
      const argument = call.arguments[index];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      const found = judge(argument, NO_FRAME, place.path);
      if (found) return found;
    }
    return undefined;
  }

  /** `x = value`, and for a tracked member, `x.a.b = value`. */
  private writtenValue(reference: TSESLint.Scope.Reference, path: readonly string[], depth: number, frame: Frame): KeyOrigin | undefined {
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (reference.isWrite() && !reference.init && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === identifier) {
      return parent.operator === '=' ? this.valueKey(parent.right, path, depth + 1, frame) : undefined;
    }
    const assigned = memberAssignment(identifier);
    if (!assigned || path.length < assigned.names.length || !assigned.names.every((name, index) => path[index] === name)) return undefined;
    return this.valueKey(assigned.value, path.slice(assigned.names.length), depth + 1, frame);
  }

  /** Where the key sits inside the value at `path` of `node`, if that value holds it in a member. */
  private held(raw: TSESTree.Node, path: readonly string[], depth: number, frame: Frame): HeldKey | undefined {
    if (!this.spend(depth)) return undefined;
    const node = unwrap(raw);
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return path.length > 0 ? this.heldInMember(node, path, depth, frame) : this.heldInObject(node, depth, frame);
      case AST_NODE_TYPES.ArrayExpression: {
        if (path.length > 0) return undefined;
        for (const [index, element] of node.elements.entries()) {
          if (!element) continue;
          const target = element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element;
          const origin = element.type === AST_NODE_TYPES.SpreadElement ? undefined : this.valueKey(target, [], depth + 1, frame);
          if (origin) return { origin, path: [String(index)] };
          const inner = this.held(target, [], depth + 1, frame);
          if (inner) return element.type === AST_NODE_TYPES.SpreadElement ? inner : { origin: inner.origin, path: [String(index), ...inner.path] };
        }
        return undefined;
      }
      case AST_NODE_TYPES.Identifier:
        return this.heldInBinding(node, path, depth, frame);
      case AST_NODE_TYPES.MemberExpression: {
        const name = staticKeyName(node.property, node.computed);
        if (name === undefined || this.envReadAt(node)) return undefined;
        const found = this.held(node.object, [name, ...path], depth + 1, frame);
        return found && { origin: found.origin, path: found.path.slice(1) };
      }
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(unwrap(node.callee));
        if (name !== undefined && OBJECT_COPIES.has(name)) {
          return firstOf(node.arguments, (argument) => this.held(argument, path, depth + 1, frame));
        }
        return this.returnValue(node, path, depth, frame, (value, inner) => this.held(value, path, depth + 1, inner));
      }
      case AST_NODE_TYPES.LogicalExpression:
        return firstOf(node.operator === '&&' ? [node.right] : [node.left, node.right], (side) => this.held(side, path, depth + 1, frame));
      case AST_NODE_TYPES.ConditionalExpression:
        return firstOf([node.consequent, node.alternate], (branch) => this.held(branch, path, depth + 1, frame));
      default:
        return undefined;
    }
  }

  private heldInObject(object: TSESTree.ObjectExpression, depth: number, frame: Frame): HeldKey | undefined {
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const inner = this.held(property.argument, [], depth + 1, frame);
        if (inner) return inner;
        continue;
      }
      const name = staticKeyName(property.key, property.computed);
      if (name === undefined || property.kind !== 'init') continue;
      const origin = this.valueKey(property.value, [], depth + 1, frame);
      if (origin) return { origin, path: [name] };
      const inner = this.held(property.value, [], depth + 1, frame);
      if (inner) return { origin: inner.origin, path: [name, ...inner.path] };
    }
    return undefined;
  }

  /** `held` of an object literal's member at `path`: the result's path starts with `path`. */
  private heldInMember(object: TSESTree.ObjectExpression, path: readonly string[], depth: number, frame: Frame): HeldKey | undefined {
    for (let index = object.properties.length - 1; index >= 0; index--) {
      const property = object.properties[index]!;
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const found = this.held(property.argument, path, depth + 1, frame);
        if (found) return found;
        continue;
      }
      if (property.kind !== 'init' || staticKeyName(property.key, property.computed) !== path[0]) continue;
      const found = this.held(property.value, path.slice(1), depth + 1, frame);
      return found && { origin: found.origin, path: [path[0]!, ...found.path] };
    }
    return undefined;
  }

  /** The paths returned by `held` start at `identifier` itself: `path` first, then inside. */
  private heldInBinding(identifier: TSESTree.Identifier, path: readonly string[], depth: number, frame: Frame): HeldKey | undefined {
    const variable = this.variableOf(identifier);
    if (!variable || variable.defs.length === 0) return undefined;
    const key = `held:${identifier.name}:${variable.defs[0]!.name.range[0]}:${path.join('.')}`;
    if (this.visited.has(key)) return undefined;
    this.visited.add(key);
    const inside = (found: HeldKey | undefined, prefix: readonly string[]): HeldKey | undefined =>
      found && { origin: found.origin, path: found.path.slice(prefix.length) };
    for (const definition of variable.defs) {
      if (definition.type === 'Variable' && definition.node.init) {
        const place = placeInPattern(definition.node.id, identifier.name);
        if (!place) continue;
        const prefix = [...place.path, ...path];
        const found = inside(this.held(definition.node.init, prefix, depth + 1, frame), place.path);
        if (found) return found;
      } else if (definition.type === 'Parameter') {
        const found = this.parameterValue(
          variable,
          definition,
          identifier.name,
          (argument, inner, place) => inside(this.held(argument, [...place, ...path], depth + 1, inner), place),
          frame,
        );
        if (found) return found;
      }
    }
    for (const reference of variable.references) {
      const assigned = memberAssignment(reference.identifier);
      if (!assigned) continue;
      const { names, value } = assigned;
      const common = Math.min(names.length, path.length);
      if (!names.slice(0, common).every((name, index) => path[index] === name)) continue;
      if (names.length > path.length) {
        // `config.clockwork.key = KEY` holds the key at clockwork.key for a trail at [] or [clockwork].
        const origin = this.valueKey(value, [], depth + 1, frame);
        if (origin) return { origin, path: names };
      }
      // `config.clockwork = { key: KEY }`, for a trail at [], [clockwork] or [clockwork, …].
      const inner = this.held(value, path.slice(names.length), depth + 1, frame);
      if (inner) return { origin: inner.origin, path: [...names, ...inner.path] };
    }
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (reference.isWrite() && !reference.init && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier) {
        const found = this.held(parent.right, path, depth + 1, frame);
        if (found) return found;
      }
    }
    return undefined;
  }

  private variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    return ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier) ?? undefined;
  }

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = this.variableOf(identifier);
    return !variable || variable.defs.length === 0;
  }

  private localFunction(callee: TSESTree.Node): FunctionNode | undefined {
    const node = unwrap(callee);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = this.variableOf(node)?.defs[0];
    if (!definition) return undefined;
    const declared = definition.node as TSESTree.Node;
    if (isFunction(declared)) return declared;
    if (declared.type === AST_NODE_TYPES.VariableDeclarator && declared.id.type === AST_NODE_TYPES.Identifier && declared.init && isFunction(declared.init)) {
      return declared.init;
    }
    return undefined;
  }

  /** The calls of a function by its own name in this file. */
  private localCallsOf(fn: FunctionNode): TSESTree.CallExpression[] {
    const binding =
      fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent : undefined;
    if (!binding) return [];
    const calls: TSESTree.CallExpression[] = [];
    for (const variable of this.sourceCode.getDeclaredVariables(binding)) {
      // A declaration also declares its parameters: only the function's own name is called here.
      if (!variable.defs.some((definition) => definition.type === 'FunctionName' || definition.type === 'Variable')) continue;
      for (const reference of variable.references) {
        const parent = reference.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) calls.push(parent);
      }
    }
    return calls;
  }

  /** The accessor `identifier` is bound to: imported or required from the generated secrets module. */
  private importedFromSecretsModule(identifier: TSESTree.Identifier): string | undefined {
    const definition = this.variableOf(identifier)?.defs[0];
    if (!definition) return undefined;
    if (definition.type === 'ImportBinding') {
      if (definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
      const module = (definition.parent as TSESTree.ImportDeclaration).source.value;
      const name = importedName(definition.node);
      return SECRETS_MODULE.test(module) && ACCESSOR_NAMES.has(name) ? name : undefined;
    }
    if (definition.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    const module = definition.node.init ? requiredModule(definition.node.init) : undefined;
    if (module === undefined || !SECRETS_MODULE.test(module)) return undefined;
    const place = placeInPattern(definition.node.id, identifier.name);
    const name = place?.path.length === 1 ? place.path[0] : undefined;
    return name !== undefined && ACCESSOR_NAMES.has(name) ? name : undefined;
  }

  private isSecretsModuleNamespace(identifier: TSESTree.Identifier): boolean {
    const definition = this.variableOf(identifier)?.defs[0];
    if (definition?.type === 'ImportBinding') {
      const module = (definition.parent as TSESTree.ImportDeclaration).source.value;
      return definition.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier && SECRETS_MODULE.test(module);
    }
    if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return false;
    const module = requiredModule(definition.node.init);
    return module !== undefined && SECRETS_MODULE.test(module);
  }
}

/** How a message names where the key comes from: the read, never the value. */
export function originLabel(origin: KeyOrigin): string {
  switch (origin.type) {
    case 'env':
      return envReadLabel(origin.read);
    case 'accessor':
      return origin.name === undefined ? `${origin.accessor}(…)` : `${origin.accessor}('${origin.name}')`;
    case 'hardcoded':
      return `hardcoded ${maskKey(origin.value)}`;
  }
}

export function envReadLabel(read: EnvRead): string {
  switch (read.source) {
    case 'process.env':
    case 'import.meta.env':
      return `${read.source}.${read.name}`;
    case '$env/dynamic/private':
    case '$env/dynamic/public':
      return `env.${read.name} from ${read.source}`;
    default:
      return `${read.name} from ${read.source}`;
  }
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The outermost of the type assertions, `!`, `?.` chains and `await` around `node`: where its value is used. */
export function outermost(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && TRANSPARENT.has(current.parent.type)) current = current.parent;
  return current;
}

/** The expression inside type assertions, `!`, `?.` chains and `await`, which pass a value on unchanged. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (TRANSPARENT.has(current.type)) {
    current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : (current as TSESTree.TSAsExpression).expression;
  }
  return current;
}

function firstOf<T, R>(items: readonly T[], find: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const found = find(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `a`, `a.b.c`, `this.a` as dotted text; undefined for anything computed. */
export function calleeName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = staticKeyName(node.property, node.computed);
  const object = calleeName(node.object);
  return name === undefined || object === undefined ? undefined : `${object}.${name}`;
}

/** A function whose own name says it hides a value: `maskKey`, `utils.redact`, `hashSecret`. */
function hidesValue(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const [first] = nameWords(last);
  return first !== undefined && HIDING_WORDS.has(first);
}

/**
 * `.slice(0, 4)`, `.slice(-4)`, `.substring(0, 6)`, `.substr(0, 4)`: a literal range that keeps at
 * most a few characters. A range the file computes (`.slice(0, n)`) is taken as a mask too; only a
 * literal range that keeps more (`.slice(4)`, `.slice(0, -4)`) is the key.
 */
function keepsFewCharacters(method: string, args: readonly TSESTree.CallExpressionArgument[]): boolean {
  const numbers = args.slice(0, 2).map(numericValue);
  if (numbers.length === 0) return false;
  if (numbers.some((value) => value === undefined)) return true;
  const [start, end] = numbers as [number, number | undefined];
  if (method === 'substr') return end === undefined ? start < 0 && -start <= MAX_MASKED_CHARACTERS : end <= MAX_MASKED_CHARACTERS;
  if (method === 'substring') {
    // Negative positions count as 0.
    return end !== undefined && Math.abs(Math.max(end, 0) - Math.max(start, 0)) <= MAX_MASKED_CHARACTERS;
  }
  if (end === undefined) return start < 0 && -start <= MAX_MASKED_CHARACTERS;
  return Math.sign(start || 1) === Math.sign(end || 1) ? end - start <= MAX_MASKED_CHARACTERS : end === 0;
}

function numericValue(node: TSESTree.CallExpressionArgument): number | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') return node.value;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '-' && node.argument.type === AST_NODE_TYPES.Literal && typeof node.argument.value === 'number') {
    return -node.argument.value;
  }
  return undefined;
}

/** Every expression a function may return. */
function returnedExpressions(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [...fn.body.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) continue;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      continue;
    }
    for (const key of STATEMENT_CHILDREN) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) stack.push(...(child.filter(isNode)));
      else if (isNode(child)) stack.push(child);
    }
  }
  return found;
}

/** The members of statements that hold statements: enough to find every `return`. */
const STATEMENT_CHILDREN = ['body', 'consequent', 'alternate', 'block', 'handler', 'finalizer', 'cases'];

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Where `name` is bound inside a declaration's pattern: the member path from the value to it, and
 * its default value. `{ clockwork: { key: k = '' } }` binds `k` at clockwork.key.
 */
function placeInPattern(pattern: TSESTree.Node, name: string): { path: string[]; fallback?: TSESTree.Node } | undefined {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return pattern.name === name ? { path: [] } : undefined;
    case AST_NODE_TYPES.AssignmentPattern: {
      const inner = placeInPattern(pattern.left, name);
      return inner && { path: inner.path, fallback: inner.fallback ?? (inner.path.length === 0 ? pattern.right : undefined) };
    }
    case AST_NODE_TYPES.TSParameterProperty:
      return placeInPattern(pattern.parameter, name);
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type === AST_NODE_TYPES.RestElement) continue;
        const key = staticKeyName(property.key, property.computed);
        const inner = placeInPattern(property.value, name);
        if (inner) return key === undefined ? undefined : { path: [key, ...inner.path], fallback: inner.fallback };
      }
      return undefined;
    case AST_NODE_TYPES.ArrayPattern:
      for (const [index, element] of pattern.elements.entries()) {
        if (!element || element.type === AST_NODE_TYPES.RestElement) continue;
        const inner = placeInPattern(element, name);
        if (inner) return { path: [String(index), ...inner.path], fallback: inner.fallback };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** `x.a.b = value` read from the `x`: the member names and the value. */
function memberAssignment(identifier: TSESTree.Node): { names: string[]; value: TSESTree.Node } | undefined {
  const names: string[] = [];
  let current: TSESTree.Node = identifier;
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) {
    const name = staticKeyName(current.parent.property, current.parent.computed);
    if (name === undefined) return undefined;
    names.push(name);
    current = current.parent;
  }
  const parent = current.parent;
  if (names.length === 0 || parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== current || parent.operator !== '=') return undefined;
  return { names, value: parent.right };
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
}

function requiredModule(node: TSESTree.Node): string | undefined {
  const call = unwrap(node);
  if (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.callee.type === AST_NODE_TYPES.Identifier &&
    call.callee.name === 'require' &&
    call.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof call.arguments[0].value === 'string'
  ) {
    return call.arguments[0].value;
  }
  return undefined;
}
