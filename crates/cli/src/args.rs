//! Command-line parsing: raw arguments to a validated `Options`. Options come before
//! the script; everything after the script belongs to the script, as in Node.

pub const HELP: &str = "\
Usage: amber [options] <script.js> [arguments]
       amber run <script.js> [arguments]
       amber -e <code> | -p <expression>
       amber snapshot build <entry.js> -o <file.snap> [--sign <key file>] [--warmup '<args>' ...]
                            [--worker <worker.js> ...]
       amber snapshot keygen [-o <name>]   (writes <name>.key and <name>.pub)
       amber <file.snap> [arguments]
       amber snapshot inspect <file.snap> [--json] [--modules]
       amber snapshot verify <file.snap>
       amber compile <file.snap> -o <executable>
       amber --snapshot-blob <file> --build-snapshot <entry.js>
       amber --snapshot-blob <file> [entry.js] [arguments]

Options:
  -e, --eval <code>        evaluate code
  -p, --print <expr>       evaluate an expression and print its result
  -r, --require <module>   require a module before the main script (repeatable)
  --v8-flags=<flags>       comma-separated V8 flags, e.g. --v8-flags=--max-old-space-size=512
  --snapshot-blob <file>   snapshot file to write (with --build-snapshot) or start from
  --build-snapshot         run the entry and write a snapshot to --snapshot-blob
  --build-snapshot-config <file.json>  Node's config file: { \"builder\": \"entry.js\" }
                           (amber also reads \"warmup\": [\"<args>\", ...] and
                           \"workers\": [\"<worker.js>\", ...])
  --warmup '<args>'        (snapshot build) run the main function with these arguments
                           at build time, keeping what it compiled but none of its effects
  --worker <worker.js>     (snapshot build) also prebuild a worker context in which this
                           worker script already ran: its workers start from it
  --verify-key <file.pub>  run, verify or compile only snapshots signed by this key
                           (also AMBER_SNAPSHOT_VERIFY_KEY=<file.pub>)
  -v, --version            print amber and V8 versions
  -h, --help               print this help
";

/// Node's own options that are V8 flags: handed to V8 (and allowed in NODE_OPTIONS).
const NODE_V8_OPTIONS: &[&str] = &[
  "--expose-gc", "--max-old-space-size", "--max-semi-space-size", "--stack-size", "--abort-on-uncaught-exception", "--jitless",
  "--disallow-code-generation-from-strings", "--interpreted-frames-native-stack", "--huge-max-old-generation-size",
  "--perf-basic-prof", "--perf-basic-prof-only-functions", "--perf-prof", "--perf-prof-unwinding-info",
];

const ENV_HELP: &str = "
Environment variables:
  NODE_OPTIONS             options as on the command line, with Node's rules for which may be there
  NODE_ICU_DATA            not read: amber's ICU data (full, every locale) is built into the binary
  UV_THREADPOOL_SIZE       file system jobs run at once (1 to 1024, 4 by default)
  AMBER_SNAPSHOT_VERIFY_KEY=<file.pub>  as --verify-key
  AMBER_LISTEN_PORT        ports for the TCP servers a restored snapshot listens again on
";

/// `--help`: amber's usage, then Node's options as amber takes them, listed from the
/// tables the parser uses (so the two cannot differ), and the environment variables.
/// The inspector's options (lib/internal/inspector/remote.js), as Node's help spells them.
const INSPECT_HELP: &str = "
Debugging (the V8 inspector protocol over WebSocket: Chrome DevTools, VS Code):
  --inspect[=[host:]port]        serve the inspector on host:port (127.0.0.1:9229)
  --inspect-brk[=[host:]port]    the same, wait for a debugger, break on the first line
  --inspect-wait[=[host:]port]   the same, wait for a debugger before running
  --inspect-port=[host:]port     the address inspector.open() uses (--debug-port)
  --inspect-publish-uid=stderr,http  where the WebSocket URL is published
";

pub fn help() -> String {
  let mut out = String::from(HELP);
  out.push_str("\nNode.js options, spelled as for `node` (the README says what each does in amber;\n`--no-X` negates a boolean one):\n");
  out.push_str(INSPECT_HELP);
  let mut accepted: Vec<String> = VALUE_OPTIONS
    .iter()
    .filter(|o| !INSPECT_HELP.contains(*o))
    .map(|o| format!("{o}=..."))
    .chain(BOOL_OPTIONS.iter().map(|o| o.to_string()))
    .chain(NODE_V8_OPTIONS.iter().map(|o| if o.ends_with("-size") { format!("{o}=...") } else { o.to_string() }))
    .chain(["--env-file=...", "-C, --conditions=...", "-c, --check", "-i, --interactive", "--test", "--"].iter().map(|o| o.to_string()))
    .collect();
  accepted.sort_by(|a, b| a.trim_start_matches('-').cmp(b.trim_start_matches('-')));
  accepted.dedup();
  let mut line = String::from(" ");
  for o in accepted {
    if line.len() + o.len() + 1 > 92 {
      out.push_str(&line);
      out.push('\n');
      line = String::from(" ");
    }
    line.push(' ');
    line.push_str(&o);
  }
  out.push_str(&line);
  out.push_str("\n\nNode.js options amber refuses (exit 9), with the reason:\n");
  for (name, why) in UNSUPPORTED {
    out.push_str(&format!("  {name:<32} {why}\n"));
  }
  out.push_str(ENV_HELP);
  out
}

#[derive(Debug, PartialEq)]
pub enum Command {
  Run { script: String, args: Vec<String> },
  /// Build a snapshot of `entry` into `output`; `keep_code` keeps compiled bytecode
  /// (Node's `withoutCodeCache: true` turns it off); `report` prints the size and time
  /// (`amber snapshot build`; Node's `--build-snapshot` prints nothing on success);
  /// `sign`: a secret key file to sign the snapshot with. `warmups`: the argument lists
  /// of the warm-up runs of the main function (`--warmup 'ARGS'`, docs/warmup.md).
  /// `workers`: worker scripts to prebuild a worker context for (`--worker FILE`,
  /// docs/workers-in-snapshots.md), as given.
  SnapshotBuild { entry: String, output: String, keep_code: bool, sign: Option<String>, report: bool, warmups: Vec<Vec<String>>, workers: Vec<String> },
  /// A new signing key pair: `<name>.key` and `<name>.pub`.
  SnapshotKeygen { name: String },
  /// Start from a snapshot; `entry` runs when no main function was set.
  SnapshotRun { snapshot: String, entry: Option<String>, args: Vec<String> },
  SnapshotInspect { file: String, json: bool, modules: bool },
  SnapshotVerify { file: String },
  /// A self-contained executable: this binary plus the snapshot.
  Compile { snapshot: String, output: String },
  Eval { code: String, print: bool, args: Vec<String> },
  /// Run the script read from standard input (`dash`: given as `-`, which then is argv[1]).
  Stdin { args: Vec<String>, dash: bool, print: bool },
  /// No script, standard input is a terminal: the interactive prompt.
  Repl,
  /// `-c`/`--check`: parse the script without running it (standard input's when `None`).
  Check { script: Option<String> },
  Version,
  Help,
}

extern "C" {
  #[link_name = "isatty"]
  fn libc_isatty(fd: i32) -> i32;
}

#[derive(Debug)]
pub struct Options {
  pub command: Command,
  pub v8_flags: Vec<String>,
  /// Modules to require before the main script (`-r`/`--require`).
  pub preload: Vec<String>,
  /// `--verify-key`: the public key file snapshots must be signed with.
  pub verify_key: Option<String>,
  /// The command-line options before the script, as typed (`process.execArgv`).
  pub exec_argv: Vec<String>,
  /// Node options that lib/ acts on, from `NODE_OPTIONS` then the command line, each
  /// spelled `--name` or `--name=value` (lib/internal/options.js reads them).
  pub node_options: Vec<String>,
  /// `--env-file` files, loaded into the environment before the runtime starts.
  pub env_files: Vec<String>,
  /// `--snapshot-blob` was given without `--build-snapshot`: exit with `-e`/`-p` on the
  /// restored heap.
  pub snapshot_blob: Option<String>,
}

#[derive(Debug)]
pub struct ArgError {
  pub message: String,
  pub code: u8,
}

fn bad_option(opt: &str) -> ArgError {
  ArgError { message: format!("bad option: {opt}"), code: 9 }
}

fn missing_value(opt: &str) -> ArgError {
  ArgError { message: format!("{opt} requires an argument"), code: 9 }
}

/// What `--test` evaluates (with the files as `process.argv[1..]`).
const TEST_RUNNER_CODE: &str = "require('node:test')[Symbol.for('amber.test.runFromCli')](process.argv.slice(1))";

/// Node 20 options that take a value (`--name=value` or `--name value`) and that lib/
/// or the CLI implements.
const VALUE_OPTIONS: &[&str] = &[
  "--unhandled-rejections", "--input-type", "--title", "--disable-proto", "--disable-warning", "--redirect-warnings",
  "--dns-result-order", "--max-http-header-size", "--stack-trace-limit", "--trace-require-module",
  "--network-family-autoselection-attempt-timeout",
  // TLS key log file (lib/_tls_wrap.js)
  "--tls-keylog",
  // Accepted without effect (README, "Node's flags"): they configure subsystems amber
  // does not have (OpenSSL, TLS cipher lists, the thread pool, reports, trace events).
  "--openssl-config", "--tls-cipher-list", "--secure-heap", "--secure-heap-min", "--v8-pool-size",
  "--icu-data-dir", "--report-dir", "--report-directory", "--report-filename", "--report-signal",
  "--trace-event-categories", "--trace-event-file-pattern", "--diagnostic-dir", "--use-largepages",
  "--heapsnapshot-near-heap-limit",
  // ES modules (lib/internal/modules/esm/): preloaded modules, customization hooks (each
  // repeatable; `--loader` is `--experimental-loader`), resolution conditions (`-C`),
  // the type of files no package.json types
  "--import", "--experimental-loader", "--loader", "--conditions", "--experimental-default-type",
  // node:test's runner (lib/internal/test_runner/runner.js): files run at once, and the
  // default timeout of each file's tests
  "--test-concurrency", "--test-timeout", "--test-shard",
  // node:test: only tests whose name (or an enclosing test's) matches run (test.js)
  "--test-name-pattern",
  // node:test: the reporters and where each writes, paired in order (repeatable;
  // lib/internal/test_runner/reporters.js)
  "--test-reporter", "--test-reporter-destination",
  // the inspector server's address when it is opened later (`inspector.open()`), and
  // where its URL is published (lib/internal/inspector/remote.js)
  "--inspect-port", "--debug-port", "--inspect-publish-uid",
  // watch mode: what to watch instead of the files the program loads (repeatable;
  // lib/internal/watch_mode.js)
  "--watch-path",
  // V8's sampling profilers, written at exit (lib/internal/inspector/profilers.js)
  "--cpu-prof-dir", "--cpu-prof-name", "--cpu-prof-interval", "--heap-prof-dir", "--heap-prof-name", "--heap-prof-interval",
];

/// The inspector server (lib/internal/inspector/remote.js): `--inspect`, or
/// `--inspect=[host:]port`; the value is never a separate argument.
const INSPECT_OPTIONS: &[&str] = &["--inspect", "--inspect-brk", "--inspect-wait"];

/// Node 20 boolean options lib/ acts on, or that have no effect in amber (each is listed
/// in the README). `--no-X` is accepted for each, as Node does.
const BOOL_OPTIONS: &[&str] = &[
  // implemented
  "--expose-internals", "--warnings", "--deprecation", "--throw-deprecation", "--trace-deprecation",
  "--pending-deprecation", "--trace-warnings", "--zero-fill-buffers", "--experimental-require-module",
  "--experimental-vm-modules", "--experimental-detect-module", "--preserve-symlinks", "--preserve-symlinks-main", "--experimental-global-webcrypto",
  "--experimental-global-customevent", "--global-search-paths", "--addons", "--experimental-fetch",
  // stack traces mapped through source maps (lib/internal/source_map/)
  "--enable-source-maps",
  // CommonJS resolution keeps symlinked paths (lib/internal/modules/cjs.js)
  "--preserve-symlinks", "--preserve-symlinks-main",
  // require(esm) of a graph with top-level await shows where it waits
  "--experimental-print-required-tla",
  "--network-family-autoselection",
  // node:dgram queues every send instead of trying it at once (Node's test flag)
  "--test-udp-no-try-send",
  "--insecure-http-parser",
  // node:test: a test file's process exits once its tests are done (harness.js)
  "--test-force-exit",
  // node:test: only tests marked `only` run (lib/internal/test_runner/test.js)
  "--test-only",
  // node:test coverage needs the inspector, which amber does not have: as Node built
  // without it, the run warns that coverage could not be collected and goes on
  "--experimental-test-coverage",
  // process.exit() prints where it was called (lib/internal/process.js)
  "--trace-exit",
  // watch mode: the program restarts when a file it loaded changes, and the terminal is
  // not cleared between runs with --watch-preserve-output (lib/internal/watch_mode.js)
  "--watch", "--watch-preserve-output",
  // V8's sampling CPU and heap profilers, written at exit (lib/internal/inspector/profilers.js)
  "--cpu-prof", "--heap-prof",
  // an uncaught exception's report ends with where it was thrown (runtime errors.rs)
  "--trace-uncaught",
  // Node-API: an exception a finalizer or async callback leaves pending is always
  // reported as uncaught in amber, which is what this option asks for
  "--force-node-api-uncaught-exceptions-policy",
  "--tls-min-v1.0", "--tls-min-v1.1", "--tls-min-v1.2", "--tls-min-v1.3", "--tls-max-v1.2", "--tls-max-v1.3",
  // amber's own: `--no-compile-cache` turns off the default code cache of user modules
  "--compile-cache",
  // features amber always has: the flag changes nothing
  "--experimental-import-meta-resolve", "--experimental-json-modules", "--experimental-top-level-await",
  "--experimental-abortcontroller", "--experimental-global-navigator",
  "--experimental-websocket", "--experimental-wasm-modules", "--experimental-print-required-tla",
  "--experimental-wasi-unstable-preview1", "--experimental-report", "--experimental-worker",
  "--experimental-shadow-realm",
  // diagnostics amber does not produce; harmless to accept
  "--trace-sync-io", "--trace-sigint", "--trace-atomics-wait", "--trace-tls",
  "--trace-events-enabled", "--node-memory-debug", "--extra-info-on-fatal-exception", "--force-async-hooks-checks",
  "--report-on-fatalerror", "--report-on-signal", "--report-uncaught-exception", "--report-compact",
  "--report-exclude-network", "--napi-modules", "--verify-base-objects", "--async-context-frame",
  // allocation stacks in heap snapshots: amber's heap snapshots (V8's) are written
  // without them, as Node's are without this flag
  "--track-heap-objects",
  // OpenSSL/HTTP settings amber has no counterpart for (amber's TLS is rustls with the
  // Mozilla roots, which is what --use-bundled-ca asks for)
  "--openssl-legacy-provider", "--openssl-shared-config", "--use-bundled-ca", "--use-openssl-ca",
  "--experimental-network-inspection",
  // Node's switches for two V8 features that V8 15 no longer has flags for: lib/
  // removes the globals (`--no-harmony-sharedarraybuffer`, `--no-harmony-atomics`)
  "--harmony-sharedarraybuffer", "--harmony-atomics",
  // `--no-node-snapshot`: the main thread bootstraps lib/ from source instead of
  // starting from the runtime snapshot (main.rs)
  "--node-snapshot",
  // a check of Node's own ArrayBuffer allocator (debug builds); amber's buffers are
  // V8's, which V8 checks itself
  "--debug-arraybuffer-allocations",
];

/// Node 20 options amber recognises but cannot honour: accepting them silently would
/// change what a program does, so each is a clear error (exit 9) instead.
const UNSUPPORTED: &[(&str, &str)] = &[
  ("--experimental-test-snapshots", "amber's node:test runner does not have this option yet"),
  ("--experimental-test-module-mocks", "amber's node:test runner does not have this option yet"),
  ("--test-skip-pattern", "amber's node:test runner does not have this option yet"),
  ("--experimental-network-imports", "network imports are not implemented"),
  ("--experimental-permission", "the permission model is not implemented"),
  ("--allow-fs-read", "the permission model is not implemented"),
  ("--allow-fs-write", "the permission model is not implemented"),
  ("--allow-child-process", "the permission model is not implemented"),
  ("--allow-worker", "the permission model is not implemented"),
  ("--allow-addons", "the permission model is not implemented"),
  ("--experimental-policy", "policies are not implemented"),
  ("--policy-integrity", "policies are not implemented"),
  ("--experimental-sea-config", "single executable applications are built with `amber compile`"),
  ("--frozen-intrinsics", "--frozen-intrinsics is not implemented"),
  ("--experimental-specifier-resolution", "--experimental-specifier-resolution is not implemented"),
  ("--es-module-specifier-resolution", "--es-module-specifier-resolution is not implemented"),
  ("--heapsnapshot-signal", "heap snapshots are not implemented"),
  ("--prof", "the V8 tick profiler is not supported"),
  ("--prof-process", "the V8 tick profiler is not supported"),
  ("--security-revert", "--security-revert is not supported"),
  ("--enable-fips", "FIPS mode is not supported (no OpenSSL)"),
  ("--force-fips", "FIPS mode is not supported (no OpenSSL)"),
  ("--experimental-eventsource", "EventSource is not implemented"),
  ("--experimental-webstorage", "Web Storage is not implemented"),
  ("--completion-bash", "--completion-bash is not implemented"),
  ("--v8-options", "--v8-options is not implemented"),
];

/// Node spells V8's flags with `-` or `_` and passes the unknown ones to V8; amber
/// maps Node's own aliases of V8 flags here.
fn v8_alias(name: &str) -> Option<&'static str> {
  match name {
    "--experimental-shadow-realm" => Some("--harmony-shadow-realm"),
    _ => None,
  }
}

