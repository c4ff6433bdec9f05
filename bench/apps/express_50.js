// bench/http.sh time to first response: an express app with 50 routes (and the usual
// middleware) listens on port 0, requests itself once and exits. As a snapshot entry
// (`amber snapshot build`), the app is configured at build time and the restored
// process only listens and requests.
const express = require('express');
const http = require('http');

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
for (let i = 0; i < 50; i++) {
  app.get(`/route${i}/:id`, (req, res) => res.json({ route: i, id: req.params.id }));
}
app.get('/', (req, res) => res.send('first response'));

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
