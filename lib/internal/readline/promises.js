'use strict';
// readline/promises' Readline: cursor and clearing commands for a TTY-like stream, kept
// as a list of escape sequences until commit() writes them at once (or, with
// autoCommit, on the next tick).

const {
  codes: { ERR_INVALID_ARG_TYPE },
  validateInteger, validateBoolean, validateObject,
} = require('internal/errors');
const { CSI } = require('internal/readline/utils');

class Readline {
  #stream;
  #todo = [];
  #autoCommit = false;

  constructor(stream, options = undefined) {
    if (stream === null || typeof stream !== 'object' || typeof stream.write !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('stream', 'Writable', stream);
    }
    this.#stream = stream;
    if (options?.autoCommit != null) {
      validateObject(options, 'options');
      validateBoolean(options.autoCommit, 'options.autoCommit');
      this.#autoCommit = options.autoCommit;
    }
  }

  #add(data) {
    if (this.#autoCommit) process.nextTick(() => this.#stream.write(data));
    else this.#todo.push(data);
    return this;
  }

  // Moves the cursor to column x (and row y when given), counted from 0.
  cursorTo(x, y = undefined) {
    validateInteger(x, 'x');
    if (y !== undefined) validateInteger(y, 'y');
    return this.#add(y === undefined ? CSI`${x + 1}G` : CSI`${y + 1};${x + 1}H`);
  }

  // Moves the cursor by dx columns and dy rows (nothing when both are 0).
  moveCursor(dx, dy) {
    if (dx || dy) {
      let data = '';
      if (dx < 0) data += CSI`${-dx}D`;
      else if (dx > 0) data += CSI`${dx}C`;
      if (dy < 0) data += CSI`${-dy}A`;
      else if (dy > 0) data += CSI`${dy}B`;
      this.#add(data);
    }
    return this;
  }

  // dir < 0: to the line's beginning; dir > 0: to its end; 0: the whole line.
  clearLine(dir) {
    validateInteger(dir, 'dir', -1, 1);
    return this.#add(dir < 0 ? CSI.kClearToLineBeginning : dir > 0 ? CSI.kClearToLineEnd : CSI.kClearLine);
  }

  clearScreenDown() {
    return this.#add(CSI.kClearScreenDown);
  }

  // Writes the pending commands; resolves once the stream took them.
  commit() {
    return new Promise((resolve) => {
      const data = this.#todo.join('');
      this.#todo = [];
      this.#stream.write(data, resolve);
    });
  }

  // Forgets the pending commands.
  rollback() {
    this.#todo = [];
    return this;
  }
}

module.exports = { Readline };
