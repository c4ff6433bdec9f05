// formidable parsing a real multipart upload on an http server into temp files.
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { formidable } = require('formidable');
const FormData = require('form-data');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formidable-'));
const server = http.createServer(async (req, res) => {
  const form = formidable({ uploadDir: dir, keepExtensions: true });
  const [fields, files] = await form.parse(req);
  const f = files.upload[0];
  res.end(JSON.stringify({ fields, name: f.originalFilename, type: f.mimetype, size: f.size, ext: path.extname(f.filepath), data: fs.readFileSync(f.filepath, 'utf8') }));
});
server.listen(0, '127.0.0.1', () => {
  const fd = new FormData();
  fd.append('title', 'report');
  fd.append('tags', 'a');
  fd.append('tags', 'b');
  fd.append('upload', Buffer.from('col1,col2\n1,2\n'), { filename: 'data.csv', contentType: 'text/csv' });
  fd.submit(`http://127.0.0.1:${server.address().port}/`, (err, res) => {
    let d = ''; res.on('data', (c) => d += c); res.on('end', () => { console.log(res.statusCode, d); server.close(); fs.rmSync(dir, { recursive: true }); });
  });
});
