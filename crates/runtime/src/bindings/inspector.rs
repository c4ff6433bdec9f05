//! The V8 inspector (`node:inspector`, `NODE_V8_COVERAGE`): rusty_v8's `v8::inspector`
//! over one `V8Inspector` per isolate, made on first use (a `Session`'s `connect()` or
//! coverage at start), never at plain startup.
//!
//! Sessions are in-process, as Node's `session.connect()`: a message is dispatched
//! synchronously, and everything V8 sends back (the response, and notifications, also
//! those caused later by running code: `Runtime.consoleAPICalled`, `Debugger.paused`,
//! `Debugger.scriptParsed`) is handed at once to the session's JS callback, from inside
//! V8 if need be, as Node's `JSBindingsConnection` does. A pause has no remote frontend
//! to wait for: `runMessageLoopOnPause` returns at once (Node does the same when only
//! same-thread sessions are connected), so a breakpoint reports `Debugger.paused` to the
//! session's listeners, which may inspect the paused frames synchronously, and resumes.
//!
//! Native state: the `V8Inspector`, its sessions and their callbacks live in an isolate
//! slot; JS holds only a session's u32 id. None of it may reach a snapshot: a build ends
//! coverage in `prepareSnapshot`, refuses a user session still connected (JS lists it
//! as a live resource), and `dispose` drops the inspector before the heap is
//! serialized.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use v8::inspector::{
  Channel, ChannelImpl, StringBuffer, StringView, V8Inspector, V8InspectorClient, V8InspectorClientImpl,
  V8InspectorClientTrustLevel, V8InspectorSession,
};

use super::helpers::*;
use crate::registry::Registry;

/// Node's context group for a thread's contexts.
const CONTEXT_GROUP_ID: i32 = 1;

pub fn register(reg: &mut Registry) {
  reg.add("inspector.connect", connect);
  reg.add("inspector.dispatch", dispatch);
  reg.add("inspector.disconnect", disconnect);
  reg.add("inspector.watchSigint", watch_sigint);
  reg.add("inspector.consoleCall", console_call);
  reg.add("inspector.claimCoverage", claim_coverage);
  reg.add("inspector.setConsoleActive", set_console_active);
  reg.add("inspector.open", open);
  reg.add("inspector.close", close);
  reg.add("inspector.url", url);
  reg.add("inspector.waitForDebugger", wait_for_debugger);
  reg.add("inspector.waitForDisconnect", wait_for_disconnect);
  reg.add("inspector.callAndPauseOnStart", call_and_pause_on_start);
  reg.add("inspector.sigintPending", sigint_pending);
}

/// The isolate slot: empty until the inspector is first needed.
#[derive(Default)]
struct Slot(Rc<RefCell<Inspector>>);

#[derive(Default)]
struct Inspector {
  // Field order: sessions end before the inspector they belong to.
  sessions: HashMap<u32, Rc<Session>>,
  /// Sessions disconnected while a dispatch was running: dropped when it returns.
  ended: Vec<Rc<Session>>,
  v8: Option<Rc<V8Inspector>>,
  next_id: u32,
  /// The `--inspect` server and its WebSocket sessions (inspector_server.rs).
  remote: Option<Remote>,
  /// Remote messages are being dispatched (no nested pump from an interrupt).
  pumping: bool,
  /// A client has yet to send `Runtime.runIfWaitingForDebugger` (`--inspect-brk`,
  /// `--inspect-wait`, `inspector.waitForDebugger()`).
  waiting_for_debugger: bool,
  /// Paused at a breakpoint with a remote session: the pause loop runs until V8 quits it.
  paused: bool,
  quit_pause: bool,
  /// What the inspector added to the main context when it was made: V8 gives the
  /// context's `console` a `createTask` whose native callback no snapshot can hold.
  installed: Option<Installed>,
}

struct Remote {
  server: super::inspector_server::Server,
  hub: Arc<super::inspector_server::Hub>,
  /// Connection id -> session id.
  connections: HashMap<u32, u32>,
}

struct Installed {
  context: v8::Global<v8::Context>,
  console: v8::Global<v8::Object>,
  /// The property before, if the console had one of its own.
  before: Option<v8::Global<v8::Value>>,
}

