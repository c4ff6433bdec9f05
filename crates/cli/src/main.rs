//! The `amber` binary: parse the command line, then hand off to the runtime.
//! This is the only crate that prints to the terminal on its own behalf.

mod args;
mod compile;

use std::process::ExitCode;

use amber_runtime::{HookArg, JsRuntime, Mode, RuntimeOptions};
use amber_snapshot_format::printable;
use args::{Command, Options};

fn main() -> ExitCode {
  // Keeps every Node-API function in the link (nothing in amber calls them; addons do,
  // through the dynamic symbol table `build.rs` lists them in). Not called.
  std::hint::black_box(amber_runtime::napi_symbol_addresses as fn() -> Vec<usize>);
  amber_runtime::init_process_signals();
  amber_runtime::install_builtin_cache(BUILTIN_CACHE);
  let raw: Vec<String> = std::env::args().collect();
  // A compiled executable: every argument belongs to the embedded application.
  if let Some(embedded) = compile::embedded() {
    amber_runtime::set_worker_option_parser(args::worker_options);
    // Workers start from the runtime snapshot, whatever the main thread starts from.
    if std::env::var_os("AMBER_NO_RUNTIME_SNAPSHOT").is_none() {
      amber_runtime::set_runtime_snapshot(RUNTIME_SNAPSHOT);
    }
    let load = |app: compile::Embedded| -> Result<_, String> {
      let mut snap = amber_runtime::load_snapshot_bytes(app.snapshot)?;
      // Addons inlined into the executable load from memory, not from node_modules.
      compile::install_addons(&app.addons)?;
      // The key given to `amber compile --verify-key`, else the environment's.
      let key = match app.verify_key {
        Some(k) => Some(k),
        None => trusted_key(None)?,
      };
      if let Some(key) = key {
        amber_runtime::verify_signature(&mut snap, &key)?;
      }
      Ok((snap, app.v8_flags))
    };
    let code = match embedded.and_then(load) {
      Ok((snap, v8_flags)) => {
        let exe = exec_path();
        restore(&v8_flags, &exe, snap, None, raw[1..].to_vec(), &[])
      }
      Err(e) => {
        eprintln!("{}: {e}", raw[0]);
        1
      }
    };
    return ExitCode::from(code as u8);
  }
  let node_options = std::env::var("NODE_OPTIONS").ok();
  let opts = match args::parse_with_env(&raw[1..], node_options.as_deref()) {
    Ok(o) => o,
    Err(e) => {
      eprintln!("{}: {}", program_name(), e.message);
      return ExitCode::from(e.code);
    }
  };
  for file in &opts.env_files {
    if let Err(e) = load_env_file(file) {
      eprintln!("{}: {file}: {e}", program_name());
      return ExitCode::from(9);
    }
  }
  let _ = PROCESS_OPTIONS.set((opts.exec_argv.clone(), opts.node_options.clone()));
  amber_runtime::set_worker_option_parser(args::worker_options);
  // Workers start from the runtime snapshot, whatever the main thread starts from;
  // without it (`--no-node-snapshot` too) they bootstrap lib/ from source, as the main
  // thread then does: V8 shares one read-only heap among a process's isolates, so they
  // cannot mix the blob and no blob.
  if std::env::var_os("AMBER_NO_RUNTIME_SNAPSHOT").is_none() && !no_node_snapshot() {
    amber_runtime::set_runtime_snapshot(RUNTIME_SNAPSHOT);
  }
  let code = run(opts);
  ExitCode::from(code as u8)
}

/// `process.execArgv` and the Node options lib/ reads, fixed for the process.
static PROCESS_OPTIONS: std::sync::OnceLock<(Vec<String>, Vec<String>)> = std::sync::OnceLock::new();

/// `--env-file`: dotenv files into the environment; as in Node, variables already set
/// keep their value.
fn load_env_file(path: &str) -> Result<(), String> {
  let text = std::fs::read_to_string(path).map_err(|_| "not found".to_string())?;
  for (key, value) in parse_env_file(&text) {
    if std::env::var_os(&key).is_none() {
      std::env::set_var(key, value);
    }
  }
  Ok(())
}