/// Options not allowed in `NODE_OPTIONS` (Node refuses these too).
const NOT_IN_NODE_OPTIONS: &[&str] = &["--watch", "--watch-path", "--watch-preserve-output", "-e", "--eval", "-p", "--print", "-pe", "--v8-options", "-c", "--check", "-i", "--interactive", "-v", "--version", "-h", "--help", "--test", "--expose-internals", "--build-snapshot", "--snapshot-blob", "--build-snapshot-config", "--v8-flags", "--"];

/// Splits `NODE_OPTIONS` as Node does: on spaces, with `"..."` quoting and `\` escapes
/// inside quotes.
pub fn split_node_options(s: &str) -> Result<Vec<String>, ArgError> {
  let mut out = Vec::new();
  let mut cur = String::new();
  let mut in_token = false;
  let mut quoted = false;
  let mut chars = s.chars();
  while let Some(c) = chars.next() {
    if quoted {
      match c {
        '"' => quoted = false,
        '\\' => {
          if let Some(n) = chars.next() {
            cur.push(n);
          }
        }
        _ => cur.push(c),
      }
    } else if c == '"' {
      quoted = true;
      in_token = true;
    } else if c == ' ' {
      if in_token {
        out.push(std::mem::take(&mut cur));
        in_token = false;
      }
    } else {
      cur.push(c);
      in_token = true;
    }
  }
  if quoted {
    return Err(ArgError { message: "NODE_OPTIONS: unterminated string".into(), code: 9 });
  }
  if in_token {
    out.push(cur);
  }
  Ok(out)
}

