'use strict';
// node:stream/consumers — collect a Node stream, a web ReadableStream or any async
// iterable into a Blob, ArrayBuffer, Buffer, text or JSON. Chunks may be strings,
// Buffers, any ArrayBufferView or ArrayBuffers.
async function blob(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new (require('buffer').Blob)(chunks);
}
async function arrayBuffer(stream) { return (await blob(stream)).arrayBuffer(); }
async function buffer(stream) { return Buffer.from(await arrayBuffer(stream)); }
async function text(stream) {
  const decoder = new TextDecoder();
  let str = '';
  for await (const chunk of stream) {
    if (typeof chunk === 'string') str += chunk;
    else str += decoder.decode(chunk, { stream: true });
  }
  return str + decoder.decode();
}
async function json(stream) { return JSON.parse(await text(stream)); }
module.exports = { arrayBuffer, blob, buffer, text, json };
