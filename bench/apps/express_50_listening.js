// bench/http.sh time to first response, issue 7: the same express app with 50 routes as
// express_50.js, but already listening (on port 0) when the snapshot is built. The
// restored process listens again before its main function runs; main only requests
// itself once and closes. Build it with `amber snapshot build`; it is not a script.
const express = require('express');
const http = require('http');
const path = require('path');

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
for (let i = 0; i < 50; i++) {
  app.get(`/route${i}/:id`, (req, res) => res.json({ route: i, id: req.params.id }));
}
// The first response is a page rendered by a template engine (ejs, with an include).
app.engine('ejs', require('ejs').__express);
app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));
const routes = Array.from({ length: 50 }, (_, i) => ({ name: `route ${i}`, path: `/route${i}/1`, hits: i * 7 }));
app.get('/', (req, res) => res.render('index', { title: 'first response', routes }));
const server = app.listen(0, '127.0.0.1');

require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  http.get(`http://127.0.0.1:${server.address().port}/`, (res) => {
    res.resume();
    res.on('end', () => {
      if (res.statusCode !== 200) process.exitCode = 1;
      server.close();
    });
  });
});
