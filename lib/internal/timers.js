'use strict';
// Timers and immediates. All timer state is JS (a binary heap ordered by expiry, then
// creation order), so it is part of the heap and survives a snapshot; native code only
// learns the earliest deadline and whether a refed timer or immediate exists.

const { now, scheduleTimer, setImmediateState } = binding.timers;
const { getContext, setContext } = require('internal/async_context');
const { runTicks } = require('internal/task_queues');
// Async hooks: each `ah.on` check is all a timer costs while nobody tracks resources.
const ah = require('internal/async_hooks').state;
const asyncHooks = require('internal/async_hooks');
const { validateFunction } = require('internal/errors');
const { inspect } = require('internal/inspect');

const TIMEOUT_MAX = 2 ** 31 - 1;
const kRefed = Symbol('refed');
const kHeapIndex = Symbol('heapIndex');
// A timer's id (its primitive value, the key of `byId`) stays the same for its life;
// `_seq` only orders timers of equal expiry and changes on every refresh.
const kId = Symbol('timerId');
let nextSeq = 1;
let refedTimers = 0;
const heap = [];
const byId = new Map();

// The heap orders timers by the expiry and sequence they had when inserted (`_hExpiry`,
// `_hSeq`). A refresh that only delays a timer (a socket's idle timer, on every read
// and write) updates `_expiry`/`_seq` and leaves it where it is: when it reaches the top
// it is put back in its place (see processTimers). A heap key is never later than the
// timer's real expiry, so nothing fires late or early.
function less(a, b) {
  return a._hExpiry < b._hExpiry || (a._hExpiry === b._hExpiry && a._hSeq < b._hSeq);
}
function isStale(t) {
  return t._hExpiry !== t._expiry || t._hSeq !== t._seq;
}
function swap(i, j) {
  const t = heap[i]; heap[i] = heap[j]; heap[j] = t;
  heap[i][kHeapIndex] = i; heap[j][kHeapIndex] = j;
}
function siftUp(i) {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(heap[i], heap[p])) break;
    swap(i, p); i = p;
  }
}
function siftDown(i) {
  for (;;) {
    const l = 2 * i + 1; const r = l + 1;
    let m = i;
    if (l < heap.length && less(heap[l], heap[m])) m = l;
    if (r < heap.length && less(heap[r], heap[m])) m = r;
    if (m === i) break;
    swap(i, m); i = m;
  }
}
function heapInsert(t) {
  t._hExpiry = t._expiry;
  t._hSeq = t._seq;
  t[kHeapIndex] = heap.length;
  heap.push(t);
  siftUp(heap.length - 1);
}
function heapRemove(t) {
  const i = t[kHeapIndex];
  if (i === -1 || i === undefined) return;
  const last = heap.pop();
  if (i < heap.length) {
    heap[i] = last;
    last[kHeapIndex] = i;
    siftDown(i);
    siftUp(i);
  }
  t[kHeapIndex] = -1;
}

// What native code was last told: most changes (a socket's idle timer refreshed on
// every read) leave the earliest deadline and the ref state as they were.
let nativeDeadline = -1;
let nativeRefed = false;
function updateNative() {
  const deadline = heap.length ? heap[0]._hExpiry : -1;
  const refed = refedTimers > 0;
  if (deadline === nativeDeadline && refed === nativeRefed) return;
  nativeDeadline = deadline;
  nativeRefed = refed;
  scheduleTimer(deadline, refed);
}

// As libuv's clock, timers count whole milliseconds: a timer starts at the current
// millisecond and its delay is truncated (Node's insert), so timers of 1, 1.1 and 1.8 ms
// made in the same millisecond are due together and run in the order they were made.
const startTime = () => Math.floor(now());
const duration = (ms) => Math.max(1, Math.trunc(ms));

// Puts `timer` (a Timeout, or a legacy object given `_idleTimeout` by enroll()) into the
// heap, due `_idleTimeout` ms from now; `refed` timers keep the loop alive.
function arm(timer, args, repeat, refed) {
  timer._timerArgs = args;
  timer._repeat = repeat;
  timer._destroyed = false;
  timer._context = getContext();
  timer[kRefed] = refed;
  timer[kHeapIndex] = -1;
  timer._seq = nextSeq++;
  timer[kId] = timer._seq;
  timer._idleStart = startTime();
  timer._expiry = timer._idleStart + duration(timer._idleTimeout);
  if (refed) refedTimers++;
  heapInsert(timer);
  byId.set(timer[kId], timer);
  updateNative();
  if (ah.on) asyncHooks.init(timer, 'Timeout');
}