/// Node's dotenv rules, the same as `util.parseEnv` in lib/util.js: `#` comments,
/// `export ` prefixes, quoted values (', ", `) that may span lines, `\n` expanded inside
/// double quotes only, unquoted values cut at `#` and trimmed, later keys winning.
fn parse_env_file(text: &str) -> Vec<(String, String)> {
  let mut out: Vec<(String, String)> = Vec::new();
  let mut put = |k: String, v: String| {
    if k.is_empty() {
      return;
    }
    out.retain(|(old, _)| *old != k);
    out.push((k, v));
  };
  let text = text.replace("\r\n", "\n");
  let mut rest: &str = &text;
  let next_line = |s: &str| -> usize { s.find('\n').map_or(s.len(), |i| i + 1) };
  while !rest.is_empty() {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let trimmed = line.trim();
    let Some(eq) = line.find('=').filter(|_| !trimmed.is_empty() && !trimmed.starts_with('#')) else {
      rest = &rest[next_line(rest)..];
      continue;
    };
    let mut key = line[..eq].trim().to_string();
    if let Some(k) = key.strip_prefix("export ") {
      key = k.trim().to_string();
    }
    let after = rest[eq + 1..].trim_start_matches([' ', '\t']);
    if let Some(q) = after.chars().next().filter(|c| matches!(c, '"' | '\'' | '`')) {
      if let Some(close) = after[1..].find(q) {
        let mut value = after[1..1 + close].to_string();
        if q == '"' {
          value = value.replace("\\n", "\n");
        }
        put(key, value);
        let tail = &after[close + 2..];
        rest = &tail[next_line(tail)..];
        continue;
      }
    }
    let end = after.find('\n').unwrap_or(after.len());
    let value = &after[..end];
    let value = value.split('#').next().unwrap_or("").trim().to_string();
    put(key, value);
    rest = &after[next_line(after)..];
  }
  out
}

#[cfg(test)]
mod env_file_tests {
  #[test]
  fn dotenv_rules() {
    let v = super::parse_env_file("A=1 # c\n  export B = 'x # y'\nC=\"l1\\nl2\"\nD=`m\nn`\nE=\"\nnoeq\nA=2\n#F=3\n");
    let get = |k: &str| v.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone());
    assert_eq!(get("A").as_deref(), Some("2"));
    assert_eq!(get("B").as_deref(), Some("x # y"));
    assert_eq!(get("C").as_deref(), Some("l1\nl2"));
    assert_eq!(get("D").as_deref(), Some("m\nn"));
    assert_eq!(get("E").as_deref(), Some("\""));
    assert_eq!(get("F"), None);
  }
}

/// How command-line mistakes are prefixed: the program as it was invoked (argv[0]), as
/// Node prints `node: bad option: ...` or `/path/to/node: ...`.
fn program_name() -> String {
  std::env::args_os().next().map(|a| a.to_string_lossy().into_owned()).filter(|a| !a.is_empty()).unwrap_or_else(|| "amber".to_string())
}

fn exec_path() -> String {
  std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "amber".into())
}

/// The public key snapshots must be signed with: `--verify-key FILE`, else
/// `AMBER_SNAPSHOT_VERIFY_KEY=FILE`, else none (signatures are not required).
fn trusted_key(flag: Option<&str>) -> Result<Option<amber_snapshot_format::PublicKey>, String> {
  let env = std::env::var("AMBER_SNAPSHOT_VERIFY_KEY").ok().filter(|v| !v.is_empty());
  let Some(file) = flag.map(str::to_string).or(env) else { return Ok(None) };
  let text = std::fs::read_to_string(&file).map_err(|e| format!("verify key {}: {e}", printable(&file)))?;
  amber_snapshot_format::PublicKey::from_text(&text).map(Some).map_err(|e| format!("verify key {}: {e}", printable(&file)))
}

