// A WASI instance holds host descriptors (its preopens, its stdio): a snapshot cannot
// carry it, so the build is refused naming it and where it was made.
const { WASI } = require('wasi');
globalThis.keep = new WASI({ version: 'preview1', preopens: { '/here': __dirname } });
