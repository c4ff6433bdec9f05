//! The event loop: timers, I/O completions, immediates, in Node's phase order, on a
//! tokio current-thread runtime. The loop ends when nothing refed is pending, after
//! `beforeExit` listeners had their chance, like Node.

use std::time::{Duration, Instant};

use crate::runtime::{HookArg, JsRuntime};
use crate::state::OpResult;

impl JsRuntime {
  fn timers_due(&self) -> bool {
    let st = self.state.borrow();
    matches!(st.timer_deadline, Some(d) if st.now_ms() >= d)
  }

  /// Whether anything refed would keep the loop running. Work V8 runs on its own
  /// threads for this isolate (asynchronous WebAssembly compilation) counts: its result
  /// comes back as a foreground task the loop must run.
  pub fn is_alive(&self) -> bool {
    let v8_busy = self.v8_background_work();
    let st = self.state.borrow();
    (st.timer_deadline.is_some() && st.timer_refed) || st.immediate_refed > 0 || st.has_refed_ops() || v8_busy || amber_napi::has_pending_tasks()
  }

  /// A worker that was terminated or called `process.exit()` runs no more JS.
  fn stopping(&self) -> bool {
    self.state.borrow().worker.as_ref().is_some_and(|w| w.stopping())
  }

  fn v8_background_work(&self) -> bool {
    self.isolate.as_ref().is_some_and(|i| i.has_pending_background_tasks())
  }

  /// Runs V8's pending foreground tasks, then the microtasks and ticks they queued.
  fn run_v8_tasks(&mut self) {
    let ran = self.isolate.as_mut().is_some_and(|i| crate::platform::pump_tasks(i));
    if ran {
      self.call_hook("runTicks", &[], |_, _| ());
    }
  }

  /// Runs the loop until it is idle. `settle` is the snapshot-build variant: timers
  /// not yet due do not keep it open (DESIGN.md rule 6).
  pub fn run_event_loop(&mut self, settle: bool) {
    if !settle {
      self.state.borrow_mut().loop_start.get_or_insert_with(Instant::now);
    }
    self.run_event_loop_inner(settle);
    if !settle {
      self.state.borrow_mut().loop_exit = Some(Instant::now());
    }
  }

  fn run_event_loop_inner(&mut self, settle: bool) {
    loop {
      if self.stopping() {
        return;
      }
      self.run_v8_tasks();
      if self.timers_due() {
        let now = self.state.borrow().now_ms();
        self.macrotask("processTimers", &[HookArg::Num(now)]);
      }
      let alive = if settle { self.has_pending_work() } else { self.is_alive() };
      if !alive {
        if settle {
          return;
        }
        self.macrotask("emitBeforeExit", &[]);
        if !self.is_alive() {
          return;
        }
        continue;
      }
      self.poll_io(settle);
      self.run_v8_tasks();
      if self.state.borrow().immediate_count > 0 {
        self.macrotask("processImmediates", &[]);
      }
    }
  }

  /// Runs the loop like a normal run (timers not yet due are waited for) while `keep`
  /// holds and something refed is alive; no `beforeExit`. A snapshot build uses it to
  /// let an ES entry's top-level await finish before the loop settles.
  pub fn run_event_loop_while(&mut self, mut keep: impl FnMut(&mut JsRuntime) -> bool) {
    while keep(self) && self.is_alive() {
      if self.timers_due() {
        let now = self.state.borrow().now_ms();
        self.macrotask("processTimers", &[HookArg::Num(now)]);
        continue;
      }
      self.poll_io(false);
      self.run_v8_tasks();
      if self.state.borrow().immediate_count > 0 {
        self.macrotask("processImmediates", &[]);
      }
    }
  }

  /// Pending work that must finish before a snapshot: immediates, due timers, the
  /// I/O that ends by itself (DNS; `State::settling_ops`), file-system jobs (they
  /// always finish, and were synchronous before, so programs reading their configuration
  /// with `fs.promises` at build time keep working), connects in flight and http
  /// requests (a request made at build time gets its response, as in Node). Reads
  /// of stdin are not waited for (input may never end; a build refuses a read still
  /// pending, by name), nor are child processes (refused as live resources).
  fn has_pending_work(&self) -> bool {
    let st = self.state.borrow();
    st.immediate_count > 0 || matches!(st.timer_deadline, Some(d) if st.now_ms() >= d) || st.settling_io()
  }

