//! Message passing between isolates and V8's structured clone (`ValueSerializer` /
//! `ValueDeserializer`).
//!
//! A message port is an entry of one process-wide table under a u64 id: its queue of
//! messages, its peer's id, and the event channel and op id of the thread that listens
//! on it (`bind`). Posting serializes the value in the sender's isolate into a
//! `Message` (V8's wire bytes, the backing stores of transferred ArrayBuffers, those of
//! SharedArrayBuffers, which are then shared and not copied, and the ids of transferred
//! ports), queues it on the peer and wakes the peer's loop; the receiving isolate
//! deserializes it when its loop delivers the wake-up. JS objects hold only port ids,
//! so no Rust pointer enters the heap (DESIGN.md rule 2). A `BroadcastChannel` is a
//! port without a peer in a named group: a post reaches every other member.
//!
//! The same serializer serves `v8.serialize` and `v8.Serializer`: there JS keeps the
//! buffer and each `writeValue`/`readValue` is one native call, with host objects
//! (Buffers and other views, as in Node) written and read by JS callbacks.
//!
//! This module must not touch the event loop beyond sending wake-ups on a thread's
//! event channel and keeping that thread's `op_refs` current.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, OpResult};

pub fn register(reg: &mut Registry) {
  reg.add("messaging.createChannel", create_channel);
  reg.add("messaging.post", post);
  reg.add("messaging.receive", receive);
  reg.add("messaging.bind", bind);
  reg.add("messaging.unbind", unbind);
  reg.add("messaging.close", close);
  reg.add("messaging.peerGone", peer_gone);
  reg.add("messaging.broadcastJoin", broadcast_join);
  reg.add("messaging.broadcast", broadcast);
  reg.add("messaging.writeValue", write_value);
  reg.add("messaging.readValue", read_value);
  reg.add("messaging.wireHeader", wire_header);
  reg.add("messaging.markPort", mark_port);
  reg.add("messaging.setTransferMode", set_transfer_mode);
  reg.add("messaging.transferMode", transfer_mode);
  reg.add("messaging.queued", queued);
  reg.add("messaging.inboxSet", inbox_set);
  reg.add("messaging.inboxDelete", inbox_delete);
  reg.add("messaging.inboxGet", inbox_get);
  reg.add("messaging.peerOf", peer_of);
}

/// `queued(portId)`: how many messages wait on the port.
fn queued<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let n = PORTS.lock().unwrap().get(&id).map_or(0, |p| p.queue.len());
  rv.set_uint32(n as u32);
}

/// The private key that marks MessagePort objects: the serializer treats every marked
/// object as a host object (written by index when transferred, refused otherwise).
fn port_marker<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = v8::String::new(scope, "amber.MessagePort").unwrap();
  v8::Private::for_api(scope, Some(name))
}

fn mark_port<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  if let Ok(obj) = v8::Local::<v8::Object>::try_from(args.get(0)) {
    let key = port_marker(scope);
    let t = v8::Boolean::new(scope, true).into();
    obj.set_private(scope, key, t);
  }
}

/// The private key holding an object's transfer mode (`markTransferMode`,
/// lib/internal/worker/js_transferable.js): such objects are host objects too, written as
/// the `deserializeInfo` and data their `kClone`/`kTransfer` method gives.
fn transfer_marker<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = v8::String::new(scope, "amber.transferMode").unwrap();
  v8::Private::for_api(scope, Some(name))
}

/// `setTransferMode(object, mode)`.
fn set_transfer_mode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  if let Ok(obj) = v8::Local::<v8::Object>::try_from(args.get(0)) {
    let key = transfer_marker(scope);
    obj.set_private(scope, key, args.get(1));
  }
}

/// `transferMode(object)` → the mode, or undefined.
fn transfer_mode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  if let Ok(obj) = v8::Local::<v8::Object>::try_from(args.get(0)) {
    let key = transfer_marker(scope);
    if obj.has_private(scope, key).unwrap_or(false) {
      if let Some(v) = obj.get_private(scope, key) {
        rv.set(v);
      }
    }
  }
}

/// Written in place of a port index before a JS transferable's record.
const JS_TRANSFERABLE: u32 = u32::MAX;

/// A V8 backing store sent to another thread. V8 backing stores are reference counted
/// with atomic counts and may be used from any isolate.
#[derive(Clone)]
pub struct Store(pub v8::SharedRef<v8::BackingStore>);
// SAFETY: see above; the `v8` crate leaves `BackingStore` !Sync only conservatively.
unsafe impl Send for Store {}