struct Session {
  v8: V8InspectorSession,
  shared: Rc<Shared>,
}

/// What a session's channel needs to reach JS: the isolate, the context the session
/// was connected in, and the JS function that receives each message.
struct Shared {
  isolate: v8::UnsafeRawIsolatePtr,
  context: RefCell<Option<v8::Global<v8::Context>>>,
  callback: RefCell<Option<v8::Global<v8::Function>>>,
  /// A WebSocket session's messages go to its connection instead of to JS.
  remote: Option<tokio::sync::mpsc::UnboundedSender<String>>,
  /// `NodeRuntime.notifyWhenWaitingForDisconnect`: told at exit instead of a
  /// `Runtime.executionContextDestroyed`.
  notify_disconnect: Cell<bool>,
}

thread_local! {
  /// Calls into V8's inspector in progress on this thread (dispatches, and messages being
  /// delivered to JS from inside V8): a session disconnected meanwhile is dropped only
  /// once V8 has returned from all of them.
  static BUSY: Cell<u32> = const { Cell::new(0) };
}

fn busy() -> bool {
  BUSY.with(|b| b.get() > 0)
}

struct BusyGuard;
impl BusyGuard {
  fn new() -> BusyGuard {
    BUSY.with(|b| b.set(b.get() + 1));
    BusyGuard
  }
}
impl Drop for BusyGuard {
  fn drop(&mut self) {
    BUSY.with(|b| b.set(b.get() - 1));
  }
}

/// Drops the sessions disconnected while V8 was busy, once it is not.
fn drop_ended(cell: &Rc<RefCell<Inspector>>) {
  if busy() {
    return;
  }
  let ended = std::mem::take(&mut cell.borrow_mut().ended);
  drop(ended);
}

/// The inspector's client: its main context is the one commands without a context id
/// (`Runtime.evaluate`) run in.
struct Client {
  isolate: v8::UnsafeRawIsolatePtr,
  context: v8::Global<v8::Context>,
  /// The inspector's state, for the pause loop (weak: the state owns the inspector).
  state: std::rc::Weak<RefCell<Inspector>>,
}

