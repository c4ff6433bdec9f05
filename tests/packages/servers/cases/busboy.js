// busboy streaming a multipart body (files and fields) from a Buffer.
const busboy = require('busboy');
const FormData = require('form-data');
const f = new FormData();
f.setBoundary('----amberboundary');
f.append('name', 'value one');
f.append('file', Buffer.from('line1\nline2\n'), { filename: 'notes.txt', contentType: 'text/plain' });
f.append('utf', 'héllo wörld');
const body = f.getBuffer();
const bb = busboy({ headers: { 'content-type': f.getHeaders()['content-type'] } });
bb.on('field', (name, val, info) => console.log('field', name, JSON.stringify(val), info.mimeType));
bb.on('file', (name, stream, info) => {
  const chunks = [];
  stream.on('data', (c) => chunks.push(c)).on('close', () => console.log('file', name, info.filename, info.mimeType, JSON.stringify(Buffer.concat(chunks).toString())));
});
bb.on('close', () => console.log('done, body', body.length, 'bytes'));
bb.end(body);
