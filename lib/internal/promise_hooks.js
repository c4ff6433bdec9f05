'use strict';
// V8's promise hooks are one set per context; this shares them between their users:
// async_hooks (PROMISE resources) and v8.promiseHooks. Each kind keeps a list of
// functions (replaced, never changed in place, so a hook that adds or removes one does
// not disturb the call in progress); V8's hooks are installed while any list is
// non-empty. They live on the context, not in native state: a snapshot build clears them
// and the restored process installs them again from these (carried) lists.

const { setPromiseHooks } = binding.core;

const lists = { init: [], before: [], after: [], settled: [] };
let installed = false;

// A hook that throws is an uncaught exception (as in Node); the other hooks still run.
function run(list, promise, parent) {
  for (let i = 0; i < list.length; i++) {
    try {
      list[i](promise, parent);
    } catch (err) {
      require('internal/task_queues').triggerUncaught(err, 'uncaughtException');
    }
  }
}
function onInit(promise, parent) { run(lists.init, promise, parent); }
function onBefore(promise) { run(lists.before, promise); }
function onAfter(promise) { run(lists.after, promise); }
function onSettled(promise) { run(lists.settled, promise); }

function install() {
  setPromiseHooks(onInit, onBefore, onAfter, onSettled);
}

function update() {
  const want = lists.init.length + lists.before.length + lists.after.length + lists.settled.length > 0;
  if (want === installed) return;
  installed = want;
  if (want) install();
  else setPromiseHooks();
}

// Adds `fn` to the hooks of `kind`; returns the function that removes it again.
function add(kind, fn) {
  lists[kind] = [...lists[kind], fn];
  update();
  let removed = false;
  return function stop() {
    if (removed) return;
    removed = true;
    const i = lists[kind].indexOf(fn);
    if (i !== -1) lists[kind] = [...lists[kind].slice(0, i), ...lists[kind].slice(i + 1)];
    update();
  };
}

function prepareSnapshot() {
  if (installed) setPromiseHooks();
}
function afterRestore() {
  if (installed) install();
}

// v8.promiseHooks.
function validateHook(fn, name) {
  const types = binding.types;
  if (typeof fn !== 'function' || types.isAsyncFunction(fn) || types.isGeneratorFunction(fn)) {
    const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
    throw new ERR_INVALID_ARG_TYPE(name, 'function', fn);
  }
}
function hookAdder(kind, name) {
  return (fn) => {
    validateHook(fn, name);
    return add(kind, fn);
  };
}
const promiseHooks = {
  onInit: hookAdder('init', 'initHook'),
  onBefore: hookAdder('before', 'beforeHook'),
  onAfter: hookAdder('after', 'afterHook'),
  onSettled: hookAdder('settled', 'settledHook'),
  createHook({ init, before, after, settled } = {}) {
    const stops = [];
    // Validate all first: a bad one adds none.
    if (init !== undefined) validateHook(init, 'initHook');
    if (before !== undefined) validateHook(before, 'beforeHook');
    if (after !== undefined) validateHook(after, 'afterHook');
    if (settled !== undefined) validateHook(settled, 'settledHook');
    if (init !== undefined) stops.push(add('init', init));
    if (before !== undefined) stops.push(add('before', before));
    if (after !== undefined) stops.push(add('after', after));
    if (settled !== undefined) stops.push(add('settled', settled));
    return function stop() {
      for (const s of stops) s();
    };
  },
};

module.exports = { add, prepareSnapshot, afterRestore, promiseHooks };
