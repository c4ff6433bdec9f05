// Loads library modules that are not in the runtime snapshot, so the build compiles and
// runs a lot of code and collects garbage several times before it is written.
const crypto = require('crypto');
const stream = require('stream');
const assert = require('assert');
const url = require('url');
const util = require('util');
const zlib = require('zlib');
const hash = crypto.createHash('sha256').update('kept').digest('hex');
const parsed = new url.URL('https://example.com/a?b=1');
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  assert.strictEqual(typeof stream.Readable, 'function');
  console.log(hash.slice(0, 16), parsed.searchParams.get('b'), util.format('%d', 42), typeof zlib.gzipSync);
});
