'use strict';
// fetch() (WHATWG Fetch, as Node 20's undici behaves) over amber's http client: one
// keep-alive Agent per scheme reuses connections; `https:` goes through node:https.
// Redirects are followed here (follow/manual/error, 303 and POST-on-301/302 become GET,
// credentials dropped across origins), bodies arrive as a byte ReadableStream fed from
// the IncomingMessage with backpressure, gzip/deflate/br are decoded, `data:` URLs are
// answered locally. Network failures reject with `TypeError: fetch failed` and the
// underlying error as `cause`; an abort rejects (or errors the body) with the signal's
// reason.

const { Buffer } = require('buffer');
const { Request, requestState, requestSignal, detachSignal } = require('internal/fetch/request');
const { makeResponse, innerResponse, NULL_BODY_STATUS, REDIRECT_STATUS } = require('internal/fetch/response');
const { HeaderList } = require('internal/fetch/headers');
const { ReadableStream } = require('internal/webstreams/readablestream');

const BAD_PORTS = new Set([0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101,
  102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514,
  515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659,
  4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);
const REQUEST_BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];
const MAX_REDIRECTS = 20;

const agents = { __proto__: null };
function agentFor(protocol) {
  if (agents[protocol] === undefined) {
    const mod = require(protocol === 'https:' ? 'https' : 'http');
    const agent = agents[protocol] = new mod.Agent({ keepAlive: true });
    // Idle pooled connections are not worth refusing a snapshot build over: close them
    // when it is written (a restored process opens new ones).
    const { startupSnapshot } = require('v8');
    if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.addSerializeCallback(() => agent.destroy());
  }
  return agents[protocol];
}

function networkError(cause) {
  return new TypeError('fetch failed', cause === undefined ? undefined : { cause });
}

// ---- data: URLs (the fetch spec's data: URL processor) ------------------------

function percentDecode(s) {
  const bytes = [];
  const raw = Buffer.from(s);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    const hex = (x) => (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x46) || (x >= 0x61 && x <= 0x66);
    if (c === 0x25 && i + 2 < raw.length + 0 && hex(raw[i + 1]) && hex(raw[i + 2])) {
      bytes.push(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
      i += 2;
    } else bytes.push(c);
  }
  return Buffer.from(bytes);
}