impl V8InspectorClientImpl for Client {
  fn ensure_default_context_in_group(&self, _context_group_id: i32) -> Option<v8::Local<'_, v8::Context>> {
    // SAFETY: V8 calls this on the isolate's thread, inside a handle scope of its own; a
    // handle to the global's cell is valid as long as the global (owned by self).
    let mut isolate = unsafe { v8::Isolate::from_raw_isolate_ptr(self.isolate) };
    let context: &v8::Context = unsafe { self.context.open(&mut isolate) };
    // SAFETY: a `Local` is a pointer to a handle cell, as `&Context` from `open` is.
    Some(unsafe { std::mem::transmute::<&v8::Context, v8::Local<'_, v8::Context>>(context) })
  }

  // Scripts compiled from files are reported with `file://` URLs (coverage, scriptParsed),
  // as Node does.
  fn resource_name_to_url(&self, resource_name: &StringView) -> Option<v8::UniquePtr<StringBuffer>> {
    let name = resource_name.to_string();
    if !name.starts_with('/') {
      return None;
    }
    let url = url::Url::from_file_path(&name).ok()?;
    Some(StringBuffer::create(StringView::from(url.as_str().as_bytes())))
  }

  // With only in-process sessions no frontend can resume a pause, so it returns at once,
  // as Node's does. With a WebSocket session connected the thread stays stopped here,
  // dispatching what the client sends, until V8 quits the loop (a resume or step) or
  // the last remote session goes.
  fn run_message_loop_on_pause(&self, _context_group_id: i32) {
    let Some(state) = self.state.upgrade() else { return };
    let Some(hub) = state.borrow().remote.as_ref().filter(|r| !r.connections.is_empty()).map(|r| r.hub.clone()) else { return };
    {
      let mut s = state.borrow_mut();
      if s.paused {
        return;
      }
      s.paused = true;
      s.quit_pause = false;
    }
    // SAFETY: V8 calls this on the isolate's thread, from inside the paused JS.
    let mut isolate = unsafe { v8::Isolate::from_raw_isolate_ptr(self.isolate) };
    loop {
      pump_remote(&mut isolate, &state, true);
      let s = state.borrow();
      if s.quit_pause || s.remote.as_ref().is_none_or(|r| r.connections.is_empty()) {
        break;
      }
      drop(s);
      hub.wait();
    }
    state.borrow_mut().paused = false;
  }
  fn quit_message_loop_on_pause(&self) {
    if let Some(state) = self.state.upgrade() {
      state.borrow_mut().quit_pause = true;
    }
  }
  fn run_if_waiting_for_debugger(&self, _context_group_id: i32) {
    if let Some(state) = self.state.upgrade() {
      state.borrow_mut().waiting_for_debugger = false;
    }
  }
}

struct ChannelToJs(Rc<Shared>);

impl ChannelImpl for ChannelToJs {
  fn send_response(&self, _call_id: i32, message: v8::UniquePtr<StringBuffer>) {
    self.0.deliver(message);
  }
  fn send_notification(&self, message: v8::UniquePtr<StringBuffer>) {
    self.0.deliver(message);
  }
  fn flush_protocol_notifications(&self) {}
}

impl Shared {
  /// Hands one protocol message to the session's JS callback, synchronously (or to its
  /// WebSocket connection).
  fn deliver(&self, message: v8::UniquePtr<StringBuffer>) {
    let Some(buffer) = message.as_ref() else { return };
    if let Some(out) = &self.remote {
      // A one-byte view is Latin-1 (Display maps it so), a two-byte one UTF-16.
      let _ = out.send(buffer.string().to_string());
      return;
    }
    let (Some(callback), Some(context)) = (self.callback.borrow().clone(), self.context.borrow().clone()) else { return };
    // SAFETY: V8 calls the channel on the isolate's own thread, inside a call into V8
    // made by this isolate's JS (a dispatch) or by code it runs (a console call, a
    // compile); the isolate outlives its inspector and so this channel.
    let mut isolate = unsafe { v8::Isolate::from_raw_isolate_ptr(self.isolate) };
    if isolate.is_execution_terminating() {
      return;
    }
    v8::scope!(let scope, &mut isolate);
    let context = v8::Local::new(scope, &context);
    let scope = &mut v8::ContextScope::new(scope, context);
    let view = buffer.string();
    let text = match (view.characters8(), view.characters16()) {
      (Some(bytes), _) => v8::String::new_from_utf8(scope, bytes, v8::NewStringType::Normal),
      (None, Some(units)) => v8::String::new_from_two_byte(scope, units, v8::NewStringType::Normal),
      _ => None,
    };
    let Some(text) = text else { return };
    let f = v8::Local::new(scope, &callback);
    let recv = v8::undefined(scope).into();
    let _busy = BusyGuard::new();
    v8::tc_scope!(let tc, scope);
    // The JS side turns a listener's exception into a warning (as Node does); anything
    // escaping that (termination) is not rethrown into V8's inspector.
    f.call(tc, recv, &[text.into()]);
  }
}

fn slot(isolate: &mut v8::Isolate) -> Rc<RefCell<Inspector>> {
  if isolate.get_slot::<Slot>().is_none() {
    isolate.set_slot(Slot::default());
  }
  isolate.get_slot::<Slot>().unwrap().0.clone()
}

/// The isolate's inspector, made (and its main context registered under `name`) on
/// first use.
fn inspector(scope: &mut v8::PinScope, name: &str) -> Rc<V8Inspector> {
  let cell = slot(scope);
  if let Some(v8) = cell.borrow().v8.clone() {
    return v8;
  }
  // Functions run in their own context: a binding function's is the main context.
  let context = scope.get_current_context();
  let client = V8InspectorClient::new(Box::new(Client {
    // SAFETY: used on this thread while the isolate lives (the inspector is dropped first).
    isolate: unsafe { scope.as_raw_isolate_ptr() },
    context: v8::Global::new(scope, context),
    state: Rc::downgrade(&cell),
  }));
  let v8 = Rc::new(V8Inspector::create(scope, client));
  cell.borrow_mut().v8 = Some(v8.clone());
  let key = v8::String::new(scope, "createTask").unwrap();
  let console = v8::String::new(scope, "console").unwrap();
  let console = context.global(scope).get(scope, console.into()).and_then(|c| v8::Local::<v8::Object>::try_from(c).ok());
  let before = console.and_then(|c| c.has_own_property(scope, key.into()).unwrap_or(false).then(|| c.get(scope, key.into())).flatten());
  let aux = r#"{"isDefault":true}"#;
  v8.context_created(context, CONTEXT_GROUP_ID, StringView::from(name.as_bytes()), StringView::from(aux.as_bytes()));
  if let Some(console) = console {
    cell.borrow_mut().installed = Some(Installed {
      context: v8::Global::new(scope, context),
      console: v8::Global::new(scope, console),
      before: before.map(|b| v8::Global::new(scope, b)),
    });
  }
  v8
}

/// Registers the main context with an inspector before a snapshot is serialized (the
/// inspector is dropped right after, by `dispose`). V8 keeps the context's debugger id (1,
/// the first an inspector gives) in the context, and gives it to every script compiled
/// in it: a restored process's inspector, made later and giving the context the same
/// id, then knows the scripts compiled before it existed (breakpoints by URL,
/// `Debugger.scriptParsed` on enable), as Node's inspector, made at start, does.
pub(crate) fn mark_context_for_snapshot(isolate: &mut v8::Isolate, context: &v8::Global<v8::Context>) {
  v8::scope!(let scope, isolate);
  let context = v8::Local::new(scope, context);
  let scope = &mut v8::ContextScope::new(scope, context);
  inspector(scope, "");
}

/// Ends every session and drops the inspector: before a snapshot's heap is serialized
/// (no inspector state may be in it, and no `v8::Global` may be alive).
pub(crate) fn dispose(isolate: &mut v8::Isolate) {
  let Some(cell) = isolate.get_slot::<Slot>().map(|s| s.0.clone()) else { return };
  let (remote, sessions, ended, v8, installed) = {
    let mut i = cell.borrow_mut();
    (i.remote.take(), std::mem::take(&mut i.sessions), std::mem::take(&mut i.ended), i.v8.take(), i.installed.take())
  };
  // The server (its thread and sockets) ends first, then the sessions it fed.
  drop(remote);
  drop(sessions);
  drop(ended);
  drop(v8);
  // The console gets back the `createTask` it had (or none).
  if let Some(Installed { context, console, before }) = installed {
    v8::scope!(let scope, isolate);
    let context = v8::Local::new(scope, &context);
    let scope = &mut v8::ContextScope::new(scope, context);
    let console = v8::Local::new(scope, &console);
    let key = v8::String::new(scope, "createTask").unwrap();
    match before {
      Some(b) => {
        let b = v8::Local::new(scope, &b);
        console.set(scope, key.into(), b);
      }
      None => {
        console.delete(scope, key.into());
      }
    }
  }
}

/// `connect(callback, contextName)` → session id. The callback receives every message as
/// a string; the name is the main context's, should this make the inspector.
fn connect<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(callback) = v8::Local::<v8::Function>::try_from(args.get(0)) else {
    return throw_type_error(scope, "callback must be a function");
  };
  let name = args.get(1).to_rust_string_lossy(scope);
  let v8 = inspector(scope, &name);
  let context = scope.get_current_context();
  let shared = Rc::new(Shared {
    // SAFETY: only used on this thread while the isolate lives (see `deliver`).
    isolate: unsafe { scope.as_raw_isolate_ptr() },
    context: RefCell::new(Some(v8::Global::new(scope, context))),
    callback: RefCell::new(Some(v8::Global::new(scope, callback))),
    remote: None,
    notify_disconnect: Cell::new(false),
  });
  let channel = Channel::new(Box::new(ChannelToJs(shared.clone())));
  let session = v8.connect(CONTEXT_GROUP_ID, channel, StringView::empty(), V8InspectorClientTrustLevel::FullyTrusted);
  let cell = slot(scope);
  let mut i = cell.borrow_mut();
  i.next_id += 1;
  let id = i.next_id;
  i.sessions.insert(id, Rc::new(Session { v8: session, shared }));
  rv.set_uint32(id);
}

