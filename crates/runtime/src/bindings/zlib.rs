//! Compression streams for `node:zlib`: one native (de)compressor per JS stream object,
//! deflate/inflate (zlib, gzip, raw, auto-detecting unzip) on C zlib (`libz-sys`, built
//! from its bundled source: Node's compressed bytes are zlib's, and zlib-rs, a zlib-ng
//! port, compresses differently) and brotli on
//! the `brotli` crate's streaming encoder and decoder.
//!
//! A JS stream holds only a `u32` id (DESIGN rule 2); the state lives in this thread's
//! table (one per isolate: workers run on their own threads), behind a mutex so that a
//! stream's write can run on the blocking pool (`fs::run`, libuv's pool in Node) while
//! the loop goes on. `write` makes one call into the library with the caller's flush
//! mode, input slice and an output buffer of the size asked for, and reports what is left
//! of the input and what came out, so `lib/internal/zlib/` drives chunkSize, flushes and
//! back-pressure as Node's JS does.
//! The decisions Node's native zlib takes around a call are taken here too: a gzip
//! member followed by another is read on, trailing zero bytes end it, a zlib stream
//! asking for a dictionary gets the configured one, and a `Z_FINISH` that leaves output
//! space unused is 'unexpected end of file'. A snapshot build refuses a stream that is
//! still open (`lib/internal/zlib/stream.js` names it); none is carried.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use brotli::enc::encode::{BrotliEncoderOperation, BrotliEncoderParameter, BrotliEncoderStateStruct};
use brotli::enc::StandardAlloc;
use brotli::{BrotliDecompressStream, BrotliResult, BrotliState};
use libz_sys as z;
use libz_sys::z_stream;

use super::fs::Out;
use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("zlib.init", init);
  reg.add("zlib.write", write);
  reg.add("zlib.params", params);
  reg.add("zlib.reset", reset);
  reg.add("zlib.close", close);
  reg.add("zlib.crc32", crc32);
}

// Node's mode numbers (zlib.constants.DEFLATE ...).
const DEFLATE: i32 = 1;
const INFLATE: i32 = 2;
const GZIP: i32 = 3;
const GUNZIP: i32 = 4;
const DEFLATERAW: i32 = 5;
const INFLATERAW: i32 = 6;
const UNZIP: i32 = 7;
const BROTLI_DECODE: i32 = 8;
const BROTLI_ENCODE: i32 = 9;

const Z_FINISH: i32 = 4;
const BROTLI_OPERATION_FINISH: i32 = 2;

type Decoder = BrotliState<StandardAlloc, StandardAlloc, StandardAlloc>;

enum Engine {
  /// A zlib stream before `init_zlib`.
  Unset,
  /// A deflate or inflate `z_stream`, boxed so its address never changes.
  Zlib(Box<z_stream>),
  BrotliEnc(Box<BrotliEncoderStateStruct<StandardAlloc>>),
  BrotliDec(Box<Decoder>, BrotliResult),
}

struct Stream {
  /// The mode as created; `mode` may turn from UNZIP to GUNZIP or INFLATE.
  initial_mode: i32,
  mode: i32,
  engine: Engine,
  window_bits: i32,
  level: i32,
  mem_level: i32,
  strategy: i32,
  dictionary: Vec<u8>,
  /// How many bytes of the gzip magic an UNZIP stream has seen.
  gzip_id_bytes: u8,
  /// What zlib's allocator holds now for this stream (its `opaque`).
  mem: Arc<MemCounter>,
}

// SAFETY: a stream's z_stream (raw pointers into zlib's own state) and brotli state are
// touched only by whoever holds the stream's mutex: the loop thread or one pool job.
unsafe impl Send for Stream {}

/// A stream in the table: shared with a write running on the pool, and what V8 was
/// last told about its memory.
struct Entry {
  stream: Arc<Mutex<Stream>>,
  mem: Arc<MemCounter>,
  reported: i64,
}

impl Stream {
  fn is_deflate(&self) -> bool {
    matches!(self.initial_mode, DEFLATE | GZIP | DEFLATERAW)
  }
}