/// One posted message.
#[derive(Clone)]
pub struct Message {
  pub data: Vec<u8>,
  /// Transferred ArrayBuffers, by transfer id (detached in the sender).
  pub buffers: Vec<Store>,
  /// SharedArrayBuffers, by the id the serializer gave them.
  pub shared: Vec<Store>,
  /// Transferred ports, by host-object index.
  pub ports: Vec<u64>,
  /// WebAssembly modules, shared compiled code (as V8 lets isolates share it).
  pub wasm: Vec<std::sync::Arc<v8::CompiledWasmModule>>,
}

struct Port {
  queue: VecDeque<Message>,
  peer: Option<u64>,
  /// The peer closed (or its thread ended): the owner emits 'close'.
  peer_gone: bool,
  /// Where a new message is announced: the owning thread's event channel and op id.
  wake: Option<(tokio::sync::mpsc::UnboundedSender<(u32, OpResult)>, u32)>,
  /// Thread that owns the port (0 = main thread); `u32::MAX` while in transit.
  owner: u32,
  group: Option<String>,
}

static PORTS: LazyLock<Mutex<HashMap<u64, Port>>> = LazyLock::new(Default::default);
static NEXT_PORT: AtomicU64 = AtomicU64::new(1);

fn new_port(owner: u32, peer: Option<u64>, group: Option<String>) -> Port {
  Port { queue: VecDeque::new(), peer, peer_gone: false, wake: None, owner, group }
}

fn wake(port: &Port) {
  if let Some((tx, op)) = &port.wake {
    let _ = tx.send((*op, OpResult::Signal));
  }
}

/// A new channel of two ports owned by `owner`.
pub fn channel(owner: u32) -> (u64, u64) {
  let a = NEXT_PORT.fetch_add(1, Ordering::Relaxed);
  let b = NEXT_PORT.fetch_add(1, Ordering::Relaxed);
  let mut ports = PORTS.lock().unwrap();
  ports.insert(a, new_port(owner, Some(b), None));
  ports.insert(b, new_port(owner, Some(a), None));
  (a, b)
}

/// Closes `id`: its queue is dropped and its peer learns it is gone.
pub fn close_port(id: u64) {
  let mut ports = PORTS.lock().unwrap();
  let Some(port) = ports.remove(&id) else { return };
  if let Some(peer) = port.peer.and_then(|p| ports.get_mut(&p)) {
    peer.peer = None;
    peer.peer_gone = true;
    wake(peer);
  }
}

/// Closes every port a thread owns: its isolate is gone.
pub fn close_owned(owner: u32) {
  let ids: Vec<u64> = PORTS.lock().unwrap().iter().filter(|(_, p)| p.owner == owner).map(|(id, _)| *id).collect();
  for id in ids {
    close_port(id);
  }
}

fn port_id(scope: &mut v8::PinScope, v: v8::Local<v8::Value>) -> u64 {
  v.number_value(scope).unwrap_or(0.0) as u64
}

fn thread_id(scope: &mut v8::PinScope) -> u32 {
  state(scope).borrow().thread_id
}

fn create_channel<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let (a, b) = channel(thread_id(scope));
  let a = v8::Number::new(scope, a as f64).into();
  let b = v8::Number::new(scope, b as f64).into();
  rv.set(v8::Array::new_with_elements(scope, &[a, b]).into());
}

// ---- serialization ---------------------------------------------------------------

/// The serializer's delegate. In message mode `ports` are the MessagePort objects of
/// the transfer list (written as host objects by index) and SharedArrayBuffers are
/// collected; in `v8.Serializer` mode `callbacks.host(view)` returns the bytes of a
/// host object and `callbacks.sab(sab)` its id. `callbacks.error(message)` makes the
/// error a failed clone throws.
struct SerDelegate {
  callbacks: v8::Global<v8::Object>,
  ports: Vec<v8::Global<v8::Object>>,
  message_mode: bool,
  shared: RefCell<Vec<(v8::Global<v8::SharedArrayBuffer>, Store)>>,
  wasm: RefCell<Vec<std::sync::Arc<v8::CompiledWasmModule>>>,
}

fn callback<'s>(scope: &mut v8::PinScope<'s, '_>, obj: &v8::Global<v8::Object>, name: &str) -> Option<v8::Local<'s, v8::Function>> {
  let obj = v8::Local::new(scope, obj);
  let key = v8::String::new(scope, name)?;
  let f = obj.get(scope, key.into())?;
  v8::Local::<v8::Function>::try_from(f).ok()
}