/// `dispatch(id, message)`: V8 answers (and notifies) through the callback before this
/// returns.
fn dispatch<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let Some(session) = slot(scope).borrow().sessions.get(&id).cloned() else {
    return throw_error(scope, "inspector session is not connected");
  };
  let message = args.get(1).to_rust_string_lossy(scope);
  {
    let _busy = BusyGuard::new();
    if message.is_ascii() {
      session.v8.dispatch_protocol_message(StringView::from(message.as_bytes()));
    } else {
      let units: Vec<u16> = message.encode_utf16().collect();
      session.v8.dispatch_protocol_message(StringView::from(&units[..]));
    }
  }
  drop(session);
  // Sessions a listener disconnected during the dispatch end now, outside of V8's calls.
  drop_ended(&slot(scope));
}

/// `disconnect(id)`: the session ends; no further message reaches its callback.
fn disconnect<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let cell = slot(scope);
  let session = cell.borrow_mut().sessions.remove(&id);
  let Some(session) = session else { return };
  session.shared.callback.borrow_mut().take();
  session.shared.context.borrow_mut().take();
  // Disconnected from a listener: V8 may still be running in this session.
  cell.borrow_mut().ended.push(session);
  drop_ended(&cell);
}

/// SIGINTs seen since `watchSigint()` (process-wide, as signals are; main thread only).
static SIGINT_SEEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static SIGINT_WATCH: std::sync::Once = std::sync::Once::new();