/// Parses the command line, after the options of `NODE_OPTIONS` when given.
pub fn parse_with_env(args: &[String], node_options: Option<&str>) -> Result<Options, ArgError> {
  let env: Vec<String> = match node_options {
    Some(s) => split_node_options(s)?,
    None => Vec::new(),
  };
  let mut acc = Acc::default();
  let mut i = 0;
  while i < env.len() {
    let a = env[i].as_str();
    // `--expose_internals` is `--expose-internals`, as everywhere in Node's options.
    let name = a.split_once('=').filter(|(n, _)| n.starts_with("--")).map_or(a, |(n, _)| n);
    let name = if name.starts_with("--") { name.replace('_', "-") } else { name.to_string() };
    if !a.starts_with('-') || NOT_IN_NODE_OPTIONS.contains(&name.as_str()) {
      return Err(ArgError { message: format!("{a} is not allowed in NODE_OPTIONS"), code: 9 });
    }
    match acc.option(&env, &mut i)? {
      Step::Next => i += 1,
      Step::Stop(_) => return Err(ArgError { message: format!("{a} is not allowed in NODE_OPTIONS"), code: 9 }),
    }
  }
  acc.from_env = false;
  let mut i = 0;
  let mut early = None;
  while i < args.len() {
    match acc.option(args, &mut i)? {
      Step::Next => i += 1,
      Step::Stop(c) => {
        early = c;
        break;
      }
    }
  }
  let exec_argv = args[..i.min(args.len())].to_vec();
  if args.get(i).map(|s| s.as_str()) == Some("--") {
    i += 1;
  }
  acc.finish(early, &args[i.min(args.len())..], exec_argv)
}