class Timeout {
  constructor(callback, after, args, isRepeat) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._onTimeout = callback;
    arm(this, args, isRepeat ? after : null, true);
  }

  // Starts the timer again from now, also once it has fired (not once cleared), as
  // Node's refresh does.
  refresh() {
    if (!(this._idleTimeout >= 0)) return this;
    if (this[kHeapIndex] !== -1) {
      this._idleStart = startTime();
      this._expiry = this._idleStart + duration(this._idleTimeout);
      this._seq = nextSeq++;
      // Later than its place in the heap: fixed when it reaches the top.
      if (this._expiry >= this._hExpiry) return this;
      heapRemove(this);
      heapInsert(this);
      updateNative();
      return this;
    }
    if (this._destroyed) {
      this._destroyed = false;
      if (this[kRefed]) refedTimers++;
      byId.set(this[kId], this);
    }
    this._idleStart = startTime();
    this._expiry = this._idleStart + duration(this._idleTimeout);
    this._seq = nextSeq++;
    heapInsert(this);
    updateNative();
    return this;
  }

  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) { refedTimers--; updateNative(); }
    }
    return this;
  }

  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (!this._destroyed) { refedTimers++; updateNative(); }
    }
    return this;
  }

  hasRef() { return this[kRefed]; }

  close() { clearTimeout(this); return this; }

  [Symbol.toPrimitive]() { return this[kId]; }

  [inspect.custom](depth, options) {
    return inspect({
      _idleTimeout: this._destroyed ? -1 : this._idleTimeout, _onTimeout: this._onTimeout,
      _repeat: this._repeat, _destroyed: this._destroyed,
    }, options).replace(/^/, 'Timeout ');
  }
}

function unenroll(timer) {
  // A cleared timer cannot be refreshed (Node marks it with _idleTimeout -1).
  timer._idleTimeout = -1;
  if (timer._destroyed) return;
  timer._destroyed = true;
  if (timer[kRefed]) refedTimers--;
  heapRemove(timer);
  byId.delete(timer[kId]);
  updateNative();
  if (ah.on) asyncHooks.destroy(timer);
}

function setTimeout(callback, after, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, after, args, false);
}

// A timeout that does not keep the loop alive (Node's internal helper).
function setUnrefTimeout(callback, after, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, after, args, false).unref();
}

// Arms again, as an unrefed timeout of `after` ms, a Timeout that fired or was cleared:
// a socket's idle timer, cleared while a request is served and set again after its
// response, is the same object for the connection's life instead of a new one each
// time. False when the timer is still armed or its callback is running.
function rearmUnrefTimeout(timer, after) {
  if (!timer._destroyed || timer[kHeapIndex] !== -1 || !timer._onTimeout) return false;
  after *= 1;
  timer._idleTimeout = after >= 1 && after <= TIMEOUT_MAX ? after : 1;
  arm(timer, timer._timerArgs, null, false);
  return true;
}

function setInterval(callback, repeat, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, repeat, args, true);
}

// Its own function (named so), as in Node, though it clears the same timers.
function clearInterval(timer) {
  clearTimeout(timer);
}

function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    unenroll(timer);
  } else if (typeof timer === 'number' || typeof timer === 'string') {
    const t = byId.get(+timer);
    if (t !== undefined) unenroll(t);
  }
}

// The timer whose callback is running (out of the heap until it is re-armed or done).
let runningTimer = null;

