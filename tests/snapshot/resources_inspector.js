// An inspector session still connected at build time is native state a snapshot cannot
// carry: refused by name.
const inspector = require('inspector');
const session = new inspector.Session();
session.connect();
globalThis.keep = session;