/// Node options that belong to the process, not to one thread: a worker's `execArgv`
/// (or the `NODE_OPTIONS` of its `env`) cannot set them (Node's per-process options; V8
/// flags are per process too, and `--expose-internals` is the one option refused in
/// `NODE_OPTIONS` that a worker may have).
const PER_PROCESS: &[&str] = &[
  "--title", "--zero-fill-buffers", "--disable-proto", "--v8-pool-size", "--trace-event-categories",
  "--trace-event-file-pattern", "--icu-data-dir", "--openssl-config", "--tls-cipher-list", "--secure-heap",
  "--secure-heap-min", "--use-largepages", "--use-bundled-ca", "--use-openssl-ca", "--openssl-legacy-provider",
  "--openssl-shared-config", "--node-snapshot", "--debug-arraybuffer-allocations", "--harmony-sharedarraybuffer",
  "--harmony-atomics", "--node-memory-debug", "--verify-key", "--env-file",
];

/// The Node options a worker runs with, from its `execArgv` (`from_env`: the
/// `NODE_OPTIONS` of its `env`, split here as Node splits it): `Err` lists what a worker
/// cannot have (unknown, per-process, a missing value), `Ok` the options as lib/ reads
/// them (`--name`, `--name=value`). V8 flags in `NODE_OPTIONS` are left to the process.
pub fn worker_options(args: &[String], from_env: bool) -> Result<Vec<String>, String> {
  let split;
  let args = if from_env {
    split = split_node_options(&args.join(" ")).map_err(|e| e.message)?;
    &split[..]
  } else {
    args
  };
  let mut acc = Acc { from_env, ..Acc::default() };
  let mut bad = Vec::new();
  let mut i = 0;
  while i < args.len() {
    let a = args[i].as_str();
    let name = a.split_once('=').filter(|(n, _)| n.starts_with("--")).map_or(a, |(n, _)| n).replace('_', "-");
    let plain = name.strip_prefix("--no-").map_or(name.clone(), |n| format!("--{n}"));
    let refused = (NOT_IN_NODE_OPTIONS.contains(&name.as_str()) && name != "--expose-internals") || PER_PROCESS.contains(&plain.as_str());
    if refused && a != "--" {
      bad.push(if from_env { format!("{a} is not allowed in NODE_OPTIONS") } else { a.to_string() });
      i += 1;
      continue;
    }
    if a == "--" {
      break;
    }
    let flags = acc.v8_flags.len();
    match acc.option(args, &mut i) {
      Ok(Step::Next) if acc.v8_flags.len() > flags && !from_env => bad.push(a.to_string()),
      Ok(Step::Next) => {}
      Ok(Step::Stop(_)) => bad.push(a.to_string()),
      Err(e) if from_env && e.message.starts_with("bad option") => bad.push(format!("{a} is not allowed in NODE_OPTIONS")),
      Err(e) if from_env => bad.push(e.message),
      Err(e) if e.message.starts_with("bad option") => bad.push(a.to_string()),
      Err(e) => bad.push(e.message),
    }
    i += 1;
  }
  if !bad.is_empty() {
    return Err(bad.join(", "));
  }
  Ok(acc.node_options)
}

#[cfg(test)]
pub fn parse(args: &[String]) -> Result<Options, ArgError> {
  parse_with_env(args, None)
}

#[derive(Default)]
struct Acc {
  v8_flags: Vec<String>,
  eval: Option<(String, bool)>,
  /// `-p` not followed by its script (`-p -e code`): the script comes from `-e`.
  print: bool,
  snapshot_blob: Option<String>,
  preload: Vec<String>,
  build_snapshot: bool,
  build_config: Option<String>,
  verify_key: Option<String>,
  node_options: Vec<String>,
  env_files: Vec<String>,
  check: bool,
  interactive: bool,
  test: bool,
  from_env: bool,
}

enum Step {
  Next,
  /// The options end here; `Some` for `--version`/`--help`.
  Stop(Option<Command>),
}

impl Acc {
  /// Takes the option at `args[*i]` (and its value), or says the options end there.
  fn option(&mut self, args: &[String], i: &mut usize) -> Result<Step, ArgError> {
    let a = args[*i].as_str();
    let (name, inline) = match a.split_once('=') {
      Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
      _ => (a, None),
    };
    // Node accepts `_` for `-` in option names.
    let name_owned = if name.starts_with("--") { name.replace('_', "-") } else { name.to_string() };
    let name = name_owned.as_str();
    let value = |i: &mut usize| -> Result<String, ArgError> {
      if let Some(v) = inline.clone() {
        return Ok(v);
      }
      *i += 1;
      // As Node: a value that must begin with `-` is written `\-...` (`-p "\-42"`).
      args.get(*i).map(|v| v.strip_prefix("\\-").map_or_else(|| v.clone(), |r| format!("-{r}"))).ok_or_else(|| missing_value(name))
    };
    match name {
      "-v" | "--version" => return Ok(Step::Stop(Some(Command::Version))),
      "-h" | "--help" => return Ok(Step::Stop(Some(Command::Help))),
      "-e" | "--eval" => self.eval = Some((value(i)?, self.print || self.eval.as_ref().is_some_and(|e| e.1))),
      // As Node's `--print <arg>` alias: the next argument is the script unless it is an
      // option (`-p -e code`, `-e code -p`).
      // With nothing after it, the script comes from standard input (`echo 1+1 | amber -p`).
      "-p" | "--print" if inline.is_none() && args.get(*i + 1).is_none_or(|n| n.starts_with('-') && n.len() > 1) => {
        self.print = true;
        if let Some(e) = self.eval.as_mut() {
          e.1 = true;
        }
      }
      "-p" | "--print" => self.eval = Some((value(i)?, true)),
      "-pe" => self.eval = Some((value(i)?, true)),
      "-c" | "--check" => self.check = true,
      "-i" | "--interactive" => self.interactive = true,
      "--snapshot-blob" => self.snapshot_blob = Some(value(i)?),
      "--build-snapshot" => self.build_snapshot = true,
      "--build-snapshot-config" => self.build_config = Some(value(i)?),
      "-r" | "--require" => self.preload.push(value(i)?),
      "--verify-key" => self.verify_key = Some(value(i)?),
      "--test" => self.test = true,
      "--env-file" => self.env_files.push(value(i)?),
      "--v8-flags" => {
        let v = value(i)?;
        self.v8_flags.extend(v.split(',').filter(|s| !s.is_empty()).map(|s| s.to_string()));
      }
      // Node's own options that are V8 flags.
      // (V8's perf map options among them, which Node allows in NODE_OPTIONS too)
      _ if name == "--expose_gc" || NODE_V8_OPTIONS.contains(&name) => {
        self.v8_flags.push(a.to_string());
        if name == "--abort-on-uncaught-exception" {
          self.node_options.push(name.to_string());
        }
      }
      "--" => return Ok(Step::Stop(None)),
      "-C" => {
        let v = value(i)?;
        self.node_options.push(format!("--conditions={v}"));
      }
      _ if INSPECT_OPTIONS.contains(&name) => match inline {
        Some(v) => self.node_options.push(format!("{name}={v}")),
        None => self.node_options.push(name.to_string()),
      },
      _ if VALUE_OPTIONS.contains(&name) => {
        let v = value(i)?;
        if (name == "--inspect-port" || name == "--debug-port") && v.is_empty() {
          // As Node, the option is named as written (`--inspect-port=`).
          return Err(missing_value(a));
        }
        if name == "--stack-trace-limit" {
          self.v8_flags.push(format!("--stack-trace-limit={v}"));
        }
        if name == "--input-type" && v != "module" && v != "commonjs" {
          return Err(ArgError { message: "--input-type must be \"module\" or \"commonjs\"".into(), code: 9 });
        }
        if name == "--trace-require-module" && v != "all" && v != "no-node-modules" {
          return Err(ArgError { message: format!("invalid value for --trace-require-module: {v}"), code: 9 });
        }
        if name == "--experimental-default-type" && v != "module" && v != "commonjs" {
          return Err(ArgError { message: "--experimental-default-type must be \"module\" or \"commonjs\"".into(), code: 9 });
        }
        let name = if name == "--loader" { "--experimental-loader" } else { name };
        self.node_options.push(format!("{name}={v}"));
      }
      _ if BOOL_OPTIONS.contains(&name) || name.strip_prefix("--no-").is_some_and(|n| BOOL_OPTIONS.contains(&format!("--{n}").as_str())) => {
        if inline.is_some() {
          return Err(bad_option(a));
        }
        if let Some(flag) = v8_alias(name) {
          self.v8_flags.push(flag.to_string());
        }
        self.node_options.push(name.to_string());
      }
      // Node checks these before the permission model itself: without
      // --experimental-permission they are a usage error (exit 1), with it the model
      // (which amber does not have) is refused below.
      _ if (name == "--allow-fs-read" || name == "--allow-fs-write") && !args.iter().any(|x| x == "--experimental-permission") => {
        return Err(ArgError { message: format!("--experimental-permission is required to use {name}"), code: 1 });
      }
      // Only boolean options have a `--no-` form (Node's message).
      _ if name.strip_prefix("--no-").is_some_and(|n| VALUE_OPTIONS.contains(&format!("--{n}").as_str())) => {
        return Err(ArgError { message: format!("{name} is an invalid negation because it is not a boolean option"), code: 9 });
      }
      _ if UNSUPPORTED.iter().any(|(n, _)| *n == name) => {
        let why = UNSUPPORTED.iter().find(|(n, _)| *n == name).unwrap().1;
        return Err(ArgError { message: format!("{name} is not supported: {why}"), code: 9 });
      }
      _ if a.starts_with("--") && !self.from_env && a.len() > 2 => {
        // Anything else is for V8, as in Node; V8 refuses what it does not know.
        if !amber_runtime::v8_flag_known(a) {
          return Err(bad_option(a));
        }
        self.v8_flags.push(a.to_string());
      }
      _ if a.starts_with('-') && a.len() > 1 => return Err(bad_option(a)),
      _ => return Ok(Step::Stop(None)),
    }
    Ok(Step::Next)
  }