impl v8::ValueSerializerImpl for SerDelegate {
  fn throw_data_clone_error<'s>(&self, scope: &mut v8::PinScope<'s, '_>, message: v8::Local<'s, v8::String>) {
    let err = match callback(scope, &self.callbacks, "error") {
      Some(f) => {
        let recv = v8::undefined(scope).into();
        f.call(scope, recv, &[message.into()])
      }
      None => None,
    };
    let err = err.unwrap_or_else(|| v8::Exception::error(scope, message));
    scope.throw_exception(err);
  }

  fn has_custom_host_object(&self, _isolate: &v8::Isolate) -> bool {
    self.message_mode
  }

  fn is_host_object<'s>(&self, scope: &mut v8::PinScope<'s, '_>, object: v8::Local<'s, v8::Object>) -> Option<bool> {
    let key = port_marker(scope);
    if object.has_private(scope, key).unwrap_or(false) {
      return Some(true);
    }
    let key = transfer_marker(scope);
    Some(object.has_private(scope, key).unwrap_or(false))
  }

  fn write_host_object<'s>(&self, scope: &mut v8::PinScope<'s, '_>, object: v8::Local<'s, v8::Object>, ser: &dyn v8::ValueSerializerHelper) -> Option<bool> {
    if let Some(i) = self.ports.iter().position(|p| v8::Local::new(scope, p).strict_equals(object.into())) {
      ser.write_uint32(i as u32);
      return Some(true);
    }
    let marker = transfer_marker(scope);
    if self.message_mode && object.has_private(scope, marker).unwrap_or(false) {
      // A JS transferable: `callbacks.transferable(object)` gives `[deserializeInfo,
      // data]` (or throws DataCloneError); the data is written in place, after the info.
      let f = callback(scope, &self.callbacks, "transferable")?;
      let recv = v8::undefined(scope).into();
      let record = f.call(scope, recv, &[object.into()])?;
      let record = v8::Local::<v8::Array>::try_from(record).ok()?;
      let info = record.get_index(scope, 0)?.to_rust_string_lossy(scope);
      let data = record.get_index(scope, 1)?;
      ser.write_uint32(JS_TRANSFERABLE);
      ser.write_uint32(info.len() as u32);
      ser.write_raw_bytes(info.as_bytes());
      let ctx = scope.get_current_context();
      return ser.write_value(ctx, data);
    }
    if self.message_mode {
      // A port that is not in the transfer list.
      let f = callback(scope, &self.callbacks, "missing")?;
      let recv = v8::undefined(scope).into();
      let err = f.call(scope, recv, &[])?;
      scope.throw_exception(err);
      return None;
    }
    let f = callback(scope, &self.callbacks, "host")?;
    let recv = v8::undefined(scope).into();
    let bytes = f.call(scope, recv, &[object.into()])?;
    with_bytes(bytes, |b| ser.write_raw_bytes(b))?;
    Some(true)
  }

  fn get_shared_array_buffer_id<'s>(&self, scope: &mut v8::PinScope<'s, '_>, sab: v8::Local<'s, v8::SharedArrayBuffer>) -> Option<u32> {
    if self.message_mode {
      let mut shared = self.shared.borrow_mut();
      if let Some(i) = shared.iter().position(|(g, _)| v8::Local::new(scope, g) == sab) {
        return Some(i as u32);
      }
      shared.push((v8::Global::new(scope, sab), Store(sab.get_backing_store())));
      return Some(shared.len() as u32 - 1);
    }
    let id = match callback(scope, &self.callbacks, "sab") {
      Some(f) => {
        let recv = v8::undefined(scope).into();
        f.call(scope, recv, &[sab.into()])?
      }
      None => {
        let msg = new_string(scope, "#<SharedArrayBuffer> could not be cloned.");
        self.throw_data_clone_error(scope, msg);
        return None;
      }
    };
    id.uint32_value(scope)
  }

  fn get_wasm_module_transfer_id(&self, scope: &mut v8::PinScope<'_, '_>, module: v8::Local<v8::WasmModuleObject>) -> Option<u32> {
    if !self.message_mode {
      let msg = new_string(scope, "#<Module> could not be cloned.");
      self.throw_data_clone_error(scope, msg);
      return None;
    }
    let mut wasm = self.wasm.borrow_mut();
    wasm.push(std::sync::Arc::new(module.get_compiled_module()));
    Some(wasm.len() as u32 - 1)
  }
}

fn array_items<'s>(scope: &mut v8::PinScope<'s, '_>, v: v8::Local<'s, v8::Value>) -> Vec<v8::Local<'s, v8::Value>> {
  let Ok(arr) = v8::Local::<v8::Array>::try_from(v) else { return Vec::new() };
  (0..arr.length()).filter_map(|i| arr.get_index(scope, i)).collect()
}

