//! Unix-domain stream sockets for `node:net` (`listen(path)`, `connect({ path })`).
//! The server's socket file is removed when the server closes, as libuv does.

use super::*;

pub fn register(reg: &mut Registry) {
  reg.add("pipe.listen", listen);
  reg.add("pipe.connect", connect);
}

/// `listen(path, op)` -> id, or `{ errno, code, description }`.
fn listen<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let op = id_arg(scope, &args, 1);
  let st = state(scope);
  let mut st = st.borrow_mut();
  let result = {
    let _guard = st.tokio.enter();
    tokio::net::UnixListener::bind(&path)
  };
  match result {
    Ok(l) => {
      let l = Listener::Unix(l);
      let fd = l.fd();
      let task = spawn_accept(&st, op, l);
      let id = add_handle(&mut st, op, Entry::Listener { op, task, unix_path: Some(path.into()), fd });
      rv.set_uint32(id);
    }
    Err(e) => {
      drop(st);
      let v = error_object(scope, &e);
      rv.set(v);
    }
  }
}

/// `connect(path, op)` -> id; completes on `op` like a TCP connect.
fn connect<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let op = id_arg(scope, &args, 1);
  let st = state(scope);
  let mut st = st.borrow_mut();
  let id = st.net.reserve();
  let tx = st.events_tx.clone();
  let task = st
    .tokio
    .spawn(async move {
      match tokio::net::UnixStream::connect(&path).await {
        Ok(s) => send(&tx, op, NetEvent::Connected(id, Conn::Unix(s), 0)),
        Err(e) => send(&tx, op, NetEvent::ConnectFailed(id, vec![(e, path, 0, "connect")])),
      }
    })
    .abort_handle();
  st.op_refs.insert(op, true);
  st.net.entries.insert(id, Entry::Connecting { op, task });
  rv.set_uint32(id);
}
