'use strict';
// Objects of JS classes that messages can carry (Node's internal/worker/js_transferable):
// `markTransferMode(obj, cloneable, transferable)` makes `obj` a host object for the
// message serializer (crates/runtime/src/bindings/messaging.rs), which writes the
// `{ data, deserializeInfo }` its `[kClone]()` (or, when it is in the transfer list and
// transferable, `[kTransfer]()`) returns. The receiver reads a plain object in its place
// (no JS runs while V8 reads a value) and then `finishTransferables` makes it an
// instance of the class `deserializeInfo` names (`'<builtin module id>:<export>'`) and
// calls its `[kDeserialize](data)`. Only classes of amber's own library can be named.

const m = binding.messaging;

const kDisallowCloneAndTransfer = 0;
const kTransferable = 1;
const kCloneable = 2;

const kClone = Symbol('messaging_clone_symbol');
const kDeserialize = Symbol('messaging_deserialize_symbol');
const kTransfer = Symbol('messaging_transfer_symbol');
const kTransferList = Symbol('messaging_transfer_list_symbol');

function markTransferMode(obj, cloneable = false, transferable = false) {
  if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null) return;
  let mode = kDisallowCloneAndTransfer;
  if (cloneable) mode |= kCloneable;
  if (transferable) mode |= kTransferable;
  m.setTransferMode(obj, mode);
}

function transferModeOf(obj) {
  return m.transferMode(obj);
}

// A class whose instances are cloneable and transferable.
class JSTransferable {
  constructor() {
    markTransferMode(this, true, true);
  }
}

// Sending: `[deserializeInfo, data]` for `obj`; `transferred` lists the JS transferables
// of the message's transfer list.
function serializeTransferable(obj, transferred, DataCloneError) {
  const mode = transferModeOf(obj) ?? kDisallowCloneAndTransfer;
  let record;
  if ((mode & kTransferable) && transferred.includes(obj) && typeof obj[kTransfer] === 'function') {
    record = obj[kTransfer]();
  } else if ((mode & kCloneable) && typeof obj[kClone] === 'function') {
    record = obj[kClone]();
  } else if (mode & kTransferable) {
    const { ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST } = require('internal/errors').codes;
    throw new ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST();
  } else {
    const name = obj?.constructor?.name;
    throw DataCloneError(`${name ? `#<${name}>` : 'An object'} could not be cloned.`);
  }
  return [`${record?.deserializeInfo}`, record?.data];
}

// Makes `obj` cloneable and transferable as its `[kClone]`/`[kTransfer]` methods say
// (Node's makeTransferable, which internal tests use).
function makeTransferable(obj) {
  markTransferMode(obj, true, true);
  return obj;
}

// Receiving: `records` are `[object, deserializeInfo, data]`, inner ones first.
function finishTransferables(records) {
  for (const [obj, info, data] of records) {
    const colon = info.lastIndexOf(':');
    const id = colon === -1 ? info : info.slice(0, colon);
    const name = colon === -1 ? '' : info.slice(colon + 1);
    let exports;
    try {
      exports = require(id);
    } catch (err) {
      if (`${err?.message}`.startsWith('No such built-in module')) throw new Error(`Missing internal module '${id}'`);
      throw err;
    }
    const Ctor = exports?.[name];
    if (typeof Ctor !== 'function' || typeof Ctor.prototype?.[kDeserialize] !== 'function') {
      throw new Error(`Unknown deserialize spec ${info}`);
    }
    Object.setPrototypeOf(obj, Ctor.prototype);
    obj[kDeserialize](data);
  }
}

module.exports = {
  markTransferMode, transferModeOf, JSTransferable, makeTransferable, serializeTransferable, finishTransferables,
  kClone, kDeserialize, kTransfer, kTransferList, kDisallowCloneAndTransfer, kTransferable, kCloneable,
};
