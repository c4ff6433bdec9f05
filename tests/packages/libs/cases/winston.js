// winston: logger with a custom transport and a Stream transport to process.stdout, formats, child loggers, levels.
const winston = require('winston');
const Transport = require('winston-transport');
class Memory extends Transport {
  constructor(opts) { super(opts); this.lines = []; }
  log(info, callback) { setImmediate(() => this.emit('logged', info)); this.lines.push(info[Symbol.for('message')]); callback(); }
}
const mem = new Memory();
const json = new Memory({ format: winston.format.json() });
const logger = winston.createLogger({
  level: 'debug',
  format: winston.format.combine(winston.format.splat(), winston.format.label({ label: 'app' }), winston.format.printf(({ level, message, label, ...rest }) => `[${label}] ${level}: ${message} ${JSON.stringify(rest)}`)),
  defaultMeta: { service: 'user-service' },
  transports: [mem, json, new winston.transports.Stream({ stream: process.stdout, format: winston.format.simple() })],
});
logger.info('hello %s', 'world');
logger.debug('details', { id: 7 });
logger.silly('hidden');
logger.child({ requestId: 'r1' }).warn('from child');
logger.log({ level: 'error', message: 'explicit', extra: [1, 2] });
const colored = winston.format.combine(winston.format.colorize({ all: true }), winston.format.simple()).transform({ level: 'info', message: 'col', [Symbol.for('level')]: 'info' });
console.log(JSON.stringify(colored[Symbol.for('message')]));
logger.on('finish', () => {
  console.log(mem.lines.join('\n'));
  console.log(json.lines.join('\n'));
});
logger.end();