/// `watchSigint()`: starts noting SIGINTs, from the signal handler itself (next to the
/// one tokio installs for `process.on('SIGINT')`), so that one arriving as the loop ends,
/// which the loop would not deliver any more, is still known at exit.
fn watch_sigint<'s>(_scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  SIGINT_WATCH.call_once(|| {
    // SAFETY: the action only stores to an atomic (async-signal-safe).
    let _ = unsafe {
      signal_hook_registry::register(libc::SIGINT, || SIGINT_SEEN.store(true, std::sync::atomic::Ordering::SeqCst))
    };
  });
}

/// `sigintPending()` → whether a SIGINT arrived since `watchSigint()`.
fn sigint_pending<'s>(_scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  rv.set_bool(SIGINT_SEEN.load(std::sync::atomic::Ordering::SeqCst));
}

thread_local! {
  /// Whether a user's session is connected on this thread (set from JS): the global
  /// console then reports to V8's console too.
  static CONSOLE_ACTIVE: Cell<bool> = const { Cell::new(false) };
}

thread_local! {
  /// Whether the inspector server is open: the global console reports to V8's then too,
  /// so that a client connecting later is shown what was logged before (as in Node).
  static REMOTE_CONSOLE: Cell<bool> = const { Cell::new(false) };
}

fn set_console_active<'s>(_scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  CONSOLE_ACTIVE.with(|a| a.set(args.get(0).is_true()));
}

/// `consoleCall(fromVM, method, ...args)` with the console as `this` (each global console
/// method is this, bound): V8's console method while a session is connected, then
/// amber's. Native, as Node's, so that no frame of its own is in the stack V8's console
/// reports, nor in `console.trace()`'s.
fn console_call<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  if !args.new_target().is_undefined() {
    return throw_type_error(scope, "console method is not a constructor");
  }
  let rest: Vec<v8::Local<v8::Value>> = (2..args.length()).map(|i| args.get(i)).collect();
  let this: v8::Local<v8::Value> = args.this().into();
  if CONSOLE_ACTIVE.with(|a| a.get()) || REMOTE_CONSOLE.with(|a| a.get()) {
    if let Ok(from_vm) = v8::Local::<v8::Function>::try_from(args.get(0)) {
      if from_vm.call(scope, this, &rest).is_none() {
        return;
      }
    }
  }
  let Ok(method) = v8::Local::<v8::Function>::try_from(args.get(1)) else { return };
  if let Some(v) = method.call(scope, this, &rest) {
    rv.set(v);
  }
}

thread_local! {
  static COVERAGE_CLAIMED: Cell<bool> = const { Cell::new(false) };
}