impl Drop for Stream {
  fn drop(&mut self) {
    let is_deflate = self.is_deflate();
    if let Engine::Zlib(strm) = &mut self.engine {
      // SAFETY: ending a stream that was never initialized (state null) is a
      // Z_STREAM_ERROR and frees nothing; an initialized one is ended once, here.
      unsafe {
        if is_deflate {
          z::deflateEnd(&mut **strm);
        } else {
          z::inflateEnd(&mut **strm);
        }
      }
    }
  }
}

thread_local! {
  static STREAMS: RefCell<HashMap<u32, Entry>> = RefCell::new(HashMap::new());
  static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Bytes zlib holds for one stream, counted by its allocator so V8 hears of them
/// (`process.memoryUsage().external`, and GC pressure) as Node reports them.
type MemCounter = AtomicI64;
const HEADER: usize = 16;

unsafe extern "C" fn zalloc(opaque: z::voidpf, items: z::uInt, size: z::uInt) -> z::voidpf {
  let n = (items as usize).saturating_mul(size as usize);
  // SAFETY: a C allocation with room for its size in front, freed by `zfree`; `opaque`
  // is the stream's counter, alive as long as the stream.
  unsafe {
    let p = libc::malloc(n + HEADER) as *mut u8;
    if p.is_null() {
      return std::ptr::null_mut();
    }
    (p as *mut usize).write(n);
    (*(opaque as *const MemCounter)).fetch_add(n as i64, Ordering::Relaxed);
    p.add(HEADER) as z::voidpf
  }
}

unsafe extern "C" fn zfree(opaque: z::voidpf, p: z::voidpf) {
  if p.is_null() {
    return;
  }
  // SAFETY: `p` came from `zalloc`, which put its size in front of it.
  unsafe {
    let start = (p as *mut u8).sub(HEADER);
    let n = (start as *const usize).read();
    (*(opaque as *const MemCounter)).fetch_sub(n as i64, Ordering::Relaxed);
    libc::free(start as *mut libc::c_void);
  }
}

/// A z_stream not yet initialized; boxed because zlib's state points back at it.
fn new_z_stream(counter: &MemCounter) -> Box<z_stream> {
  Box::new(z_stream {
    next_in: std::ptr::null_mut(),
    avail_in: 0,
    total_in: 0,
    next_out: std::ptr::null_mut(),
    avail_out: 0,
    total_out: 0,
    msg: std::ptr::null_mut(),
    state: std::ptr::null_mut(),
    zalloc,
    zfree,
    opaque: counter as *const MemCounter as z::voidpf,
    data_type: 0,
    adler: 0,
    reserved: 0,
  })
}

/// Tells V8 how much more (or less) memory zlib holds for stream `id` since last time.
fn report_memory(scope: &mut v8::PinScope, id: u32) {
  let delta = STREAMS.with(|t| {
    let mut t = t.borrow_mut();
    let e = t.get_mut(&id)?;
    let now = e.mem.load(Ordering::Relaxed);
    let d = now - e.reported;
    e.reported = now;
    Some(d)
  });
  if let Some(d) = delta.filter(|&d| d != 0) {
    scope.adjust_amount_of_external_allocated_memory(d);
  }
}

fn stream(id: u32) -> Option<Arc<Mutex<Stream>>> {
  STREAMS.with(|t| t.borrow().get(&id).map(|e| e.stream.clone()))
}

fn lock(s: &Mutex<Stream>) -> MutexGuard<'_, Stream> {
  s.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn int_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> i32 {
  args.get(i).int32_value(scope).unwrap_or(0)
}

/// The window bits zlib is initialized with for a mode: gzip adds 16, unzip 32 (either
/// header), raw is negative.
fn zlib_window_bits(mode: i32, window_bits: i32) -> i32 {
  match mode {
    GZIP | GUNZIP => window_bits + 16,
    UNZIP => window_bits + 32,
    DEFLATERAW | INFLATERAW => -window_bits,
    _ => window_bits,
  }
}

/// Initializes (or, for `reset`, re-initializes) the zlib engine, then sets the
/// dictionary where zlib takes it up front (deflate, raw inflate).
fn init_zlib(s: &mut Stream) -> Result<(), &'static str> {
  let mut strm = new_z_stream(&s.mem);
  let wb = zlib_window_bits(s.initial_mode, s.window_bits);
  let size = std::mem::size_of::<z_stream>() as i32;
  // SAFETY: a fresh z_stream; the version and size are the library's own.
  let ret = unsafe {
    if s.is_deflate() {
      z::deflateInit2_(&mut *strm, s.level, z::Z_DEFLATED, wb, s.mem_level, s.strategy, z::zlibVersion(), size)
    } else {
      z::inflateInit2_(&mut *strm, wb, z::zlibVersion(), size)
    }
  };
  if ret != z::Z_OK {
    return Err("Initialization failed");
  }
  s.engine = Engine::Zlib(strm);
  s.mode = s.initial_mode;
  s.gzip_id_bytes = 0;
  set_initial_dictionary(s)
}

