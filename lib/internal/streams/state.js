'use strict';
// The default high-water marks of new streams: [bytes, objects]. setDefaultHighWaterMark
// changes them for streams created afterwards, as in Node.

const defaultHighWaterMark = [16384, 16];
const getDefaultHighWaterMark = (objectMode) => defaultHighWaterMark[objectMode ? 1 : 0];

function setDefaultHighWaterMark(objectMode, value) {
  const { validateInteger } = require('internal/errors');
  validateInteger(value, 'value', 0);
  defaultHighWaterMark[objectMode ? 1 : 0] = value;
}

module.exports = { getDefaultHighWaterMark, setDefaultHighWaterMark };
