//! node:inspector behaviour no Node test covers and `node` itself does not survive, so
//! there is no output of node's to compare with: a session disconnected from one of its
//! own listeners, while V8's inspector is still calling into it (node 20 crashes here).

mod common;

use common::*;

#[test]
fn disconnect_from_a_listener_does_not_crash() {
  let dir = tempfile::tempdir().unwrap();
  let script = dir.path().join("disconnect.js");
  std::fs::write(
    &script,
    r#"
const inspector = require('inspector');
const s = new inspector.Session();
s.connect();
s.on('Runtime.consoleAPICalled', () => s.disconnect());
s.post('Runtime.enable');
console.log('one');
console.log('two');
const t = new inspector.Session();
t.connect();
t.post('Runtime.evaluate', { expression: '1' }, () => t.disconnect());
t.connect();
t.on('Debugger.scriptParsed', () => t.disconnect());
t.post('Debugger.enable');
require('vm').runInThisContext('1');
console.log('still here', t.listenerCount('Debugger.scriptParsed'));
"#,
  )
  .unwrap();
  let out = run(dir.path(), &[script.to_str().unwrap()], b"", &[]);
  assert_eq!(String::from_utf8_lossy(&out.stdout), "one\ntwo\nstill here 1\n", "{}", String::from_utf8_lossy(&out.stderr));
  assert!(out.status.success());
}

/// `--inspect-brk`: the server, its `/json/list`, a WebSocket session through Node's
/// startup handshake (`NodeRuntime.enable`, `Runtime.runIfWaitingForDebugger`), the
/// break before the main module's first line, an evaluation while paused, console
/// output reported to the client, and the wait for the client to leave at exit.
#[test]
fn inspect_brk_serves_a_websocket_debugger() {
  use std::io::{BufRead, Read, Write};
  use std::process::{Command, Stdio};
  let dir = tempfile::tempdir().unwrap();
  let script = dir.path().join("brk.js");
  std::fs::write(&script, "const x = 40;\nconsole.log('value', x + 2);\n").unwrap();
  let mut child = Command::new(amber())
    .args(["--inspect-brk=127.0.0.1:0", script.to_str().unwrap()])
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
  // A watchdog: a hang fails the test instead of holding up the suite.
  let pid = child.id() as i32;
  let watchdog = std::thread::spawn(move || {
    for _ in 0..1200 {
      std::thread::sleep(std::time::Duration::from_millis(100));
      if unsafe { libc::kill(pid, 0) } != 0 {
        return;
      }
    }
    unsafe { libc::kill(pid, libc::SIGKILL) };
  });
  let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
  let stderr = child.stderr.take().unwrap();
  std::thread::spawn(move || {
    for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
      let _ = lines_tx.send(line);
    }
  });
  let next_line = || lines.recv_timeout(std::time::Duration::from_secs(60)).expect("a line on stderr");
  let first = next_line();
  let ws_url = first.strip_prefix("Debugger listening on ").unwrap_or_else(|| panic!("first line: {first}")).to_string();
  assert_eq!(next_line(), "For help, see: https://nodejs.org/en/docs/inspector");
  let addr = ws_url.trim_start_matches("ws://").split('/').next().unwrap().to_string();

  // /json/list describes the target.
  let mut http = std::net::TcpStream::connect(&addr).unwrap();
  write!(http, "GET /json/list HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
  let mut body = String::new();
  http.read_to_string(&mut body).unwrap();
  let json = &body[body.find("\r\n\r\n").unwrap() + 4..];
  let list: serde_json::Value = serde_json::from_str(json).unwrap();
  assert_eq!(list[0]["type"], "node");
  assert_eq!(list[0]["webSocketDebuggerUrl"], ws_url.as_str());
  assert_eq!(list[0]["url"], format!("file://{}", script.display()));

  let (mut ws, _) = tungstenite::client(ws_url.as_str(), std::net::TcpStream::connect(&addr).unwrap()).unwrap();
  assert_eq!(next_line(), "Debugger attached.");
  let mut id = 0;
  let mut send = |ws: &mut tungstenite::WebSocket<std::net::TcpStream>, method: &str, params: serde_json::Value| {
    id += 1;
    ws.send(tungstenite::Message::text(serde_json::json!({ "id": id, "method": method, "params": params }).to_string())).unwrap();
    id
  };
  // Script URLs by id, from `Debugger.scriptParsed` (a paused frame names its script by id).
  let scripts = std::cell::RefCell::new(std::collections::HashMap::<String, String>::new());
  // Reads messages until `want` matches one; returns it.
  let until = |ws: &mut tungstenite::WebSocket<std::net::TcpStream>, want: &dyn Fn(&serde_json::Value) -> bool| -> serde_json::Value {
    loop {
      let m = ws.read().expect("a message from the inspector");
      if let tungstenite::Message::Text(t) = m {
        let v: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
        if v["method"] == "Debugger.scriptParsed" {
          let p = &v["params"];
          scripts.borrow_mut().insert(p["scriptId"].as_str().unwrap().to_string(), p["url"].as_str().unwrap().to_string());
        }
        if want(&v) {
          return v;
        }
      }
    }
  };
  send(&mut ws, "NodeRuntime.enable", serde_json::json!({}));
  until(&mut ws, &|v| v["method"] == "NodeRuntime.waitingForDebugger");
  send(&mut ws, "Runtime.enable", serde_json::json!({}));
  send(&mut ws, "Debugger.enable", serde_json::json!({}));
  send(&mut ws, "Runtime.runIfWaitingForDebugger", serde_json::json!({}));
  let paused = until(&mut ws, &|v| v["method"] == "Debugger.paused");
  assert_eq!(paused["params"]["reason"], "Break on start");
  let frame = &paused["params"]["callFrames"][0];
  let script_id = frame["location"]["scriptId"].as_str().unwrap();
  assert_eq!(scripts.borrow().get(script_id), Some(&format!("file://{}", script.display())));
  assert_eq!(frame["location"]["lineNumber"], 0);
  // Evaluated while the program is stopped before its first line.
  let eval = send(&mut ws, "Runtime.evaluate", serde_json::json!({ "expression": "6 * 7" }));
  let answer = until(&mut ws, &|v| v["id"] == eval);
  assert_eq!(answer["result"]["result"]["value"], 42);
  send(&mut ws, "Debugger.resume", serde_json::json!({}));
  let logged = until(&mut ws, &|v| v["method"] == "Runtime.consoleAPICalled");
  assert_eq!(logged["params"]["args"][0]["value"], "value");
  assert_eq!(logged["params"]["args"][1]["value"], 42);
  // At exit the process waits for the client, which is told the context is gone.
  until(&mut ws, &|v| v["method"] == "Runtime.executionContextDestroyed");
  assert_eq!(next_line(), "Waiting for the debugger to disconnect...");
  ws.close(None).unwrap();
  let _ = ws.flush();
  drop(ws);
  let out = child.wait_with_output().unwrap();
  watchdog.join().unwrap();
  assert_eq!(String::from_utf8_lossy(&out.stdout), "value 42\n");
  assert!(out.status.success(), "{:?}", out.status);
}