  fn finish(self, early: Option<Command>, rest: &[String], exec_argv: Vec<String>) -> Result<Options, ArgError> {
    let Acc { v8_flags, eval, print, snapshot_blob, preload, build_snapshot, build_config, verify_key, node_options, env_files, check, interactive, test, .. } = self;
    let opts = |command: Command, snapshot_blob: Option<String>| Options { command, v8_flags: v8_flags.clone(), preload: preload.clone(), verify_key: verify_key.clone(), exec_argv: exec_argv.clone(), node_options: node_options.clone(), env_files: env_files.clone(), snapshot_blob };
    if let Some(c) = early {
      return Ok(opts(c, None));
    }
    // As Node: the two would leave no TLS version to use.
    if node_options.iter().any(|o| o == "--tls-min-v1.3") && node_options.iter().any(|o| o == "--tls-max-v1.2") {
      return Err(ArgError { message: "either --tls-min-v1.3 or --tls-max-v1.2 can be used, not both".into(), code: 9 });
    }
    // As Node: the profilers' settings need the profiler.
    for kind in ["cpu", "heap"] {
      if !node_options.iter().any(|o| o == &format!("--{kind}-prof")) {
        for setting in ["name", "dir", "interval"] {
          let opt = format!("--{kind}-prof-{setting}");
          if node_options.iter().any(|o| o.starts_with(&format!("{opt}="))) {
            return Err(ArgError { message: format!("{opt} must be used with --{kind}-prof"), code: 9 });
          }
        }
      }
    }
    // Watch mode restarts a program file (lib/internal/watch_mode.js).
    let watch = node_options.iter().any(|o| o == "--watch" || o.starts_with("--watch-path="));
    if watch && eval.is_some() {
      return Err(ArgError { message: "either --watch or --eval can be used, not both".into(), code: 9 });
    }
    if watch && !test && !check && (rest.is_empty() || rest[0] == "-") && !build_snapshot && build_config.is_none() {
      return Err(ArgError { message: "--watch requires specifying a file".into(), code: 9 });
    }
    if build_snapshot || build_config.is_some() {
      let output = snapshot_blob.unwrap_or_else(|| "snapshot.blob".to_string());
      let config = build_config.as_deref().map(read_build_config).transpose()?;
      let entry = match (&config, rest.first()) {
        (_, Some(e)) => e.clone(),
        (Some(cfg), None) => cfg.builder.clone(),
        (None, None) => return Err(ArgError { message: "--build-snapshot must be used with an entry point script.\nUsage: amber --build-snapshot /path/to/entry.js".into(), code: 9 }),
      };
      let keep_code = !config.as_ref().is_some_and(|c| c.without_code_cache);
      let (warmups, workers) = config.map(|c| (c.warmups, c.workers)).unwrap_or_default();
      return Ok(opts(Command::SnapshotBuild { entry, output, keep_code, sign: None, report: false, warmups, workers }, None));
    }
    if test {
      // As Node, --test does not combine with another way of running code.
      let other = if check { Some("--check") } else if interactive { Some("--interactive") } else if eval.is_some() { Some("--eval") } else { None };
      if let Some(other) = other {
        return Err(ArgError { message: format!("either --test or {other} can be used, not both"), code: 9 });
      }
      // `--test [files]`: node:test's run() over the files (or the test files found
      // under the working directory), reported in TAP, or spec on a terminal.
      return Ok(opts(Command::Eval { code: TEST_RUNNER_CODE.into(), print: false, args: rest.to_vec() }, None));
    }
    if check && eval.is_some() {
      return Err(ArgError { message: "either --check or --eval can be used, not both".into(), code: 9 });
    }
    if let Some((code, print)) = eval {
      return Ok(opts(Command::Eval { code, print, args: rest.to_vec() }, snapshot_blob));
    }
    // `-p` with no code: standard input is the script and its value is printed.
    if print {
      return Ok(opts(Command::Stdin { args: rest.to_vec(), dash: false, print: true }, None));
    }
    if let Some(snapshot) = snapshot_blob {
      let (entry, args) = match rest.split_first() {
        Some((e, a)) => (Some(e.clone()), a.to_vec()),
        None => (None, Vec::new()),
      };
      return Ok(opts(Command::SnapshotRun { snapshot, entry, args }, None));
    }
    if check {
      return match rest.first() {
        Some(script) => Ok(opts(Command::Check { script: Some(script.clone()) }, None)),
        None => Ok(opts(Command::Check { script: None }, None)),
      };
    }
    if rest.first().map(|s| s.as_str()) == Some("compile") {
      let sub = SubcommandArgs::parse(&rest[1..])?;
      if !sub.workers.is_empty() {
        return Err(ArgError { message: "--worker belongs to snapshot build (see amber --help)".into(), code: 9 });
      }
      let sub_key = sub.verify_key.clone();
      let snapshot = match sub.positional.as_slice() {
        [s] => s.clone(),
        _ => return Err(ArgError { message: "compile takes exactly one snapshot file (see amber --help)".into(), code: 9 }),
      };
      let output = sub.output.unwrap_or_else(|| std::path::Path::new(&snapshot).with_extension("").to_string_lossy().into_owned());
      let mut o = opts(Command::Compile { snapshot, output }, None);
      o.verify_key = sub_key.or(o.verify_key);
      return Ok(o);
    }
    if rest.first().map(|s| s.as_str()) == Some("snapshot") {
      let (command, sub_key) = parse_snapshot_command(&rest[1..])?;
      let mut o = opts(command, None);
      o.verify_key = sub_key.or(o.verify_key);
      return Ok(o);
    }
    let rest = if rest.first().map(|s| s.as_str()) == Some("run") { &rest[1..] } else { rest };
    match rest.split_first() {
      // `amber -` or a script piped into `amber`: run standard input, as Node does.
      Some((script, args)) if script == "-" => Ok(opts(Command::Stdin { args: args.to_vec(), dash: true, print: false }, None)),
      Some((script, args)) => Ok(opts(Command::Run { script: script.clone(), args: args.to_vec() }, None)),
      None if interactive => Ok(opts(Command::Repl, None)),
      None if unsafe { libc_isatty(0) } == 0 => Ok(opts(Command::Stdin { args: Vec::new(), dash: false, print: false }, None)),
      None => Ok(opts(Command::Repl, None)),
    }
  }
}

