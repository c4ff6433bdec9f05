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

// A new stream's high-water mark: options.highWaterMark, else (a Duplex side only)
// options.readableHighWaterMark/writableHighWaterMark, else the default.
function getHighWaterMark(state, options, duplexKey, isDuplex) {
  const hwm = options.highWaterMark != null ? options.highWaterMark : isDuplex ? options[duplexKey] : null;
  if (hwm != null) {
    if (!Number.isInteger(hwm) || hwm < 0) {
      const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
      throw new ERR_INVALID_ARG_VALUE(isDuplex ? `options.${duplexKey}` : 'options.highWaterMark', hwm);
    }
    return Math.floor(hwm);
  }
  return getDefaultHighWaterMark(state.objectMode);
}

module.exports = { getDefaultHighWaterMark, setDefaultHighWaterMark, getHighWaterMark };
