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
  /// What the inspector added to the main context when it was made: V8 gives the
  /// context's `console` a `createTask` whose native callback no snapshot can hold.
  installed: Option<Installed>,
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

  // No frontend can resume a pause: with in-process sessions only, Node returns at once
  // too (its message loop runs only while a session that can resume is connected).
  fn run_message_loop_on_pause(&self, _context_group_id: i32) {}
  fn quit_message_loop_on_pause(&self) {}
  fn run_if_waiting_for_debugger(&self, _context_group_id: i32) {}
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
  /// Hands one protocol message to the session's JS callback, synchronously.
  fn deliver(&self, message: v8::UniquePtr<StringBuffer>) {
    let Some(buffer) = message.as_ref() else { return };
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
  let (sessions, ended, v8, installed) = {
    let mut i = cell.borrow_mut();
    (std::mem::take(&mut i.sessions), std::mem::take(&mut i.ended), i.v8.take(), i.installed.take())
  };
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
  if CONSOLE_ACTIVE.with(|a| a.get()) {
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
