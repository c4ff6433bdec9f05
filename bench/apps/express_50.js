// bench/http.sh time to first response: an express app with 50 routes, a template
// engine (ejs) and the usual middleware listens on port 0, requests itself once (a page
// rendered from a template) and exits. As a snapshot entry (`amber snapshot build`),
// the app is configured at build time and the restored process only listens and requests.
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

function serve() {
  const server = app.listen(0, '127.0.0.1', () => {
    http.get(`http://127.0.0.1:${server.address().port}/`, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) process.exitCode = 1;
        server.close();
      });
    });
  });
}

const { startupSnapshot } = require('v8');
if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(serve);
else serve();
