/**
 * Where a value stops being the program's and becomes text someone else reads: log lines (the
 * console, loggers, stdout and stderr, which CI keeps too), error messages (which loggers and
 * error trackers keep), and HTTP response bodies. Recognised by the shapes these APIs take in
 * Node servers, Express/Fastify/Koa handlers and fetch-style route handlers, with the scope
 * manager saying whether `console` or `Response` is the global one.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { nameWords } from '../detect/names.js';
import { staticKeyName } from './clockwork-context.js';
import { calleeName, unwrap } from './key-expressions.js';

export type Destination = 'log' | 'error' | 'response';

export interface Sink {
  /** How a message names it: `console.log`, `logger.info`, `new Error`, `res.json`, `ctx.body`. */
  label: string;
  destination: Destination;
  /** The expressions whose values end up in the output. */
  outputs: TSESTree.Node[];
  /** The output expression is the whole statement's value (`throw x`, `ctx.body = x`): no argument to wrap. */
  bare: boolean;
}

export interface SinkSettings {
  /** Extra names of logger objects or log functions. */
  loggers: readonly string[];
}

/** Methods that write a log line, on any logger: pino, winston, bunyan, log4js, consola, Nest. */
const LOG_METHODS = new Set([
  'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'log', 'notice', 'critical', 'crit', 'alert',
  'emerg', 'emergency', 'verbose', 'silly', 'http', 'success', 'fail',
  // A child logger prints its bindings on every line it writes.
  'child',
]);
/** The last word of a logger's name: `logger`, `log`, `req.log`, `this.logger`, `auditLog`. */
const LOGGER_WORDS = new Set(['log', 'logger', 'logging']);
/** Logging packages: a binding of one, or what its factory returns, is a logger. */
const LOGGER_MODULES = new Set(['pino', 'winston', 'bunyan', 'log4js', 'consola', 'signale', 'npmlog', 'loglevel', 'roarr', 'debug', 'fancy-log']);
/** Factories whose result is a logger, by name: `createLogger()`, `getLogger()`, `logger.child()`. */
const LOGGER_FACTORIES = new Set(['createLogger', 'getLogger', 'child', 'pino', 'bunyan', 'debuglog', 'createDebug']);
/** Receivers of a response: Express/Node `res`, Fastify `reply`, and their common spellings. */
const RESPONSE_OBJECTS = new Set(['res', 'resp', 'response', 'reply']);
const RESPONSE_METHODS = new Set(['send', 'json', 'jsonp', 'end', 'write']);
/** Calls that configure a response and return it, as chains do: `res.status(500).json(…)`. */
const RESPONSE_CHAIN_METHODS = new Set(['status', 'code', 'type', 'set', 'header', 'headers', 'append', 'cookie', 'vary', 'location', 'contentType']);
/** Koa's context: `ctx.body = …`. */
const CONTEXT_OBJECTS = new Set(['ctx', 'context']);
const RESPONSE_CLASSES = new Set(['Response', 'NextResponse']);
/** Response helpers: SvelteKit, Remix and React Router's `json(…)`. */
const RESPONSE_HELPER_MODULES = new Set(['@sveltejs/kit', '@remix-run/node', '@remix-run/server-runtime', '@remix-run/cloudflare', 'react-router']);
const ERROR_NAME = /^(?:[A-Z][\w$]*)?Error$/u;

