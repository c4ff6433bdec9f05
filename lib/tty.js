'use strict';
// node:tty — isatty and the stream classes used for terminal stdio.
const { WriteStream, ReadStream } = require('internal/stdio');
module.exports = {
  isatty: (fd) => binding.stdio.kind(fd) === 'tty',
  WriteStream,
  ReadStream,
};