/// Serializes `value` with a header. `buffers` are transferred (detached afterwards,
/// their stores returned); `ports` are MessagePort objects written by index.
fn serialize_message(
  scope: &mut v8::PinScope,
  value: v8::Local<v8::Value>,
  buffers: Vec<v8::Local<v8::Value>>,
  ports: Vec<v8::Local<v8::Value>>,
  callbacks: v8::Local<v8::Value>,
) -> Option<Message> {
  let callbacks = v8::Local::<v8::Object>::try_from(callbacks).unwrap_or_else(|_| v8::Object::new(scope));
  let mut abs = Vec::new();
  for b in &buffers {
    match v8::Local::<v8::ArrayBuffer>::try_from(*b) {
      Ok(ab) => abs.push(ab),
      Err(_) => {
        throw_type_error(scope, "Found invalid value in transferList.");
        return None;
      }
    }
  }
  let delegate = SerDelegate {
    callbacks: v8::Global::new(scope, callbacks),
    ports: ports.iter().filter_map(|p| v8::Local::<v8::Object>::try_from(*p).ok()).map(|p| v8::Global::new(scope, p)).collect(),
    message_mode: true,
    shared: RefCell::new(Vec::new()),
    wasm: RefCell::new(Vec::new()),
  };
  let ser = v8::ValueSerializer::new(scope, Box::new(delegate));
  use v8::ValueSerializerHelper;
  ser.write_header();
  for (i, ab) in abs.iter().enumerate() {
    ser.transfer_array_buffer(i as u32, *ab);
  }
  let ctx = scope.get_current_context();
  ser.write_value(ctx, value)?;
  let data = ser.release();
  let mut stores = Vec::new();
  for ab in &abs {
    stores.push(Store(ab.get_backing_store()));
    if ab.is_detachable() {
      ab.detach(None);
    }
  }
  // The delegate lives inside the serializer: its drop hands the shared stores back.
  let (shared, wasm) = take_shared(ser);
  Some(Message { data, buffers: stores, shared, ports: Vec::new(), wasm })
}

impl Drop for DeDelegate {
  fn drop(&mut self) {
    let buffers = std::mem::take(&mut *self.buffers.borrow_mut());
    BUFFERS_OUT.with(|b| *b.borrow_mut() = buffers);
    let transferables = std::mem::take(&mut *self.transferables.borrow_mut());
    TRANSFERABLES_OUT.with(|t| *t.borrow_mut() = transferables);
  }
}

