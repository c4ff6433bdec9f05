// A zlib stream still open when the build settles holds native (de)compressor state
// that a snapshot cannot carry: refused by name. Finished and closed ones are not.
const zlib = require('zlib');
const open = zlib.createGzip();
const finished = zlib.createDeflate();
finished.end('all of it');
finished.resume();
zlib.createInflate().close();
zlib.gzipSync('sync forms free their state at once');
globalThis.keep = open;
