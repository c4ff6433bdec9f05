'use strict';
// Node's internal/fs/promises: the promise API and its FileHandle class (both made in
// node:fs from the one table of asynchronous operations).

const fs = require('fs');

module.exports = { ...fs.promises, FileHandle: fs.FileHandle };