fn set_initial_dictionary(s: &mut Stream) -> Result<(), &'static str> {
  if s.dictionary.is_empty() {
    return Ok(());
  }
  let Engine::Zlib(strm) = &mut s.engine else { return Ok(()) };
  let (dict, len) = (s.dictionary.as_ptr(), s.dictionary.len() as u32);
  // SAFETY: an initialized stream of the matching kind; zlib copies the dictionary.
  let ret = match s.initial_mode {
    DEFLATE | DEFLATERAW => unsafe { z::deflateSetDictionary(&mut **strm, dict, len) },
    INFLATERAW => unsafe { z::inflateSetDictionary(&mut **strm, dict, len) },
    _ => return Ok(()),
  };
  if ret == z::Z_OK { Ok(()) } else { Err("Failed to set dictionary") }
}

/// `init(mode, windowBits, level, memLevel, strategy, dictionary | undefined)` for zlib
/// modes, `init(mode, params: Uint32Array)` for brotli (0xffffffff = not set). Returns
/// the stream's id, or -1 when the library refuses the configuration.
fn init<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mode = int_arg(scope, &args, 0);
  let engine = match mode {
    BROTLI_ENCODE => {
      let mut enc = Box::new(BrotliEncoderStateStruct::new(StandardAlloc::default()));
      let params = bytes_arg(args.get(1)).unwrap_or_default();
      for (key, v) in params.chunks_exact(4).enumerate() {
        let value = u32::from_ne_bytes([v[0], v[1], v[2], v[3]]);
        if value == u32::MAX {
          continue;
        }
        // NPOSTFIX and NDIRECT have no setter in the crate: they are the distance
        // parameters C brotli stores (and validates when it encodes) the same way.
        if key == 7 || key == 8 {
          if key == 7 {
            enc.params.dist.distance_postfix_bits = value;
          } else {
            enc.params.dist.num_direct_distance_codes = value;
          }
          continue;
        }
        let param = match key {
          0 => BrotliEncoderParameter::BROTLI_PARAM_MODE,
          1 => BrotliEncoderParameter::BROTLI_PARAM_QUALITY,
          2 => BrotliEncoderParameter::BROTLI_PARAM_LGWIN,
          3 => BrotliEncoderParameter::BROTLI_PARAM_LGBLOCK,
          4 => BrotliEncoderParameter::BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING,
          5 => BrotliEncoderParameter::BROTLI_PARAM_SIZE_HINT,
          6 => BrotliEncoderParameter::BROTLI_PARAM_LARGE_WINDOW,
          _ => {
            rv.set_int32(-1);
            return;
          }
        };
        // The boolean parameters take 0 or 1 (brotli's C encoder refuses other values).
        if matches!(key, 4 | 6) && value > 1 || !enc.set_parameter(param, value) {
          rv.set_int32(-1);
          return;
        }
      }
      Engine::BrotliEnc(enc)
    }
    BROTLI_DECODE => {
      let dec = Box::new(Decoder::new(StandardAlloc::default(), StandardAlloc::default(), StandardAlloc::default()));
      Engine::BrotliDec(dec, BrotliResult::NeedsMoreInput)
    }
    DEFLATE..=UNZIP => Engine::Unset,
    _ => {
      rv.set_int32(-1);
      return;
    }
  };
  let mut s = Stream {
    initial_mode: mode,
    mode,
    engine,
    window_bits: 0,
    level: 0,
    mem_level: 0,
    strategy: 0,
    dictionary: Vec::new(),
    gzip_id_bytes: 0,
    mem: Arc::new(AtomicI64::new(0)),
  };
  if matches!(s.engine, Engine::Unset) {
    s.window_bits = int_arg(scope, &args, 1);
    s.level = int_arg(scope, &args, 2);
    s.mem_level = int_arg(scope, &args, 3);
    s.strategy = int_arg(scope, &args, 4);
    s.dictionary = bytes_arg(args.get(5)).unwrap_or_default();
    if init_zlib(&mut s).is_err() {
      rv.set_int32(-1);
      return;
    }
  }
  let id = NEXT_ID.with(|n| {
    let id = n.get();
    n.set(id.wrapping_add(1).max(1));
    id
  });
  let mem = s.mem.clone();
  STREAMS.with(|t| t.borrow_mut().insert(id, Entry { stream: Arc::new(Mutex::new(s)), mem, reported: 0 }));
  report_memory(scope, id);
  rv.set_uint32(id);
}

