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
