//! Command-line parsing: raw arguments to a validated `Options`. Options come before
//! the script; everything after the script belongs to the script, as in Node.

pub const HELP: &str = "\
Usage: amber [options] <script.js> [arguments]
       amber run <script.js> [arguments]
       amber -e <code> | -p <expression>
       amber snapshot build <entry.js> -o <file.snap>
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
  -v, --version            print amber and V8 versions
  -h, --help               print this help
";

#[derive(Debug, PartialEq)]
pub enum Command {
  Run { script: String, args: Vec<String> },
  /// Build a snapshot of `entry` into `output`; `keep_code` keeps compiled bytecode
  /// (Node's `withoutCodeCache: true` turns it off).
  SnapshotBuild { entry: String, output: String, keep_code: bool },
  /// Start from a snapshot; `entry` runs when no main function was set.
  SnapshotRun { snapshot: String, entry: Option<String>, args: Vec<String> },
  SnapshotInspect { file: String, json: bool, modules: bool },
  SnapshotVerify { file: String },
  /// A self-contained executable: this binary plus the snapshot.
  Compile { snapshot: String, output: String },
  Eval { code: String, print: bool, args: Vec<String> },
  /// Run the script read from standard input (`dash`: given as `-`, which then is argv[1]).
  Stdin { args: Vec<String>, dash: bool },
  /// No script, standard input is a terminal: the interactive prompt.
  Repl,
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

pub fn parse(args: &[String]) -> Result<Options, ArgError> {
  let mut v8_flags = Vec::new();
  let mut eval: Option<(String, bool)> = None;
  let mut snapshot_blob: Option<String> = None;
  let mut preload: Vec<String> = Vec::new();
  let mut build_snapshot = false;
  let mut build_config: Option<String> = None;
  let mut test = false;
  let mut i = 0;
  while i < args.len() {
    let a = args[i].as_str();
    let (name, inline) = match a.split_once('=') {
      Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
      _ => (a, None),
    };
    let value = |i: &mut usize| -> Result<String, ArgError> {
      if let Some(v) = inline.clone() {
        return Ok(v);
      }
      *i += 1;
      args.get(*i).cloned().ok_or_else(|| missing_value(name))
    };
    match name {
      "-v" | "--version" => return Ok(Options { command: Command::Version, v8_flags, preload }),
      "-h" | "--help" => return Ok(Options { command: Command::Help, v8_flags, preload }),
      "-e" | "--eval" => eval = Some((value(&mut i)?, false)),
      "-p" | "--print" => eval = Some((value(&mut i)?, true)),
      "--snapshot-blob" => snapshot_blob = Some(value(&mut i)?),
      "--build-snapshot" => build_snapshot = true,
      "--build-snapshot-config" => build_config = Some(value(&mut i)?),
      "-r" | "--require" => preload.push(value(&mut i)?),
      "--test" => test = true,
      "--v8-flags" => {
        let v = value(&mut i)?;
        v8_flags.extend(v.split(',').filter(|s| !s.is_empty()).map(|s| s.to_string()));
      }
      "--" => {
        i += 1;
        break;
      }
      _ if a.starts_with('-') && a.len() > 1 => return Err(bad_option(a)),
      _ => break,
    }
    i += 1;
  }
  let rest = &args[i.min(args.len())..];
  if test {
    // `--test [files]`: node:test's run() over the files (or the test files found
    // under the working directory), reported in TAP, or spec on a terminal.
    return Ok(Options { command: Command::Eval { code: TEST_RUNNER_CODE.into(), print: false, args: rest.to_vec() }, v8_flags, preload });
  }
  if let Some((code, print)) = eval {
    return Ok(Options { command: Command::Eval { code, print, args: rest.to_vec() }, v8_flags, preload });
  }
  if build_snapshot || build_config.is_some() {
    let output = snapshot_blob.ok_or_else(|| ArgError { message: "--build-snapshot requires --snapshot-blob <file>".into(), code: 9 })?;
    let config = build_config.as_deref().map(read_build_config).transpose()?;
    let entry = match (&config, rest.first()) {
      (_, Some(e)) => e.clone(),
      (Some(cfg), None) => cfg.builder.clone(),
      (None, None) => return Err(ArgError { message: "--build-snapshot requires an entry script".into(), code: 9 }),
    };
    let keep_code = !config.is_some_and(|c| c.without_code_cache);
    return Ok(Options { command: Command::SnapshotBuild { entry, output, keep_code }, v8_flags, preload });
  }
  if let Some(snapshot) = snapshot_blob {
    let (entry, args) = match rest.split_first() {
      Some((e, a)) => (Some(e.clone()), a.to_vec()),
      None => (None, Vec::new()),
    };
    return Ok(Options { command: Command::SnapshotRun { snapshot, entry, args }, v8_flags, preload });
  }
  if rest.first().map(|s| s.as_str()) == Some("compile") {
    let sub = SubcommandArgs::parse(&rest[1..])?;
    let snapshot = match sub.positional.as_slice() {
      [s] => s.clone(),
      _ => return Err(ArgError { message: "compile takes exactly one snapshot file (see amber --help)".into(), code: 9 }),
    };
    let output = sub.output.unwrap_or_else(|| std::path::Path::new(&snapshot).with_extension("").to_string_lossy().into_owned());
    return Ok(Options { command: Command::Compile { snapshot, output }, v8_flags, preload });
  }
  if rest.first().map(|s| s.as_str()) == Some("snapshot") {
    return parse_snapshot_command(&rest[1..]).map(|command| Options { command, v8_flags, preload });
  }
  let rest = if rest.first().map(|s| s.as_str()) == Some("run") { &rest[1..] } else { rest };
  match rest.split_first() {
    // `amber -` or a script piped into `amber`: run standard input, as Node does.
    Some((script, args)) if script == "-" => Ok(Options { command: Command::Stdin { args: args.to_vec(), dash: true }, v8_flags, preload }),
    Some((script, args)) => Ok(Options { command: Command::Run { script: script.clone(), args: args.to_vec() }, v8_flags, preload }),
    None if unsafe { libc_isatty(0) } == 0 => Ok(Options { command: Command::Stdin { args: Vec::new(), dash: false }, v8_flags, preload }),
    None => Ok(Options { command: Command::Repl, v8_flags, preload }),
  }
}

/// Node's `--build-snapshot-config` file: `{ "builder": "entry.js", "withoutCodeCache": bool }`.
struct BuildConfig {
  builder: String,
  without_code_cache: bool,
}

fn read_build_config(path: &str) -> Result<BuildConfig, ArgError> {
  let bad = |m: String| ArgError { message: m, code: 9 };
  let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read {path}: {e}")))?;
  let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(format!("{path}: invalid JSON: {e}")))?;
  let builder = v.get("builder").and_then(|b| b.as_str()).ok_or_else(|| bad(format!("{path}: \"builder\" must be a string")))?;
  let without_code_cache = match v.get("withoutCodeCache") {
    None => false,
    Some(serde_json::Value::Bool(b)) => *b,
    Some(_) => return Err(bad(format!("{path}: \"withoutCodeCache\" must be a boolean"))),
  };
  Ok(BuildConfig { builder: builder.to_string(), without_code_cache })
}