/// Without a client, `--inspect` changes nothing a program sees but `process.debugPort`
/// and `inspector.url()`; a port in use is reported and the program runs anyway.
#[test]
fn inspect_without_a_client_runs_the_program() {
  let dir = tempfile::tempdir().unwrap();
  let script = dir.path().join("plain.js");
  std::fs::write(&script, "const i = require('inspector');\nconsole.log(typeof i.url(), process.debugPort > 0, i.url().endsWith(String(process.debugPort)) === false);\n").unwrap();
  let out = run(dir.path(), &["--inspect=0", script.to_str().unwrap()], b"", &[]);
  let err = String::from_utf8_lossy(&out.stderr);
  assert!(err.starts_with("Debugger listening on ws://127.0.0.1:"), "{err}");
  assert_eq!(String::from_utf8_lossy(&out.stdout), "string true true\n");
  assert!(out.status.success());
  // A taken port: Node's message, and the program still runs.
  let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
  let port = taken.local_addr().unwrap().port();
  let out = run(dir.path(), &[&format!("--inspect=127.0.0.1:{port}"), "-e", "console.log('ran')"], b"", &[]);
  assert_eq!(String::from_utf8_lossy(&out.stderr), format!("Starting inspector on 127.0.0.1:{port} failed: address already in use\n"));
  assert_eq!(String::from_utf8_lossy(&out.stdout), "ran\n");
  assert!(out.status.success());
}

/// `--cpu-prof`/`--heap-prof`: one profile each at exit, named as Node names them, in
/// the directory asked for; a setting without its profiler is refused as in Node.
#[test]
fn cpu_and_heap_profiles_are_written_at_exit() {
  let dir = tempfile::tempdir().unwrap();
  let script = dir.path().join("work.js");
  std::fs::write(&script, "let s = 0; for (let i = 0; i < 2e6; i++) s += i;\nconst a = []; for (let i = 0; i < 5e4; i++) a.push({ i });\nconsole.log(s > 0, a.length);\n").unwrap();
  let out = run(dir.path(), &["--cpu-prof", "--cpu-prof-dir=profiles", "--heap-prof", "--heap-prof-dir=profiles", "--heap-prof-interval=4096", script.to_str().unwrap()], b"", &[]);
  assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
  assert_eq!(String::from_utf8_lossy(&out.stdout), "true 50000\n");
  let mut names: Vec<String> = std::fs::read_dir(dir.path().join("profiles")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
  names.sort();
  assert_eq!(names.len(), 2, "{names:?}");
  let pattern = |prefix: &str, ext: &str, name: &str| {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 7 && parts[0] == prefix && parts[1].len() == 8 && parts[2].len() == 6 && parts[4] == "0" && parts[5].len() == 3 && parts[6] == ext
  };
  assert!(pattern("CPU", "cpuprofile", &names[0]), "{names:?}");
  assert!(pattern("Heap", "heapprofile", &names[1]), "{names:?}");
  let cpu: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("profiles").join(&names[0])).unwrap()).unwrap();
  assert!(cpu["nodes"].as_array().unwrap().len() > 1 && !cpu["samples"].as_array().unwrap().is_empty());
  let heap: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("profiles").join(&names[1])).unwrap()).unwrap();
  assert!(!heap["samples"].as_array().unwrap().is_empty() && heap["head"]["children"].is_array());
  let out = run(dir.path(), &["--cpu-prof-name=x.cpuprofile", script.to_str().unwrap()], b"", &[]);
  assert_eq!(out.status.code(), Some(9));
  assert!(String::from_utf8_lossy(&out.stderr).ends_with(": --cpu-prof-name must be used with --cpu-prof\n"));
}