/// `claimCoverage()` → true the first time on this thread: NODE_V8_COVERAGE is collected
/// once per process or worker, not again in the further contexts a snapshot build
/// bootstraps (a worker context, `--worker` scripts).
fn claim_coverage<'s>(_scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  rv.set_bool(!COVERAGE_CLAIMED.with(|c| c.replace(true)));
}

// ---- the `--inspect` server ----------------------------------------------------------

/// Dispatches what WebSocket clients sent (sessions begun, messages, sessions ended).
/// Runs from the event loop (`OpResult::Inspector`), from a V8 interrupt while JS runs,
/// and from the pause and wait loops; never nested (`in_pause` lets the pause loop pump
/// while the dispatch that hit the breakpoint is still on the stack).
pub(crate) fn pump(isolate: &mut v8::Isolate) {
  let Some(cell) = isolate.get_slot::<Slot>().map(|s| s.0.clone()) else { return };
  pump_remote(isolate, &cell, false);
}

fn pump_remote(isolate: &mut v8::Isolate, cell: &Rc<RefCell<Inspector>>, in_pause: bool) {
  let (hub, was) = {
    let mut i = cell.borrow_mut();
    let Some(remote) = i.remote.as_ref() else { return };
    let hub = remote.hub.clone();
    if i.pumping && !in_pause {
      return;
    }
    let was = i.pumping;
    i.pumping = true;
    (hub, was)
  };
  while let Some(item) = hub.pop() {
    use super::inspector_server::Incoming;
    match item {
      Incoming::Connected(conn, out) => {
        let Some(v8) = cell.borrow().v8.clone() else { continue };
        let shared = Rc::new(Shared {
          // SAFETY: only used on this thread while the isolate lives.
          isolate: unsafe { isolate.as_raw_isolate_ptr() },
          context: RefCell::new(None),
          callback: RefCell::new(None),
          remote: Some(out),
          notify_disconnect: Cell::new(false),
        });
        let channel = Channel::new(Box::new(ChannelToJs(shared.clone())));
        let session = v8.connect(CONTEXT_GROUP_ID, channel, StringView::empty(), V8InspectorClientTrustLevel::FullyTrusted);
        let mut i = cell.borrow_mut();
        i.next_id += 1;
        let id = i.next_id;
        i.sessions.insert(id, Rc::new(Session { v8: session, shared }));
        if let Some(r) = i.remote.as_mut() {
          r.connections.insert(conn, id);
        }
        eprintln!("Debugger attached.");
      }
      Incoming::Message(conn, text) => {
        let session = {
          let i = cell.borrow();
          i.remote.as_ref().and_then(|r| r.connections.get(&conn)).and_then(|id| i.sessions.get(id)).cloned()
        };
        let Some(session) = session else { continue };
        if text.contains("\"NodeRuntime.") && node_runtime(cell, &session, &text) {
          continue;
        }
        {
          let _busy = BusyGuard::new();
          dispatch_text(&session, &text);
        }
      }
      Incoming::Disconnected(conn) => {
        let session = {
          let mut i = cell.borrow_mut();
          let id = i.remote.as_mut().and_then(|r| r.connections.remove(&conn));
          id.and_then(|id| i.sessions.remove(&id))
        };
        if let Some(session) = session {
          cell.borrow_mut().ended.push(session);
        }
        let mut i = cell.borrow_mut();
        if i.remote.as_ref().is_some_and(|r| r.connections.is_empty()) {
          // The last client left: a pause it held ends.
          i.quit_pause = true;
        }
      }
    }
  }
  cell.borrow_mut().pumping = was;
  drop_ended(cell);
}