/// What one `write` produced.
struct Outcome {
  avail_in: usize,
  out: Vec<u8>,
  /// (message, code, errno) when the call failed.
  error: Option<(String, String, i32)>,
}

fn zlib_code_name(errno: i32) -> &'static str {
  match errno {
    0 => "Z_OK",
    1 => "Z_STREAM_END",
    2 => "Z_NEED_DICT",
    -1 => "Z_ERRNO",
    -2 => "Z_STREAM_ERROR",
    -3 => "Z_DATA_ERROR",
    -4 => "Z_MEM_ERROR",
    -5 => "Z_BUF_ERROR",
    -6 => "Z_VERSION_ERROR",
    _ => "Z_UNKNOWN_ERROR",
  }
}

fn msg_of(strm: &z_stream) -> Option<String> {
  if strm.msg.is_null() {
    None
  } else {
    // SAFETY: zlib's messages are static NUL-terminated strings.
    Some(unsafe { std::ffi::CStr::from_ptr(strm.msg) }.to_string_lossy().into_owned())
  }
}

fn write_zlib(s: &mut Stream, flush: i32, input: &[u8], out_len: usize) -> Outcome {
  let mut out = vec![0u8; out_len];
  let is_deflate = s.is_deflate();
  let Engine::Zlib(strm) = &mut s.engine else { unreachable!() };
  strm.next_in = input.as_ptr() as *mut u8;
  strm.avail_in = input.len() as u32;
  strm.next_out = out.as_mut_ptr();
  strm.avail_out = out_len as u32;
  let p: *mut z_stream = &mut **strm;
  let mut err;
  if is_deflate {
    // SAFETY: `p` is an initialized deflate stream whose buffers point into `input`
    // and `out`, both alive for the call.
    err = unsafe { z::deflate(p, flush) };
  } else {
    // An UNZIP stream becomes GUNZIP once it has seen gzip's magic bytes, so that
    // further members are read as gunzip reads them.
    if s.mode == UNZIP && !input.is_empty() {
      let mut i = 0;
      if s.gzip_id_bytes == 0 {
        if input[0] == 0x1f {
          s.gzip_id_bytes = 1;
          i = 1;
        } else {
          s.mode = INFLATE;
        }
      }
      if s.mode == UNZIP && s.gzip_id_bytes == 1 && i < input.len() {
        if input[i] == 0x8b {
          s.gzip_id_bytes = 2;
          s.mode = GUNZIP;
        } else {
          s.mode = INFLATE;
        }
      }
    }
    // SAFETY (the unsafe blocks below): `p` is an initialized inflate stream whose
    // buffers point into `input` and `out`, both alive for the call.
    err = unsafe { z::inflate(p, flush) };
    if s.mode != INFLATERAW && err == z::Z_NEED_DICT && !s.dictionary.is_empty() {
      let set = unsafe { z::inflateSetDictionary(p, s.dictionary.as_ptr(), s.dictionary.len() as u32) };
      if set == z::Z_OK {
        err = unsafe { z::inflate(p, flush) };
      } else if set == z::Z_DATA_ERROR {
        // The dictionary's checksum is not the one the stream asks for.
        err = z::Z_NEED_DICT;
      } else {
        err = set;
      }
    }
    while s.mode == GUNZIP && err == z::Z_STREAM_END && unsafe { (*p).avail_in > 0 && *(*p).next_in != 0 } {
      // Another gzip member follows (or garbage, which the new member's header check
      // reports). Trailing zero bytes are padding and end the stream.
      unsafe { z::inflateReset(p) };
      err = unsafe { z::inflate(p, flush) };
    }
  }
  let strm = unsafe { &mut *p };
  let avail_in = strm.avail_in as usize;
  let produced = out_len - strm.avail_out as usize;
  let avail_out = strm.avail_out;
  let msg = msg_of(strm);
  strm.next_in = std::ptr::null_mut();
  strm.next_out = std::ptr::null_mut();
  strm.avail_in = 0;
  strm.avail_out = 0;
  out.truncate(produced);
  let errno = err;
  let error = match err {
    z::Z_OK | z::Z_BUF_ERROR => {
      if avail_out != 0 && flush == Z_FINISH {
        Some(msg.unwrap_or_else(|| "unexpected end of file".into()))
      } else {
        None
      }
    }
    z::Z_STREAM_END => None,
    z::Z_NEED_DICT => Some(if s.dictionary.is_empty() { "Missing dictionary".into() } else { "Bad dictionary".into() }),
    _ => Some(msg.unwrap_or_else(|| "Zlib error".into())),
  };
  Outcome { avail_in, out, error: error.map(|m| (m, zlib_code_name(errno).to_string(), errno)) }
}