/// Loads a snapshot file and, when a verify key is set, checks its signature: all
/// before V8 sees the blob.
fn load_trusted(path: &str, verify_key: Option<&str>) -> Result<amber_runtime::LoadedSnapshot, String> {
  let key = trusted_key(verify_key)?;
  let mut snap = amber_runtime::load_snapshot(std::path::Path::new(path))?;
  if let Some(key) = key {
    amber_runtime::verify_signature(&mut snap, &key)?;
  }
  Ok(snap)
}

fn keygen(name: &str) -> i32 {
  let mut seed = [0u8; 32];
  if let Err(e) = getrandom::getrandom(&mut seed) {
    eprintln!("amber: cannot draw random bytes for a key: {e}");
    return 1;
  }
  let key = amber_snapshot_format::SecretKey::from_seed(seed);
  let (secret, public) = (format!("{name}.key"), format!("{name}.pub"));
  let write = |path: &str, text: &str, mode: u32| -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
  };
  for p in [&secret, &public] {
    if std::fs::symlink_metadata(p).is_ok() {
      eprintln!("amber: {} exists; not overwriting a key", printable(p));
      return 1;
    }
  }
  if let Err(e) = write(&secret, &key.to_text(), 0o600).and_then(|_| write(&public, &key.public().to_text(), 0o644)) {
    eprintln!("amber: cannot write the key pair {}: {e}", printable(name));
    return 1;
  }
  eprintln!("amber: wrote {} (secret: sign with it, keep it private) and {} (key {})", printable(&secret), printable(&public), key.public().id());
  0
}