/// Node's own protocol domain, which V8's inspector does not have: `NodeRuntime.enable`
/// (told `waitingForDebugger` while the process waits for a client), `disable`, and
/// `notifyWhenWaitingForDisconnect`. Returns false for what is V8's to answer.
fn node_runtime(cell: &Rc<RefCell<Inspector>>, session: &Session, text: &str) -> bool {
  let Ok(msg) = serde_json::from_str::<serde_json::Value>(text) else { return false };
  let (Some(id), Some(method)) = (msg.get("id").and_then(|v| v.as_i64()), msg.get("method").and_then(|v| v.as_str())) else { return false };
  let Some(out) = session.shared.remote.as_ref() else { return false };
  let reply = |result: serde_json::Value| serde_json::json!({ "id": id, "result": result }).to_string();
  match method {
    "NodeRuntime.enable" => {
      let _ = out.send(reply(serde_json::json!({})));
      if cell.borrow().waiting_for_debugger {
        let _ = out.send(serde_json::json!({ "method": "NodeRuntime.waitingForDebugger", "params": {} }).to_string());
      }
    }
    "NodeRuntime.disable" => {
      let _ = out.send(reply(serde_json::json!({})));
    }
    "NodeRuntime.notifyWhenWaitingForDisconnect" => {
      let enabled = msg.pointer("/params/enabled").and_then(|v| v.as_bool()).unwrap_or(false);
      session.shared.notify_disconnect.set(enabled);
      let _ = out.send(reply(serde_json::json!({})));
    }
    _ => return false,
  }
  true
}

fn dispatch_text(session: &Session, message: &str) {
  if message.is_ascii() {
    session.v8.dispatch_protocol_message(StringView::from(message.as_bytes()));
  } else {
    let units: Vec<u16> = message.encode_utf16().collect();
    session.v8.dispatch_protocol_message(StringView::from(&units[..]));
  }
}

unsafe extern "C" fn pump_interrupt(isolate: v8::UnsafeRawIsolatePtr, _data: *mut std::ffi::c_void) {
  // SAFETY: V8 runs interrupts on the isolate's thread, between JS operations.
  let mut isolate = unsafe { v8::Isolate::from_raw_isolate_ptr(isolate) };
  pump(&mut isolate);
}

/// `open(host, port, title, url, version, contextName)` -> `[wsUrl, host, port]`; throws a system
/// error (EADDRINUSE, ...) when the address cannot be bound.
fn open<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let host = args.get(0).to_rust_string_lossy(scope);
  let port = args.get(1).uint32_value(scope).unwrap_or(0) as u16;
  let title = args.get(2).to_rust_string_lossy(scope);
  let url = args.get(3).to_rust_string_lossy(scope);
  let version = args.get(4).to_rust_string_lossy(scope);
  let name = args.get(5).to_rust_string_lossy(scope);
  inspector(scope, &name);
  let cell = slot(scope);
  if cell.borrow().remote.is_some() {
    return throw_error(scope, "the inspector server is already open");
  }
  let tx = crate::state::state(scope).borrow().events_tx.clone();
  let handle = scope.thread_safe_handle();
  let hub = super::inspector_server::Hub::new(Box::new(move || {
    // Wake the event loop (idle) and V8 (running JS); whichever comes first dispatches.
    let _ = tx.send((0, crate::state::OpResult::Inspector));
    handle.request_interrupt(pump_interrupt, std::ptr::null_mut());
  }));
  let target = super::inspector_server::Target { title, url, version };
  match super::inspector_server::start(&host, port, target, hub.clone()) {
    Ok(server) => {
      let ws = server.ws_url();
      let (ip, port) = (server.addr.ip().to_string(), server.addr.port());
      cell.borrow_mut().remote = Some(Remote { server, hub, connections: HashMap::new() });
      REMOTE_CONSOLE.with(|a| a.set(true));
      let ws = v8::String::new(scope, &ws).unwrap().into();
      let ip = v8::String::new(scope, &ip).unwrap().into();
      let port = v8::Integer::new(scope, port as i32).into();
      rv.set(v8::Array::new_with_elements(scope, &[ws, ip, port]).into());
    }
    Err(e) => throw_io_error(scope, &e, "listen", None, None),
  }
}

/// `close()`: the server stops and its sessions end.
fn close<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let cell = slot(scope);
  let remote = cell.borrow_mut().remote.take();
  let Some(remote) = remote else { return };
  REMOTE_CONSOLE.with(|a| a.set(false));
  let ids: Vec<u32> = remote.connections.values().copied().collect();
  drop(remote);
  {
    let mut i = cell.borrow_mut();
    for id in ids {
      if let Some(session) = i.sessions.remove(&id) {
        i.ended.push(session);
      }
    }
  }
  drop_ended(&cell);
}