function dataUrlResponse(url) {
  let input = url.href.slice(5);
  const hash = input.indexOf('#');
  if (hash !== -1) input = input.slice(0, hash);
  const comma = input.indexOf(',');
  if (comma === -1) return null;
  let mime = input.slice(0, comma).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  let body = percentDecode(input.slice(comma + 1));
  const b64 = /;[\u0020]*base64$/i.exec(mime);
  if (b64) {
    const text = body.toString('latin1').replace(/[\t\n\f\r ]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || (text.replace(/=+$/, '').length % 4 === 1)) return null;
    body = Buffer.from(text, 'base64');
    mime = mime.slice(0, b64.index);
  }
  if (mime.startsWith(';')) mime = `text/plain${mime}`;
  let type = 'text/plain;charset=US-ASCII';
  const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\/([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*((?:;.*)?)$/.exec(mime);
  if (m) {
    type = `${m[1].toLowerCase()}/${m[2].toLowerCase()}`;
    for (const param of m[3].split(';').slice(1)) {
      const eq = param.indexOf('=');
      if (eq === -1) continue;
      const name = param.slice(0, eq).trim().toLowerCase();
      const value = param.slice(eq + 1);
      if (name && value && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) type += `;${name}=${value}`;
    }
  }
  const inner = innerResponse({ type: 'basic', status: 200, statusText: 'OK', urlList: [url] });
  inner.headers.set('content-type', type);
  const { extractBody } = require('internal/fetch/body');
  inner.body = extractBody(body).body;
  return inner;
}

// ---- blob: URLs (the fetch spec's scheme fetch for "blob") -----------------------

// The response for a `blob:` URL made by URL.createObjectURL, or null for a network
// error: only GET, only a registered Blob; a `Range: bytes=a-b` header (one range) gives
// a 206 with that slice.
function blobUrlResponse(url, inner) {
  if (inner.method !== 'GET') return null;
  const blob = require('internal/url').resolveObjectURL(url.href);
  if (blob === undefined) return null;
  const { extractBody } = require('internal/fetch/body');
  const range = inner.headers.get('range');
  if (range === null) {
    const response = innerResponse({ type: 'basic', status: 200, statusText: 'OK', urlList: [url] });
    const { body, type } = extractBody(blob);
    response.body = body;
    response.headers.set('content-length', `${blob.size}`);
    response.headers.set('content-type', type ?? '');
    return response;
  }
  const m = /^bytes[\t ]*=[\t ]*(\d*)[\t ]*-[\t ]*(\d*)$/.exec(range);
  if (m === null || (m[1] === '' && m[2] === '')) return null;
  const size = blob.size;
  let start;
  let end;
  if (m[1] === '') {
    // The last m[2] bytes.
    start = Math.max(size - Number(m[2]), 0);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (start > end || start >= size) return null;
  }
  const slice = blob.slice(start, end + 1, blob.type);
  const response = innerResponse({ type: 'basic', status: 206, statusText: 'Partial Content', urlList: [url] });
  response.body = extractBody(slice).body;
  response.headers.set('content-length', `${slice.size}`);
  response.headers.set('content-type', blob.type);
  response.headers.set('content-range', `bytes ${start}-${end}/${size}`);
  return response;
}

// ---- the response body -----------------------------------------------------------

// Decoders for a Content-Encoding list, outermost last; null when one is unknown (the
// body is then passed through as it came).
function decoderFor(contentEncoding) {
  if (!contentEncoding) return [];
  const codings = contentEncoding.toLowerCase().split(',').map((c) => c.trim()).filter(Boolean).reverse();
  const zlib = require('zlib');
  const out = [];
  for (const c of codings) {
    if (c === 'gzip' || c === 'x-gzip') out.push((b) => zlib.gunzipSync(b));
    else if (c === 'deflate') out.push((b) => ((b[0] & 0x0f) === 0x08 ? zlib.inflateSync(b) : zlib.inflateRawSync(b)));
    else if (c === 'br') out.push((b) => zlib.brotliDecompressSync(b));
    else return null;
  }
  return out;
}

// A byte stream over an IncomingMessage: chunks are enqueued as they arrive, the socket is
// paused while the queue is full; an encoded body is decoded when it ends.
function bodyStream(res, decoders, fetchState) {
  let controller;
  const finish = () => { fetchState.done = true; fetchState.onDone(); };
  const encoded = decoders.length > 0 ? [] : null;
  const stream = new ReadableStream({
    type: 'bytes',
    start(c) { controller = c; },
    pull() { if (res.isPaused()) res.resume(); },
    cancel() { finish(); res.destroy(); },
  }, { highWaterMark: 65536 });
  fetchState.controller = controller;
  res.on('data', (chunk) => {
    if (fetchState.done) return;
    if (encoded !== null) { encoded.push(chunk); return; }
    controller.enqueue(new Uint8Array(chunk));
    if (controller.desiredSize <= 0) res.pause();
  });
  res.on('end', () => {
    if (fetchState.done) return;
    finish();
    if (encoded !== null) {
      let bytes = Buffer.concat(encoded);
      try {
        for (const d of decoders) bytes = d(bytes);
      } catch (err) {
        controller.error(new TypeError('terminated', { cause: err }));
        return;
      }
      if (bytes.length) controller.enqueue(new Uint8Array(bytes));
    }
    controller.close();
    controller.byobRequest?.respond(0);
  });
  res.on('error', (err) => {
    if (fetchState.done) return;
    finish();
    controller.error(new TypeError('terminated', { cause: err }));
  });
  res.on('aborted', () => {
    if (fetchState.done) return;
    finish();
    const err = new Error('other side closed');
    Object.defineProperty(err, 'name', { value: 'SocketError', configurable: true, writable: true });
    err.code = 'UND_ERR_SOCKET';
    controller.error(new TypeError('terminated', { cause: err }));
  });
  return stream;
}

// ---- one HTTP exchange, then redirects -------------------------------------------

function requestHeaders(inner, url) {
  const list = [['host', url.host], ['connection', 'keep-alive']];
  const user = inner.headers;
  for (const pair of user.raw()) {
    const lower = pair[0].toLowerCase();
    if (lower === 'host' || lower === 'connection' || lower === 'content-length' || lower === 'transfer-encoding' || lower === 'keep-alive') continue;
    list.push(pair);
  }
  if (!user.has('accept')) list.push(['accept', '*/*']);
  if (!user.has('accept-language')) list.push(['accept-language', '*']);
  if (!user.has('sec-fetch-mode')) list.push(['sec-fetch-mode', 'cors']);
  if (!user.has('user-agent')) list.push(['user-agent', 'node']);
  if (!user.has('accept-encoding')) list.push(['accept-encoding', 'gzip, deflate']);
  const body = inner.body;
  if (body === null) {
    if (inner.method === 'POST' || inner.method === 'PUT') list.push(['content-length', '0']);
  } else if (body.source !== null) {
    list.push(['content-length', `${body.length}`]);
  } else {
    list.push(['transfer-encoding', 'chunked']);
  }
  return list;
}

async function writeBody(req, body) {
  if (body === null) { req.end(); return; }
  if (body.source !== null) {
    // Reading the stream marks the request's body used, as sending it does in undici.
    const reader = body.stream.getReader();
    reader.read().then(() => reader.releaseLock(), () => {});
    req.end(body.source);
    return;
  }
  const reader = body.stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
      if (!req.write(value)) await new Promise((resolve) => req.once('drain', resolve));
    }
    req.end();
  } catch (err) {
    req.destroy(err);
  }
}