fn write_brotli(s: &mut Stream, flush: i32, input: &[u8], out_len: usize) -> Outcome {
  let mut out = vec![0u8; out_len];
  let mut avail_in = input.len();
  let mut in_off = 0usize;
  let mut avail_out = out_len;
  let mut out_off = 0usize;
  let mut error = None;
  match &mut s.engine {
    Engine::BrotliEnc(enc) => {
      let op = match flush {
        0 => BrotliEncoderOperation::BROTLI_OPERATION_PROCESS,
        1 => BrotliEncoderOperation::BROTLI_OPERATION_FLUSH,
        2 => BrotliEncoderOperation::BROTLI_OPERATION_FINISH,
        _ => BrotliEncoderOperation::BROTLI_OPERATION_EMIT_METADATA,
      };
      let ok = enc.compress_stream(op, &mut avail_in, input, &mut in_off, &mut avail_out, &mut out, &mut out_off, &mut None, &mut |_, _, _, _| ());
      if !ok {
        error = Some(("Compression failed".to_string(), "ERR_BROTLI_COMPRESSION_FAILED".to_string(), -1));
      }
    }
    Engine::BrotliDec(dec, last) => {
      let mut total = 0usize;
      let r = BrotliDecompressStream(&mut avail_in, &mut in_off, input, &mut avail_out, &mut out_off, &mut out, &mut total, dec);
      match r {
        BrotliResult::ResultFailure => {
          let code = dec.error_code;
          let name = format!("{code:?}");
          let name = name.strip_prefix("BROTLI_DECODER").unwrap_or(&name);
          error = Some(("Decompression failed".to_string(), format!("ERR_{name}"), code as i32));
        }
        BrotliResult::NeedsMoreInput if flush == BROTLI_OPERATION_FINISH => {
          error = Some(("unexpected end of file".to_string(), "Z_BUF_ERROR".to_string(), -5));
        }
        _ => {}
      }
      *last = r;
    }
    Engine::Zlib(_) | Engine::Unset => unreachable!(),
  }
  out.truncate(out_off);
  Outcome { avail_in, out, error }
}

/// `write(id, flush, input, inOff, inLen, outLen[, opId])` -> `[availInAfter, output,
/// message, code, errno]`; the last three only when the call failed. With an op id the
/// work runs on the blocking pool (the one file-system jobs use, as Node's zlib uses
/// libuv's) and the array completes the op.
fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let flush = int_arg(scope, &args, 1);
  let in_off = args.get(3).integer_value(scope).unwrap_or(0).max(0) as usize;
  let in_len = args.get(4).integer_value(scope).unwrap_or(0).max(0) as usize;
  let out_len = args.get(5).integer_value(scope).unwrap_or(0).clamp(0, u32::MAX as i64) as usize;
  // The input is read in place: the job holds its backing store (as fs writes do).
  let Some((pinned, region)) = super::fs::view_region(scope, args.get(2), in_off, Some(in_len)) else {
    return throw_type_error(scope, "zlib input must be an ArrayBufferView");
  };
  let Some(shared) = stream(id).filter(|s| !matches!(lock(s).engine, Engine::Unset)) else {
    return throw_error(scope, "zlib binding closed");
  };
  let job = move || {
    let input = region.slice();
    let mut s = lock(&shared);
    let o = match s.engine {
      Engine::Zlib(_) => write_zlib(&mut s, flush, input, out_len),
      _ => write_brotli(&mut s, flush, input, out_len),
    };
    let mut items = vec![Out::Num(o.avail_in as f64), Out::Bytes(o.out)];
    if let Some((message, code, errno)) = o.error {
      items.extend([Out::Str(message), Out::Str(code), Out::Num(errno as f64)]);
    }
    Ok(Out::List(items))
  };
  super::fs::run(scope, &args, 6, &mut rv, Some(pinned), job);
  report_memory(scope, id);
}

