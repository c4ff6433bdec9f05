// ws: a WebSocket server and client on 127.0.0.1, text, binary, ping/pong, close codes.
// The two ends' 'close' events race (each waits for its own TCP close), so they are
// printed together once both happened, in a fixed order.
const { WebSocketServer, WebSocket } = require('ws');
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (socket, req) => {
  console.log('server: connection', req.url, req.headers['sec-websocket-protocol']);
  socket.on('message', (data, isBinary) => {
    if (isBinary) socket.send(Buffer.from(data).reverse());
    else socket.send('echo: ' + data.toString());
  });
  socket.on('ping', (d) => console.log('server: ping', d.toString()));
  socket.on('close', (code, reason) => closed('server: close', code, reason.toString()));
});
const closes = [];
function closed(...line) {
  closes.push(line);
  if (closes.length < 2) return;
  for (const l of closes.sort()) console.log(...l);
  wss.close(() => console.log('server closed'));
}
wss.on('listening', () => {
  const ws = new WebSocket(`ws://127.0.0.1:${wss.address().port}/path?x=1`, 'chat', { perMessageDeflate: false });
  const got = [];
  ws.on('open', () => { ws.send('hello'); ws.send(Buffer.from([1, 2, 3])); ws.ping('p'); });
  ws.on('pong', (d) => console.log('client: pong', d.toString()));
  ws.on('message', (data, isBinary) => {
    got.push(isBinary ? [...data] : data.toString());
    if (got.length === 2) { console.log('client: got', got, ws.protocol, ws.readyState); ws.close(4000, 'done'); }
  });
  ws.on('close', (code, reason) => closed('client: close', code, reason.toString()));
});