function sameOrigin(a, b) { return a.protocol === b.protocol && a.host === b.host; }

function httpFetch(fetchState, inner, resolve, reject) {
  const url = inner.urlList[inner.urlList.length - 1];
  if (url.protocol === 'data:') {
    const r = dataUrlResponse(url);
    fetchState.done = true;
    fetchState.onDone();
    if (r === null) reject(networkError(new TypeError('invalid data: URL')));
    else resolve(r);
    return;
  }
  if (url.protocol === 'blob:') {
    let r = null;
    let cause = new TypeError('invalid method');
    try {
      r = blobUrlResponse(url, inner);
      if (r === null && inner.method === 'GET') cause = new TypeError('invalid blob: URL or range');
    } catch (err) {
      cause = err;
    }
    fetchState.done = true;
    fetchState.onDone();
    if (r === null) reject(networkError(cause));
    else resolve(r);
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    reject(networkError(new Error(url.protocol === 'file:' ? 'not implemented... yet...' : 'unknown scheme')));
    return;
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (BAD_PORTS.has(port)) { reject(networkError(new Error('bad port'))); return; }

  let req;
  try {
    const mod = require(url.protocol === 'https:' ? 'https' : 'http');
    req = mod.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port,
      path: `${url.pathname}${url.search}`,
      method: inner.method,
      headers: requestHeaders(inner, url),
      setHost: false,
      agent: agentFor(url.protocol),
    });
  } catch (err) {
    reject(networkError(err));
    return;
  }
  fetchState.req = req;
  req.on('error', (err) => {
    if (fetchState.response === null) reject(networkError(err));
  });
  req.on('response', (res) => {
    const status = res.statusCode;
    const location = res.headers.location;
    if (REDIRECT_STATUS.has(status) && location !== undefined && inner.redirect !== 'manual') {
      res.resume();
      if (inner.redirect === 'error') { reject(networkError(new Error('unexpected redirect'))); return; }
      let next;
      try {
        next = new URL(location, url);
      } catch (err) {
        reject(networkError(err));
        return;
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        reject(networkError(new Error('URL scheme must be a HTTP(S) scheme')));
        return;
      }
      if (inner.urlList.length > MAX_REDIRECTS) { reject(networkError(new Error('redirect count exceeded'))); return; }
      if (status !== 303 && inner.body !== null && inner.body.source === null) {
        reject(networkError(new Error('')));
        return;
      }
      if (((status === 301 || status === 302) && inner.method === 'POST') || (status === 303 && inner.method !== 'GET' && inner.method !== 'HEAD')) {
        inner.method = 'GET';
        inner.body = null;
        for (const h of REQUEST_BODY_HEADERS) inner.headers.delete(h);
      } else if (inner.body !== null) {
        const { streamOfBytes } = require('internal/fetch/body');
        inner.body = { ...inner.body, stream: streamOfBytes(inner.body.source) };
      }
      if (!sameOrigin(url, next)) {
        for (const h of ['authorization', 'proxy-authorization', 'cookie']) inner.headers.delete(h);
      }
      inner.urlList.push(next);
      httpFetch(fetchState, inner, resolve, reject);
      return;
    }
    const headers = new HeaderList();
    const raw = res.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
    const response = innerResponse({
      type: 'basic', status, statusText: res.statusMessage ?? '', headers, urlList: inner.urlList.slice(),
    });
    const noBody = inner.method === 'HEAD' || inner.method === 'CONNECT' || NULL_BODY_STATUS.has(status);
    let decoders = [];
    if (!noBody && !REDIRECT_STATUS.has(status)) decoders = decoderFor(headers.get('content-encoding')) ?? [];
    if (noBody) {
      res.resume();
      response.body = null;
      fetchState.done = true;
      fetchState.onDone();
    } else {
      response.body = { stream: bodyStream(res, decoders, fetchState), source: null, length: null };
    }
    fetchState.response = response;
    resolve(response);
  });
  writeBody(req, inner.body);
}

