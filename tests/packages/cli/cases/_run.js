// Shared by the cases that run a package's bin: runs it with the runtime running the
// case (node or amber), so each side runs the tool itself.
const { spawnSync } = require('child_process');
const path = require('path');
exports.bin = (rel, args, opts = {}) => {
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'node_modules', rel), ...args], { encoding: 'utf8', ...opts, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', NO_UPDATE_NOTIFIER: '1', ...(opts.env || {}) } });
  return r;
};
