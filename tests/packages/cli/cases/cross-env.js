// cross-env's bin sets variables for a child command (a node-style child of this runtime).
const { bin } = require('./_run');
const r = bin('cross-env/dist/bin/cross-env.js', ['GREETING=hello', 'NUM=42', process.execPath, '-e', 'console.log(process.env.GREETING, process.env.NUM)']);
console.log(r.status, r.stdout.trim(), r.stderr.trim());