/// `url()` -> the WebSocket URL while the server is open, else undefined.
fn url<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let cell = slot(scope);
  let url = cell.borrow().remote.as_ref().map(|r| r.server.ws_url());
  if let Some(url) = url {
    rv.set(v8::String::new(scope, &url).unwrap().into());
  }
}

/// `waitForDebugger()` -> false without a server; else blocks, serving clients, until
/// one sends `Runtime.runIfWaitingForDebugger`.
fn wait_for_debugger<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let cell = slot(scope);
  let Some(hub) = cell.borrow().remote.as_ref().map(|r| r.hub.clone()) else {
    return rv.set_bool(false);
  };
  cell.borrow_mut().waiting_for_debugger = true;
  loop {
    pump_remote(scope, &cell, false);
    if !cell.borrow().waiting_for_debugger || cell.borrow().remote.is_none() {
      break;
    }
    hub.wait();
  }
  cell.borrow_mut().waiting_for_debugger = false;
  rv.set_bool(true);
}

/// `waitForDisconnect()` -> whether a client was connected: at exit, Node keeps serving
/// its connected debuggers until they leave.
fn wait_for_disconnect<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let cell = slot(scope);
  let connected = |cell: &Rc<RefCell<Inspector>>| cell.borrow().remote.as_ref().is_some_and(|r| !r.connections.is_empty());
  pump_remote(scope, &cell, false);
  if !connected(&cell) {
    return rv.set_bool(false);
  }
  eprintln!("Waiting for the debugger to disconnect...");
  // Sessions that asked (`NodeRuntime.notifyWhenWaitingForDisconnect`) are told; once
  // none of those is left, the others see the main context go.
  let remote_sessions = |cell: &Rc<RefCell<Inspector>>| -> Vec<Rc<Session>> {
    let i = cell.borrow();
    i.remote.as_ref().map(|r| r.connections.values().filter_map(|id| i.sessions.get(id).cloned()).collect()).unwrap_or_default()
  };
  for s in remote_sessions(&cell) {
    if s.shared.notify_disconnect.get() {
      if let Some(out) = s.shared.remote.as_ref() {
        let _ = out.send(r#"{"method":"NodeRuntime.waitingForDisconnect","params":{}}"#.to_string());
      }
    }
  }
  let hub = cell.borrow().remote.as_ref().map(|r| r.hub.clone()).unwrap();
  let mut destroyed = false;
  loop {
    if !destroyed && !remote_sessions(&cell).iter().any(|s| s.shared.notify_disconnect.get()) {
      destroyed = true;
      let v8 = cell.borrow().v8.clone();
      if let Some(v8) = v8 {
        let context = scope.get_current_context();
        v8.context_destroyed(context);
      }
    }
    if !connected(&cell) {
      break;
    }
    hub.wait();
    pump_remote(scope, &cell, false);
  }
  rv.set_bool(true);
}

/// `callAndPauseOnStart(fn, thisArg, ...args)`: calls `fn` with every remote session
/// told to pause on its first statement (`--inspect-brk` runs the main module or the
/// `-e` script through it), as Node's binding of the same name: scheduled here, the
/// pause lands in `fn`, not in the library code that called it.
fn call_and_pause_on_start<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(f) = v8::Local::<v8::Function>::try_from(args.get(0)) else {
    return throw_type_error(scope, "fn must be a function");
  };
  let recv = args.get(1);
  let argv: Vec<v8::Local<v8::Value>> = (2..args.length()).map(|i| args.get(i)).collect();
  let cell = slot(scope);
  let sessions: Vec<Rc<Session>> = {
    let i = cell.borrow();
    i.remote.as_ref().map(|r| r.connections.values().filter_map(|id| i.sessions.get(id).cloned()).collect()).unwrap_or_default()
  };
  for s in &sessions {
    s.v8.schedule_pause_on_next_statement(StringView::from(&b"Break on start"[..]), StringView::empty());
  }
  drop(sessions);
  if let Some(v) = f.call(scope, recv, &argv) {
    rv.set(v);
  }
}