/// Node's `--build-snapshot-config` file: `{ "builder": "entry.js", "withoutCodeCache": bool }`,
/// plus amber's `"warmup"`: a list whose items are each one warm-up, given as a string
/// of arguments (split like `--warmup 'ARGS'`) or as an array of argument strings.
struct BuildConfig {
  builder: String,
  without_code_cache: bool,
  warmups: Vec<Vec<String>>,
  /// amber's `"workers": ["worker.js", ...]` (`--worker`), relative to the working directory.
  workers: Vec<String>,
}

/// Splits the value of `--warmup 'ARGS'` into arguments as a POSIX shell would
/// (whitespace separates; quotes and backslashes escape).
pub fn split_warmup_args(s: &str) -> Result<Vec<String>, ArgError> {
  shlex::split(s).ok_or_else(|| ArgError { message: format!("--warmup {s:?}: unbalanced quotes or a trailing backslash"), code: 9 })
}

fn read_build_config(path: &str) -> Result<BuildConfig, ArgError> {
  let bad = |m: String| ArgError { message: m, code: 1 };
  // Node's wording and exit code for a configuration file it cannot read.
  let text = std::fs::read_to_string(path).map_err(|_| ArgError { message: format!("Cannot read snapshot configuration from {path}"), code: 1 })?;
  let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(format!("{path}: invalid JSON: {e}")))?;
  let builder = v.get("builder").and_then(|b| b.as_str()).filter(|b| !b.is_empty()).ok_or_else(|| bad(format!("\"builder\" field of {path} is not a non-empty string")))?;
  let without_code_cache = match v.get("withoutCodeCache") {
    None => false,
    Some(serde_json::Value::Bool(b)) => *b,
    Some(_) => return Err(bad(format!("\"withoutCodeCache\" field of {path} is not a boolean"))),
  };
  let bad_warmup = || bad(format!("\"warmup\" field of {path} is not a list of argument strings or of arrays of strings"));
  let warmups = match v.get("warmup") {
    None => Vec::new(),
    Some(serde_json::Value::Array(items)) => items
      .iter()
      .map(|item| match item {
        serde_json::Value::String(s) => split_warmup_args(s).map_err(|e| bad(format!("\"warmup\" field of {path}: {}", e.message))),
        serde_json::Value::Array(args) => args.iter().map(|a| a.as_str().map(str::to_string).ok_or_else(bad_warmup)).collect(),
        _ => Err(bad_warmup()),
      })
      .collect::<Result<_, _>>()?,
    Some(_) => return Err(bad_warmup()),
  };
  let bad_workers = || bad(format!("\"workers\" field of {path} is not a list of file names"));
  let workers = match v.get("workers") {
    None => Vec::new(),
    Some(serde_json::Value::Array(items)) => items.iter().map(|w| w.as_str().filter(|w| !w.is_empty()).map(str::to_string).ok_or_else(bad_workers)).collect::<Result<_, _>>()?,
    Some(_) => return Err(bad_workers()),
  };
  Ok(BuildConfig { builder: builder.to_string(), without_code_cache, warmups, workers })
}

/// The arguments of `snapshot <sub>` and `compile`: positionals, `-o`, `--json`,
/// `--modules`, `--sign`, `--verify-key`, `--warmup` (repeatable).
struct SubcommandArgs {
  positional: Vec<String>,
  warmups: Vec<Vec<String>>,
  workers: Vec<String>,
  output: Option<String>,
  json: bool,
  modules: bool,
  sign: Option<String>,
  verify_key: Option<String>,
}

impl SubcommandArgs {
  fn parse(args: &[String]) -> Result<SubcommandArgs, ArgError> {
    let mut out = SubcommandArgs { positional: Vec::new(), warmups: Vec::new(), workers: Vec::new(), output: None, json: false, modules: false, sign: None, verify_key: None };
    let mut i = 0;
    while i < args.len() {
      match args[i].as_str() {
        "-o" | "--output" => {
          i += 1;
          out.output = Some(args.get(i).cloned().ok_or_else(|| missing_value("-o"))?);
        }
        "--sign" | "--verify-key" => {
          let name = args[i].clone();
          i += 1;
          let v = args.get(i).cloned().ok_or_else(|| missing_value(&name))?;
          if name == "--sign" {
            out.sign = Some(v);
          } else {
            out.verify_key = Some(v);
          }
        }
        "--warmup" => {
          i += 1;
          let v = args.get(i).ok_or_else(|| missing_value("--warmup"))?;
          out.warmups.push(split_warmup_args(v)?);
        }
        "--worker" => {
          i += 1;
          out.workers.push(args.get(i).cloned().ok_or_else(|| missing_value("--worker"))?);
        }
        a if a.starts_with("--worker=") => out.workers.push(a["--worker=".len()..].to_string()),
        a if a.starts_with("--warmup=") => out.warmups.push(split_warmup_args(&a["--warmup=".len()..])?),
        a if a.starts_with("--sign=") => out.sign = Some(a["--sign=".len()..].to_string()),
        a if a.starts_with("--verify-key=") => out.verify_key = Some(a["--verify-key=".len()..].to_string()),
        "--json" => out.json = true,
        "--modules" => out.modules = true,
        a if a.starts_with("--output=") => out.output = Some(a["--output=".len()..].to_string()),
        a if a.starts_with('-') => return Err(bad_option(a)),
        a => out.positional.push(a.to_string()),
      }
      i += 1;
    }
    Ok(out)
  }
}

