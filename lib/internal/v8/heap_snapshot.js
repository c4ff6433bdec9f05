'use strict';
// V8 heap snapshots: `v8.getHeapSnapshot()`, `v8.writeHeapSnapshot()` and
// `worker.getHeapSnapshot()`. V8's heap profiler serializes the isolate's heap as JSON
// (binding.heap.takeSnapshot, crates/runtime/src/bindings/heap.rs); a worker takes its
// own and sends the bytes to its parent (internal/worker/thread.js).

const { codes: { ERR_INVALID_ARG_TYPE, ERR_NOT_IMPLEMENTED } } = require('internal/errors');

// `{ exposeInternals, exposeNumericValues }`: both ask V8 for more than the snapshot
// V8's default serializer writes, which amber's binding cannot request.
function validateOptions(options) {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
  for (const key of ['exposeInternals', 'exposeNumericValues']) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new ERR_INVALID_ARG_TYPE(`options.${key}`, 'boolean', value);
    if (value) throw new ERR_NOT_IMPLEMENTED(`heap snapshot option ${key}`);
  }
}

// This isolate's snapshot, V8's JSON as bytes.
function take(options) {
  validateOptions(options);
  return binding.heap.takeSnapshot();
}

const kChunk = 64 * 1024;

// A readable stream of the JSON `bytes`, all of it buffered at once.
function streamOf(bytes) {
  const { Readable } = require('stream');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stream = new Readable({ read() {} });
  for (let i = 0; i < buffer.length; i += kChunk) stream.push(buffer.subarray(i, i + kChunk));
  stream.push(null);
  return stream;
}

function getHeapSnapshot(options) {
  return streamOf(take(options));
}

let sequence = 0;

// Node's default name: Heap.<date>.<time>.<pid>.<thread id>.<sequence>.heapsnapshot
function defaultName() {
  const d = new Date();
  const two = (n) => `${n}`.padStart(2, '0');
  const date = `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}`;
  const time = `${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
  const { threadId } = require('internal/worker/state');
  return `Heap.${date}.${time}.${process.pid}.${threadId}.${`${++sequence}`.padStart(3, '0')}.heapsnapshot`;
}

function writeHeapSnapshot(filename, options) {
  if (filename !== undefined) {
    if (filename instanceof URL) filename = require('url').fileURLToPath(filename);
    else if (Buffer.isBuffer(filename)) filename = filename.toString();
    if (typeof filename !== 'string') throw new ERR_INVALID_ARG_TYPE('path', ['string', 'Buffer', 'URL'], filename);
  }
  const bytes = take(options);
  const name = filename ?? defaultName();
  require('fs').writeFileSync(name, bytes);
  return name;
}

module.exports = { take, streamOf, getHeapSnapshot, writeHeapSnapshot, validateOptions };
