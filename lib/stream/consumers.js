'use strict';
// node:stream/consumers — collect a stream into text, a Buffer, JSON or an ArrayBuffer.
async function buffer(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}
async function text(stream) { return (await buffer(stream)).toString('utf8'); }
async function json(stream) { return JSON.parse(await text(stream)); }
async function arrayBuffer(stream) { const b = await buffer(stream); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); }
module.exports = { buffer, text, json, arrayBuffer, blob: async (s) => new (require('buffer').Blob)([await buffer(s)]) };