/// `params(id, level, strategy)` -> zlib's return code (deflate streams only).
fn params<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let level = int_arg(scope, &args, 1);
  let strategy = int_arg(scope, &args, 2);
  let code = (|| {
    let Some(shared) = stream(id) else { return z::Z_STREAM_ERROR };
    let mut guard = lock(&shared);
    let s = &mut *guard;
    if !s.is_deflate() {
      return z::Z_OK;
    }
    let Engine::Zlib(strm) = &mut s.engine else { return z::Z_STREAM_ERROR };
    // deflateParams may deflate what is pending (with Z_BLOCK) and refuses a null
    // output pointer: give it an empty window, so it reports Z_BUF_ERROR as Node's
    // call does after its flush, instead of Z_STREAM_ERROR.
    let mut none = [0u8; 1];
    strm.next_out = none.as_mut_ptr();
    strm.avail_out = 0;
    // SAFETY: an initialized deflate stream; its output window is empty.
    let ret = unsafe { z::deflateParams(&mut **strm, level, strategy) };
    strm.next_out = std::ptr::null_mut();
    if ret == z::Z_OK {
      s.level = level;
      s.strategy = strategy;
    }
    ret
  })();
  report_memory(scope, id);
  rv.set_int32(code);
}

/// `reset(id)` -> true, or false when the library refused.
fn reset<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let ok = (|| {
    let Some(shared) = stream(id) else { return false };
    let mut guard = lock(&shared);
    let s = &mut *guard;
    let is_deflate = s.is_deflate();
    match &mut s.engine {
      Engine::Zlib(strm) => {
        // SAFETY: an initialized stream of the matching kind.
        let ret = unsafe {
          if is_deflate {
            z::deflateReset(&mut **strm)
          } else {
            z::inflateReset(&mut **strm)
          }
        };
        s.mode = s.initial_mode;
        s.gzip_id_bytes = 0;
        ret == z::Z_OK && set_initial_dictionary(s).is_ok()
      }
      Engine::BrotliEnc(_) => {
        // The encoder's parameters are fixed once it starts: a reset starts a new
        // encoder with the same ones.
        let Engine::BrotliEnc(enc) = &mut s.engine else { return false };
        let params = enc.params.clone();
        let mut fresh = Box::new(BrotliEncoderStateStruct::new(StandardAlloc::default()));
        fresh.params = params;
        s.engine = Engine::BrotliEnc(fresh);
        true
      }
      Engine::Unset => false,
      Engine::BrotliDec(..) => {
        s.engine = Engine::BrotliDec(Box::new(Decoder::new(StandardAlloc::default(), StandardAlloc::default(), StandardAlloc::default())), BrotliResult::NeedsMoreInput);
        true
      }
    }
  })();
  report_memory(scope, id);
  rv.set_bool(ok);
}

/// `close(id)`: frees the stream's native state.
fn close<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let s = STREAMS.with(|t| t.borrow_mut().remove(&id));
  if let Some(e) = s {
    // A write still running on the pool keeps the stream until it ends.
    let reported = e.reported;
    drop(e);
    if reported != 0 {
      scope.adjust_amount_of_external_allocated_memory(-reported);
    }
  }
}

/// `crc32(data, value)`: zlib's CRC-32 of `data` continuing from `value`.
fn crc32<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let start = args.get(1).uint32_value(scope).unwrap_or(0);
  // SAFETY: the pointer and length describe the argument's bytes.
  let crc = with_bytes(args.get(0), |b| {
    b.chunks(1 << 30).fold(start, |crc, part| unsafe { z::crc32(crc.into(), part.as_ptr(), part.len() as u32) } as u32)
  })
  .unwrap_or(start);
  rv.set_uint32(crc);
}