fn run(opts: Options) -> i32 {
  let verify_key = opts.verify_key.clone();
  match opts.command {
    Command::SnapshotKeygen { name } => keygen(&name),
    Command::Version => {
      println!("amber {}", env!("CARGO_PKG_VERSION"));
      println!("v8 {}", amber_runtime::v8_version());
      0
    }
    Command::Help => {
      print!("{}", args::help());
      0
    }
    Command::Run { script, args } => {
      let path = std::path::absolute(&script).unwrap_or_else(|_| script.clone().into());
      // A path that does not exist is still resolved by the CommonJS loader (`amber app`
      // runs app.js), which reports MODULE_NOT_FOUND as Node does.
      if path.exists() && is_snapshot_file(&path) {
        return run_snapshot(&opts.v8_flags, &script, None, args, verify_key.as_deref(), &opts.preload);
      }
      let path = path.to_string_lossy().into_owned();
      let mut argv = vec![exec_path(), path.clone()];
      argv.extend(args);
      let mut rt = new_runtime(&opts.v8_flags, argv, Mode::Run);
      preload(&mut rt, &opts.preload);
      rt.macrotask("runMain", &[HookArg::Str(path)]);
      finish(&mut rt)
    }
    Command::SnapshotBuild { entry, output, keep_code, sign, report, warmups, workers } => {
      let sign = match sign.map(|file| {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("signing key {}: {e}", printable(&file)))?;
        amber_snapshot_format::SecretKey::from_text(&text).map_err(|e| format!("signing key {}: {e}", printable(&file)))
      }) {
        None => None,
        Some(Ok(k)) => Some(k),
        Some(Err(e)) => {
          eprintln!("amber: {e}");
          return 1;
        }
      };
      // Node's name for a snapshot of the built-in library alone: there is no user entry.
      let embedded = entry == "node:embedded_snapshot_main";
      let path = if embedded { entry.clone().into() } else { std::path::absolute(&entry).unwrap_or_else(|_| entry.clone().into()) };
      if !embedded && !path.is_file() {
        eprintln!("amber: cannot build snapshot: entry '{}' not found", path.display());
        return 1;
      }
      let path = path.to_string_lossy().into_owned();
      // Worker scripts are named by the path `new Worker` resolves them to (absolute,
      // `.` and `..` resolved, symlinks kept), and must exist.
      let mut worker_paths: Vec<String> = Vec::new();
      for w in &workers {
        let p = lexical_absolute(std::path::Path::new(w));
        if !p.is_file() {
          eprintln!("amber: cannot build snapshot: worker script '{}' not found", printable(&p.to_string_lossy()));
          return 1;
        }
        let p = p.to_string_lossy().into_owned();
        if !worker_paths.contains(&p) {
          worker_paths.push(p);
        }
      }
      let argv = vec![exec_path(), path.clone()];
      let opts = runtime_options(&opts.v8_flags, argv, Mode::BuildSnapshot);
      let started = std::time::Instant::now();
      match amber_runtime::build_snapshot(opts, &path, std::path::Path::new(&output), keep_code, sign.as_ref(), &warmups, &worker_paths) {
        Ok(size) => {
          if report {
            let signed = sign.as_ref().map(|k| format!(", signed with key {}", k.public().id())).unwrap_or_default();
            let warmed = match warmups.len() {
              0 => String::new(),
              1 => ", warmed up by 1 run".to_string(),
              n => format!(", warmed up by {n} runs"),
            };
            let prebuilt = match worker_paths.len() {
              0 => String::new(),
              1 => ", 1 prebuilt worker context".to_string(),
              n => format!(", {n} prebuilt worker contexts"),
            };
            let warmed = format!("{warmed}{prebuilt}");
            eprintln!("amber: wrote {} ({:.1} MiB{signed}{warmed}) in {:.2}s", printable(&output), size as f64 / 1048576.0, started.elapsed().as_secs_f64());
          }
          0
        }
        Err(e) => {
          eprintln!("amber: {e}");
          1
        }
      }
    }
    Command::SnapshotRun { snapshot, entry, args } => {
      // Node's spelling fails as Node does: its wording and exit code 14.
      amber_runtime::init(&opts.v8_flags);
      let snap = match load_trusted(&snapshot, verify_key.as_deref()).and_then(|s| amber_runtime::check_compatible(&s.header).map(|_| s)) {
        Ok(s) => s,
        Err(e) => return node_snapshot_failure(&snapshot, &e),
      };
      let path = std::path::absolute(&snapshot).map(|p| p.to_string_lossy().into_owned()).unwrap_or(snapshot.clone());
      restore(&opts.v8_flags, &path, snap, entry, args, &opts.preload)
    }
    Command::Compile { snapshot, output } => {
      amber_runtime::init(&opts.v8_flags);
      let key = match trusted_key(verify_key.as_deref()) {
        Ok(k) => k,
        Err(e) => {
          eprintln!("amber: {e}");
          return 1;
        }
      };
      match compile::compile(std::path::Path::new(&snapshot), std::path::Path::new(&output), &opts.v8_flags, key) {
        Ok(size) => {
          eprintln!("amber: wrote {output} ({:.1} MiB)", size as f64 / 1048576.0);
          0
        }
        Err(e) => {
          eprintln!("amber: {e}");
          1
        }
      }
    }
    Command::SnapshotInspect { file, json, modules } => inspect(&file, json, modules),
    Command::SnapshotVerify { file } => {
      amber_runtime::init(&opts.v8_flags);
      match load_trusted(&file, verify_key.as_deref()).and_then(|s| amber_runtime::check_compatible(&s.header).map(|_| s)) {
        Ok(s) => {
          let signed = match (&s.signature, trusted_key(verify_key.as_deref()).ok().flatten()) {
            (Some(sig), Some(_)) => format!(" (signature by key {} verified)", sig.key.id()),
            (Some(sig), None) => format!(" (signed by key {}; not verified: no --verify-key)", sig.key.id()),
            (None, _) => String::new(),
          };
          println!("{}: ok{signed}", printable(&file));
          0
        }
        Err(e) => {
          eprintln!("amber: {}: {e}", printable(&file));
          1
        }
      }
    }
    Command::Repl => {
      let mut rt = new_runtime(&opts.v8_flags, vec![exec_path()], Mode::Run);
      preload(&mut rt, &opts.preload);
      rt.macrotask("repl", &[]);
      finish(&mut rt)
    }
    Command::Stdin { args, dash, print } => {
      let mut bytes = Vec::new();
      if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
        eprintln!("amber: cannot read the script from standard input: {e}");
        return 1;
      }
      // As Node decodes a script: invalid UTF-8 becomes U+FFFD, it is not an error.
      let code = String::from_utf8_lossy(&bytes).into_owned();
      let mut argv = vec![exec_path()];
      if dash {
        argv.push("-".to_string());
      }
      argv.extend(args);
      let mut rt = new_runtime(&opts.v8_flags, argv, Mode::Run);
      preload(&mut rt, &opts.preload);
      rt.macrotask("evalScript", &[HookArg::Str(code), HookArg::Bool(print), HookArg::Str("[stdin]".into())]);
      finish(&mut rt)
    }
    Command::Check { script: None } => {
      // `--check` with the script piped in: it is compiled as `[stdin]`, not run.
      let mut bytes = Vec::new();
      if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
        eprintln!("amber: cannot read the script from standard input: {e}");
        return 1;
      }
      let code = String::from_utf8_lossy(&bytes).into_owned();
      let mut rt = new_runtime(&opts.v8_flags, vec![exec_path()], Mode::Run);
      rt.macrotask("checkStdinSyntax", &[HookArg::Str(code)]);
      finish(&mut rt)
    }
    Command::Check { script: Some(script) } => {
      let path = std::path::absolute(&script).unwrap_or_else(|_| script.clone().into());
      if !path.is_file() {
        eprintln!("Error: Cannot find module '{}'", path.display());
        return 1;
      }
      let path = path.to_string_lossy().into_owned();
      let mut rt = new_runtime(&opts.v8_flags, vec![exec_path(), path.clone()], Mode::Run);
      rt.macrotask("checkSyntax", &[HookArg::Str(path)]);
      finish(&mut rt)
    }
    Command::Eval { code, print, args } if opts.snapshot_blob.is_some() => {
      // `-e`/`-p` with `--snapshot-blob`: the code runs on the restored heap.
      let snapshot = opts.snapshot_blob.clone().unwrap();
      amber_runtime::init(&opts.v8_flags);
      let snap = match load_trusted(&snapshot, verify_key.as_deref()).and_then(|s| amber_runtime::check_compatible(&s.header).map(|_| s)) {
        Ok(s) => s,
        Err(e) => return node_snapshot_failure(&snapshot, &e),
      };
      let mut argv = vec![exec_path()];
      argv.extend(args);
      let mut rt = match JsRuntime::from_snapshot(runtime_options(&opts.v8_flags, argv, Mode::FromSnapshot), &snap) {
        Ok(rt) => rt,
        Err(e) => {
          eprintln!("amber: {snapshot}: {e}");
          return 1;
        }
      };
      if debug_native("CODE_CACHE") {
        eprintln!("snapshot contains {} code cache", snap.modules_with_code());
      }
      rt.macrotask("afterRestore", &[]);
      rt.macrotask("evalScript", &[HookArg::Str(code), HookArg::Bool(print)]);
      finish(&mut rt)
    }
    Command::Eval { code, print, args } => {
      let mut argv = vec![exec_path()];
      argv.extend(args);
      let mut rt = new_runtime(&opts.v8_flags, argv, Mode::Run);
      preload(&mut rt, &opts.preload);
      rt.macrotask("evalScript", &[HookArg::Str(code), HookArg::Bool(print)]);
      finish(&mut rt)
    }
  }
}