thread_local! {
  static BUFFERS_OUT: RefCell<Vec<v8::Global<v8::Object>>> = const { RefCell::new(Vec::new()) };
  /// The JS transferables a message deserializer read, `[object, deserializeInfo, data]`.
  static TRANSFERABLES_OUT: RefCell<Vec<v8::Global<v8::Array>>> = const { RefCell::new(Vec::new()) };
  static SHARED_OUT: RefCell<(Vec<Store>, Vec<std::sync::Arc<v8::CompiledWasmModule>>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// The SharedArrayBuffer stores and WebAssembly modules a message serializer collected.
fn take_shared(ser: v8::ValueSerializer) -> (Vec<Store>, Vec<std::sync::Arc<v8::CompiledWasmModule>>) {
  drop(ser);
  SHARED_OUT.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

impl Drop for SerDelegate {
  fn drop(&mut self) {
    let shared: Vec<Store> = self.shared.borrow_mut().drain(..).map(|(_, s)| s).collect();
    let wasm = std::mem::take(&mut *self.wasm.borrow_mut());
    SHARED_OUT.with(|s| *s.borrow_mut() = (shared, wasm));
  }
}

struct DeDelegate {
  callbacks: Option<v8::Global<v8::Object>>,
  ports: Vec<v8::Global<v8::Object>>,
  shared: Vec<Store>,
  wasm: Vec<std::sync::Arc<v8::CompiledWasmModule>>,
  /// `v8.Deserializer` mode: SharedArrayBuffers given to `transferArrayBuffer`.
  js_shared: Vec<(u32, v8::Global<v8::SharedArrayBuffer>)>,
  /// Host objects read as Buffers (`v8.Deserializer` mode).
  buffers: RefCell<Vec<v8::Global<v8::Object>>>,
  /// Message mode: the JS transferables read, `[object, deserializeInfo, data]`.
  transferables: RefCell<Vec<v8::Global<v8::Array>>>,
  /// `v8.Deserializer` mode: the input's ArrayBuffer and the offset in it of the byte
  /// at `base` (where V8's copy of the data starts, after the header).
  input: Option<(v8::Global<v8::ArrayBuffer>, usize)>,
  base: usize,
}

impl v8::ValueDeserializerImpl for DeDelegate {
  fn read_host_object<'s>(&self, scope: &mut v8::PinScope<'s, '_>, de: &dyn v8::ValueDeserializerHelper) -> Option<v8::Local<'s, v8::Object>> {
    let Some(callbacks) = &self.callbacks else {
      let mut i = 0u32;
      if !de.read_uint32(&mut i) {
        throw_error(scope, "Unable to deserialize cloned data.");
        return None;
      }
      if i == JS_TRANSFERABLE {
        // No JS runs here: the object is made plain, with its info and data, and
        // becomes an instance of its class afterwards (`finishTransferables` in JS).
        let mut len = 0u32;
        if !de.read_uint32(&mut len) {
          throw_error(scope, "Unable to deserialize cloned data.");
          return None;
        }
        let Some(info) = de.read_raw_bytes(len as usize).map(|b| String::from_utf8_lossy(b).into_owned()) else {
          throw_error(scope, "Unable to deserialize cloned data.");
          return None;
        };
        let obj = v8::Object::new(scope);
        let ctx = scope.get_current_context();
        let data = de.read_value(ctx)?;
        let info = new_string(scope, &info).into();
        let record = v8::Array::new_with_elements(scope, &[obj.into(), info, data]);
        self.transferables.borrow_mut().push(v8::Global::new(scope, record));
        return Some(obj);
      }
      return match self.ports.get(i as usize) {
        Some(p) => Some(v8::Local::new(scope, p)),
        None => {
          throw_error(scope, "Unable to deserialize cloned data.");
          None
        }
      };
    };
    let _ = callbacks;
    // V8 runs no JS while it reads a value (ReadObject holds a DisallowJavascriptExecution
    // scope), so `_readHostObject` cannot be called from here: host objects are read in
    // DefaultSerializer's layout (type tag, byte length, bytes), the only one amber's
    // `v8.Deserializer` supports. Buffers (tag 10) are made Uint8Arrays here and given
    // Buffer's prototype by JS afterwards.
    let (mut tag, mut len) = (0u32, 0u32);
    if !de.read_uint32(&mut tag) || !de.read_uint32(&mut len) {
      throw_error(scope, "Unable to deserialize cloned data.");
      return None;
    }
    let len = len as usize;
    let Some(start) = de.read_raw_bytes(0).map(|b| b.as_ptr() as usize) else { return None };
    let Some(bytes) = de.read_raw_bytes(len).map(|b| b.to_vec()) else {
      throw_error(scope, "Unable to deserialize cloned data.");
      return None;
    };
    let size = match tag {
      3 | 4 => 2,
      5..=7 => 4,
      8 | 11 | 12 => 8,
      _ => 1,
    };
    // As Node: a view of the input's own memory when aligned, else of a copy.
    let at = self.input.as_ref().map(|(ab, offset)| (v8::Local::new(scope, ab), offset + (start - self.base)));
    let (ab, off) = match at {
      Some((ab, off)) if off % size == 0 => (ab, off),
      _ => {
        let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
        (v8::ArrayBuffer::with_backing_store(scope, &store), 0)
      }
    };
    let n = if len % size == 0 { Some(len / size) } else { None };
    let view: Option<v8::Local<v8::Object>> = match tag {
      0 => v8::Int8Array::new(scope, ab, off, len).map(Into::into),
      1 | 10 => v8::Uint8Array::new(scope, ab, off, len).map(Into::into),
      2 => v8::Uint8ClampedArray::new(scope, ab, off, len).map(Into::into),
      3 => n.and_then(|n| v8::Int16Array::new(scope, ab, off, n)).map(Into::into),
      4 => n.and_then(|n| v8::Uint16Array::new(scope, ab, off, n)).map(Into::into),
      5 => n.and_then(|n| v8::Int32Array::new(scope, ab, off, n)).map(Into::into),
      6 => n.and_then(|n| v8::Uint32Array::new(scope, ab, off, n)).map(Into::into),
      7 => n.and_then(|n| v8::Float32Array::new(scope, ab, off, n)).map(Into::into),
      8 => n.and_then(|n| v8::Float64Array::new(scope, ab, off, n)).map(Into::into),
      9 => Some(v8::DataView::new(scope, ab, off, len).into()),
      11 => n.and_then(|n| v8::BigInt64Array::new(scope, ab, off, n)).map(Into::into),
      12 => n.and_then(|n| v8::BigUint64Array::new(scope, ab, off, n)).map(Into::into),
      _ => None,
    };
    let Some(view) = view else {
      throw_error(scope, "Unable to deserialize cloned data.");
      return None;
    };
    if tag == 10 {
      self.buffers.borrow_mut().push(v8::Global::new(scope, view));
    }
    Some(view)
  }

  fn get_shared_array_buffer_from_id<'s>(&self, scope: &mut v8::PinScope<'s, '_>, id: u32) -> Option<v8::Local<'s, v8::SharedArrayBuffer>> {
    if let Some(s) = self.shared.get(id as usize) {
      return Some(v8::SharedArrayBuffer::with_backing_store(scope, &s.0));
    }
    if let Some((_, g)) = self.js_shared.iter().find(|(i, _)| *i == id) {
      return Some(v8::Local::new(scope, g));
    }
    throw_error(scope, "Unable to deserialize cloned data.");
    None
  }

  fn get_wasm_module_from_id<'s>(&self, scope: &mut v8::PinScope<'s, '_>, id: u32) -> Option<v8::Local<'s, v8::WasmModuleObject>> {
    match self.wasm.get(id as usize) {
      Some(m) => v8::WasmModuleObject::from_compiled_module(scope, m),
      None => {
        throw_error(scope, "Unable to deserialize cloned data.");
        None
      }
    }
  }
}

/// Deserializes a message; transferred ports become objects made by `make_port(id)`.
fn deserialize_message<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  msg: Message,
  make_port: v8::Local<'s, v8::Value>,
) -> Option<(v8::Local<'s, v8::Value>, v8::Local<'s, v8::Array>, Option<v8::Local<'s, v8::Array>>)> {
  let mut ports = Vec::new();
  if !msg.ports.is_empty() {
    let f = v8::Local::<v8::Function>::try_from(make_port).ok()?;
    let mut owners = PORTS.lock().unwrap();
    let me = thread_id(scope);
    for id in &msg.ports {
      if let Some(p) = owners.get_mut(id) {
        p.owner = me;
      }
    }
    drop(owners);
    for id in &msg.ports {
      let recv = v8::undefined(scope).into();
      let arg = v8::Number::new(scope, *id as f64).into();
      let obj = f.call(scope, recv, &[arg])?;
      ports.push(v8::Local::<v8::Object>::try_from(obj).ok()?);
    }
  }
  let delegate = DeDelegate {
    callbacks: None,
    ports: ports.iter().map(|p| v8::Global::new(scope, *p)).collect(),
    shared: msg.shared,
    wasm: msg.wasm,
    js_shared: Vec::new(),
    buffers: RefCell::new(Vec::new()),
    transferables: RefCell::new(Vec::new()),
    input: None,
    base: 0,
  };
  let de = v8::ValueDeserializer::new(scope, Box::new(delegate), &msg.data);
  let ctx = scope.get_current_context();
  use v8::ValueDeserializerHelper;
  de.read_header(ctx)?;
  for (i, s) in msg.buffers.iter().enumerate() {
    let ab = v8::ArrayBuffer::with_backing_store(scope, &s.0);
    de.transfer_array_buffer(i as u32, ab);
  }
  let value = de.read_value(ctx);
  // The delegate hands its JS transferables over as it drops.
  drop(de);
  let transferables = TRANSFERABLES_OUT.with(|t| std::mem::take(&mut *t.borrow_mut()));
  let value = value?;
  let port_values: Vec<v8::Local<v8::Value>> = ports.iter().map(|p| (*p).into()).collect();
  let transferables = if transferables.is_empty() {
    None
  } else {
    let items: Vec<v8::Local<v8::Value>> = transferables.iter().map(|t| v8::Local::new(scope, t).into()).collect();
    Some(v8::Array::new_with_elements(scope, &items))
  };
  Some((value, v8::Array::new_with_elements(scope, &port_values), transferables))
}

fn enqueue(from: u64, msg: Message) {
  let mut ports = PORTS.lock().unwrap();
  let Some(peer) = ports.get(&from).and_then(|p| p.peer) else { return };
  if let Some(p) = ports.get_mut(&peer) {
    p.queue.push_back(msg);
    wake(p);
  }
}

/// Takes transferred ports away from this thread: they are in transit until received.
fn detach_ports(scope: &mut v8::PinScope, ids: &[u64]) {
  let st = state(scope);
  let mut ports = PORTS.lock().unwrap();
  for id in ids {
    if let Some(p) = ports.get_mut(id) {
      if let Some((_, op)) = p.wake.take() {
        st.borrow_mut().op_refs.remove(&op);
      }
      p.owner = u32::MAX;
    }
  }
}

/// `post(portId, value, transferBuffers, transferPorts, transferPortIds, callbacks)`.
fn post<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let buffers = array_items(scope, args.get(2));
  let ports = array_items(scope, args.get(3));
  let ids: Vec<u64> = array_items(scope, args.get(4)).into_iter().map(|v| port_id(scope, v)).collect();
  let Some(mut msg) = serialize_message(scope, args.get(1), buffers, ports, args.get(5)) else { return };
  detach_ports(scope, &ids);
  msg.ports = ids;
  enqueue(id, msg);
}

/// `receive(portId, makePort)`: the next message as `[value, ports]` (and its JS
/// transferables' records, third, when it has some), or undefined.
fn receive<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let msg = PORTS.lock().unwrap().get_mut(&id).and_then(|p| p.queue.pop_front());
  let Some(msg) = msg else { return };
  if let Some((value, ports, transferables)) = deserialize_message(scope, msg, args.get(1)) {
    let mut items = vec![value, ports.into()];
    items.extend(transferables.map(Into::<v8::Local<v8::Value>>::into));
    rv.set(v8::Array::new_with_elements(scope, &items).into());
  }
}

