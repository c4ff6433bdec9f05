// multer parsing a real multipart upload (built by form-data) sent over http to express.
const express = require('express');
const multer = require('multer');
const FormData = require('form-data');
const http = require('http');
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 1000 } });
const app = express();
app.post('/up', upload.fields([{ name: 'doc' }, { name: 'pics', maxCount: 2 }]), (req, res) => {
  const files = Object.values(req.files).flat().map((f) => ({ field: f.fieldname, name: f.originalname, type: f.mimetype, size: f.size, head: f.buffer.toString().slice(0, 12) }));
  res.json({ body: req.body, files });
});
app.use((err, req, res, next) => res.status(400).json({ code: err.code, field: err.field }));
const server = app.listen(0, '127.0.0.1', async () => {
  const send = (form) => new Promise((resolve, reject) => {
    form.submit({ host: '127.0.0.1', port: server.address().port, path: '/up' }, (err, res) => {
      if (err) return reject(err);
      let d = ''; res.on('data', (c) => d += c); res.on('end', () => resolve(res.statusCode + ' ' + d));
    });
  });
  let f = new FormData();
  f.append('title', 'hello');
  f.append('doc', Buffer.from('%PDF-1.4 fake document'), { filename: 'a.pdf', contentType: 'application/pdf' });
  f.append('pics', Buffer.from('PNG data one'), { filename: 'one.png', contentType: 'image/png' });
  console.log(await send(f));
  f = new FormData();
  f.append('doc', Buffer.alloc(2000, 65), { filename: 'big.txt', contentType: 'text/plain' });
  console.log(await send(f));
  server.close();
});
