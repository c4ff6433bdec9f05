//! Code caches of the built-in modules the runtime snapshot does not hold (http, net,
//! crypto, zlib, worker_threads, ...), made at build time and embedded in the binary,
//! as Node embeds its built-ins' code cache. A program that loads such a module gets its
//! bytecode from the cache instead of parsing and compiling it, and the cache holds the
//! bytecode of the inner functions a warm-up ran too: a server's first request does not
//! compile the request path (`http`, `_http_server`, `net`, ...) lazily. Programs that
//! never load these modules pay nothing (the runtime snapshot does not grow).
//!
//! `create` runs in the CLI's build script after the runtime snapshot is made: a normal
//! runtime from that snapshot runs a warm-up program (an http server answering a client,
//! hashing, compression, a web stream, ...), recording each built-in it compiles; then
//! each one's code cache is taken. V8 checks a cache against the source and the flags
//! that matter (the build's `--predictable` is outside its flag hash) and compiles from
//! source when it does not fit.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::runtime::{HookArg, JsRuntime, RuntimeOptions};
use crate::state::Mode;

/// The embedded bytes, read (their index only) the first time a built-in is compiled at
/// run time: a program that loads none touches none of it.
static EMBEDDED: OnceLock<&'static [u8]> = OnceLock::new();
static INDEX: OnceLock<HashMap<&'static str, &'static [u8]>> = OnceLock::new();

thread_local! {
  /// While `create` runs: every built-in compiled, with its module function.
  static RECORDING: RefCell<Option<Vec<(String, v8::Global<v8::Function>)>>> = const { RefCell::new(None) };
}

const MAGIC: &[u8; 8] = b"AMBERBC1";

/// Installs the caches made by `create` (the CLI's embedded bytes); unreadable bytes are
/// ignored (built-ins compile from source).
pub fn install(bytes: &'static [u8]) {
  let _ = EMBEDDED.set(bytes);
}

/// Layout: MAGIC, u32 count, then per entry (u32 id length, id, u32 offset, u32 length)
/// (the index, at the front), then the caches; integers little-endian, offsets from the
/// start.
fn parse(bytes: &'static [u8]) -> Option<HashMap<&'static str, &'static [u8]>> {
  let mut rest = bytes.strip_prefix(MAGIC.as_slice())?;
  let mut take = |n: usize| -> Option<&'static [u8]> {
    let (a, b) = rest.split_at_checked(n)?;
    rest = b;
    Some(a)
  };
  let u32_at = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap()) as usize;
  let count = u32_at(take(4)?);
  let mut map = HashMap::with_capacity(count);
  for _ in 0..count {
    let id_len = u32_at(take(4)?);
    let id = std::str::from_utf8(take(id_len)?).ok()?;
    let offset = u32_at(take(4)?);
    let len = u32_at(take(4)?);
    map.insert(id, bytes.get(offset..offset.checked_add(len)?)?);
  }
  Some(map)
}

/// The cache of built-in `id`, if the binary has one.
pub fn lookup(id: &str) -> Option<&'static [u8]> {
  let bytes = *EMBEDDED.get()?;
  INDEX.get_or_init(|| parse(bytes).unwrap_or_default()).get(id).copied()
}

/// Called for every built-in compiled at run time: kept while `create` records.
pub fn record(scope: &mut v8::PinScope, id: &str, f: v8::Local<v8::Function>) {
  RECORDING.with_borrow_mut(|r| {
    if let Some(list) = r.as_mut() {
      list.push((id.to_string(), v8::Global::new(scope, f)));
    }
  });
}

