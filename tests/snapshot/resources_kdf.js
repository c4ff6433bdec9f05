// An asynchronous key derivation still running when the build settles: refused by
// name (amber does not wait for one-shot operations at build time).
require('crypto').scrypt('pw', 'salt', 64, { N: 2 ** 14, r: 8 }, () => {});
