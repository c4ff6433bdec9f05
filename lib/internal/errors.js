'use strict';
// Node-style errors with `code`: `TypeError [ERR_X]: message` in the stack, `code`
// as an own property. Also helpers for argument validation shared by builtins.

const messages = new Map();
const codes = {};

// A value as error messages describe it: `type number (2)`, `an instance of Map`,
// `function f`, `null`, ...
function determineSpecificType(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  const type = typeof value;
  switch (type) {
    case 'bigint': return `type bigint (${value}n)`;
    case 'number':
      if (Object.is(value, -0)) return 'type number (-0)';
      return `type number (${value})`;
    case 'boolean': return `type boolean (${value})`;
    case 'symbol': return `type symbol (${String(value)})`;
    case 'function': return `function ${value.name}`;
    case 'object': {
      if (value.constructor && 'name' in value.constructor) return `an instance of ${value.constructor.name}`;
      const { inspect } = require('internal/inspect');
      return inspect(value, { depth: -1 });
    }
    case 'string': {
      const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return shown.includes("'") ? `type string (${JSON.stringify(shown)})` : `type string ('${shown}')`;
    }
    default: {
      const { inspect } = require('internal/inspect');
      let shown = inspect(value, { colors: false });
      if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
      return `type ${type} (${shown})`;
    }
  }
}

function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor?.name) return ` Received an instance of ${value.constructor.name}`;
    const { inspect } = require('internal/inspect');
    return ` Received ${inspect(value, { depth: -1 })}`;
  }
  const { inspect } = require('internal/inspect');
  let shown = inspect(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

// A list in English prose ('a, b, and c'; with 'or', 'a, b, or c'), by ICU's ListFormat.
const listFormats = { __proto__: null };
function formatList(array, type = 'and') {
  listFormats[type] ??= new Intl.ListFormat('en', { style: 'long', type: type === 'or' ? 'disjunction' : 'conjunction' });
  return listFormats[type].format(array);
}

// Node's wording: primitive type names (and Function/Object) as "of type x", other
// capitalised names as "an instance of X", anything else as "one of ...".
const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classRegExp = /^([A-Z][a-z0-9]*)+$/;
function typeList(expected) {
  if (!Array.isArray(expected)) expected = [expected];
  const types = [];
  const instances = [];
  const other = [];
  for (const e of expected) {
    if (kTypes.includes(e)) types.push(e.toLowerCase());
    else if (classRegExp.test(e)) instances.push(e);
    else other.push(e);
  }
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push('Object');
    }
  }
  const list = (items) => formatList(items, 'or');
  let msg = '';
  if (types.length > 0) {
    msg += types.length > 1 ? `one of type ${list(types)}` : `of type ${types[0]}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    msg += `an instance of ${list(instances)}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 1) msg += `one of ${list(other)}`;
    else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += other[0];
    }
  }
  return msg;
}

// Set on every error made by a class of `codes`: not enumerable, not writable.
const kIsNodeError = Symbol('kIsNodeError');

