'use strict';
// node:test — a test runner in the shape of Node 20's: `test`/`it`, `describe`/`suite`,
// hooks, subtests (`t.test`), skip/todo/only options, `mock.fn`/`mock.method`, and a TAP
// report on stdout. Tests run one at a time in the order they were declared; a failure
// sets process.exitCode to 1. Only loadable as `node:test`.
//
// Not implemented (they throw ERR_NOT_IMPLEMENTED): `run()`, `mock.timers`, reporters
// other than TAP, and concurrency (`concurrency` is accepted and tests still run in order).

const { codes: { ERR_NOT_IMPLEMENTED, ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { inspect } = require('internal/inspect');

const out = (line) => process.stdout.write(`${line}\n`);

class TestContext {
  #test;
  constructor(test) { this.#test = test; }
  get name() { return this.#test.name; }
  get fullName() { return this.#test.fullName(); }
  get signal() { return this.#test.controller.signal; }
  get mock() { return this.#test.mockTracker ??= new MockTracker(); }
  diagnostic(message) { this.#test.diagnostics.push(String(message)); }
  skip(message) { this.#test.skipped = message ?? true; }
  todo(message) { this.#test.todo = message ?? true; }
  runOnly() {}
  test(name, options, fn) { return this.#test.addSubtest(Test.from(name, options, fn, this.#test)); }
  before(fn) { this.#test.hooks.before.push(fn); }
  after(fn) { this.#test.hooks.after.push(fn); }
  beforeEach(fn) { this.#test.hooks.beforeEach.push(fn); }
  afterEach(fn) { this.#test.hooks.afterEach.push(fn); }
}

class Test {
  constructor(name, options, fn, parent, isSuite = false) {
    this.name = name;
    this.options = options;
    this.fn = fn;
    this.parent = parent;
    this.isSuite = isSuite;
    this.subtests = [];
    this.pending = [];
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
    this.diagnostics = [];
    this.skipped = options.skip ? (typeof options.skip === 'string' ? options.skip : true) : false;
    this.todo = options.todo ? (typeof options.todo === 'string' ? options.todo : true) : false;
    this.error = undefined;
    this.controller = new AbortController();
    this.done = false;
    this.number = 0;
    this.reported = 0;
  }

  static from(name, options, fn, parent, isSuite = false) {
    if (typeof name === 'function') {
      fn = name;
      options = {};
      name = fn.name || '<anonymous>';
    } else if (typeof name === 'object' && name !== null) {
      fn = options;
      options = name;
      name = fn?.name || '<anonymous>';
    } else if (typeof options === 'function') {
      fn = options;
      options = {};
    }
    options ??= {};
    if (fn === undefined) fn = () => {};
    if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', 'function', fn);
    if (name === undefined) name = fn.name || '<anonymous>';
    return new Test(String(name), options, fn, parent, isSuite);
  }

  depth() { return this.parent === undefined || this.parent === root ? 0 : this.parent.depth() + 1; }
  fullName() { return this.parent && this.parent !== root ? `${this.parent.fullName()} > ${this.name}` : this.name; }

  addSubtest(test) {
    this.subtests.push(test);
    const run = () => test.run();
    // Subtests of one parent run one after another.
    const previous = this.pending.length > 0 ? this.pending[this.pending.length - 1] : Promise.resolve();
    const p = previous.then(run, run);
    this.pending.push(p);
    return p.then(() => undefined);
  }

  async runHooks(kind, ctx) {
    for (const hook of this.hooks[kind]) await callWithDone(hook, ctx);
  }

  async eachHooks(kind, ctx) {
    const chain = [];
    for (let t = this.parent; t !== undefined; t = t.parent) chain.unshift(t);
    // Hooks declared at the top level apply to every test.
    if (chain[0] !== root) chain.unshift(root);
    if (kind === 'afterEach') chain.reverse();
    for (const t of chain) {
      for (const hook of t.hooks[kind]) await callWithDone(hook, ctx);
    }
  }

  async run() {
    const ctx = new TestContext(this);
    if (this.skipped === false && !this.isSuite) {
      const timeout = this.options.timeout;
      let timer;
      try {
        await this.eachHooks('beforeEach', ctx);
        const body = callWithDone(this.fn, ctx);
        const limited = typeof timeout === 'number' && Number.isFinite(timeout)
          ? Promise.race([body, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`test timed out after ${timeout}ms`)), timeout); })])
          : body;
        await limited;
        await Promise.all(this.pending);
        await this.runHooks('after', ctx);
        await this.eachHooks('afterEach', ctx);
      } catch (err) {
        this.error ??= err;
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
    } else if (this.isSuite && this.skipped === false) {
      try {
        await this.suiteReady;
        await this.runHooks('before', ctx);
        for (const t of this.subtests) await t.run();
        await this.runHooks('after', ctx);
      } catch (err) {
        this.error ??= err;
      }
    }
    if (this.subtests.some((t) => t.failed())) this.error ??= new Error(`${this.subtests.filter((t) => t.failed()).length} subtests failed`);
    this.controller.abort();
    this.mockTracker?.restoreAll();
    this.done = true;
    this.report();
  }

  failed() { return this.error !== undefined && this.todo === false; }

  report() {
    const indent = '    '.repeat(this.depth());
    const parent = this.parent ?? root;
    this.number = ++parent.reported;
    out(`${indent}# Subtest: ${this.name}`);
    let directive = '';
    if (this.skipped !== false) directive = ` # SKIP${typeof this.skipped === 'string' ? ` ${this.skipped}` : ''}`;
    else if (this.todo !== false) directive = ` # TODO${typeof this.todo === 'string' ? ` ${this.todo}` : ''}`;
    out(`${indent}${this.error !== undefined ? 'not ok' : 'ok'} ${this.number} - ${this.name}${directive}`);
    out(`${indent}  ---`);
    if (this.error !== undefined) {
      out(`${indent}  error: ${JSON.stringify(String(this.error?.message ?? this.error))}`);
      const stack = inspect(this.error).split('\n').map((l) => `${indent}    ${l}`).join('\n');
      out(`${indent}  stack: |-\n${stack}`);
    }
    out(`${indent}  ...`);
    for (const d of this.diagnostics) out(`${indent}# ${d}`);
    if (parent === root) {
      root.counts.tests++;
      if (this.skipped !== false) root.counts.skipped++;
      else if (this.todo !== false) root.counts.todo++;
      else if (this.error !== undefined) root.counts.fail++;
      else root.counts.pass++;
      if (this.failed()) process.exitCode = 1;
    }
  }
}

// `fn(t)` or `fn(t, done)`: a promise for the end of the test body.
function callWithDone(fn, ctx) {
  if (fn.length >= 2) {
    return new Promise((resolve, reject) => {
      let called = false;
      const done = (err) => {
        if (called) return;
        called = true;
        if (err) reject(err);
        else resolve();
      };
      try {
        const r = Reflect.apply(fn, ctx, [ctx, done]);
        if (r && typeof r.then === 'function') r.then(undefined, reject);
      } catch (err) {
        reject(err);
      }
    });
  }
  try {
    return Promise.resolve(Reflect.apply(fn, ctx, [ctx]));
  } catch (err) {
    return Promise.reject(err);
  }
}

// The root: top-level tests and suites run in declaration order.
const root = new Test('<root>', {}, () => {}, undefined);
root.reported = 0;
root.counts = { tests: 0, pass: 0, fail: 0, skipped: 0, todo: 0 };
root.started = Date.now();
let rootChain = Promise.resolve();
let topLevel = 0;
let topLevelDone = 0;
let summaryPrinted = false;
let suiteStack = [];

function current() { return suiteStack.length > 0 ? suiteStack[suiteStack.length - 1] : root; }

let rootBeforeRan = false;
function enqueueTopLevel(test) {
  topLevel++;
  const run = async () => {
    const ctx = new TestContext(root);
    if (!rootBeforeRan) {
      rootBeforeRan = true;
      await root.runHooks('before', ctx).catch((err) => { test.error ??= err; });
    }
    await test.run();
    topLevelDone++;
    if (topLevelDone === topLevel && root.hooks.after.length > 0) {
      const hooks = root.hooks.after.splice(0);
      for (const hook of hooks) await callWithDone(hook, ctx).catch((err) => { process.exitCode = 1; out(`# after hook failed: ${inspect(err)}`); });
    }
  };
  rootChain = rootChain.then(run, run);
  return rootChain.then(() => undefined);
}

function summary() {
  if (summaryPrinted) return;
  summaryPrinted = true;
  const c = root.counts;
  out(`1..${root.reported}`);
  out(`# tests ${c.tests}`);
  out('# suites 0');
  out(`# pass ${c.pass}`);
  out(`# fail ${c.fail}`);
  out('# cancelled 0');
  out(`# skipped ${c.skipped}`);
  out(`# todo ${c.todo}`);
  out(`# duration_ms ${Date.now() - root.started}`);
}

process.on('exit', () => {
  if (topLevel === 0) return;
  if (topLevelDone < topLevel) {
    // The event loop ended with tests still waiting: as Node, they fail.
    out(`# ${topLevel - topLevelDone} test(s) did not finish: promise resolution is still pending but the event loop has already resolved`);
    process.exitCode = 1;
  }
  summary();
});

function test(name, options, fn) {
  const parent = current();
  const t = Test.from(name, options, fn, parent === root ? undefined : parent);
  if (parent !== root) {
    parent.subtests.push(t);
    return Promise.resolve();
  }
  return enqueueTopLevel(t);
}

function describe(name, options, fn) {
  const parent = current();
  const t = Test.from(name, options, fn, parent === root ? undefined : parent, true);
  // The suite's body declares its tests now, synchronously (an async body is awaited
  // before they run).
  suiteStack.push(t);
  try {
    const r = t.fn.call(undefined, new TestContext(t));
    t.suiteReady = r && typeof r.then === 'function' ? Promise.resolve(r).catch((err) => { t.error ??= err; }) : Promise.resolve();
  } catch (err) {
    t.error = err;
    t.suiteReady = Promise.resolve();
  } finally {
    suiteStack.pop();
  }
  if (parent !== root) {
    parent.subtests.push(t);
    return Promise.resolve();
  }
  return enqueueTopLevel(t);
}

for (const [kind, name] of [['before', 'before'], ['after', 'after'], ['beforeEach', 'beforeEach'], ['afterEach', 'afterEach']]) {
  module.exports[name] = (fn) => { current().hooks[kind].push(fn); };
}

function withModifier(fn, key) {
  return (name, options, body) => {
    if (typeof name === 'function') return fn(name.name, { [key]: true }, name);
    if (typeof options === 'function' || options === undefined) return fn(name, { [key]: true }, options);
    return fn(name, { ...options, [key]: true }, body);
  };
}
for (const f of [test, describe]) {
  f.skip = withModifier(f, 'skip');
  f.todo = withModifier(f, 'todo');
  f.only = withModifier(f, 'only');
}

// ---- mocks -----------------------------------------------------------------

class MockFunctionContext {
  #calls = [];
  #impl;
  #original;
  #once = new Map();
  #restore;
  constructor(impl, original, restore) {
    this.#impl = impl;
    this.#original = original;
    this.#restore = restore;
  }
  get calls() { return this.#calls.slice(); }
  callCount() { return this.#calls.length; }
  mockImplementation(impl) { this.#impl = impl; }
  mockImplementationOnce(impl, onCall) { this.#once.set(onCall ?? this.#calls.length, impl); }
  resetCalls() { this.#calls = []; }
  restore() { this.#restore?.(); }
  _impl(n) {
    const once = this.#once.get(n);
    if (once !== undefined) {
      this.#once.delete(n);
      return once;
    }
    return this.#impl ?? this.#original;
  }
  _record(call) { this.#calls.push(call); }
}

class MockTracker {
  #mocks = [];
  fn(original = function () {}, implementation = original, options = {}) {
    if (typeof implementation === 'object' && implementation !== null) {
      options = implementation;
      implementation = original;
    }
    const ctx = new MockFunctionContext(implementation, original);
    const mocked = function (...args) {
      const impl = ctx._impl(ctx.callCount());
      let result;
      let error;
      try {
        result = new.target ? Reflect.construct(impl, args, new.target) : Reflect.apply(impl, this, args);
      } catch (err) {
        error = err;
        ctx._record({ arguments: args, error, result: undefined, stack: new Error(), target: new.target, this: this });
        throw err;
      }
      ctx._record({ arguments: args, error: undefined, result, stack: new Error(), target: new.target, this: this });
      return result;
    };
    Object.defineProperty(mocked, 'mock', { value: ctx, enumerable: false });
    Object.defineProperty(mocked, 'name', { value: original.name, configurable: true });
    Object.defineProperty(mocked, 'length', { value: original.length, configurable: true });
    this.#mocks.push(ctx);
    return mocked;
  }
  method(object, methodName, implementation, options = {}) {
    if (typeof implementation === 'object' && implementation !== null) {
      options = implementation;
      implementation = undefined;
    }
    const descriptor = Object.getOwnPropertyDescriptor(object, methodName);
    const key = options.getter ? 'get' : options.setter ? 'set' : 'value';
    const original = descriptor?.[key] ?? object[methodName];
    const mocked = this.fn(original, implementation ?? original);
    const restore = () => {
      if (descriptor !== undefined) Object.defineProperty(object, methodName, descriptor);
      else delete object[methodName];
    };
    Object.defineProperty(mocked.mock, 'restore', { value: restore });
    Object.defineProperty(object, methodName, { ...(descriptor ?? { enumerable: true, writable: true }), configurable: true, [key]: mocked });
    this.#restores.push(restore);
    return mocked;
  }
  getter(object, methodName, implementation, options = {}) { return this.method(object, methodName, implementation, { ...options, getter: true }); }
  setter(object, methodName, implementation, options = {}) { return this.method(object, methodName, implementation, { ...options, setter: true }); }
  #restores = [];
  reset() {
    this.restoreAll();
    this.#mocks = [];
  }
  restoreAll() {
    for (const r of this.#restores.splice(0)) r();
  }
  get timers() { throw new ERR_NOT_IMPLEMENTED('test.mock.timers'); }
}

const mock = new MockTracker();

module.exports.test = test;
module.exports.it = test;
module.exports.describe = describe;
module.exports.suite = describe;
module.exports.mock = mock;
module.exports.run = () => { throw new ERR_NOT_IMPLEMENTED('test.run()'); };
// `require('node:test')` is the test function itself, with the rest as its properties.
module.exports = Object.assign(test, module.exports);
