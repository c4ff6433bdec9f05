'use strict';
// The WebAssembly Web API's side of `WebAssembly.compileStreaming` and
// `instantiateStreaming`: V8 calls `hooks.wasmStreaming(id, source)` for each
// (crates/runtime/src/bindings/wasm_web_api.rs); the source must be a Response (or a
// promise of one) with the `application/wasm` MIME type, an ok status and an unused
// body, which is then fed to V8's compiler chunk by chunk. Any failure rejects the
// compilation with that error, as is.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_WEBASSEMBLY_RESPONSE } } = require('internal/errors');
const { Response } = require('internal/fetch/response');

const natives = binding.wasmWebApi;

async function streaming(id, source) {
  try {
    const response = await source;
    if (!(response instanceof Response)) {
      throw new ERR_INVALID_ARG_TYPE('source', ['Response', 'Promise resolving to Response'], response);
    }
    const contentType = response.headers.get('Content-Type');
    if (contentType !== 'application/wasm') {
      throw new ERR_WEBASSEMBLY_RESPONSE(`has unsupported MIME type '${contentType}'`);
    }
    if (!response.ok) throw new ERR_WEBASSEMBLY_RESPONSE(`has status code ${response.status}`);
    if (response.bodyUsed) throw new ERR_WEBASSEMBLY_RESPONSE('body has already been used');
    if (response.url) natives.setUrl(id, response.url);
    const { body } = response;
    if (body !== null) {
      for await (const chunk of body) natives.push(id, chunk);
    }
    natives.finish(id);
  } catch (err) {
    natives.abort(id, err);
  }
}

module.exports = { streaming };