/// `bind(portId, opId, refed)`: announce messages (and the peer's close) to this thread.
fn bind<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let op = args.get(1).uint32_value(scope).unwrap_or(0);
  let refed = args.get(2).boolean_value(scope);
  let st = state(scope);
  let (tx, me) = {
    let s = st.borrow();
    (s.events_tx.clone(), s.thread_id)
  };
  let mut ports = PORTS.lock().unwrap();
  let Some(p) = ports.get_mut(&id) else { return };
  p.wake = Some((tx, op));
  p.owner = me;
  st.borrow_mut().op_refs.insert(op, refed);
  if !p.queue.is_empty() || p.peer_gone {
    wake(p);
  }
}

/// `unbind(portId)`: messages stay queued, unannounced (`port.stop`-like, and before a
/// port is transferred).
fn unbind<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let op = PORTS.lock().unwrap().get_mut(&id).and_then(|p| p.wake.take()).map(|(_, op)| op);
  if let Some(op) = op {
    state(scope).borrow_mut().op_refs.remove(&op);
  }
}

fn close<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let op = PORTS.lock().unwrap().get_mut(&id).and_then(|p| p.wake.take()).map(|(_, op)| op);
  if let Some(op) = op {
    state(scope).borrow_mut().op_refs.remove(&op);
  }
  close_port(id);
}

