'use strict';
// internal/freelist — a bounded pool of reusable objects (node:http keeps its idle
// parsers here): alloc() takes one back or makes a new one, free() keeps one while
// fewer than `max` are idle and says whether it did.

class FreeList {
  constructor(name, max, ctor) {
    this.name = name;
    this.ctor = ctor;
    this.max = max;
    this.list = [];
  }

  alloc(...args) {
    return this.list.length > 0 ? this.list.pop() : new this.ctor(...args);
  }

  free(obj) {
    if (this.list.length < this.max) {
      this.list.push(obj);
      return true;
    }
    return false;
  }
}

module.exports = { FreeList };
