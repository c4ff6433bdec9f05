'use strict';
// inspector.Session: an in-process session of this thread's V8 inspector
// (crates/runtime/src/bindings/inspector.rs). As in Node, `post()` dispatches at once:
// V8's response, and the notifications it causes, reach the session before `post()`
// returns; notifications caused later by running code (console calls, scripts parsed,
// breakpoints) arrive synchronously too, from inside the code that caused them.

const EventEmitter = require('events');
const {
  codes: {
    ERR_INSPECTOR_ALREADY_CONNECTED, ERR_INSPECTOR_CLOSED, ERR_INSPECTOR_COMMAND, ERR_INSPECTOR_NOT_CONNECTED,
    ERR_INSPECTOR_NOT_WORKER, ERR_NOT_IMPLEMENTED,
  },
  validateFunction, validateObject, validateString,
} = require('internal/errors');
const { setInspectorActive } = require('internal/console');
const ib = binding.inspector;

const kId = Symbol('kId');
const kNextId = Symbol('kNextId');
const kCallbacks = Symbol('kCallbacks');
const kWhere = Symbol('kWhere');
const kInternal = Symbol('kInternal');

// Connected sessions, for the console (which reports to V8's console while there is
// one) and for a snapshot build, which refuses one still connected.
const connected = new Set();
const userSessions = () => [...connected].filter((s) => !s[kInternal]);

class Session extends EventEmitter {
  [kId] = 0;
  [kNextId] = 1;
  [kCallbacks] = new Map();
  [kWhere] = '';
  [kInternal] = false;

  connect() {
    if (this[kId] !== 0) throw new ERR_INSPECTOR_ALREADY_CONNECTED('The inspector session');
    this[kId] = ib.connect((message) => onMessage(this, message), contextName());
    this[kWhere] = internals.callerLocation();
    connected.add(this);
    setInspectorActive(userSessions().length > 0);
  }

  connectToMainThread() {
    if (require('internal/worker/state').isMainThread) throw new ERR_INSPECTOR_NOT_WORKER();
    if (this[kId] !== 0) throw new ERR_INSPECTOR_ALREADY_CONNECTED('The inspector session');
    // A worker's sessions reach its own isolate only; the main thread's inspector would
    // need a cross-thread channel, which amber does not have.
    throw new ERR_NOT_IMPLEMENTED('inspector.Session.connectToMainThread()');
  }

  post(method, params, callback) {
    validateString(method, 'method');
    if (callback === undefined && typeof params === 'function') {
      callback = params;
      params = null;
    }
    if (params) validateObject(params, 'params');
    if (callback) validateFunction(callback, 'callback');
    if (this[kId] === 0) throw new ERR_INSPECTOR_NOT_CONNECTED();
    const id = this[kNextId]++;
    const message = { id, method };
    if (params) message.params = params;
    if (callback) this[kCallbacks].set(id, callback);
    ib.dispatch(this[kId], JSON.stringify(message));
  }

  disconnect() {
    if (this[kId] === 0) return;
    ib.disconnect(this[kId]);
    this[kId] = 0;
    connected.delete(this);
    setInspectorActive(userSessions().length > 0);
    // Commands never answered get ERR_INSPECTOR_CLOSED, asynchronously.
    for (const callback of this[kCallbacks].values()) process.nextTick(callback, new ERR_INSPECTOR_CLOSED());
    this[kCallbacks].clear();
    this[kNextId] = 1;
  }
}

// The main context's name, as Node gives it.
function contextName() {
  const { isMainThread, threadId } = require('internal/worker/state');
  return isMainThread ? `${process.argv0}[${process.pid}]` : `Worker[${threadId}]`;
}

// One message from V8: a response (with the command's id) goes to the command's
// callback, a notification to the listeners of its method and of
// 'inspectorNotification'. A listener's exception becomes a warning, as in Node.
function onMessage(session, text) {
  const message = JSON.parse(text);
  try {
    if (message.id !== undefined) {
      const callback = session[kCallbacks].get(message.id);
      session[kCallbacks].delete(message.id);
      if (callback === undefined) return;
      if (message.error !== undefined) callback(new ERR_INSPECTOR_COMMAND(message.error.code, message.error.message));
      else callback(null, message.result);
    } else {
      session.emit(message.method, message);
      session.emit('inspectorNotification', message);
    }
  } catch (err) {
    process.emitWarning(err);
  }
}

// A session amber itself uses (NODE_V8_COVERAGE): not a user's, so the console does not
// report to V8 for it and a snapshot build does not refuse it (coverage ends first).
function internalSession() {
  const session = new Session();
  session[kInternal] = true;
  session.connect();
  return session;
}

internals.describeInspectorSessions = () => userSessions().map((s) => ({ kind: 'inspector.Session', where: s[kWhere] }));

module.exports = { Session, internalSession, contextName };