/// `peerGone(portId)`: true once the other end closed, or when the port is unknown.
fn peer_gone<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let gone = PORTS.lock().unwrap().get(&id).is_none_or(|p| p.peer_gone && p.queue.is_empty());
  rv.set_bool(gone);
}

fn broadcast_join<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let name = string_arg(scope, &args, 0);
  let id = NEXT_PORT.fetch_add(1, Ordering::Relaxed);
  let me = thread_id(scope);
  PORTS.lock().unwrap().insert(id, new_port(me, None, Some(name)));
  rv.set_double(id as f64);
}

/// `broadcast(portId, value, callbacks)`: to every other member of the port's group.
fn broadcast<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let Some(msg) = serialize_message(scope, args.get(1), Vec::new(), Vec::new(), args.get(2)) else { return };
  let mut ports = PORTS.lock().unwrap();
  let Some(group) = ports.get(&id).and_then(|p| p.group.clone()) else { return };
  for (other, p) in ports.iter_mut() {
    if *other != id && p.group.as_deref() == Some(group.as_str()) {
      p.queue.push_back(msg.clone());
      wake(p);
    }
  }
}

// ---- v8.Serializer / v8.Deserializer ----------------------------------------------

/// `writeValue(value, callbacks, transferIds, transferBuffers, viewsAsHost)`: V8's
/// bytes for `value` (no header), to append to the JS serializer's buffer.
fn write_value<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let callbacks = v8::Local::<v8::Object>::try_from(args.get(1)).unwrap_or_else(|_| v8::Object::new(scope));
  let ids = array_items(scope, args.get(2));
  let buffers = array_items(scope, args.get(3));
  let delegate = SerDelegate { callbacks: v8::Global::new(scope, callbacks), ports: Vec::new(), message_mode: false, shared: RefCell::new(Vec::new()), wasm: RefCell::new(Vec::new()) };
  let ser = v8::ValueSerializer::new(scope, Box::new(delegate));
  use v8::ValueSerializerHelper;
  ser.set_treat_array_buffer_views_as_host_objects(args.get(4).boolean_value(scope));
  for (id, b) in ids.iter().zip(buffers.iter()) {
    if let (Some(id), Ok(ab)) = (id.uint32_value(scope), v8::Local::<v8::ArrayBuffer>::try_from(*b)) {
      ser.transfer_array_buffer(id, ab);
    }
  }
  let ctx = scope.get_current_context();
  if ser.write_value(ctx, args.get(0)).is_none() {
    return;
  }
  let bytes = ser.release();
  rv.set(bytes_to_uint8array(scope, bytes).into());
}

/// The header V8 writes (0xFF, wire format version).
fn wire_header<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let callbacks = v8::Object::new(scope);
  let delegate = SerDelegate { callbacks: v8::Global::new(scope, callbacks), ports: Vec::new(), message_mode: false, shared: RefCell::new(Vec::new()), wasm: RefCell::new(Vec::new()) };
  let ser = v8::ValueSerializer::new(scope, Box::new(delegate));
  use v8::ValueSerializerHelper;
  ser.write_header();
  let bytes = ser.release();
  rv.set(bytes_to_uint8array(scope, bytes).into());
}

