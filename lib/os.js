'use strict';
// node:os — facts about the machine, read natively on each call.

const o = binding.os;
const { validateInt32, toSystemError } = require('internal/errors');

const signals = Object.assign(Object.create(null), require('internal/signals'));
// The C library's errno values (Rust's `os::ERRNO_CONSTANTS`); names of errors as
// reported are util.getSystemErrorName's (libuv's table), not this.
const errno = Object.create(null);
{
  const flat = o.errnoConstants();
  for (let i = 0; i < flat.length; i += 2) errno[flat[i]] = flat[i + 1];
}

const os = module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  arch: () => 'x64',
  platform: () => 'linux',
  type: () => o.uname()[0],
  release: () => o.uname()[1],
  version: () => o.uname()[2],
  machine: () => o.uname()[3],
  hostname: () => o.hostname(),
  homedir: () => process.env.HOME || o.userInfo()[3],
  tmpdir: () => {
    let t = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
    if (t.length > 1 && t.endsWith('/')) t = t.slice(0, -1);
    return t;
  },
  totalmem: () => o.meminfo()[0],
  freemem: () => o.meminfo()[1],
  availableParallelism: () => o.cpus().length || 1,
  uptime: () => o.uptime(),
  loadavg: () => o.loadavg(),
  endianness: () => 'LE',
  cpus: () => o.cpus().map(([model, speed, user, nice, sys, idle, irq]) => ({ model, speed, times: { user, nice, sys, idle, irq } })),
  networkInterfaces: () => {
    const out = {};
    for (const [name, family, address, netmask, mac, internal, scopeid] of o.networkInterfaces()) {
      const bits = family === 'IPv4'
        ? netmask.split('.').reduce((n, p) => n + (Number(p) >>> 0).toString(2).split('1').length - 1, 0)
        : netmask.split(':').reduce((n, p) => n + (p ? parseInt(p, 16).toString(2).split('1').length - 1 : 0), 0);
      const entry = { address, netmask, family, mac, internal, cidr: `${address}/${bits}` };
      if (family === 'IPv6') entry.scopeid = scopeid;
      (out[name] ??= []).push(entry);
    }
    return out;
  },
  // `{ encoding: 'buffer' }` gives the strings as Buffers.
  userInfo: (options) => {
    const encoding = options !== null && typeof options === 'object' ? options.encoding : undefined;
    const [uid, gid, username, homedir, shell] = o.userInfo();
    const enc = (s) => (encoding === 'buffer' ? Buffer.from(s) : s);
    return { uid, gid, username: enc(username), homedir: enc(homedir), shell: shell ? enc(shell) : null };
  },
  getPriority: (pid = 0) => {
    validateInt32(pid, 'pid');
    try {
      return o.getPriority(pid);
    } catch (err) {
      throw toSystemError(err);
    }
  },
  setPriority: (pid, priority) => {
    if (priority === undefined) { priority = pid; pid = 0; }
    validateInt32(pid, 'pid');
    validateInt32(priority, 'priority', -20, 19);
    try {
      o.setPriority(pid, priority);
    } catch (err) {
      throw toSystemError(err);
    }
  },
  constants: {
    // dlopen flags for process.dlopen (Linux values, as Node's).
    dlopen: Object.assign(Object.create(null), { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 }),
    signals, errno, priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 } },
};

// The functions that return a fact also stand for it as a primitive (`${os.hostname}`).
for (const name of ['arch', 'availableParallelism', 'endianness', 'freemem', 'homedir', 'hostname', 'machine', 'platform', 'release', 'tmpdir', 'totalmem', 'type', 'uptime', 'version']) {
  const fn = os[name];
  Object.defineProperty(fn, Symbol.toPrimitive, { value: () => fn(), enumerable: false, writable: false, configurable: true });
}

// Read-only and configurable, as in Node: assigning throws in strict code.
for (const name of ['EOL', 'devNull']) {
  Object.defineProperty(module.exports, name, { value: module.exports[name], writable: false, enumerable: true, configurable: true });
}