  /// Waits for I/O completions until the next timer is due (or not at all when
  /// immediates are pending), then delivers every completion to JS.
  fn poll_io(&mut self, settle: bool) {
    // V8 does not wake this loop when its background work posts a task: while it has
    // some, look again every millisecond.
    let v8_busy = self.v8_background_work();
    let (completed, events) = {
      let mut st = self.state.borrow_mut();
      let now = st.now_ms();
      let waiting_events = st.has_refed_ops();
      // A settling build waits only for I/O that ends by itself (DNS, file-system jobs,
      // connects, http requests): what else is not done now (stdin, key derivations,
      // children, open sockets) is refused.
      let timeout = if st.immediate_count > 0 || (settle && !st.settling_io()) {
        Some(Duration::ZERO)
      } else if v8_busy {
        let next_timer = st.timer_deadline.map(|d| Duration::from_secs_f64(((d - now).max(0.0)) / 1000.0));
        Some(next_timer.map_or(Duration::from_millis(1), |t| t.min(Duration::from_millis(1))))
      } else {
        st.timer_deadline.map(|d| Duration::from_secs_f64(((d - now).max(0.0)) / 1000.0))
      };
      let signals = st.signal_watches > 0;
      let mut rx = st.events_rx.take().expect("event receiver");
      let ops = &mut st.ops;
      let wait_start = Instant::now();
      let result = self.tokio.block_on(async {
        let mut out = Vec::new();
        let mut events = Vec::new();
        // Nothing to wait for but the clock: still take events (signals) while sleeping.
        if ops.is_empty() && !waiting_events && timeout.is_some_and(|t| t.is_zero()) {
          // With signals watched, a few turns of the scheduler first (they poll the I/O
          // driver without blocking), so a signal raised since the last turn reaches its
          // watcher task and is taken now, as libuv's zero-timeout poll takes it
          // (process.kill of this process followed by setImmediate).
          if signals {
            for _ in 0..3 {
              tokio::task::yield_now().await;
            }
          }
          while let Ok(e) = rx.try_recv() {
            events.push(e);
          }
          return (out, events);
        }
        let sleep = async {
          match timeout {
            Some(t) => tokio::time::sleep(t).await,
            None => std::future::pending().await,
          }
        };
        let join = async {
          if ops.is_empty() {
            std::future::pending::<Option<Result<(u32, OpResult), tokio::task::JoinError>>>().await
          } else {
            ops.join_next().await
          }
        };
        tokio::select! {
          r = join => if let Some(Ok(r)) = r { out.push(r) },
          e = rx.recv() => if let Some(e) = e { events.push(e) },
          _ = sleep => {}
        }
        while let Some(Ok(r)) = ops.try_join_next() {
          out.push(r);
        }
        while let Ok(e) = rx.try_recv() {
          events.push(e);
        }
        (out, events)
      });
      st.events_rx = Some(rx);
      // Idle time (eventLoopUtilization) counts once the loop was entered.
      if st.loop_start.is_some() {
        st.idle += wait_start.elapsed();
      }
      result
    };
    for (id, result) in completed {
      let mut st = self.state.borrow_mut();
      st.op_refs.remove(&id);
      st.settling_ops.remove(&id);
      drop(st);
      self.deliver(id, result);
    }
    for (id, result) in events {
      if matches!(result, OpResult::Eof | OpResult::Exit(..)) {
        let mut st = self.state.borrow_mut();
        st.op_refs.remove(&id);
        if matches!(result, OpResult::Exit(..)) {
          st.children.retain(|_, c| c.exit_op != id);
        }
      }
      self.deliver(id, result);
    }
  }

  fn deliver(&mut self, id: u32, result: OpResult) {
    if matches!(result, OpResult::Inspector) {
      crate::bindings::inspector::pump(self.isolate.as_mut().unwrap());
      self.call_hook("runTicks", &[], |_, _| ());
      return;
    }
    let arg = match result {
      OpResult::Bytes(b) => HookArg::Bytes(b),
      OpResult::Fds(fds) => HookArg::List(fds.into_iter().map(|fd| HookArg::Num(fd as f64)).collect()),
      OpResult::Eof => HookArg::Null,
      OpResult::Error(e) => HookArg::Error(e, "read"),
      OpResult::Exit(code, sig) => HookArg::Pair(code as f64, sig as f64),
      OpResult::Signal => HookArg::Null,
      OpResult::Napi | OpResult::Inspector => HookArg::Null,
      OpResult::Fs(r) => {
        let mut st = self.state.borrow_mut();
        st.fs_ops = st.fs_ops.saturating_sub(1);
        HookArg::Fs(std::cell::RefCell::new(Some(r)))
      }
      OpResult::Net(ev) => crate::bindings::net::deliver(&self.state, id, ev),
    };
    self.macrotask("onOpComplete", &[HookArg::Num(id as f64), arg]);
  }

  /// Emits `process.on('exit')` and returns the exit code JS settled on.
  pub fn emit_exit(&mut self) -> i32 {
    self.call_hook("emitExit", &[], |scope, v| v.int32_value(scope).unwrap_or(0)).unwrap_or(1)
  }
}