/// `readValue(buffer, offset, version, callbacks, transferIds, transferBuffers)`:
/// `[value, newOffset, buffersToFix]` for the value at `offset` of a buffer in wire format `version`.
fn read_value<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let offset = args.get(1).uint32_value(scope).unwrap_or(0) as usize;
  let version = args.get(2).uint32_value(scope).unwrap_or(15);
  let Some(bytes) = bytes_arg(args.get(0)) else {
    return throw_type_error(scope, "buffer must be a TypedArray or a DataView");
  };
  if offset > bytes.len() || version > 255 {
    return throw_error(scope, "Unable to deserialize cloned data.");
  }
  // V8 learns the wire format from a header: give it one in front of the rest.
  let mut data = vec![0xFF, version as u8];
  data.extend_from_slice(&bytes[offset..]);
  let callbacks = v8::Local::<v8::Object>::try_from(args.get(3)).ok().map(|c| v8::Global::new(scope, c));
  let ids = array_items(scope, args.get(4));
  let buffers = array_items(scope, args.get(5));
  let mut js_shared = Vec::new();
  let mut abs = Vec::new();
  for (id, b) in ids.iter().zip(buffers.iter()) {
    let Some(id) = id.uint32_value(scope) else { continue };
    if let Ok(sab) = v8::Local::<v8::SharedArrayBuffer>::try_from(*b) {
      js_shared.push((id, v8::Global::new(scope, sab)));
    } else if let Ok(ab) = v8::Local::<v8::ArrayBuffer>::try_from(*b) {
      abs.push((id, ab));
    }
  }
  let base = data.as_ptr() as usize + 2;
  let input = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)).ok().and_then(|view| {
    let ab = view.buffer(scope)?;
    Some((v8::Global::new(scope, ab), view.byte_offset() + offset))
  });
  let delegate = DeDelegate {
    callbacks: callbacks.or_else(|| Some(v8::Global::new(scope, v8::Object::new(scope)))),
    ports: Vec::new(),
    shared: Vec::new(),
    wasm: Vec::new(),
    js_shared,
    buffers: RefCell::new(Vec::new()),
    transferables: RefCell::new(Vec::new()),
    input,
    base,
  };
  let de = v8::ValueDeserializer::new(scope, Box::new(delegate), &data);
  use v8::ValueDeserializerHelper;
  let ctx = scope.get_current_context();
  if de.read_header(ctx).is_none() {
    return;
  }
  for (id, ab) in abs {
    de.transfer_array_buffer(id, ab);
  }
  let Some(value) = de.read_value(ctx) else { return };
  let end = de.read_raw_bytes(0).map(|s| s.as_ptr() as usize - base + offset).unwrap_or(bytes.len());
  let end = v8::Number::new(scope, end as f64).into();
  // The delegate hands the Buffers it made over when it is dropped.
  drop(de);
  let buffers: Vec<v8::Local<v8::Value>> = BUFFERS_OUT.with(|b| std::mem::take(&mut *b.borrow_mut())).iter().map(|g| v8::Local::new(scope, g).into()).collect();
  let buffers = v8::Array::new_with_elements(scope, &buffers).into();
  rv.set(v8::Array::new_with_elements(scope, &[value, end, buffers]).into());
}

// ---- thread inboxes (worker_threads.postMessageToThread) --------------------------
// Each thread's inbox is a channel: the thread listens on one end; the other end, whose
// id is registered here under the thread id, is what any thread posts through.

static INBOXES: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default);

/// `inboxSet(threadId, portId)`.
fn inbox_set<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let thread = port_id(scope, args.get(0));
  let id = port_id(scope, args.get(1));
  INBOXES.lock().unwrap().insert(thread, id);
}

/// `inboxDelete(threadId)`.
fn inbox_delete<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let thread = port_id(scope, args.get(0));
  INBOXES.lock().unwrap().remove(&thread);
}

/// `inboxGet(threadId)` -> the port to post through, or -1 when the thread has no inbox
/// or nobody listens on it any more.
fn inbox_get<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let v = args.get(0);
  let thread = if v.is_number() && v.number_value(scope).is_some_and(|n| n >= 0.0 && n.fract() == 0.0) { Some(port_id(scope, v)) } else { None };
  let id = thread.and_then(|t| INBOXES.lock().unwrap().get(&t).copied());
  let live = id.filter(|id| PORTS.lock().unwrap().get(id).is_some_and(|p| p.peer.is_some()));
  rv.set_double(live.map_or(-1.0, |id| id as f64));
}

/// `peerOf(portId)` -> the id of the other end, or -1.
fn peer_of<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = port_id(scope, args.get(0));
  let peer = PORTS.lock().unwrap().get(&id).and_then(|p| p.peer);
  rv.set_double(peer.map_or(-1.0, |p| p as f64));
}