// Runs every timer due at `loopNow`; ticks and microtasks run between callbacks (after
// the last one the event loop runs them, as Node's callback scope does). A callback
// that throws leaves the remaining due timers in the heap for the next pass.
function processTimers(loopNow) {
  let ranOne = false;
  while (heap.length && heap[0]._hExpiry <= loopNow) {
    if (ranOne) {
      // Ticks between two callbacks, then the heap again: they may clear or add timers.
      ranOne = false;
      runTicks();
      continue;
    }
    const timer = heap[0];
    heapRemove(timer);
    if (isStale(timer)) {
      // Refreshed since it was placed: back into the heap at its real expiry.
      heapInsert(timer);
      continue;
    }
    // A timer whose callback was taken away (`_onTimeout = null`) is done, as in Node.
    if (!timer._onTimeout) {
      if (!timer._destroyed) {
        timer._destroyed = true;
        if (timer[kRefed]) refedTimers--;
        byId.delete(timer[kId]);
        if (ah.on) asyncHooks.destroy(timer);
      }
      continue;
    }
    ranOne = true;
    let threw = true;
    runningTimer = timer;
    try {
      const args = timer._timerArgs;
      setContext(timer._context);
      if (ah.on) asyncHooks.enter(timer);
      if (args === undefined || args.length === 0) timer._onTimeout();
      else Reflect.apply(timer._onTimeout, timer, args);
      if (ah.on) asyncHooks.leave(timer);
      threw = false;
    } finally {
      // Whose async context threw: node:test attributes the error by it. (A catch
      // and rethrow would move the reported throw site.)
      if (threw) internals.uncaughtContext = { frame: getContext() };
      setContext(undefined);
      runningTimer = null;
      // After the callback, as in Node: an interval (or a timeout given `_repeat`)
      // runs again unless it was cleared; a timeout is done unless it was refreshed.
      if (timer._repeat && timer._idleTimeout !== -1 && !timer._destroyed) {
        timer._idleTimeout = timer._repeat;
        timer._idleStart = Math.floor(loopNow);
        timer._expiry = timer._idleStart + duration(timer._repeat);
        timer._seq = nextSeq++;
        if (timer[kHeapIndex] !== -1) heapRemove(timer);
        heapInsert(timer);
      } else if (timer[kHeapIndex] === -1 && !timer._destroyed) {
        timer._destroyed = true;
        if (timer[kRefed]) refedTimers--;
        byId.delete(timer[kId]);
        if (ah.on) asyncHooks.destroy(timer);
      }
      updateNative();
    }
  }
  updateNative();
}

// ---- immediates --------------------------------------------------------------

let immediateQueue = [];
let refedImmediates = 0;

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._context = getContext();
    this._destroyed = false;
    this[kRefed] = true;
    refedImmediates++;
    immediateQueue.push(this);
    setImmediateState(immediateQueue.length, refedImmediates);
    if (ah.on) asyncHooks.init(this, 'Immediate');
  }
  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (!this._destroyed) { refedImmediates++; setImmediateState(immediateQueue.length, refedImmediates); }
    }
    return this;
  }
  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) { refedImmediates--; setImmediateState(immediateQueue.length, refedImmediates); }
    }
    return this;
  }
  hasRef() { return this[kRefed]; }
}

// `using t = setTimeout(...)`: disposing clears, as in Node.
Timeout.prototype[Symbol.dispose] = function () { clearTimeout(this); };
Immediate.prototype[Symbol.dispose] = function () { clearImmediate(this); };

function setImmediate(callback, ...args) {
  validateFunction(callback, 'callback');
  return new Immediate(callback, args);
}

function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed) return;
  immediate._destroyed = true;
  if (immediate[kRefed]) refedImmediates--;
  const i = immediateQueue.indexOf(immediate);
  if (i !== -1) immediateQueue.splice(i, 1);
  setImmediateState(immediateQueue.length, refedImmediates);
  if (ah.on) asyncHooks.destroy(immediate);
}

// Runs the immediates queued before this pass; new ones wait for the next iteration.
function processImmediates() {
  const batch = immediateQueue;
  immediateQueue = [];
  let i = 0;
  try {
    for (; i < batch.length; i++) {
      const imm = batch[i];
      if (imm._destroyed) continue;
      imm._destroyed = true;
      if (imm[kRefed]) refedImmediates--;
      setImmediateState(immediateQueue.length + batch.length - i - 1, refedImmediates);
      const args = imm._argv;
      setContext(imm._context);
      let immThrew = true;
      try {
        if (ah.on) asyncHooks.enter(imm);
        if (args.length === 0) imm._onImmediate();
        else Reflect.apply(imm._onImmediate, imm, args);
        if (ah.on) { asyncHooks.leave(imm); asyncHooks.destroy(imm); }
        immThrew = false;
      } finally {
        if (immThrew) internals.uncaughtContext = { frame: getContext() };
        setContext(undefined);
      }
      // Ticks between immediates (they may clear the next one); after the last one
      // the event loop runs them. (Here, not before the next one: if a tick throws,
      // the finally below keeps every immediate not yet run.)
      if (i < batch.length - 1) runTicks();
    }
  } finally {
    if (i < batch.length - 1) immediateQueue = batch.slice(i + 1).concat(immediateQueue);
    setImmediateState(immediateQueue.length, refedImmediates);
  }
}