fn parse_snapshot_command(args: &[String]) -> Result<(Command, Option<String>), ArgError> {
  let usage = |m: &str| ArgError { message: format!("{m} (see amber --help)"), code: 9 };
  let (sub, rest) = args.split_first().ok_or_else(|| usage("snapshot needs a subcommand: build, inspect, verify or keygen"))?;
  let SubcommandArgs { positional, warmups, workers, output, json, modules, sign, verify_key } = SubcommandArgs::parse(rest)?;
  if sign.is_some() && sub != "build" {
    return Err(usage("--sign belongs to snapshot build"));
  }
  if !warmups.is_empty() && sub != "build" {
    return Err(usage("--warmup belongs to snapshot build"));
  }
  if !workers.is_empty() && sub != "build" {
    return Err(usage("--worker belongs to snapshot build"));
  }
  let one = |what: &str| -> Result<String, ArgError> {
    match positional.as_slice() {
      [f] => Ok(f.clone()),
      _ => Err(usage(&format!("snapshot {sub} takes exactly one {what}"))),
    }
  };
  let command = match sub.as_str() {
    "build" => {
      let entry = one("entry script")?;
      let output = output.unwrap_or_else(|| {
        let p = std::path::Path::new(&entry);
        p.with_extension("snap").to_string_lossy().into_owned()
      });
      Command::SnapshotBuild { entry, output, keep_code: true, sign, report: true, warmups, workers }
    }
    "inspect" => Command::SnapshotInspect { file: one("snapshot file")?, json, modules },
    "verify" => Command::SnapshotVerify { file: one("snapshot file")? },
    "keygen" => {
      if !positional.is_empty() {
        return Err(usage("snapshot keygen takes no file; name the pair with -o <name>"));
      }
      Command::SnapshotKeygen { name: output.unwrap_or_else(|| "amber-snapshot".into()) }
    }
    other => return Err(usage(&format!("unknown snapshot subcommand: {other}"))),
  };
  Ok((command, verify_key))
}

#[cfg(test)]
mod tests {
  use super::*;

  fn p(args: &[&str]) -> Result<Options, ArgError> {
    parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
  }

  #[test]
  fn script_args_are_not_options() {
    let o = p(&["app.js", "--foo", "-e"]).unwrap();
    assert_eq!(o.command, Command::Run { script: "app.js".into(), args: vec!["--foo".into(), "-e".into()] });
  }

  #[test]
  fn dash_reads_the_script_from_stdin() {
    let o = p(&["-", "a"]).unwrap();
    assert_eq!(o.command, Command::Stdin { args: vec!["a".into()], dash: true, print: false });
    assert_eq!(p(&["-p"]).unwrap().command, Command::Stdin { args: vec![], dash: false, print: true });
  }

  #[test]
  fn run_subcommand_is_the_same_as_a_script() {
    let o = p(&["run", "app.js", "x"]).unwrap();
    assert_eq!(o.command, Command::Run { script: "app.js".into(), args: vec!["x".into()] });
  }

  #[test]
  fn worker_options_refuse_per_process_and_unknown() {
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(worker_options(&v(&["--trace-warnings", "--input-type=module"]), false).unwrap(), v(&["--trace-warnings", "--input-type=module"]));
    assert_eq!(worker_options(&v(&["--expose-internals", "-r", "x"]), false).unwrap(), v(&["--expose-internals"]));
    assert_eq!(worker_options(&v(&["--foo", "--title=blah", "--expose-gc"]), false).unwrap_err(), "--foo, --title=blah, --expose-gc");
    assert_eq!(worker_options(&v(&["--redirect-warnings"]), false).unwrap_err(), "--redirect-warnings requires an argument");
    assert_eq!(worker_options(&v(&["--nonexistent-options"]), true).unwrap_err(), "--nonexistent-options is not allowed in NODE_OPTIONS");
    assert!(worker_options(&v(&["--trace-exit"]), true).is_ok());
  }

  #[test]
  fn unknown_flag_is_exit_9() {
    let e = p(&["--nope", "app.js"]).unwrap_err();
    assert_eq!(e.code, 9);
    assert_eq!(e.message, "bad option: --nope");
  }

  #[test]
  fn v8_flags_split_on_commas() {
    let o = p(&["--v8-flags=--trace-gc,--max-old-space-size=64", "a.js"]).unwrap();
    assert_eq!(o.v8_flags, vec!["--trace-gc", "--max-old-space-size=64"]);
  }

  #[test]
  fn node_snapshot_spellings() {
    let o = p(&["--snapshot-blob", "a.snap", "--build-snapshot", "e.js"]).unwrap();
    assert_eq!(o.command, Command::SnapshotBuild { entry: "e.js".into(), output: "a.snap".into(), keep_code: true, sign: None, report: false, warmups: vec![], workers: vec![] });
    let o = p(&["--snapshot-blob", "a.snap", "x", "y"]).unwrap();
    assert_eq!(o.command, Command::SnapshotRun { snapshot: "a.snap".into(), entry: Some("x".into()), args: vec!["y".into()] });
    let o = p(&["snapshot", "build", "e.js", "-o", "o.snap"]).unwrap();
    assert_eq!(o.command, Command::SnapshotBuild { entry: "e.js".into(), output: "o.snap".into(), keep_code: true, sign: None, report: true, warmups: vec![], workers: vec![] });
    assert!(p(&["snapshot", "frob", "x"]).is_err());
    // Node's default output file.
    let o = p(&["--build-snapshot", "e.js"]).unwrap();
    assert_eq!(o.command, Command::SnapshotBuild { entry: "e.js".into(), output: "snapshot.blob".into(), keep_code: true, sign: None, report: false, warmups: vec![], workers: vec![] });
  }

  #[test]
  fn worker_scripts_are_repeatable_and_belong_to_build() {
    let o = p(&["snapshot", "build", "e.js", "--worker", "w1.js", "--worker=w2.js", "-o", "o.snap"]).unwrap();
    assert_eq!(o.command, Command::SnapshotBuild { entry: "e.js".into(), output: "o.snap".into(), keep_code: true, sign: None, report: true, warmups: vec![], workers: vec!["w1.js".into(), "w2.js".into()] });
    assert_eq!(p(&["snapshot", "build", "e.js", "--worker"]).unwrap_err().code, 9);
    assert!(p(&["snapshot", "inspect", "a.snap", "--worker", "w.js"]).is_err());
  }

  #[test]
  fn warmup_arguments_split_like_a_shell() {
    let o = p(&["snapshot", "build", "e.js", "--warmup", "a 'b c' d\\ e", "--warmup=", "-o", "o.snap"]).unwrap();
    let want = vec![vec!["a".to_string(), "b c".into(), "d e".into()], vec![]];
    assert_eq!(o.command, Command::SnapshotBuild { entry: "e.js".into(), output: "o.snap".into(), keep_code: true, sign: None, report: true, warmups: want, workers: vec![] });
    assert_eq!(p(&["snapshot", "build", "e.js", "--warmup", "'open"]).unwrap_err().code, 9);
    assert_eq!(p(&["snapshot", "build", "e.js", "--warmup"]).unwrap_err().code, 9);
    assert!(p(&["snapshot", "inspect", "a.snap", "--warmup", "x"]).is_err());
  }

