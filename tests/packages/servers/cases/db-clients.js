// pg, mysql2 and ioredis offline: query building/escaping and the connection-refused
// errors each reports for 127.0.0.1 on a closed port (port 1).
const pg = require('pg');
const mysql = require('mysql2');
const Redis = require('ioredis');
console.log(mysql.format('SELECT * FROM ?? WHERE id = ? AND name IN (?)', ['users', 7, ['a', "b'c"]]));
console.log(mysql.escape(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), mysql.escapeId('db.table'), mysql.raw('NOW()').toSqlString());
console.log(pg.Client.prototype.escapeIdentifier('we"ird'), pg.Client.prototype.escapeLiteral("it's"));
console.log(pg.types.getTypeParser(1700)('12.50'), pg.types.getTypeParser(16)('t'), JSON.stringify(pg.types.getTypeParser(1007)('{1,2,3}')));
(async () => {
  const c = new pg.Client({ host: '127.0.0.1', port: 1, user: 'u', database: 'd', password: 'p' });
  try { await c.connect(); } catch (e) { console.log('pg', e.code, e.errno, e.syscall, e.address, e.port, e.message); }
  const conn = mysql.createConnection({ host: '127.0.0.1', port: 1, user: 'u' });
  await new Promise((resolve) => conn.connect((e) => { console.log('mysql2', e.code, e.errno, e.syscall, e.address, e.port, e.fatal, e.message); resolve(); }));
  const r = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const seen = [];
  r.on('error', (e) => seen.push(`${e.code} ${e.errno} ${e.syscall} ${e.address} ${e.port} ${e.message}`));
  try { await r.connect(); } catch (e) { console.log('ioredis', e.message, '| error event:', seen.join(' / ')); }
  const pipeline = r.pipeline().set('k', 'v').get('k');
  console.log('ioredis pipeline queued', pipeline.length, r.status);
  r.disconnect();
})();