// Snapshot support: timers keep their remaining delay across build and restore.
function rebaseTimers(buildNow, restoreNow) {
  for (const t of heap) {
    const remaining = Math.max(0, t._expiry - buildNow);
    t._idleStart = restoreNow - (t._idleTimeout - remaining);
    t._expiry = restoreNow + remaining;
    t._hExpiry = t._expiry;
    t._hSeq = t._seq;
  }
  // A sorted array is a heap.
  heap.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  heap.forEach((t, i) => { t[kHeapIndex] = i; });
  // A new process: its native side has been told nothing yet, so tell it now and
  // remember what it was told (a cache left at "nothing" would later swallow the "no
  // timers left" update and keep the restored process alive forever).
  nativeDeadline = NaN;
  updateNative();
  setImmediateState(immediateQueue.length, refedImmediates);
}

function activeTimers() {
  const list = heap.slice();
  // A timer whose callback is running is still active until it is done.
  if (runningTimer !== null && !runningTimer._destroyed && runningTimer[kHeapIndex] === -1) list.push(runningTimer);
  return list;
}

function pendingImmediates() {
  return immediateQueue.filter((i) => !i._destroyed).length;
}

// The legacy API on plain objects (DEP0095/DEP0096/DEP0126/DEP0127): `enroll(item, msecs)`
// gives `item` a duration, `active(item)` (refed) or `_unrefActive(item)` (unrefed)
// (re)starts it and calls `item._onTimeout()` when due, `unenroll(item)` stops it. The
// item goes into the same heap as every Timeout, with the fields the heap uses.
const warnedLegacy = new Set();
function legacyWarn(name, code, instead) {
  if (warnedLegacy.has(code)) return;
  warnedLegacy.add(code);
  process.emitWarning(`timers.${name}() is deprecated. Please use ${instead} instead.`, 'DeprecationWarning', code);
}

function enroll(item, msecs) {
  legacyWarn('enroll', 'DEP0095', 'setTimeout');
  const { codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } } = require('internal/errors');
  if (typeof msecs !== 'number') throw new ERR_INVALID_ARG_TYPE('msecs', 'number', msecs);
  if (!(msecs >= 0) || msecs === Infinity) throw new ERR_OUT_OF_RANGE('msecs', 'a non-negative finite number', msecs);
  stopLegacy(item);
  if (msecs > TIMEOUT_MAX) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.\nTimer duration was truncated to ${TIMEOUT_MAX}.`, 'TimeoutOverflowWarning');
    msecs = TIMEOUT_MAX;
  }
  item._idleTimeout = msecs;
}

function startLegacy(item, refed) {
  if (typeof item._idleTimeout !== 'number' || item._idleTimeout < 0) return;
  stopLegacy(item);
  arm(item, undefined, null, refed);
}

// Takes `item` out of the heap if it is in it (never started, or already fired: nothing).
function stopLegacy(item) {
  if (item[kHeapIndex] === undefined || item[kHeapIndex] === -1) return;
  const duration = item._idleTimeout;
  unenroll(item);
  item._idleTimeout = duration;
}

// util.promisify(setTimeout) and util.promisify(setImmediate) are timers/promises'.
for (const [fn, name] of [[setTimeout, 'setTimeout'], [setImmediate, 'setImmediate']]) {
  Object.defineProperty(fn, Symbol.for('nodejs.util.promisify.custom'), {
    __proto__: null, enumerable: true, configurable: true, get: () => require('timers/promises')[name],
  });
}

module.exports = {
  // Node's: the largest delay, and the key of a socket's idle Timeout (net.Socket).
  TIMEOUT_MAX, kTimeout: Symbol('timeout'),
  setUnrefTimeout, rearmUnrefTimeout,
  setTimeout, setInterval, clearTimeout, clearInterval, setImmediate, clearImmediate,
  processTimers, processImmediates, rebaseTimers, activeTimers, pendingImmediates, Timeout, Immediate,
  enroll,
  active(item) { legacyWarn('active', 'DEP0126', 'timeout.refresh()'); startLegacy(item, true); },
  _unrefActive(item) { legacyWarn('_unrefActive', 'DEP0127', 'timeout.refresh()'); startLegacy(item, false); },
  unenroll(item) {
    legacyWarn('unenroll', 'DEP0096', 'clearTimeout');
    stopLegacy(item);
    item._idleTimeout = -1;
  },
};
