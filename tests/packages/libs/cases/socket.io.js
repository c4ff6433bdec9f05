// socket.io + socket.io-client on 127.0.0.1: events, acks, rooms, namespaces, binary.
const { createServer } = require('http');
const { Server } = require('socket.io');
const { io: connect } = require('socket.io-client');
const httpServer = createServer();
const io = new Server(httpServer);
io.on('connection', (socket) => {
  socket.join('room1');
  socket.on('hello', (msg, ack) => { console.log('server got', msg); ack({ ok: true, echo: msg.toUpperCase() }); });
  socket.on('bin', (buf) => { io.to('room1').emit('bin-back', Buffer.concat([buf, Buffer.from([9])])); });
  socket.on('disconnect', (reason) => { console.log('server: disconnect', reason); io.close(() => console.log('server closed')); });
});
io.of('/admin').on('connection', (s) => s.emit('welcome', { ns: s.nsp.name, auth: s.handshake.auth }));
httpServer.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${httpServer.address().port}`;
  const socket = connect(url, { transports: ['websocket'] });
  const admin = connect(url + '/admin', { transports: ['polling'], auth: { token: 't' } });
  let pending = 2;
  const done = () => { if (--pending === 0) { admin.close(); socket.close(); } };
  admin.on('welcome', (w) => { console.log('admin welcome', w); done(); });
  socket.on('connect', async () => {
    console.log('client connected', socket.connected);
    const reply = await socket.emitWithAck('hello', 'world');
    console.log('ack', reply);
    socket.emit('bin', Buffer.from([1, 2]));
  });
  socket.on('bin-back', (b) => { console.log('bin-back', [...b]); done(); });
});
