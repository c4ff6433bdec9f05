//! Per-isolate runtime state that native bindings reach through the isolate slot.
//!
//! Owns the Rust side of the event loop (timer deadline, immediate counts, pending
//! async operations), the JS hook functions the loop calls, and the process facts
//! refreshed for every process (argv, exec path, time origin). It must hold no state
//! that a snapshot would need to carry: JS-visible state lives in the JS heap, and
//! anything native that must survive is serialized by `snapshot`.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;

use tokio::task::JoinSet;

/// Result of an async native operation, delivered to JS by `hooks.onOpComplete`.
pub enum OpResult {
  Bytes(Vec<u8>),
  /// Descriptors received over an IPC channel (`bindings::ipc`), before their bytes.
  Fds(Vec<i32>),
  Eof,
  Error(std::io::Error),
  /// A child process ended: exit code (-1 when killed) and signal number (0 if none).
  Exit(i32, i32),
  /// A watched signal arrived.
  Signal,
  /// Sockets, servers and name lookups (`bindings::net`).
  Net(crate::bindings::net::NetEvent),
  /// Node-API work is waiting on the JS thread (`bindings::napi`).
  Napi,
  /// A file-system job finished on the blocking pool (`bindings::fs`).
  Fs(crate::bindings::fs::FsResult),
  /// An `--inspect` client sent something (`bindings::inspector_server`): dispatched
  /// natively, no JS op behind it.
  Inspector,
}

/// The JS hooks object (see `lib/internal/bootstrap.js`), and the hooks called from
/// V8 callbacks and error paths, where a property lookup is not wanted. Re-fetched from
/// the hooks object after restore.
pub struct Hooks {
  pub object: v8::Global<v8::Object>,
  pub on_uncaught: v8::Global<v8::Function>,
  pub format_uncaught: v8::Global<v8::Function>,
  pub emit_exit: v8::Global<v8::Function>,
  pub promise_reject: v8::Global<v8::Function>,
  /// The two hooks called for every I/O completion, kept rather than looked up by name.
  pub on_op_complete: v8::Global<v8::Function>,
  pub run_ticks: v8::Global<v8::Function>,
  /// Gives JS a new read slab (runtime.rs, `read_value`).
  pub set_read_slab: v8::Global<v8::Function>,
  /// task_queues.js's `tickInfo` (a tick queued, a rejection to report): while both
  /// are 0, `runTicks` is a native microtask checkpoint with no JavaScript call.
  pub tick_info: Option<v8::SharedRef<v8::BackingStore>>,
}

/// What kind of process this is (DESIGN.md rule 5): fixed at isolate creation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
  Run,
  BuildSnapshot,
  FromSnapshot,
}

