//! The startup floor of issue 12: the least a V8 embedder must do to print "hello
//! world" from a snapshot. `amber-floor --build FILE` writes a snapshot whose context
//! has `console.log` bound to one native function (one external reference);
//! `amber-floor FILE script.js` maps that snapshot, initializes V8 exactly as amber does
//! (ICU data, `--no-freeze-flags-after-init`, the default platform), restores the
//! context and runs the script. bench/startup.sh times it beside `amber hello.js`.

use std::io::Write;

/// `console.log(...args)`: the arguments converted to strings, joined by spaces, one
/// write(2) to standard output.
fn log(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
  let mut line = String::new();
  for i in 0..args.length() {
    if i > 0 {
      line.push(' ');
    }
    line.push_str(&args.get(i).to_rust_string_lossy(scope));
  }
  line.push('\n');
  let _ = std::io::stdout().lock().write_all(line.as_bytes());
}

fn external_references() -> std::borrow::Cow<'static, [v8::ExternalReference]> {
  std::borrow::Cow::Owned(vec![v8::ExternalReference { function: v8::MapFnTo::map_fn_to(log) }])
}

/// The same process-wide setup as amber's `platform::init_v8` for a restored run.
fn init_v8() {
  let _ = v8::icu::set_common_data_78(deno_core_icudata::ICU_DATA);
  let _ = v8::V8::set_flags_from_command_line(vec!["amber-floor".to_string(), "--no-freeze-flags-after-init".to_string()]);
  let platform = v8::new_default_platform(0, false).make_shared();
  v8::V8::initialize_platform(platform);
  v8::V8::initialize();
}

fn build(out: &str) {
  init_v8();
  let mut isolate = v8::Isolate::snapshot_creator(Some(external_references()), None);
  {
    v8::scope!(let scope, &mut isolate);
    let default = v8::Context::new(scope, Default::default());
    scope.set_default_context(default);
    let context = v8::Context::new(scope, Default::default());
    {
      let scope = &mut v8::ContextScope::new(scope, context);
      let console = v8::Object::new(scope);
      let f = v8::Function::builder(log).build(scope).unwrap();
      let key = v8::String::new(scope, "log").unwrap();
      console.set(scope, key.into(), f.into());
      let global = context.global(scope);
      let key = v8::String::new(scope, "console").unwrap();
      global.set(scope, key.into(), console.into());
    }
    scope.add_context(context);
  }
  let blob = isolate.create_blob(v8::FunctionCodeHandling::Keep).expect("create_blob");
  std::fs::write(out, &*blob).expect("writing the snapshot");
}

/// Maps `path` read-only for the life of the process, as amber maps snapshot files.
fn map(path: &str) -> &'static [u8] {
  let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
  let len = file.metadata().unwrap().len() as usize;
  use std::os::fd::AsRawFd;
  // SAFETY: a private read-only mapping of a whole file, never unmapped.
  let p = unsafe { libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_PRIVATE, file.as_raw_fd(), 0) };
  assert!(p != libc::MAP_FAILED, "mmap {path}");
  // SAFETY: the mapping is `len` bytes long and lives forever.
  unsafe { std::slice::from_raw_parts(p as *const u8, len) }
}

fn run(snapshot: &str, script: &str) {
  let blob = map(snapshot);
  let source = std::fs::read_to_string(script).unwrap_or_else(|e| panic!("{script}: {e}"));
  init_v8();
  let params = v8::CreateParams::default().external_references(external_references()).snapshot_blob(v8::StartupData::from(blob));
  let mut isolate = v8::Isolate::new(params);
  v8::scope!(let scope, &mut isolate);
  let context = v8::Context::from_snapshot(scope, 0, Default::default()).expect("context 0");
  let scope = &mut v8::ContextScope::new(scope, context);
  let code = v8::String::new(scope, &source).unwrap();
  let script = v8::Script::compile(scope, code, None).expect("compile");
  script.run(scope).expect("run");
}

fn main() {
  let args: Vec<String> = std::env::args().collect();
  match args.get(1).map(String::as_str) {
    Some("--build") if args.len() == 3 => build(&args[2]),
    Some(snap) if args.len() == 3 => run(snap, &args[2]),
    _ => {
      eprintln!("usage: amber-floor --build FILE | amber-floor FILE script.js");
      std::process::exit(2);
    }
  }
}
