'use strict';
// node:inspector/promises: node:inspector with a Session whose `post()` returns a
// promise of the command's result (rejected with ERR_INSPECTOR_COMMAND on a protocol
// error).

const inspector = require('inspector');

class Session extends inspector.Session {
  post(method, params) {
    return new Promise((resolve, reject) => {
      super.post(method, params ?? null, (err, result) => (err ? reject(err) : resolve(result)));
    });
  }
}

module.exports = { ...inspector, Session };
