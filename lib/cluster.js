'use strict';
// node:cluster — a primary process forks workers (child_process.fork with
// NODE_UNIQUE_ID) that share its listening sockets. Which side this process is decides
// the module, as in Node: internal/cluster/primary.js or internal/cluster/child.js.

module.exports = require(Object.prototype.hasOwnProperty.call(process.env, 'NODE_UNIQUE_ID') ? 'internal/cluster/child' : 'internal/cluster/primary');