/// The runtime's startup snapshot, made by build.rs: plain runs start from it instead
/// of compiling and running the bootstrap of `lib/`.
static RUNTIME_SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/runtime.snap"));
static BUILTIN_CACHE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtins.cache"));

fn runtime_options(v8_flags: &[String], argv: Vec<String>, mode: Mode) -> RuntimeOptions {
  let (exec_argv, node_options) = PROCESS_OPTIONS.get().cloned().unwrap_or_default();
  RuntimeOptions { mode, argv, exec_argv, node_options, exec_path: exec_path(), v8_flags: v8_flags.to_vec(), startup_snapshot: None, worker: None, heap_limits: None }
}

/// Node's `--no-node-snapshot` (the last of it and `--node-snapshot` wins): lib/ is
/// bootstrapped from source.
fn no_node_snapshot() -> bool {
  PROCESS_OPTIONS.get().and_then(|(_, o)| o.iter().rev().find(|o| *o == "--node-snapshot" || *o == "--no-node-snapshot")).is_some_and(|o| o == "--no-node-snapshot")
}

fn new_runtime(v8_flags: &[String], argv: Vec<String>, mode: Mode) -> JsRuntime {
  let use_snapshot = std::env::var_os("AMBER_NO_RUNTIME_SNAPSHOT").is_none() && !no_node_snapshot();
  let opts = RuntimeOptions { startup_snapshot: use_snapshot.then_some(RUNTIME_SNAPSHOT), ..runtime_options(v8_flags, argv, mode) };
  JsRuntime::new(opts)
}

