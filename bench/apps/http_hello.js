// bench/http.sh: a hello-world node:http server on $PORT.
require('http').createServer((req, res) => {
  res.setHeader('content-type', 'text/plain');
  res.end('hello world');
}).listen(Number(process.env.PORT), '127.0.0.1');