  #[test]
  fn node_flags_are_accepted() {
    let o = p(&["--expose-internals", "--no-warnings", "--unhandled-rejections=strict", "--title", "t", "--expose-gc", "a.js", "--x"]).unwrap();
    assert_eq!(o.node_options, vec!["--expose-internals", "--no-warnings", "--unhandled-rejections=strict", "--title=t"]);
    assert_eq!(o.v8_flags, vec!["--expose-gc"]);
    assert_eq!(o.exec_argv, vec!["--expose-internals", "--no-warnings", "--unhandled-rejections=strict", "--title", "t", "--expose-gc"]);
    assert_eq!(o.command, Command::Run { script: "a.js".into(), args: vec!["--x".into()] });
    // Unsupported ones are a clear error, not silently ignored.
    let e = p(&["--heapsnapshot-signal=SIGUSR2", "a.js"]).unwrap_err();
    assert_eq!(e.code, 9);
    assert!(e.message.contains("not supported"));
    assert!(p(&["--no-warnings=1", "a.js"]).is_err());
  }

  #[test]
  fn inspect_options_take_an_optional_inline_address() {
    let o = p(&["--inspect", "a.js"]).unwrap();
    assert_eq!(o.node_options, vec!["--inspect".to_string()]);
    let o = p(&["--inspect-brk=127.0.0.1:0", "a.js"]).unwrap();
    assert_eq!(o.node_options, vec!["--inspect-brk=127.0.0.1:0".to_string()]);
    // The address is never the next argument: that is the script.
    let o = p(&["--inspect-wait", "9229"]).unwrap();
    assert_eq!(o.command, Command::Run { script: "9229".into(), args: vec![] });
    assert_eq!(p(&["--inspect-port"]).unwrap_err().message, "--inspect-port requires an argument");
    assert_eq!(p(&["--debug-port=", "a.js"]).unwrap_err().message, "--debug-port= requires an argument");
  }

  #[test]
  fn node_options_come_first_and_exclude_some() {
    let o = parse_with_env(&["--warnings".to_string(), "a.js".to_string()], Some("--no-warnings \"--title=a b\"")).unwrap();
    assert_eq!(o.node_options, vec!["--no-warnings", "--title=a b", "--warnings"]);
    assert_eq!(o.exec_argv, vec!["--warnings"]);
    assert!(parse_with_env(&["a.js".to_string()], Some("-e 1")).is_err());
    assert!(parse_with_env(&["a.js".to_string()], Some("b.js")).is_err());
    assert_eq!(split_node_options(r#"-r "a \"b\"" --x"#).unwrap(), vec!["-r", "a \"b\"", "--x"]);
  }

  #[test]
  fn check_flag() {
    assert_eq!(p(&["-c", "a.js"]).unwrap().command, Command::Check { script: Some("a.js".into()) });
  }

  #[test]
  fn signing_options() {
    let o = p(&["snapshot", "build", "e.js", "-o", "o.snap", "--sign", "k.key"]).unwrap();
    assert_eq!(o.command, Command::SnapshotBuild { entry: "e.js".into(), output: "o.snap".into(), keep_code: true, sign: Some("k.key".into()), report: true, warmups: vec![], workers: vec![] });
    let o = p(&["--verify-key", "k.pub", "app.snap"]).unwrap();
    assert_eq!(o.verify_key.as_deref(), Some("k.pub"));
    let o = p(&["snapshot", "verify", "--verify-key=k.pub", "a.snap"]).unwrap();
    assert_eq!(o.verify_key.as_deref(), Some("k.pub"));
    let o = p(&["compile", "a.snap", "--verify-key", "k.pub", "-o", "a"]).unwrap();
    assert_eq!(o.verify_key.as_deref(), Some("k.pub"));
    assert_eq!(p(&["snapshot", "keygen", "-o", "ci"]).unwrap().command, Command::SnapshotKeygen { name: "ci".into() });
    assert!(p(&["snapshot", "verify", "a.snap", "--sign", "k.key"]).is_err());
    assert!(p(&["snapshot", "build", "e.js", "--sign"]).is_err());
  }

  #[test]
  fn parser_survives_random_command_lines() {
    // Deterministic fuzzing of the parser: arguments drawn from every option and
    // subcommand, values and junk; parse must return, never panic.
    let pool = [
      "-e", "-p", "-r", "--require", "--eval=x", "-v", "-h", "--", "-", "run", "snapshot", "build", "inspect", "verify",
      "keygen", "compile", "-o", "--output=o", "--json", "--modules", "--sign", "--sign=", "--verify-key", "--verify-key=",
      "--snapshot-blob", "--build-snapshot", "--build-snapshot-config", "--build-snapshot-config=/nonexistent.json",
      "--v8-flags", "--v8-flags=,,", "a.js", "a.snap", "", "=", "--=", "-x", "\u{0}", "é",
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20_000 {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      let n = (x % 7) as usize;
      let args: Vec<String> = (0..n).map(|i| pool[((x >> (8 * i)) as usize) % pool.len()].to_string()).collect();
      let _ = parse(&args);
    }
  }

  #[test]
  fn require_preloads() {
    let o = p(&["-r", "./a", "--require=b", "app.js"]).unwrap();
    assert_eq!(o.preload, vec!["./a", "b"]);
    assert_eq!(o.command, Command::Run { script: "app.js".into(), args: vec![] });
  }

  #[test]
  fn test_runner_excludes_other_modes() {
    for args in [&["--check", "--test"][..], &["--interactive", "--test"], &["--eval", "1", "--test"], &["--print", "1", "--test"]] {
      let err = p(args).err().unwrap();
      assert_eq!(err.code, 9);
      assert!(err.message.contains("--test"), "{}", err.message);
    }
  }

  #[test]
  fn test_runner_flag() {
    let o = p(&["--test", "a.test.js", "dir"]).unwrap();
    assert!(matches!(o.command, Command::Eval { print: false, ref args, .. } if args == &vec!["a.test.js".to_string(), "dir".to_string()]));
  }

  #[test]
  fn eval_and_print() {
    assert_eq!(p(&["-c", "-e", "1"]).unwrap_err().code, 9);
    assert_eq!(p(&["-p", "\\-42"]).unwrap().command, Command::Eval { code: "-42".into(), print: true, args: vec![] });
    let o = p(&["-p", "-e", "42"]).unwrap();
    assert_eq!(o.command, Command::Eval { code: "42".into(), print: true, args: vec![] });
    let o = p(&["-e", "42", "-p"]).unwrap();
    assert_eq!(o.command, Command::Eval { code: "42".into(), print: true, args: vec![] });
    let o = p(&["-p", "1+1", "a"]).unwrap();
    assert_eq!(o.command, Command::Eval { code: "1+1".into(), print: true, args: vec!["a".into()] });
    assert!(p(&["-e"]).is_err());
  }
}
