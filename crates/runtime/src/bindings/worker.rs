//! `worker_threads` natives: start a worker thread (`crate::worker`), terminate it, and
//! tell JS which thread it runs on. The worker's JS side lives in
//! `lib/internal/worker/`; messages go through `bindings::messaging`.

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, Mode};

pub fn register(reg: &mut Registry) {
  reg.add("worker.spawn", spawn);
  reg.add("worker.terminate", terminate);
  reg.add("worker.threadId", thread_id);
  reg.add("worker.initError", init_error);
  reg.add("worker.parseOptions", parse_options);
  reg.add("worker.trackFd", track_fd);
}

/// `trackFd(fd, opened)` in a worker with `trackUnmanagedFds`: records a descriptor its
/// `fs.open*` opened or its `fs.close*` closed (closed by the thread at its end if still
/// open); false when that contradicts the record (Node warns then).
fn track_fd<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let opened = args.get(1).is_true();
  let ok = crate::state::worker(scope).is_none_or(|w| w.track_fd(fd, opened));
  rv.set_bool(ok);
}

/// `parseOptions(execArgv)` or `parseOptions(nodeOptionsString, true)` → the Node options
/// the worker runs with (an array), or a string saying what it cannot have
/// (ERR_WORKER_INVALID_EXEC_ARGV).
fn parse_options<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let from_env = args.get(1).is_true();
  let list = if from_env { vec![args.get(0).to_rust_string_lossy(scope)] } else { strings(scope, args.get(0)) };
  match crate::worker::parse_options(&list, from_env) {
    Ok(options) => {
      let items: Vec<v8::Local<v8::Value>> = options.iter().map(|o| new_string(scope, o).into()).collect();
      let arr = v8::Array::new_with_elements(scope, &items);
      rv.set(arr.into());
    }
    Err(why) => set_string(scope, &mut rv, &why),
  }
}

/// `initError(threadId)`: why the worker could not start, if it could not.
fn init_error<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let ctl = state(scope).borrow().workers.get(&id).cloned();
  if let Some(msg) = ctl.and_then(|c| c.init_error.lock().unwrap().clone()) {
    set_string(scope, &mut rv, &msg);
  }
}

fn strings(scope: &mut v8::PinScope, v: v8::Local<v8::Value>) -> Vec<String> {
  let Ok(arr) = v8::Local::<v8::Array>::try_from(v) else { return Vec::new() };
  (0..arr.length()).filter_map(|i| arr.get_index(scope, i)).map(|s| s.to_rust_string_lossy(scope)).collect()
}

/// `spawn(portId, exitOpId, argv, execArgv, [maxYoungMb, maxOldMb, stackMb], file, given,
/// nodeOptions)` → thread id; `nodeOptions` (from `parseOptions`) undefined: the parent's. The worker's end of the internal port must already hold its start
/// message. `file` (the script's absolute path, or undefined for `eval` and `data:`) and
/// `given` (the per-worker facts this worker is given: `workerData`, `environmentData`)
/// choose a prebuilt worker context when the snapshot has one for the file.
fn spawn<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let st = state(scope);
  if st.borrow().mode == Mode::BuildSnapshot {
    return throw_error(scope, "Creating workers is not supported in a snapshot being built");
  }
  // A warm-up (docs/warmup.md) runs in a snapshot-creator isolate made from the cold
  // blob; a worker isolate cannot share that process's read-only heap with it (V8
  // aborts), so the warm-up fails with this message instead.
  let warmup = st.borrow().warmup.as_ref().map(|w| w.label.clone());
  if let Some(label) = warmup {
    return throw_error(scope, &format!("Creating workers is not supported in a snapshot warm-up (--warmup {label}); start them only after restore"));
  }
  if let Some(why) = crate::worker::unavailable() {
    return throw_error(scope, why);
  }
  let port = args.get(0).number_value(scope).unwrap_or(0.0) as u64;
  let exit_op = args.get(1).uint32_value(scope).unwrap_or(0);
  let argv = strings(scope, args.get(2));
  let exec_argv = strings(scope, args.get(3));
  let limits: Vec<f64> = match v8::Local::<v8::Array>::try_from(args.get(4)) {
    Ok(a) => (0..3).map(|i| a.get_index(scope, i).and_then(|v| v.number_value(scope)).unwrap_or(0.0)).collect(),
    Err(_) => vec![-1.0, -1.0, 0.0],
  };
  let file = args.get(5);
  let prebuilt = if file.is_string() {
    let file = file.to_rust_string_lossy(scope);
    let given = strings(scope, args.get(6));
    crate::worker::prebuilt_context(&file, &given)
  } else {
    None
  };
  let node_options = v8::Local::<v8::Array>::try_from(args.get(7)).ok().map(|a| strings(scope, a.into()));
  let cfg = {
    let s = st.borrow();
    crate::worker::WorkerConfig {
      port,
      argv,
      exec_argv,
      node_options: node_options.unwrap_or_else(|| s.node_options.clone()),
      exec_path: s.exec_path.clone(),
      heap_mb: (limits[0], limits[1]),
      stack_mb: if limits[2] > 0.0 { limits[2] } else { 4.0 },
      parent_tx: s.events_tx.clone(),
      exit_op,
      prebuilt,
    }
  };
  match crate::worker::spawn(cfg) {
    Ok(ctl) => {
      let id = ctl.thread_id;
      let mut s = st.borrow_mut();
      s.workers.insert(id, ctl);
      s.op_refs.insert(exit_op, true);
      rv.set_uint32(id);
    }
    Err(e) => throw_io_error(scope, &e, "uv_thread_create", None, None),
  }
}

/// `terminate(threadId)`: stops the worker's JS where it is; its exit event follows.
fn terminate<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let ctl = state(scope).borrow().workers.get(&id).cloned();
  if let Some(ctl) = ctl {
    ctl.terminate();
  }
}

fn thread_id<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = state(scope).borrow().thread_id;
  rv.set_uint32(id);
}