export class SinkFinder {
  private readonly extraLoggers: ReadonlySet<string>;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    settings: SinkSettings,
  ) {
    this.extraLoggers = new Set(settings.loggers);
  }

  /** The sink a call or `new` writes to, if any. */
  ofCall(node: TSESTree.CallExpression | TSESTree.NewExpression): Sink | undefined {
    const callee = unwrap(node.callee);
    const args = node.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument));
    const sink = (label: string, destination: Destination, outputs: TSESTree.Node[] = args): Sink | undefined =>
      outputs.length === 0 ? undefined : { label, destination, outputs, bare: false };

    if (node.type === AST_NODE_TYPES.NewExpression) {
      const name = calleeName(callee);
      if (name === undefined) return undefined;
      const last = name.slice(name.lastIndexOf('.') + 1);
      if (ERROR_NAME.test(last)) return sink(`new ${name}`, 'error');
      if (RESPONSE_CLASSES.has(name) && this.isResponseClass(callee)) return sink(`new ${name}`, 'response', args.slice(0, 1));
      return undefined;
    }

    if (callee.type === AST_NODE_TYPES.Identifier) {
      // `Error('…')` makes an error as `new Error('…')` does.
      if (ERROR_NAME.test(callee.name) && this.isErrorClass(callee)) return sink(callee.name, 'error');
      if (callee.name === 'createError' || callee.name === 'createHttpError') return sink(callee.name, 'error');
      if (this.isLogFunction(callee)) return sink(callee.name, 'log');
      if (callee.name === 'json' && this.isResponseHelper(callee)) return sink('json', 'response', args.slice(0, 1));
      return undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = staticKeyName(callee.property, callee.computed);
    if (method === undefined) return undefined;
    const object = unwrap(callee.object);
    const label = `${labelOf(object)}.${method}`;

    if (object.type === AST_NODE_TYPES.Identifier && object.name === 'console' && this.isGlobal(object)) {
      // `console.assert(condition, …)` prints only what follows the condition.
      return sink(label, 'log', method === 'assert' ? args.slice(1) : args);
    }
    if ((method === 'write' || method === 'end') && isStandardStream(object)) return sink(label, 'log');
    if (RESPONSE_CLASSES.has(calleeName(object) ?? '') && method === 'json' && this.isResponseClass(object)) {
      return sink(label, 'response', args.slice(0, 1));
    }
    if (RESPONSE_METHODS.has(method) && isResponseObject(object)) return sink(label, 'response', method === 'json' || method === 'jsonp' ? args.slice(0, 1) : args);
    if (LOG_METHODS.has(method) && this.isLogger(object)) return sink(label, 'log');
    return undefined;
  }

  /** `throw x`: an error object is judged at its `new`; anything else thrown is the message. */
  ofThrow(node: TSESTree.ThrowStatement): Sink | undefined {
    const argument = unwrap(node.argument);
    if (argument.type === AST_NODE_TYPES.NewExpression || argument.type === AST_NODE_TYPES.CallExpression) return undefined;
    return { label: 'throw', destination: 'error', outputs: [node.argument], bare: true };
  }

  /** Koa's `ctx.body = x` and `ctx.response.body = x`. */
  ofAssignment(node: TSESTree.AssignmentExpression): Sink | undefined {
    if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (staticKeyName(node.left.property, node.left.computed) !== 'body') return undefined;
    let owner = unwrap(node.left.object);
    if (owner.type === AST_NODE_TYPES.MemberExpression && staticKeyName(owner.property, owner.computed) === 'response') owner = unwrap(owner.object);
    if (owner.type !== AST_NODE_TYPES.Identifier || !CONTEXT_OBJECTS.has(owner.name)) return undefined;
    return { label: `${labelOf(node.left.object)}.body`, destination: 'response', outputs: [node.right], bare: true };
  }

  /** A logger object: named like one, made by a logging package, or one of the configured names. */
  private isLogger(node: TSESTree.Node): boolean {
    // `log4js.getLogger('sms').info(…)`, `pino().info(…)`
    if (node.type === AST_NODE_TYPES.CallExpression) return this.makesLogger(node);
    const name = node.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(node.property, node.computed) : node.type === AST_NODE_TYPES.Identifier ? node.name : undefined;
    if (name === undefined) return false;
    if (this.extraLoggers.has(name) || LOGGER_MODULES.has(name) || namesLogger(name)) return true;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    if (this.boundToLoggerModule(node)) return true;
    const definition = this.variableOf(node)?.defs[0];
    if (definition?.type !== 'Variable' || !definition.node.init) return false;
    const init = unwrap(definition.node.init);
    return init.type === AST_NODE_TYPES.CallExpression && this.makesLogger(init);
  }

  /** A call that returns a logger: `pino()`, `winston.createLogger()`, `require('pino')()`, `logger.child()`. */
  private makesLogger(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    const module = requiredModule(callee);
    if (module !== undefined) return LOGGER_MODULES.has(module);
    const name = calleeName(callee);
    if (name === undefined) return false;
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (LOGGER_FACTORIES.has(last)) return true;
    return callee.type === AST_NODE_TYPES.Identifier && this.boundToLoggerModule(callee);
  }

  /** `import pino from 'pino'`, `const createDebug = require('debug')`. */
  private boundToLoggerModule(identifier: TSESTree.Identifier): boolean {
    const definition = this.variableOf(identifier)?.defs[0];
    if (definition?.type === 'ImportBinding') return LOGGER_MODULES.has((definition.parent as TSESTree.ImportDeclaration).source.value);
    const module = definition?.type === 'Variable' && definition.node.init ? requiredModule(unwrap(definition.node.init)) : undefined;
    return module !== undefined && LOGGER_MODULES.has(module);
  }

  /** A function that logs: named like a logger (`log(…)`), a configured name, or a `debug` instance. */
  private isLogFunction(callee: TSESTree.Identifier): boolean {
    if (this.extraLoggers.has(callee.name) || namesLogger(callee.name)) return true;
    const definition = this.variableOf(callee)?.defs[0];
    if (definition?.type !== 'Variable' || !definition.node.init) return false;
    const init = unwrap(definition.node.init);
    // `const debug = require('debug')('sms')`, `const debug = createDebug('sms')`, `util.debuglog('sms')`.
    return init.type === AST_NODE_TYPES.CallExpression && this.makesLogger(init);
  }

  /** A global error class (`Error`, `TypeError`), or a class or import named `…Error`; not a local function of that name. */
  private isErrorClass(callee: TSESTree.Identifier): boolean {
    const definition = this.variableOf(callee)?.defs[0];
    return definition === undefined || definition.type === 'ClassName' || definition.type === 'ImportBinding';
  }

  /** The global `Response`, or `NextResponse` imported from `next/server`. */
  private isResponseClass(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = this.variableOf(node)?.defs[0];
    if (!definition) return node.name === 'Response';
    return definition.type === 'ImportBinding' && (definition.parent as TSESTree.ImportDeclaration).source.value.startsWith('next/server');
  }

  private isResponseHelper(callee: TSESTree.Identifier): boolean {
    const definition = this.variableOf(callee)?.defs[0];
    return definition?.type === 'ImportBinding' && RESPONSE_HELPER_MODULES.has((definition.parent as TSESTree.ImportDeclaration).source.value);
  }

  private variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    return ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier) ?? undefined;
  }

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = this.variableOf(identifier);
    return !variable || variable.defs.length === 0;
  }
}

