// sql.js: SQLite compiled to WebAssembly, create/insert/query/export/reopen.
const initSqlJs = require('sql.js');
initSqlJs().then((SQL) => {
  const db = new SQL.Database();
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)');
  const ins = db.prepare('INSERT INTO t (name, score) VALUES (?, ?)');
  for (const [n, s] of [['ann', 3.5], ['bob', 7], ['cy', 1.25]]) ins.run([n, s]);
  ins.free();
  console.log(JSON.stringify(db.exec('SELECT name, score * 2 AS d FROM t ORDER BY score DESC')));
  const st = db.prepare('SELECT count(*) AS n, sum(score) AS s, group_concat(name) AS g FROM t WHERE score > $min');
  console.log(JSON.stringify(st.getAsObject({ $min: 2 })));
  st.free();
  const bytes = db.export();
  console.log('exported', bytes.length, 'bytes, header', Buffer.from(bytes.slice(0, 15)).toString());
  const db2 = new SQL.Database(bytes);
  console.log(JSON.stringify(db2.exec("SELECT sqlite_version() IS NOT NULL, json_object('a', 1), upper(name) FROM t WHERE id = 2")));
  try { db2.exec('SELECT * FROM nope'); } catch (e) { console.log('error:', e.message); }
  db.close(); db2.close();
});