/// `amber FILE` starts FILE as a snapshot when it is named `*.snap` or `*.blob` (as
/// `--snapshot-blob FILE` always does); its header is then checked and anything that
/// is not a valid snapshot is a one-line error. Any other name runs as JavaScript,
/// whatever its first bytes are.
fn is_snapshot_file(path: &std::path::Path) -> bool {
  matches!(path.extension().and_then(|e| e.to_str()), Some("snap" | "blob"))
}

fn run_snapshot(v8_flags: &[String], snapshot: &str, entry: Option<String>, args: Vec<String>, verify_key: Option<&str>, preloads: &[String]) -> i32 {
  let snap = match load_trusted(snapshot, verify_key) {
    Ok(s) => s,
    Err(e) => {
      eprintln!("amber: {}: {e}", printable(snapshot));
      return 1;
    }
  };
  let path = std::path::absolute(snapshot).map(|p| p.to_string_lossy().into_owned()).unwrap_or(snapshot.to_string());
  restore(v8_flags, &path, snap, entry, args, preloads)
}

/// Whether `NODE_DEBUG_NATIVE` (Node's comma-separated list of native debug categories,
/// any case) names `category`.
fn debug_native(category: &str) -> bool {
  std::env::var("NODE_DEBUG_NATIVE").is_ok_and(|v| v.split(',').any(|c| c.trim().eq_ignore_ascii_case(category)))
}

/// Node's exit code for a startup snapshot that cannot be loaded (`kStartupSnapshotFailure`).
const SNAPSHOT_FAILURE: i32 = 14;

/// A blob given with `--snapshot-blob` that cannot be used: one line in Node's words
/// ("Cannot open FILE" when it cannot be read, "Failed to load the startup snapshot"
/// otherwise) followed by amber's reason, and Node's exit code 14. `amber app.snap`
/// keeps amber's own one-line error and exit code 1.
fn node_snapshot_failure(snapshot: &str, reason: &str) -> i32 {
  if std::fs::File::open(snapshot).is_err() {
    eprintln!("amber: Cannot open {}: {reason}", printable(snapshot));
  } else {
    eprintln!("amber: Failed to load the startup snapshot {}: {reason}", printable(snapshot));
  }
  SNAPSHOT_FAILURE
}