/// The arguments of `snapshot <sub>` and `compile`: positionals, `-o`, `--json`, `--modules`.
struct SubcommandArgs {
  positional: Vec<String>,
  output: Option<String>,
  json: bool,
  modules: bool,
}

impl SubcommandArgs {
  fn parse(args: &[String]) -> Result<SubcommandArgs, ArgError> {
    let mut out = SubcommandArgs { positional: Vec::new(), output: None, json: false, modules: false };
    let mut i = 0;
    while i < args.len() {
      match args[i].as_str() {
        "-o" | "--output" => {
          i += 1;
          out.output = Some(args.get(i).cloned().ok_or_else(|| missing_value("-o"))?);
        }
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

fn parse_snapshot_command(args: &[String]) -> Result<Command, ArgError> {
  let usage = |m: &str| ArgError { message: format!("{m} (see amber --help)"), code: 9 };
  let (sub, rest) = args.split_first().ok_or_else(|| usage("snapshot needs a subcommand: build, inspect or verify"))?;
  let SubcommandArgs { positional, output, json, modules } = SubcommandArgs::parse(rest)?;
  let one = |what: &str| -> Result<String, ArgError> {
    match positional.as_slice() {
      [f] => Ok(f.clone()),
      _ => Err(usage(&format!("snapshot {sub} takes exactly one {what}"))),
    }
  };
  match sub.as_str() {
    "build" => {
      let entry = one("entry script")?;
      let output = output.unwrap_or_else(|| {
        let p = std::path::Path::new(&entry);
        p.with_extension("snap").to_string_lossy().into_owned()
      });
      Ok(Command::SnapshotBuild { entry, output, keep_code: true })
    }
    "inspect" => Ok(Command::SnapshotInspect { file: one("snapshot file")?, json, modules }),
    "verify" => Ok(Command::SnapshotVerify { file: one("snapshot file")? }),
    other => Err(usage(&format!("unknown snapshot subcommand: {other}"))),
  }
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
    assert_eq!(o.command, Command::Stdin { args: vec!["a".into()], dash: true });
  }

  #[test]
  fn run_subcommand_is_the_same_as_a_script() {
    let o = p(&["run", "app.js", "x"]).unwrap();
    assert_eq!(o.command, Command::Run { script: "app.js".into(), args: vec!["x".into()] });
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
    assert_eq!(o.command, Command::SnapshotBuild { entry: "e.js".into(), output: "a.snap".into(), keep_code: true });
    let o = p(&["--snapshot-blob", "a.snap", "x", "y"]).unwrap();
    assert_eq!(o.command, Command::SnapshotRun { snapshot: "a.snap".into(), entry: Some("x".into()), args: vec!["y".into()] });
    let o = p(&["snapshot", "build", "e.js", "-o", "o.snap"]).unwrap();
    assert_eq!(o.command, Command::SnapshotBuild { entry: "e.js".into(), output: "o.snap".into(), keep_code: true });
    assert!(p(&["snapshot", "frob", "x"]).is_err());
    assert!(p(&["--build-snapshot", "e.js"]).is_err());
  }

  #[test]
  fn require_preloads() {
    let o = p(&["-r", "./a", "--require=b", "app.js"]).unwrap();
    assert_eq!(o.preload, vec!["./a", "b"]);
    assert_eq!(o.command, Command::Run { script: "app.js".into(), args: vec![] });
  }

  #[test]
  fn test_runner_flag() {
    let o = p(&["--test", "a.test.js", "dir"]).unwrap();
    assert!(matches!(o.command, Command::Eval { print: false, ref args, .. } if args == &vec!["a.test.js".to_string(), "dir".to_string()]));
  }

  #[test]
  fn eval_and_print() {
    let o = p(&["-p", "1+1", "a"]).unwrap();
    assert_eq!(o.command, Command::Eval { code: "1+1".into(), print: true, args: vec!["a".into()] });
    assert!(p(&["-e"]).is_err());
  }
}