/// The warm-up: what servers, clients and CLI tools load and run first. Every error is
/// caught, so a build machine without loopback sockets still gets the caches (without
/// the bytecode of the request path).
const WARMUP: &str = r#"'use strict';
const http = require('http');
const crypto = require('crypto');
const zlib = require('zlib');
for (const id of ['https', 'tls', 'http2', 'net', 'dns', 'dns/promises', 'child_process', 'worker_threads', 'readline',
  'fs/promises', 'stream/promises', 'stream/web', 'querystring', 'string_decoder', 'tty', 'perf_hooks', 'async_hooks',
  'v8', 'vm', 'util/types', 'diagnostics_channel', 'timers/promises', 'process', 'console', 'punycode', 'cluster',
  'dgram', 'inspector', 'trace_events', 'constants', 'sys', 'wasi']) {
  try { require(id); } catch {}
}
crypto.createHash('sha256').update('warm').digest('hex');
crypto.createHmac('sha1', 'key').update('warm').digest('base64');
crypto.randomBytes(8);
crypto.randomUUID();
zlib.gunzipSync(zlib.gzipSync('warm warm warm'));
const { AsyncLocalStorage } = require('async_hooks');
new AsyncLocalStorage().run(1, () => {});
require('querystring').parse('a=1&b=2');
new (require('string_decoder').StringDecoder)('utf8').write(Buffer.from('warm'));
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.writeHead(200, { 'x-warm': '1' });
    res.end(JSON.stringify({ url: req.url, method: req.method, headers: req.headers }));
  });
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const req = http.request({ host: '127.0.0.1', port, path: '/warm?x=1', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', () => {});
    res.on('end', () => {
      const done = () => { http.globalAgent.destroy(); server.close(); };
      // fetch() over the same server: Request/Response, Headers, a web stream body.
      fetch(`http://127.0.0.1:${port}/fetch`, { method: 'POST', body: 'warm' })
        .then((r) => r.json()).then(done, done);
    });
  });
  req.on('error', () => server.close());
  req.end('{"warm":true}');
});
"#;

/// Makes the caches (the bytes `install` reads), running the warm-up in a runtime made
/// from `runtime_snapshot`.
pub fn create(runtime_snapshot: &'static [u8]) -> Result<Vec<u8>, String> {
  crate::snapshot::with_private_dir("amber-builtin-warmup", |dir| {
    let main = dir.join("warmup.js");
    std::fs::write(&main, WARMUP).map_err(|e| format!("cannot write the built-in warm-up program: {e}"))?;
    let main = main.to_string_lossy().into_owned();
    let opts = RuntimeOptions {
      mode: Mode::Run,
      argv: vec!["amber".into(), main.clone()],
      exec_argv: vec![],
      node_options: vec![],
      exec_path: "amber".into(),
      v8_flags: vec![],
      startup_snapshot: Some(runtime_snapshot),
      worker: None,
      heap_limits: None,
    };
    RECORDING.with_borrow_mut(|r| *r = Some(Vec::new()));
    let mut rt = JsRuntime::new(opts);
    {
      let _quiet = crate::snapshot::QuietStdio::new();
      rt.macrotask("runMain", &[HookArg::Str(main)]);
      rt.run_event_loop(false);
    }
    let recorded = RECORDING.with_borrow_mut(|r| r.take()).unwrap_or_default();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    {
      let isolate = rt.isolate.as_mut().unwrap();
      v8::scope!(let scope, isolate);
      for (id, f) in recorded {
        if entries.iter().any(|(e, _)| *e == id) {
          continue;
        }
        let f = v8::Local::new(scope, &f);
        if let Some(data) = f.create_code_cache() {
          entries.push((id, data.to_vec()));
        }
      }
    }
    drop(rt);
    entries.sort();
    Ok(encode(&entries))
  })
}

/// The bytes `parse` reads (its layout), for `(id, cache)` entries.
fn encode(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
  let index_len: usize = entries.iter().map(|(id, _)| 12 + id.len()).sum();
  let mut offset = MAGIC.len() + 4 + index_len;
  let mut out = MAGIC.to_vec();
  out.extend((entries.len() as u32).to_le_bytes());
  for (id, data) in entries {
    out.extend((id.len() as u32).to_le_bytes());
    out.extend(id.as_bytes());
    out.extend((offset as u32).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    offset += data.len();
  }
  for (_, data) in entries {
    out.extend(data);
  }
  out
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn encoded_index_and_data_parse_back() {
    // The layout `create` writes, for two entries.
    let out = encode(&[("a".to_string(), b"xyz".to_vec()), ("http".to_string(), vec![1u8, 2, 3, 4])]);
    let bytes: &'static [u8] = Box::leak(out.into_boxed_slice());
    let map = parse(bytes).unwrap();
    assert_eq!(map["a"], b"xyz");
    assert_eq!(map["http"], &[1, 2, 3, 4]);
    // Truncated or foreign bytes give no index (built-ins then compile from source).
    assert!(parse(&bytes[..bytes.len() - 1]).is_none());
    assert!(parse(b"NOTAMBER").is_none());
  }
}