/** `logger`, `log`, `auditLog`, `LOGGER`: the name's last word says log. */
function namesLogger(name: string): boolean {
  const words = nameWords(name);
  return words.length > 0 && LOGGER_WORDS.has(words.at(-1)!);
}

/** `process.stdout`, `process.stderr`. */
function isStandardStream(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const stream = staticKeyName(node.property, node.computed);
  return (stream === 'stdout' || stream === 'stderr') && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'process';
}

/** `res`, `reply`, `ctx.res`, or one of them after configuring calls: `res.status(500)`. */
function isResponseObject(node: TSESTree.Node): boolean {
  let current = node;
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticKeyName(current.callee.property, current.callee.computed);
    if (method === undefined || !RESPONSE_CHAIN_METHODS.has(method)) return false;
    current = unwrap(current.callee.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) return RESPONSE_OBJECTS.has(current.name);
  if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = staticKeyName(current.property, current.computed);
  return name !== undefined && RESPONSE_OBJECTS.has(name);
}

/** A callee as a message names it, calls shown empty: `res.status().json`, `log4js.getLogger().info`. */
function labelOf(node: TSESTree.Node): string {
  const current = unwrap(node);
  switch (current.type) {
    case AST_NODE_TYPES.Identifier:
      return current.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticKeyName(current.property, current.computed);
      return `${labelOf(current.object)}.${name ?? '[…]'}`;
    }
    case AST_NODE_TYPES.CallExpression:
      return `${labelOf(current.callee)}()`;
    default:
      return '…';
  }
}

function requiredModule(node: TSESTree.Node): string | undefined {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}
