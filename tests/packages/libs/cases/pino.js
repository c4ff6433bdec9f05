// pino: JSON logs to a captured stream, child loggers, levels, serializers, redaction.
const pino = require('pino');
const { Writable } = require('stream');
const lines = [];
const sink = new Writable({ write(chunk, enc, cb) { lines.push(chunk.toString()); cb(); } });
const logger = pino({ level: 'debug', base: undefined, timestamp: false, redact: ['password', 'nested.secret'], serializers: { err: pino.stdSerializers.err } }, sink);
logger.info('hello world');
logger.debug({ user: 'ada', password: 'x', nested: { secret: 1, ok: 2 } }, 'with %s and %d', 'args', 42);
logger.trace('not shown');
const child = logger.child({ module: 'db' }, { level: 'warn' });
child.info('hidden');
child.warn({ q: 'select 1' }, 'slow query');
const err = new Error('bad');
err.stack = 'Error: bad\n    at <stack>';
logger.error(err, 'failed');
console.log(logger.isLevelEnabled('debug'), child.level, pino.levels.values.fatal);
setImmediate(() => {
  for (const l of lines) console.log(l.trimEnd());
  const wt = pino({ base: { pid: process.pid, hostname: 'h' } }, new Writable({ write(c, e, cb) { const o = JSON.parse(c); console.log(Object.keys(o).sort().join(','), typeof o.time, o.pid === process.pid); cb(); } }));
  wt.info({ a: 1 }, 'with time');
});