// A failed system call as an error: `${prefix}: ${syscall} returned ${code} (${message})`
// and the path and destination. `code` is the error's key (ERR_SYSTEM_ERROR or the code
// a class of E gives); the context is `info`, and `errno`, `syscall`, `path` and `dest`
// read and write through to it (paths given as Buffers read as strings).
class SystemError extends Error {
  constructor(context, key = 'ERR_SYSTEM_ERROR', prefix = 'A system error occurred') {
    let msg = `${prefix}: ${context.syscall} returned ${context.code} (${context.message})`;
    if (context.path !== undefined) msg += ` ${context.path}`;
    if (context.dest !== undefined) msg += ` => ${context.dest}`;
    super(msg);
    Object.defineProperty(this, 'code', { value: key, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(this, kIsNodeError, { value: true, enumerable: false, writable: false, configurable: true });
    Object.defineProperty(this, 'info', { value: context, enumerable: true, configurable: true, writable: false });
    Object.defineProperty(this, 'errno', { get: () => context.errno, set: (v) => { context.errno = v; }, enumerable: true, configurable: true });
    Object.defineProperty(this, 'syscall', { get: () => context.syscall, set: (v) => { context.syscall = v; }, enumerable: true, configurable: true });
    for (const key of ['path', 'dest']) {
      if (context[key] === undefined) continue;
      Object.defineProperty(this, key, {
        get: () => (context[key] != null ? context[key].toString() : context[key]),
        set: (v) => { context[key] = v ? globalThis.Buffer.from(v.toString()) : undefined; },
        enumerable: true, configurable: true,
      });
    }
    Object.defineProperty(this, 'name', { value: `SystemError [${key}]`, configurable: true, writable: true });
    this.stack; // eslint-disable-line no-unused-expressions
    Object.defineProperty(this, 'name', { value: 'SystemError', configurable: true, writable: true, enumerable: false });
  }
  toString() { return `${this.name} [${this.code}]: ${this.message}`; }
}


// E(code, message, Base, ...otherBases): registers `codes[code]`, a class of `Base`
// whose message is `message(...args)`, or the string `message` formatted with the
// arguments (as util.format) when it has `%` specifiers, which must then match them
// in number. With SystemError as `Base`, the class takes a context object and
// `message` is the prefix of SystemError's message.
function E(code, message, Base, ...otherBases) {
  messages.set(code, message);
  if (Base === SystemError) {
    codes[code] = makeSystemErrorWithCode(code, message);
    return;
  }
  const NodeError = makeNodeError(code, message, Base);
  // Node's `new ERR_X.TypeError(...)`: the same code with another base class.
  for (const Other of otherBases) NodeError[Other.name] = makeNodeError(code, message, Other);
  codes[code] = NodeError;
}

function formatMessage(code, message, args) {
  if (typeof message === 'function') return message(...args);
  const expected = (message.match(/%[dfijoOs]/g) || []).length;
  if (expected === 0) return message;
  if (expected !== args.length) {
    throw new codes.ERR_INTERNAL_ASSERTION(`Code: ${code}; The provided arguments length (${args.length}) does not match the required ones (${expected}).`);
  }
  return require('util').format(message, ...args);
}

// Error.stackTraceLimit as it is, or undefined when it is missing or has a getter (a
// user's), so that changing it around a construction is safe.
function setStackTraceLimit(value) {
  const desc = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  if (desc === undefined || !('value' in desc) || !desc.writable) return false;
  Error.stackTraceLimit = value;
  return true;
}

function makeNodeError(code, message, Base) {
  const NodeError = class extends Base {
    constructor(...args) {
      const msg = formatMessage(code, message, args);
      super(msg);
      Object.defineProperty(this, 'code', { value: code, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(this, kIsNodeError, { value: true, enumerable: false, writable: false, configurable: true });
      // Show `Name [CODE]` in the stack, like Node, without keeping an own `name`. Not
      // while a snapshot is being built: Node's builder formats stacks with V8's plain
      // `Name: message` header there.
      if (binding.snapshot.mode() !== 1) {
        Object.defineProperty(this, 'name', { value: `${Base.name} [${code}]`, configurable: true, writable: true });
        this.stack; // eslint-disable-line no-unused-expressions
        delete this.name;
      }
    }
    toString() { return `${this.name} [${code}]: ${this.message}`; }
  };
  Object.defineProperty(NodeError, 'name', { value: Base.name });
  // As in Node, an error's `constructor` is its base class (`err.constructor ===
  // TypeError`); `instanceof` the code's class still holds.
  Object.defineProperty(NodeError.prototype, 'constructor', { value: Base, writable: true, configurable: true, enumerable: false });
  // `new ERR_X.NoStackError(...)`: the same error without capturing a stack, for code
  // that captures one itself (hideStackFrames, Error.captureStackTrace).
  NodeError.NoStackError = function NoStackError(...args) {
    const limit = Error.stackTraceLimit;
    const changed = setStackTraceLimit(0);
    try {
      return new NodeError(...args);
    } finally {
      if (changed) Error.stackTraceLimit = limit;
    }
  };
  return NodeError;
}

// A SystemError class for `code` (E with SystemError as base).
function makeSystemErrorWithCode(code, prefix) {
  const Class = class extends SystemError {
    constructor(context) { super(context, code, prefix); }
  };
  Object.defineProperty(Class, 'name', { value: 'SystemError' });
  return Class;
}

// Runs `fn` so that an error it throws has its stack captured from the caller of the
// returned function: validators and other helpers do not show themselves in stacks.
// `withoutStackTrace` is `fn` itself, for callers that capture stacks on their own.
function hideStackFrames(fn) {
  function hidden(...args) {
    try {
      return Reflect.apply(fn, this, args);
    } catch (error) {
      if (Error.stackTraceLimit && error !== null && typeof error === 'object') Error.captureStackTrace(error, hidden);
      throw error;
    }
  }
  hidden.withoutStackTrace = fn;
  return hidden;
}

E('ERR_INVALID_ARG_TYPE', (name, expected, actual) => {
  const what = name.endsWith(' argument') ? name : `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
  return `The ${what} must be ${typeList(expected)}.${describeReceived(actual)}`;
}, TypeError);
E('ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET', '`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active', Error);
E('ERR_INVALID_ARG_VALUE', (name, value, reason = 'is invalid') => {
  const { inspect } = require('internal/inspect');
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return `The ${name.includes('.') ? 'property' : 'argument'} '${name}' ${reason}. Received ${shown}`;
}, TypeError, RangeError);
E('ERR_OUT_OF_RANGE', (name, range, value, replaceDefaultBoolean = false) => {
  const { inspect } = require('internal/inspect');
  let received;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) {
    received = addUnderscores(String(value));
  } else if (typeof value === 'bigint') {
    received = String(value);
    if (value > 2n ** 32n || value < -(2n ** 32n)) received = addUnderscores(received);
    received += 'n';
  } else {
    received = inspect(value);
  }
  // Node's fourth argument: `name` is the whole first sentence.
  const what = replaceDefaultBoolean ? name : `The value of "${name}" is out of range.`;
  return `${what} It must be ${range}. Received ${received}`;
}, RangeError);
E('ERR_STRING_TOO_LONG', 'Cannot create a string longer than 0x1fffffe8 characters', Error);
E('ERR_INVALID_BUFFER_SIZE', (what) => `Buffer size must be a multiple of ${what}`, RangeError);
E('ERR_BUFFER_OUT_OF_BOUNDS', (name) => name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds', RangeError);
E('ERR_UNHANDLED_ERROR', (err) => err === undefined ? 'Unhandled error.' : `Unhandled error. (${err})`, Error);
E('ERR_UNHANDLED_REJECTION', (reason) => `This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${reason}".`, Error);
E('ERR_IPC_CHANNEL_CLOSED', 'Channel closed', Error);
E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError);
E('ERR_INVALID_THIS', (type) => `Value of "this" must be of type ${type}`, TypeError);
E('ERR_DIR_CLOSED', 'Directory handle was closed', Error);
E('ERR_DIR_CONCURRENT_OPERATION', 'Cannot do synchronous work on directory handle with concurrent asynchronous operations', Error);
E('ERR_EVENT_RECURSION', (type) => `The event "${type}" is already being dispatched`, Error);
E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError);
E('ERR_ASYNC_CALLBACK', (name) => `${name} must be a function`, TypeError);
E('ERR_INVALID_ASYNC_ID', (type, id) => `Invalid ${type} value: ${id}`, RangeError);
E('ERR_ASYNC_TYPE', (type) => `Invalid name for async "type": ${type}`, TypeError);
E('ERR_DOMAIN_CALLBACK_NOT_AVAILABLE', 'A callback was registered through process.setUncaughtExceptionCaptureCallback(), which is mutually exclusive with using the `domain` module', Error);
E('ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE', 'The `domain` module is in use, which is mutually exclusive with calling process.setUncaughtExceptionCaptureCallback()', Error);
E('ERR_METHOD_NOT_IMPLEMENTED', (name) => `The ${name} method is not implemented`, Error);
E('ERR_TLS_CERT_ALTNAME_INVALID', (reason) => `Hostname/IP does not match certificate's altnames: ${reason}`, Error);
E('ERR_TLS_CERT_ALTNAME_FORMAT', 'Invalid subject alternative name string', SyntaxError);
E('ERR_TLS_HANDSHAKE_TIMEOUT', 'TLS handshake timeout', Error);
E('ERR_TLS_INVALID_CONTEXT', (context) => `${context} must be a SecureContext`, TypeError);
E('ERR_TLS_INVALID_PROTOCOL_VERSION', (protocol, x) => `${JSON.stringify(protocol)} is not a valid ${x} TLS protocol version`, TypeError);
E('ERR_TLS_INVALID_PROTOCOL_METHOD', (method) => `Unknown method: ${method}`, TypeError);
E('ERR_TLS_INVALID_STATE', 'TLS socket connection must be securely established', Error);
E('ERR_TLS_PROTOCOL_VERSION_CONFLICT', (prev, protocol) => `TLS protocol version ${JSON.stringify(prev)} conflicts with secureProtocol ${JSON.stringify(protocol)}`, TypeError);
E('ERR_TLS_RENEGOTIATION_DISABLED', 'TLS session renegotiation disabled for this socket', Error);
E('ERR_TLS_REQUIRED_SERVER_NAME', '"servername" is required parameter for Server.addContext', Error);
E('ERR_TLS_SNI_FROM_SERVER', 'Cannot issue SNI from a TLS server-side socket', Error);
E('ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS', 'The ALPNCallback and ALPNProtocols TLS options are mutually exclusive', TypeError);
E('ERR_TLS_ALPN_CALLBACK_INVALID_RESULT', (value, protocols) => `ALPN callback returned a value (${value}) that did not match any of the client's offered protocols (${protocols})`, TypeError);
E('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times', Error);
E('ERR_NOT_IMPLEMENTED', (name) => `${name} is not implemented in amber`, Error);
// node:inspector (lib/inspector.js).
E('ERR_INSPECTOR_ALREADY_ACTIVATED', 'Inspector is already activated. Close it with inspector.close() before activating it again.', Error);
E('ERR_INSPECTOR_ALREADY_CONNECTED', (what) => `${what} is already connected`, Error);
E('ERR_INSPECTOR_CLOSED', 'Session was closed', Error);
E('ERR_INSPECTOR_COMMAND', (code, message) => `Inspector error ${code}: ${message}`, Error);
E('ERR_INSPECTOR_NOT_ACTIVE', 'Inspector is not active', Error);
E('ERR_INSPECTOR_NOT_AVAILABLE', 'Inspector is not available', Error);
E('ERR_INSPECTOR_NOT_CONNECTED', 'Session is not connected', Error);
E('ERR_INSPECTOR_NOT_WORKER', 'Current thread is not a worker', Error);
E('ERR_INVALID_URL', (input) => 'Invalid URL', TypeError);
E('ERR_INVALID_URL_SCHEME', (expected) => `The URL must be of scheme ${expected}`, TypeError);
E('ERR_INVALID_FILE_URL_PATH', (msg) => `File URL path ${msg}`, TypeError);
E('ERR_INVALID_FILE_URL_HOST', (platform) => `File URL host must be "localhost" or empty on ${platform}`, TypeError);
E('ERR_MISSING_ARGS', (...names) => {
  // An array stands for alternatives: ['a', 'b'] -> "a" or "b".
  const args = names.map((n) => (Array.isArray(n) ? n.map((x) => `"${x}"`).join(' or ') : `"${n}"`));
  const list = args.length <= 2 ? args.join(' and ') : `${args.slice(0, -1).join(', ')}, and ${args[args.length - 1]}`;
  return `The ${list} argument${args.length > 1 ? 's' : ''} must be specified`;
}, TypeError);
E('ERR_UNKNOWN_BUILTIN_MODULE', (name) => `No such built-in module: ${name}`, Error);
E('ERR_EVAL_ESM_CANNOT_PRINT', '--print cannot be used with ESM input', Error);
E('ERR_INPUT_TYPE_NOT_ALLOWED', '--input-type can only be used with string input via --eval, --print, or STDIN', Error);
E('ERR_WEBASSEMBLY_RESPONSE', (what) => `WebAssembly response ${what}`, TypeError);
// node:wasi (lib/wasi.js).
E('ERR_WASI_ALREADY_STARTED', 'WASI instance has already started', Error);
E('ERR_WASI_NOT_STARTED', 'wasi.start() has not been called', Error);
E('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', 'A dynamic import callback was not specified.', TypeError);
E('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG', 'A dynamic import callback was invoked without --experimental-vm-modules', TypeError);
E('ERR_VM_MODULE_CACHED_DATA_REJECTED', (msg) => msg, Error);
E('ERR_VM_MODULE_STATUS', (msg) => `Module status ${msg}`, Error);
E('ERR_VM_MODULE_ALREADY_LINKED', 'Module has already been linked', Error);
E('ERR_VM_MODULE_DIFFERENT_CONTEXT', 'Linked modules must use the same context', Error);
E('ERR_VM_MODULE_LINK_FAILURE', (msg) => msg, Error);
E('ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module', Error);
E('ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA', 'Cached data cannot be created for a module which has been evaluated', Error);
E('ERR_REQUIRE_ESM', (file, hasEsmSyntax = false, parentPath = null, packageJsonPath = null) => {
  let msg = `require() of ES Module ${file}${parentPath ? ` from ${parentPath}` : ''} not supported.`;
  if (!packageJsonPath) {
    if (file.endsWith('.mjs')) msg += `\nInstead change the require of ${file} to a dynamic import() which is available in all CommonJS modules.`;
    return msg;
  }
  const base = file.slice(file.lastIndexOf('/') + 1);
  const shown = parentPath && base === parentPath.slice(parentPath.lastIndexOf('/') + 1) ? file : base;
  if (hasEsmSyntax) return `${msg}\nInstead change the require of ${shown} in ${parentPath} to a dynamic import() which is available in all CommonJS modules.`;
  return `${msg}\n${shown} is treated as an ES module file as it is a .js file whose nearest parent package.json contains "type": "module" which declares all .js files in that package scope as ES modules.\nInstead either rename ${shown} to end in .cjs, change the requiring code to use dynamic import() which is available in all CommonJS modules, or change "type": "module" to "type": "commonjs" in ${packageJsonPath} to treat all .js files as CommonJS (using .mjs for all ES modules instead).\n`;
}, Error);
// CommonJS resolution of package `exports`/`imports` (internal/modules/cjs.js).
E('ERR_PACKAGE_PATH_NOT_EXPORTED', (pkgPath, subpath, base) => {
  const from = base ? ` imported from ${base}` : '';
  if (subpath === '.') return `No "exports" main defined in ${pkgPath}package.json${from}`;
  return `Package subpath '${subpath}' is not defined by "exports" in ${pkgPath}package.json${from}`;
}, Error);
E('ERR_INVALID_PACKAGE_TARGET', (pkgPath, key, target, isImport = false, base) => {
  const relative = typeof target === 'string' && !isImport && target.length > 0 && !target.startsWith('./');
  const from = base ? ` imported from ${base}` : '';
  const hint = relative ? '; targets must start with "./"' : '';
  if (key === '.') return `Invalid "exports" main target ${JSON.stringify(target)} defined in the package config ${pkgPath}package.json${from}${hint}`;
  return `Invalid "${isImport ? 'imports' : 'exports'}" target ${JSON.stringify(target)} defined for '${key}' in the package config ${pkgPath}package.json${from}${hint}`;
}, Error);
E('ERR_PACKAGE_IMPORT_NOT_DEFINED', (specifier, pkgPath, base) => `Package import specifier "${specifier}" is not defined${pkgPath ? ` in package ${pkgPath}package.json` : ''} imported from ${base}`, TypeError);
E('ERR_INVALID_MODULE_SPECIFIER', (request, reason, base) => `Invalid module "${request}" ${reason}${base ? ` imported from ${base}` : ''}`, TypeError);
E('ERR_INVALID_PACKAGE_CONFIG', (file, base, message) => `Invalid package config ${file}${base ? ` while importing ${base}` : ''}${message ? `. ${message}` : ''}`, Error);
E('ERR_REQUIRE_ASYNC_MODULE', (file, parentPath) => `require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.${parentPath ? `\n  From ${parentPath}` : ''}${file ? `\n  Requiring ${file}` : ''}`, Error);
E('ERR_REQUIRE_CYCLE_MODULE', (msg) => msg, Error);
E('ERR_BUFFER_TOO_LARGE', (max) => `Cannot create a Buffer larger than ${max} bytes`, RangeError);
E('ERR_ZLIB_INITIALIZATION_FAILED', 'Initialization failed', Error);
E('ERR_BROTLI_INVALID_PARAM', (p) => `${p} is not a valid Brotli parameter`, RangeError);
E('ERR_INVALID_RETURN_VALUE', (input, name, value) => `Expected ${input} to be returned from the "${name}" function but got ${describeReceived(value).slice(' Received '.length)}.`, TypeError);
E('ERR_AMBIGUOUS_ARGUMENT', (name, reason) => `The "${name}" argument is ambiguous. ${reason}`, TypeError);
E('ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST', 'Object that needs transfer was found in message but not listed in transferList', TypeError);
E('ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called', TypeError);
E('ERR_CONSTRUCT_CALL_REQUIRED', (name) => `Class constructor ${name} cannot be invoked without 'new'`, TypeError);
E('ERR_INVALID_RETURN_PROPERTY_VALUE', (input, name, prop, value) => {
  let type;
  if (value == null) type = `${value}`;
  else if (typeof value === 'function') type = `function ${value.name}`;
  else if (typeof value === 'object') type = value.constructor?.name ? `an instance of ${value.constructor.name}` : require('internal/inspect').inspect(value, { depth: -1 });
  else {
    let shown = require('internal/inspect').inspect(value, { colors: false });
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    type = `type ${typeof value} (${shown})`;
  }
  return `Expected ${input} to be returned for the "${prop}" from the "${name}" function but got ${type}.`;
}, TypeError);
E('ERR_LOADER_CHAIN_INCOMPLETE', (hookErrIdentifier) => `"${hookErrIdentifier}" did not call the next hook in its chain and did not explicitly signal a short circuit. If this is intentional, include \`shortCircuit: true\` in the hook's return.`, Error);
E('ERR_UNKNOWN_FILE_EXTENSION', (ext, path) => `Unknown file extension "${ext}" for ${path}`, TypeError);
E('ERR_IMPORT_ASSERTION_TYPE_FAILED', (url, type) => `Module "${url}" is not of type "${type}"`, TypeError);
E('ERR_IMPORT_ASSERTION_TYPE_MISSING', (url, type) => `Module "${url}" needs an import attribute of type "${type}"`, TypeError);
E('ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED', (type) => `Import attribute type "${type}" is unsupported`, TypeError);
E('ERR_IMPORT_ATTRIBUTE_UNSUPPORTED', (key, value) => `Import attribute "${key}" with value "${value}" is not supported`, TypeError);
E('ERR_UNSUPPORTED_ESM_URL_SCHEME', (url, schemes) => `Only URLs with a scheme in: ${schemes.join(', ')} are supported by the default ESM loader. Received protocol '${url.protocol}'`, Error);
E('ERR_MODULE_NOT_FOUND', (msg) => msg, Error);
E('ERR_UNKNOWN_MODULE_FORMAT', (format, url) => `Unknown module format: ${format} for URL ${url}`, RangeError);
E('ERR_INVALID_OBJECT_DEFINE_PROPERTY', (key, msg) => `'${key}' ${msg}`, TypeError);
E('ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList', TypeError);
E('ERR_WORKER_PATH', (filename) => 'The worker script or module filename must be an absolute path or a relative path starting with \'./\' or \'../\'.' + (filename.startsWith('file://') ? ' Wrap file:// URLs with `new URL`.' : filename.startsWith('data:text/javascript') ? ' Wrap data: URLs with `new URL`.' : '') + ` Received "${filename}"`, TypeError);
E('ERR_WORKER_UNSERIALIZABLE_ERROR', 'Serializing an uncaught exception failed', Error);
E('ERR_WORKER_OUT_OF_MEMORY', (msg) => `Worker terminated due to reaching memory limit: ${msg}`, Error);
E('ERR_WORKER_UNSUPPORTED_OPERATION', (what) => `${what} is not supported in workers`, TypeError);
E('ERR_WORKER_INVALID_EXEC_ARGV', (errors, msg = 'invalid execArgv flags') => `Initiated Worker with ${msg}: ${errors.join(', ')}`, Error);
E('ERR_WORKER_INIT_FAILED', (msg) => `Worker initialization failure: ${msg}`, Error);
E('ERR_WORKER_NOT_RUNNING', 'Worker instance not running', Error);
E('ERR_CLOSED_MESSAGE_PORT', 'Cannot send data on closed MessagePort', Error);
E('ERR_NOT_SUPPORTED_IN_SNAPSHOT', (what) => `${what} is not supported in startup snapshot`, Error);
E('ERR_WEBASSEMBLY_RESPONSE', (what) => `WebAssembly response ${what}`, TypeError);
E('ERR_AMBER_SNAPSHOT_WASM', (what, kept) => kept ? `${what} was called on the stand-in of WebAssembly that a snapshot build kept in the heap; use globalThis.WebAssembly after restore (see docs/wasm-in-snapshots.md)` : `${what} cannot run while a snapshot is built: V8 leaves WebAssembly out of a snapshot's heap. ` +
  'Compile the module after restore, in a v8.startupSnapshot.addDeserializeCallback() callback or the main function ' +
  '(keep its bytes in the heap; require("amber:wasm").precompile(bytes) at build time makes that compilation cheap); see docs/wasm-in-snapshots.md', Error);
E('ERR_NOT_BUILDING_SNAPSHOT', 'Operation cannot be invoked when not building startup snapshot', Error);
E('ERR_DUPLICATE_STARTUP_SNAPSHOT_MAIN_FUNCTION', 'Deserialize main function is already configured.', Error);
E('ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value', Error);
E('ERR_INVALID_STATE', (msg) => `Invalid state: ${msg}`, Error, TypeError, RangeError);
E('ERR_MISSING_OPTION', (name) => `${name} is required`, TypeError);
E('ERR_ARG_NOT_ITERABLE', (name) => `${name} must be iterable`, TypeError);
E('ERR_INVALID_TUPLE', (name, type) => `${name} must be an iterable ${type} tuple`, TypeError);
E('ERR_CONSOLE_WRITABLE_STREAM', (name) => `Console expects a writable stream instance for ${name}`, TypeError);
E('ERR_INCOMPATIBLE_OPTION_PAIR', (a, b) => `Option "${a}" cannot be used in combination with option "${b}"`, TypeError);
E('ERR_FS_INVALID_SYMLINK_TYPE', (type) => `Symlink type must be one of "dir", "file", or "junction". Received "${type}"`, Error);
E('ERR_FS_FILE_TOO_LARGE', (size) => `File size (${size}) is greater than 2 GiB`, RangeError);
E('ERR_ENCODING_NOT_SUPPORTED', (enc) => `The "${enc}" encoding is not supported`, RangeError);
// As Node's %s: objects are inspected ('Unknown encoding: {}').
E('ERR_UNKNOWN_ENCODING', (enc) => `Unknown encoding: ${typeof enc === 'object' && enc !== null ? require('internal/inspect').inspect(enc, { depth: 0 }) : String(enc)}`, TypeError);
E('ERR_UNKNOWN_SIGNAL', (sig) => `Unknown signal: ${sig}`, TypeError);
E('ERR_ASSERTION', (msg) => msg, Error);
E('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF', Error);
E('ERR_STREAM_WRITE_AFTER_END', 'write after end', Error);
E('ERR_SOCKET_BAD_PORT', (name, port, allowZero = true) => {
  return `${name} should be >${allowZero ? '=' : ''} 0 and < 65536.${describeReceived(port)}.`;
}, RangeError);
E('ERR_SOCKET_CLOSED', 'Socket is closed', Error);
E('ERR_SOCKET_CLOSED_BEFORE_CONNECTION', 'Socket closed before the connection was established', Error);
E('ERR_SOCKET_CONNECTION_TIMEOUT', 'Socket connection timeout', Error);
// node:dgram.
E('ERR_SOCKET_BAD_TYPE', 'Bad socket type specified. Valid types are: udp4, udp6', TypeError);
E('ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound', Error);
E('ERR_SOCKET_BAD_BUFFER_SIZE', 'Buffer size must be a positive integer', TypeError);
E('ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected', Error);
E('ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected', Error);
E('ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running', Error);
E('ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.', Error);
E('ERR_SERVER_NOT_RUNNING', 'Server is not running.', Error);
E('ERR_INVALID_ADDRESS_FAMILY', (family, host, port) => `Invalid address family: ${family} ${host}:${port}`, RangeError);
E('ERR_DNS_SET_SERVERS_FAILED', (err, servers) => `c-ares failed to set servers: "${err}" [${servers}]`, Error);
E('ERR_INVALID_IP_ADDRESS', (ip) => `Invalid IP address: ${ip}`, TypeError);
E('ERR_INVALID_ADDRESS', 'Invalid socket address', Error);
// node:crypto (lib/internal/crypto/).
E('ERR_CRYPTO_INVALID_DIGEST', (d) => d === undefined ? 'Invalid digest' : `Invalid digest: ${d}`, TypeError);
E('ERR_INTERNAL_ASSERTION', (message) => {
  const suffix = 'This is caused by either a bug in Node.js or incorrect usage of Node.js internals.\n' +
    'Please open an issue with this stack trace at https://github.com/nodejs/node/issues\n';
  return message === undefined ? suffix : `${message}\n${suffix}`;
}, Error);
E('ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED', 'Custom engines not supported by this OpenSSL', Error);
E('ERR_CRYPTO_HASH_FINALIZED', 'Digest already called', Error);
E('ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter', Error);
E('ERR_CRYPTO_INVALID_SCRYPT_PARAMS', (detail) => `Invalid scrypt params${detail ? `: ${detail}` : ''}`, RangeError);
E('ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length', RangeError);
E('ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector', TypeError);
E('ERR_CRYPTO_INVALID_AUTH_TAG', (tag) => `Invalid authentication tag length: ${tag}`, TypeError);
E('ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher', Error);
E('ERR_CRYPTO_INVALID_STATE', (m) => m ? `Invalid state for operation ${m}` : 'Invalid state', Error);
E('ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length', RangeError);
E('ERR_INVALID_HTTP_TOKEN', (name, field) => `${name} must be a valid HTTP token ["${field}"]`, TypeError);
E('ERR_HTTP_REQUEST_TIMEOUT', 'Request timeout', Error);
E('ERR_HTTP_HEADERS_SENT', (arg) => `Cannot ${arg} headers after they are sent to the client`, Error);
E('ERR_HTTP_INVALID_HEADER_VALUE', (value, name) => `Invalid value "${value}" for header "${name}"`, TypeError);
E('ERR_HTTP_INVALID_STATUS_CODE', (code) => require('util').format('Invalid status code: %s', code), RangeError);
E('ERR_HTTP_CONTENT_LENGTH_MISMATCH', (actual, expected) => `Response body's content-length of ${actual} byte(s) does not match the content-length of ${expected} byte(s) set in header`, Error);
E('ERR_HTTP_SOCKET_ASSIGNED', 'ServerResponse has an already assigned socket', Error);
E('ERR_HTTP_SOCKET_ENCODING', 'Changing the socket encoding is not allowed per RFC7230 Section 3.', Error);
E('ERR_HTTP_TRAILER_INVALID', 'Trailers are invalid with this transfer encoding', Error);
E('ERR_HTTP_BODY_NOT_ALLOWED', 'Adding content for this request method or response status is not allowed.', Error);
E('ERR_INVALID_PROTOCOL', (protocol, expected) => `Protocol "${protocol}" not supported. Expected "${expected}"`, TypeError);
E('ERR_UNESCAPED_CHARACTERS', (name) => `${name} contains unescaped characters`, TypeError);
E('ERR_STREAM_DESTROYED', (name) => `Cannot call ${name} after a stream was destroyed`, Error);
E('ERR_STREAM_ALREADY_FINISHED', (name) => `Cannot call ${name} after a stream was finished`, Error);
E('ERR_STREAM_NULL_VALUES', 'May not write null values to stream', TypeError);
E('ERR_STREAM_PREMATURE_CLOSE', 'Premature close', Error);
E('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event', Error);
E('ERR_STREAM_WRAP', 'Stream has StringDecoder set or is in objectMode', Error);
E('ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable', Error);
E('ERR_INVALID_CHAR', (name, field) => `Invalid character in ${name}${field ? ` ["${field}"]` : ''}`, TypeError);

function addUnderscores(s) {
  let res = '';
  let i = s.length;
  const start = s[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${s.slice(i - 3, i)}${res}`;
  return `${s.slice(0, i)}${res}`;
}

// The error of an aborted operation (streams, timers/promises, ...): name 'AbortError',
// code 'ABORT_ERR', the signal's reason as its cause.
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

// Node's SystemError (`ERR_SYSTEM_ERROR`) from a native failure `{ code, errno, syscall,
// message }`: `err.info` holds the context, the message names the syscall.

// Other codes of that shape (ERR_SOCKET_BUFFER_SIZE) give their own code and prefix.
// A native error (`CODE: description, syscall`) as a SystemError.
function toSystemError(err) {
  if (typeof err?.code !== 'string' || typeof err.syscall !== 'string') return err;
  const description = String(err.message).replace(/^[A-Z0-9_]+: /, '').replace(/, [^,]*$/, '');
  return new SystemError({ errno: err.errno, code: err.code, message: description, syscall: err.syscall });
}
// node:http2 (lib/internal/http2/).
E('ERR_HTTP2_CONNECT_AUTHORITY', ':authority header is required for CONNECT requests', Error);
E('ERR_HTTP2_CONNECT_PATH', 'The :path header is forbidden for CONNECT requests', Error);
E('ERR_HTTP2_CONNECT_SCHEME', 'The :scheme header is forbidden for CONNECT requests', Error);
E('ERR_HTTP2_GOAWAY_SESSION', 'New streams cannot be created after receiving a GOAWAY', Error);
E('ERR_HTTP2_HEADERS_AFTER_RESPOND', 'Cannot specify additional headers after response initiated', Error);
E('ERR_HTTP2_HEADERS_SENT', 'Response has already been initiated.', Error);
E('ERR_HTTP2_HEADER_SINGLE_VALUE', (name) => `Header field "${name}" must only have a single value`, TypeError);
E('ERR_HTTP2_INFO_STATUS_NOT_ALLOWED', 'Informational status codes cannot be used', RangeError);
E('ERR_HTTP2_INVALID_CONNECTION_HEADERS', (name) => `HTTP/1 Connection specific headers are forbidden: "${name}"`, TypeError);
E('ERR_HTTP2_INVALID_HEADER_VALUE', (value, name) => `Invalid value "${value}" for header "${name}"`, TypeError);
E('ERR_HTTP2_INVALID_INFO_STATUS', (code) => `Invalid informational status code: ${code}`, RangeError);
E('ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH', 'Packed settings length must be a multiple of six', RangeError);
E('ERR_HTTP2_INVALID_PSEUDOHEADER', (name) => `"${name}" is an invalid pseudoheader or is used incorrectly`, TypeError);
E('ERR_HTTP2_INVALID_SESSION', 'The session has been destroyed', Error);
E('ERR_HTTP2_INVALID_SETTING_VALUE', (name, value) => `Invalid value for setting "${name}": ${value}`, TypeError, RangeError);
E('ERR_HTTP2_INVALID_STREAM', 'The stream has been destroyed', Error);
E('ERR_HTTP2_MAX_PENDING_SETTINGS_ACK', 'Maximum number of pending settings acknowledgements', Error);
E('ERR_HTTP2_ALTSVC_INVALID_ORIGIN', 'HTTP/2 ALTSVC frames require a valid origin', TypeError);
E('ERR_HTTP2_ALTSVC_LENGTH', 'HTTP/2 ALTSVC frames are limited to 16382 bytes', TypeError);
E('ERR_HTTP2_INVALID_ORIGIN', 'HTTP/2 ORIGIN frames require a valid origin', TypeError);
E('ERR_HTTP2_ORIGIN_LENGTH', 'HTTP/2 ORIGIN frames are limited to 16382 bytes', TypeError);
E('ERR_HTTP2_NESTED_PUSH', 'A push stream cannot initiate another push stream.', Error);
E('ERR_HTTP2_NO_SOCKET_MANIPULATION', 'HTTP/2 sockets should not be directly manipulated (e.g. read and written)', Error);
E('ERR_HTTP2_OUT_OF_STREAMS', 'No stream ID is available because maximum stream ID has been reached', Error);
E('ERR_HTTP2_PAYLOAD_FORBIDDEN', (code) => `Responses with ${code} status must not have a payload`, Error);
E('ERR_HTTP2_PING_CANCEL', 'HTTP2 ping cancelled', Error);
E('ERR_HTTP2_PING_LENGTH', 'HTTP2 ping payload must be 8 bytes', RangeError);
E('ERR_HTTP2_PSEUDOHEADER_NOT_ALLOWED', 'Cannot set HTTP/2 pseudo-headers', TypeError);
E('ERR_HTTP2_PUSH_DISABLED', 'HTTP/2 client has disabled push streams', Error);
E('ERR_HTTP2_SEND_FILE', 'Directories cannot be sent', Error);
E('ERR_HTTP2_SEND_FILE_NOSEEK', 'Offset or length can only be specified for regular files', Error);
E('ERR_HTTP2_SESSION_ERROR', (code) => `Session closed with error code ${code}`, Error);
E('ERR_HTTP2_SETTINGS_CANCEL', 'HTTP2 session settings canceled', Error);
E('ERR_HTTP2_SOCKET_BOUND', 'The socket is already bound to an Http2Session', Error);
E('ERR_HTTP2_SOCKET_UNBOUND', 'The socket has been disconnected from the Http2Session', Error);
E('ERR_HTTP2_STATUS_101', 'HTTP status code 101 (Switching Protocols) is forbidden in HTTP/2', Error);
E('ERR_HTTP2_STATUS_INVALID', (code) => `Invalid status code: ${code}`, RangeError);
E('ERR_HTTP2_STREAM_CANCEL', 'The pending stream has been canceled', Error);
E('ERR_HTTP2_STREAM_ERROR', (code) => `Stream closed with error code ${code}`, Error);
E('ERR_HTTP2_STREAM_SELF_DEPENDENCY', 'A stream cannot depend on itself', Error);
E('ERR_HTTP2_TOO_MANY_CUSTOM_SETTINGS', 'Number of custom settings exceeds MAX_ADDITIONAL_SETTINGS', Error);
E('ERR_HTTP2_TRAILERS_ALREADY_SENT', 'Trailing headers have already been sent', Error);
E('ERR_HTTP2_TRAILERS_NOT_READY', 'Trailing headers cannot be sent until after the wantTrailers event is emitted', Error);
E('ERR_HTTP2_UNSUPPORTED_PROTOCOL', (protocol) => `protocol "${protocol}" is unsupported.`, Error);
E('ERR_HTTP2_ERROR', (message) => message, Error);

// A failed DNS request (getaddrinfo, getnameinfo, a query): `code` a libuv errno
// (EAI_NONAME and EAI_NODATA both named ENOTFOUND, as Node names them) or a code.
class DNSException extends Error {
  constructor(code, syscall, hostname) {
    let errno;
    if (typeof code === 'number') {
      errno = code;
      code = code === -3008 || code === -3007 ? 'ENOTFOUND' : require('util').getSystemErrorName(code);
    }
    super(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
    Error.captureStackTrace(this, DNSException);
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
    if (hostname) this.hostname = hostname;
  }

  // Shown (util.inspect) as a plain Error, as Node's is.
  get ['constructor']() {
    return Error;
  }
}

// Node's errnoException: `${syscall} ${code}` (and what the caller adds) for a libuv
// errno, as util._errnoException.
function errnoException(err, syscall, original) {
  const code = require('util').getSystemErrorName(err);
  const ex = new Error(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  return ex;
}

// Node's exceptionWithHostPort: `${syscall} ${code} ${address}:${port}`, as
// util._exceptionWithHostPort.
function exceptionWithHostPort(err, syscall, address, port, additional) {
  const code = require('util').getSystemErrorName(err);
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  if (additional) details += ` - Local (${additional})`;
  const ex = new Error(`${syscall} ${code}${details}`);
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  ex.address = address;
  if (port) ex.port = port;
  return ex;
}

// libuv's name and text for an errno; UNKNOWN for one the table does not have.
function uvErrorOf(errno) {
  return require('util').getSystemErrorMap().get(errno) ?? ['UNKNOWN', 'unknown error'];
}

// Node's UVException: `${code}: ${message}, ${syscall} '${path}' -> '${dest}'` from a
// context `{ errno, syscall, path, dest, message }`.
function UVException(ctx) {
  const [code, uvmsg] = uvErrorOf(ctx.errno);
  let message = `${code}: ${ctx.message || uvmsg}, ${ctx.syscall}`;
  let path;
  let dest;
  if (ctx.path) {
    path = ctx.path.toString();
    message += ` '${path}'`;
  }
  if (ctx.dest) {
    dest = ctx.dest.toString();
    message += ` -> '${dest}'`;
  }
  const err = new Error(message);
  for (const prop of Object.keys(ctx)) {
    if (prop === 'message' || prop === 'path' || prop === 'dest') continue;
    err[prop] = ctx[prop];
  }
  err.code = code;
  if (path) err.path = path;
  if (dest) err.dest = dest;
  Error.captureStackTrace(err, UVException);
  return err;
}

// Node's UVExceptionWithHostPort: `${syscall} ${code}: ${message} ${address}:${port}`.
function UVExceptionWithHostPort(err, syscall, address, port) {
  const [code, uvmsg] = uvErrorOf(err);
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  const ex = new Error(`${syscall} ${code}: ${uvmsg}${details}`);
  ex.code = code;
  ex.errno = err;
  ex.syscall = syscall;
  ex.address = address;
  if (port) ex.port = port;
  Error.captureStackTrace(ex, UVExceptionWithHostPort);
  return ex;
}

// Two errors of one operation as one: the first (`outerError` when there is no inner
// one), or an AggregateError carrying the code and message of the inner error and both
// errors (flattened when `outerError` already aggregates).
function aggregateTwoErrors(innerError, outerError) {
  if (innerError && outerError && innerError !== outerError) {
    if (Array.isArray(outerError.errors)) {
      outerError.errors.push(innerError);
      return outerError;
    }
    // eslint-disable-next-line no-restricted-syntax
    const err = new AggregateError([outerError, innerError], outerError.message);
    Error.captureStackTrace(err, aggregateTwoErrors);
    err.code = outerError.code;
    return err;
  }
  return innerError || outerError;
}

// An error an EventEmitter threw because nothing listened to its 'error' event
// carries, under this key, a function giving its stack followed by where the event
// was emitted; the report of an uncaught exception shows that stack
// (`formatUncaught` in internal/bootstrap.js), as Node's does.
const kEnhanceStackBeforeInspector = Symbol('kEnhanceStackBeforeInspector');

// `emitter` emitted `err` as 'error' with no listener; `emitted` holds the stack of
// that emit(). The frames both stacks end with are shown once.
function enhanceStackOfUnhandledError(emitter, err, emitted) {
  let on = '';
  try {
    const { name } = emitter.constructor;
    if (name !== 'EventEmitter') on = ` on ${name} instance`;
  } catch {
    // A constructor that cannot be read: no name.
  }
  const errFrames = `${err.stack}`.split('\n').slice(1);
  const ownFrames = `${emitted.stack}`.split('\n').slice(1);
  // The first run of more than three frames the emit's stack shares with the
  // error's is shown by its first and last frames, with a line saying so between.
  for (let i = 0; i + 3 < ownFrames.length; i++) {
    const at = errFrames.indexOf(ownFrames[i]);
    if (at === -1 || errFrames.length - at <= 3) continue;
    let run = 1;
    while (i + run < ownFrames.length && at + run < errFrames.length && ownFrames[i + run] === errFrames[at + run]) run++;
    if (run > 3) {
      ownFrames.splice(i + 1, run - 2, '    [... lines matching original stack trace ...]');
      break;
    }
  }
  return `${err.stack}\nEmitted 'error' event${on} at:\n${ownFrames.join('\n')}`;
}

module.exports = {
  SystemError, toSystemError, AbortError, DNSException, codes, E, kIsNodeError, hideStackFrames, formatList,
  determineSpecificType, aggregateTwoErrors, errnoException, exceptionWithHostPort, UVException,
  UVExceptionWithHostPort, kEnhanceStackBeforeInspector, enhanceStackOfUnhandledError,
};
// The validators live in internal/validators (which needs `codes` from here); this
// module has always handed them out too, so they are re-exported, loaded on first use.
for (const name of ['validateString', 'validateFunction', 'validateObject', 'validateNumber', 'validateInteger',
  'validateBoolean', 'validateUint32', 'validateInt32', 'parseFileMode']) {
  Object.defineProperty(module.exports, name, { enumerable: true, configurable: true, get: () => require('internal/validators')[name] });
}