// As undici does, a rejection's stack is taken again where the caller awaited fetch, so
// an uncaught `fetch failed` points at user code rather than at the http client.
async function fetch(input, init = undefined) {
  try {
    return await start(input, init);
  } catch (err) {
    if (err !== null && typeof err === 'object') Error.captureStackTrace(err);
    throw err;
  }
}

function start(input, init) {
  // Not a Promise executor: errors made on the way would show `new Promise` in their stacks.
  const { promise, resolve, reject } = Promise.withResolvers();
  try {
    run(input, init, resolve, reject);
  } catch (err) {
    reject(err);
  }
  return promise;
}

function run(input, init, resolve, reject) {
  {
    const request = new Request(input, init);
    const inner = requestState(request);
    const signal = requestSignal(request);
    if (signal.aborted) { reject(signal.reason); return; }
    // The exchange works on a copy: the Request object stays as the caller made it.
    const work = { ...inner, headers: inner.headers.clone(), urlList: [inner.url] };
    const fetchState = { req: null, response: null, controller: null, done: false, onDone: null };
    fetchState.onDone = () => {
      signal.removeEventListener('abort', onAbort);
      detachSignal(request);
    };
    const onAbort = () => {
      const reason = signal.reason;
      if (fetchState.req) fetchState.req.destroy();
      if (fetchState.response === null) reject(reason);
      else if (!fetchState.done) {
        fetchState.done = true;
        fetchState.controller?.error(reason);
      }
      detachSignal(request);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    httpFetch(fetchState, work, (responseInner) => {
      fetchState.response = responseInner;
      resolve(makeResponse(responseInner, 'immutable'));
    }, (err) => {
      fetchState.onDone();
      reject(err);
    });
  }
}

module.exports = { fetch };
