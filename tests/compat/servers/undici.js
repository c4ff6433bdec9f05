// undici from npm (not the runtime's own fetch): request(), its fetch(), a Pool, the
// stream bodies it returns, and its WebSocket client, against a local http server (whose
// 'upgrade' handler speaks just enough WebSocket to echo text frames).
'use strict';
const http = require('http');
const crypto = require('crypto');
const undici = require('undici');

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url === '/chunked') {
      res.write('a');
      setImmediate(() => res.end('bc'));
      return;
    }
    res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-n': '1' });
    res.end(JSON.stringify({ method: req.method, url: req.url, body, ua: req.headers['user-agent'] ?? null }));
  });
});

server.on('upgrade', (req, socket) => {
  const accept = crypto.createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    // Client frames are short and masked: FIN/opcode, MASK|length (< 126), key, payload.
    while (pending.length >= 6 && pending.length >= 6 + (pending[1] & 0x7f)) {
      const op = pending[0] & 0x0f;
      const len = pending[1] & 0x7f;
      const mask = pending.subarray(2, 6);
      const payload = Buffer.from(pending.subarray(6, 6 + len).map((b, i) => b ^ mask[i % 4]));
      pending = pending.subarray(6 + len);
      if (op === 8) {
        socket.end(Buffer.concat([Buffer.from([0x88, payload.length]), payload]));
        return;
      }
      const reply = Buffer.from(`echo: ${payload}`);
      socket.write(Buffer.concat([Buffer.from([0x81, reply.length]), reply]));
    }
  });
});

function webSocket(base) {
  return new Promise((resolve) => {
    const ws = new undici.WebSocket(`${base.replace('http', 'ws')}/socket`);
    ws.onopen = () => { console.log('ws open', ws.readyState, ws.url.endsWith('/socket')); ws.send('hello'); };
    ws.onmessage = (e) => { console.log('ws message', e.data); ws.close(1000, 'bye'); };
    ws.onerror = (e) => console.log('ws error', e.message);
    ws.onclose = (e) => { console.log('ws close', e.code, e.reason, e.wasClean); resolve(); };
  });
}

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  let r = await undici.request(`${base}/get?x=1`);
  console.log('request', r.statusCode, r.headers['content-type'], r.headers['x-n'], await r.body.json());
  r = await undici.request(`${base}/post`, { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } });
  console.log('request POST', r.statusCode, await r.body.json());
  r = await undici.request(`${base}/chunked`);
  console.log('request chunked', r.statusCode, await r.body.text());
  r = await undici.request(`${base}/missing`);
  console.log('request 404', r.statusCode, (await r.body.json()).url);

  const f = await undici.fetch(`${base}/fetch`, { method: 'POST', body: JSON.stringify({ a: 1 }) });
  console.log('fetch', f.status, f.headers.get('content-type'), await f.json());

  const pool = new undici.Pool(base, { connections: 2 });
  const results = await Promise.all([1, 2, 3].map(async (i) => {
    const { statusCode, body } = await pool.request({ path: `/pool/${i}`, method: 'GET' });
    return [statusCode, (await body.json()).url];
  }));
  console.log('pool', results);
  await pool.close();

  await webSocket(base);

  try {
    await undici.request('http://127.0.0.1:1/');
  } catch (e) {
    console.log('error', e.code);
  }
  await undici.getGlobalDispatcher().close();
  server.close(() => console.log('closed'));
});