/// Starts from a loaded snapshot: `argv[1]` is the entry if one is given, else `first`.
/// `-r` modules load after the deserialize callbacks, before the main function or entry,
/// so they see the restored heap.
fn restore(v8_flags: &[String], first: &str, snap: amber_runtime::LoadedSnapshot, entry: Option<String>, args: Vec<String>, preloads: &[String]) -> i32 {
  let snapshot = first;
  // argv[1] stays as typed, as in Node: a main function sees it so; the entry, when it
  // runs instead, makes it absolute (lib/internal/bootstrap.js, runSnapshotMain).
  let first = entry.clone().unwrap_or_else(|| first.to_string());
  let entry = entry.map(|e| std::path::absolute(&e).unwrap_or_else(|_| e.into()).to_string_lossy().into_owned());
  let mut argv = vec![exec_path(), first];
  argv.extend(args);
  let mut rt = match JsRuntime::from_snapshot(runtime_options(v8_flags, argv, Mode::FromSnapshot), &snap) {
    Ok(rt) => rt,
    Err(e) => {
      eprintln!("amber: {}: {e}", printable(snapshot));
      return 1;
    }
  };
  if debug_native("CODE_CACHE") {
    eprintln!("snapshot contains {} code cache", snap.modules_with_code());
  }
  rt.macrotask("afterRestore", &[]);
  preload(&mut rt, preloads);
  let entry_arg = entry.map(HookArg::Str).unwrap_or(HookArg::Null);
  rt.macrotask("runSnapshotMain", &[entry_arg]);
  finish(&mut rt)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the epoch (civil-from-days, proleptic Gregorian).
fn utc_time(secs: u64) -> String {
  let days = (secs / 86400) as i64;
  let rem = secs % 86400;
  let z = days + 719_468;
  let era = z.div_euclid(146_097);
  let doe = z.rem_euclid(146_097);
  let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
  let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  let mp = (5 * doy + 2) / 153;
  let day = doy - (153 * mp + 2) / 5 + 1;
  let month = if mp < 10 { mp + 3 } else { mp - 9 };
  let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
  format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
  #[test]
  fn utc_time_formats_dates() {
    assert_eq!(super::utc_time(0), "1970-01-01T00:00:00Z");
    assert_eq!(super::utc_time(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(super::utc_time(1_795_738_937), "2026-11-27T00:22:17Z");
  }
}

fn inspect(file: &str, json: bool, modules: bool) -> i32 {
  let info = match amber_runtime::inspect_snapshot(std::path::Path::new(file)) {
    Ok(i) => i,
    Err(e) => {
      eprintln!("amber: {}: {e}", printable(file));
      return 1;
    }
  };
  let h = &info.header;
  let created = if h.created != 0 {
    h.created
  } else {
    std::fs::metadata(file).and_then(|m| m.modified()).ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_secs()).unwrap_or(0)
  };
  let main_set = h.flags & amber_snapshot_format::FLAG_MAIN_FUNCTION != 0;
  let sig_len = if info.signed_by.is_some() { amber_snapshot_format::SignatureSection::LEN } else { 0 };
  if json {
    let mut j = serde_json::json!({
      "format_version": amber_snapshot_format::FORMAT_VERSION,
      "amber_version": h.amber_version,
      "v8_version": h.v8_version,
      "cached_data_version_tag": h.cached_data_version_tag,
      "created": created,
      "entry": info.entry,
      "main_function": main_set,
      "rehashable": h.flags & amber_snapshot_format::FLAG_FIXED_HASH_SEED == 0,
      "contexts": info.contexts,
      "external_references": h.external_refs_count,
      "external_references_hash": format!("{:016x}", h.external_refs_hash),
      "sections": { "header": info.header_len, "sidecar": info.sidecar_len, "v8_blob": info.blob_len, "signature": sig_len, "checksum": 8 },
      "file_size": info.file_len,
      "module_count": info.modules.len(),
      "signed_by": info.signed_by.map(|k| k.id()),
      "warmups": info.warmups,
      "worker_context": info.worker_context,
      "worker_scripts": info.worker_scripts.iter().map(|w| serde_json::json!({ "path": w.path, "context": w.context, "reads": w.reads })).collect::<Vec<_>>(),
      "addons": info.addons.iter().map(|a| serde_json::json!({ "name": a.name(), "path": a.path, "size": a.size, "blake3": a.hash_hex(), "functions": a.kinds.len(), "stamp": a.stamp.is_some() })).collect::<Vec<_>>(),
    });
    if modules {
      j["modules"] = serde_json::json!(info.modules);
    }
    // serde_json leaves DEL, C1 controls and direction overrides raw: escape them too
    // (they only occur inside strings, where `\uXXXX` is valid JSON).
    let text: String = j.to_string().chars().map(|c| if printable(&c.to_string()).len() > c.len_utf8() { format!("\\u{:04x}", c as u32) } else { c.to_string() }).collect();
    println!("{text}");
    return 0;
  }
  // Every string that comes from the file is escaped: a snapshot cannot send escape
  // sequences to the terminal of whoever inspects it.
  let file = printable(file);
  println!("file:                 {file} ({} bytes)", info.file_len);
  println!("format version:       {}", amber_snapshot_format::FORMAT_VERSION);
  println!("amber version:        {}", printable(&h.amber_version));
  println!("V8 version:           {}", printable(&h.v8_version));
  println!("V8 cached-data tag:   {:08x}", h.cached_data_version_tag);
  println!("created:              {} ({created} unix seconds)", utc_time(created));
  println!("entry:                {}", printable(&info.entry));
  println!("main function:        {}", if main_set { "set" } else { "not set" });
  println!("hash seed:            {}", if h.flags & amber_snapshot_format::FLAG_FIXED_HASH_SEED != 0 { "fixed at build (ES modules in the heap)" } else { "new in every process" });
  println!("contexts:             {}", info.contexts);
  println!("external references:  {} (hash {:016x})", h.external_refs_count, h.external_refs_hash);
  println!("sections:             header {} B, sidecar {} B, V8 blob {} B, signature {sig_len} B, checksum 8 B", info.header_len, info.sidecar_len, info.blob_len);
  println!("signature:            {}", info.signed_by.map_or("none".to_string(), |k| format!("ed25519, key {} (amber snapshot verify --verify-key checks it)", k.id())));
  if !info.warmups.is_empty() {
    let quoted = |args: &Vec<String>| format!("[{}]", args.iter().map(|a| format!("\"{}\"", printable(a).replace('"', "\\\""))).collect::<Vec<_>>().join(", "));
    let runs = info.warmups.iter().map(quoted).collect::<Vec<_>>().join(" ");
    println!("warm-up:              {} run{}: {runs}", info.warmups.len(), if info.warmups.len() == 1 { "" } else { "s" });
  }
  println!("worker contexts:      {}", match (info.worker_context, info.worker_scripts.len()) {
    (false, _) => "none".to_string(),
    (true, 0) => "library only".to_string(),
    (true, n) => format!("library only + {n} prebuilt"),
  });
  for w in &info.worker_scripts {
    let reads = if w.reads.is_empty() { String::new() } else { format!(" (its top level read {}: workers given it start from the library context)", w.reads.join(", ")) };
    println!("  {} (context {}){reads}", printable(&w.path), w.context);
  }
  println!("native addons:        {}", info.addons.len());
  for a in &info.addons {
    // A stamp lets a restored process skip hashing an unchanged file (docs/snapshot-format.md).
    let check = if a.stamp.is_some() { "hashed at restore only if its stamp changed" } else { "hashed at every restore" };
    println!("  {} {} ({} bytes, blake3 {}, {} functions; {check})", printable(a.name()), printable(&a.path), a.size, a.hash_hex(), a.kinds.len());
  }
  println!("modules in heap:      {}", info.modules.len());
  if modules {
    for m in &info.modules {
      println!("  {}", printable(m));
    }
  }
  0
}

/// `path` made absolute against the working directory with `.` and `..` resolved
/// lexically, as Node's `path.resolve` does (symlinks are kept).
fn lexical_absolute(path: &std::path::Path) -> std::path::PathBuf {
  let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
  let mut out = std::path::PathBuf::new();
  for c in abs.components() {
    match c {
      std::path::Component::CurDir => {}
      std::path::Component::ParentDir => {
        out.pop();
      }
      other => out.push(other),
    }
  }
  out
}

/// `-r`/`--require`: load each module (resolved from the working directory) first.
fn preload(rt: &mut JsRuntime, modules: &[String]) {
  for m in modules {
    rt.macrotask("preload", &[HookArg::Str(m.clone())]);
  }
}

fn finish(rt: &mut JsRuntime) -> i32 {
  rt.run_event_loop(false);
  rt.emit_exit()
}
