'use strict';
// WebAssembly.compileStreaming / instantiateStreaming (the WebAssembly Web API): V8 calls
// the runtime with the `source` argument and a streaming compilation, kept natively under
// `id` (crates/runtime/src/bindings/wasm.rs). This reads the Response and feeds its body
// to V8 chunk by chunk; any failure rejects the compilation's promise.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_WEBASSEMBLY_RESPONSE } } = require('internal/errors');

async function feed(source, id) {
  // A promise's rejection is passed on as it is.
  const response = await source;
  const { Response } = require('internal/fetch/response');
  if (!(response instanceof Response)) {
    throw new ERR_INVALID_ARG_TYPE('source', ['Response', 'Promise resolving to Response'], response);
  }
  const type = response.headers.get('Content-Type');
  if (type !== 'application/wasm') throw new ERR_WEBASSEMBLY_RESPONSE(`has unsupported MIME type '${type}'`);
  if (!response.ok) throw new ERR_WEBASSEMBLY_RESPONSE(`has status code ${response.status}`);
  if (response.bodyUsed) throw new ERR_WEBASSEMBLY_RESPONSE('body has already been used');
  if (response.url) binding.wasm.streamingSetUrl(id, response.url);
  if (response.body !== null) {
    for await (const chunk of response.body) binding.wasm.streamingPush(id, chunk);
  }
  binding.wasm.streamingFinish(id);
}

function compile(source, id) {
  feed(source, id).catch((err) => binding.wasm.streamingAbort(id, err));
}

module.exports = { compile };