pub struct State {
  pub mode: Mode,
  pub argv: Vec<String>,
  pub exec_argv: Vec<String>,
  pub node_options: Vec<String>,
  pub exec_path: String,
  pub origin: Instant,
  /// Next timer expiry in loop milliseconds; None when no timer is armed.
  pub timer_deadline: Option<f64>,
  pub timer_refed: bool,
  pub immediate_count: u32,
  pub immediate_refed: u32,
  pub ops: JoinSet<(u32, OpResult)>,
  pub tokio: tokio::runtime::Handle,
  pub hooks: Option<Rc<Hooks>>,
  /// Events from threads and tasks that produce many results (child process output).
  pub events_tx: tokio::sync::mpsc::UnboundedSender<(u32, OpResult)>,
  pub events_rx: Option<tokio::sync::mpsc::UnboundedReceiver<(u32, OpResult)>>,
  pub children: std::collections::HashMap<u32, crate::bindings::ChildHandle>,
  /// Ops still expected — one-shot ops in `ops` (a stdin read) and event streams (a pipe
  /// until its EOF, a child until its exit) — and whether each keeps the loop alive.
  pub op_refs: std::collections::HashMap<u32, bool>,
  /// One-shot ops that end by themselves (DNS lookups and queries): a snapshot build's
  /// settling loop waits for them, as for any I/O (DESIGN.md rule 6), where a stdin read
  /// or a child is not waited for but refused.
  pub settling_ops: std::collections::HashSet<u32>,
  /// Signals watched (`process.watchSignal`): the loop's zero-timeout turns then let
  /// their watcher tasks run before taking events.
  pub signal_watches: u32,
  /// Work JS asked a snapshot build to wait for (`snapshot.hold`): http client
  /// requests made at build time, until their response ends.
  pub build_holds: u32,
  pub next_child: u32,
  /// File-system jobs on the blocking pool not yet delivered. A settling snapshot
  /// build waits for them (they always finish), unlike stdin reads or DNS queries.
  pub fs_ops: u32,
  /// Sockets and servers, by the u32 id their JS objects hold (`bindings::net`).
  pub net: crate::bindings::net::NetTable,
  pub modules: crate::esm::ModuleMap,
  pub compile_cache: crate::compile_cache::CompileCache,
  /// 0 on the main thread; a worker's `threadId` otherwise.
  pub thread_id: u32,
  /// Set in a worker: how it is stopped (`crate::worker`).
  pub worker: Option<std::sync::Arc<crate::worker::WorkerCtl>>,
  /// Workers this isolate started, by thread id.
  pub workers: std::collections::HashMap<u32, std::sync::Arc<crate::worker::WorkerCtl>>,
  /// Set while a snapshot build's warm-up runs the main function in a throwaway context
  /// (`snapshot::warm_up`): exiting then ends the warm-up, not the process.
  pub warmup: Option<WarmupRun>,
  /// `performance.nodeTiming`'s milestones for this isolate (`bindings::timers`): its
  /// runtime state made, lib/ bootstrapped (or restored), the event loop entered and
  /// left, and the time the loop spent waiting for events since it was entered (the
  /// idle half of `performance.eventLoopUtilization()`).
  pub environment: Instant,
  pub bootstrap_complete: Option<Instant>,
  pub loop_start: Option<Instant>,
  pub loop_exit: Option<Instant>,
  pub idle: std::time::Duration,
  /// The microtask queues of vm contexts created with `microtaskMode: 'afterEvaluate'`,
  /// by index (the context's global holds its index under a private key). vm contexts
  /// live as long as the isolate (lib/ keeps them for the snapshot), and so do these;
  /// they are dropped with this state, before the isolate is disposed. A snapshot build
  /// refuses such a context (lib/vm.js describes it as a live resource).
  pub vm_microtask_queues: Vec<v8::MicrotaskQueueHandle>,
  /// The slab small socket reads are copied into (runtime.rs, `HookArg::Read`), and how
  /// much of it is handed out. JS has it too (`setReadSlab`); it is never part of a
  /// snapshot's native state: a restored process starts a new one.
  pub read_slab: Option<(v8::Global<v8::ArrayBuffer>, usize)>,
}

/// One warm-up run of a snapshot build (docs/warmup.md).
pub struct WarmupRun {
  /// The warm-up's arguments as given, for messages.
  pub label: String,
  /// Set by `process.exit()`/`reallyExit` during the warm-up, which then ends it by
  /// terminating JS execution.
  pub exit_code: Option<i32>,
}

pub type StateRef = Rc<RefCell<State>>;

impl State {
  /// Whether an op or event stream still keeps the event loop alive.
  pub fn has_refed_ops(&self) -> bool {
    self.op_refs.values().any(|&refed| refed)
  }

  /// I/O a snapshot build lets finish before it serializes: DNS lookups, file-system
  /// jobs, connects in flight (`NetTable::connecting`) and what JS holds the build
  /// for (`build_holds`).
  pub fn settling_io(&self) -> bool {
    self.fs_ops > 0 || !self.settling_ops.is_empty() || self.build_holds > 0 || self.net.connecting(&self.op_refs)
  }

  pub fn now_ms(&self) -> f64 {
    self.origin.elapsed().as_secs_f64() * 1000.0
  }
}

/// The worker control of the isolate, when it runs in a worker thread.
pub fn worker(isolate: &v8::Isolate) -> Option<std::sync::Arc<crate::worker::WorkerCtl>> {
  isolate.get_slot::<StateRef>().and_then(|s| s.borrow().worker.clone())
}

pub fn state(isolate: &v8::Isolate) -> StateRef {
  isolate.get_slot::<StateRef>().expect("runtime state not installed").clone()
}

pub fn hooks(isolate: &v8::Isolate) -> Rc<Hooks> {
  state(isolate).borrow().hooks.clone().expect("hooks not installed")
}
