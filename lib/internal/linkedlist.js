'use strict';
// A circular doubly linked list threaded through its items' own `_idleNext` and
// `_idlePrev` properties (the list object is the sentinel), as Node's timers once kept
// theirs. Appending puts an item next to the sentinel; peek returns the item appended
// longest ago. amber's timers use a heap; this is the internal module Node code and
// tests require.

// Makes `list` an empty list (or `item` a detached one).
function init(list) {
  list._idleNext = list;
  list._idlePrev = list;
  return list;
}

// The oldest item of `list`, or null when it is empty.
function peek(list) {
  if (list._idlePrev === list) return null;
  return list._idlePrev;
}

// Takes `item` out of whatever list it is in.
function remove(item) {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

// Adds `item` to `list` (moving it if it is in a list already).
function append(list, item) {
  if (item._idleNext || item._idlePrev) remove(item);
  item._idleNext = list._idleNext;
  list._idleNext._idlePrev = item;
  item._idlePrev = list;
  list._idleNext = item;
}

function isEmpty(list) {
  return list._idleNext === list;
}

module.exports = { init, peek, remove, append, isEmpty };
