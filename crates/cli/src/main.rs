//! The `amber` binary: parse the command line, then hand off to the runtime.
//! This is the only crate that prints to the terminal on its own behalf.

mod args;

use std::process::ExitCode;

use amber_runtime::{HookArg, JsRuntime, Mode, RuntimeOptions};
use args::{Command, Options};

fn main() -> ExitCode {
  let raw: Vec<String> = std::env::args().collect();
  let opts = match args::parse(&raw[1..]) {
    Ok(o) => o,
    Err(e) => {
      eprintln!("{}: {}", program_name(), e.message);
      return ExitCode::from(e.code);
    }
  };
  let code = run(opts);
  ExitCode::from(code as u8)
}

fn program_name() -> String {
  "amber".to_string()
}

fn exec_path() -> String {
  std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "amber".into())
}

fn run(opts: Options) -> i32 {
  match opts.command {
    Command::Version => {
      println!("amber {}", env!("CARGO_PKG_VERSION"));
      println!("v8 {}", amber_runtime::v8_version());
      0
    }
    Command::Help => {
      print!("{}", args::HELP);
      0
    }
    Command::Run { script, args } => {
      let path = std::path::absolute(&script).unwrap_or_else(|_| script.clone().into());
      if !path.exists() {
        eprintln!("Error: Cannot find module '{}'", path.display());
        return 1;
      }
      let path = path.to_string_lossy().into_owned();
      let mut argv = vec![exec_path(), path.clone()];
      argv.extend(args);
      let mut rt = new_runtime(&opts.v8_flags, argv, Mode::Run);
      rt.macrotask("runMain", &[HookArg::Str(path)]);
      finish(&mut rt)
    }
    Command::Eval { code, print, args } => {
      let mut argv = vec![exec_path()];
      argv.extend(args);
      let mut rt = new_runtime(&opts.v8_flags, argv, Mode::Run);
      rt.macrotask("evalScript", &[HookArg::Str(code), HookArg::Bool(print)]);
      finish(&mut rt)
    }
  }
}

fn new_runtime(v8_flags: &[String], argv: Vec<String>, mode: Mode) -> JsRuntime {
  JsRuntime::new(RuntimeOptions {
    mode,
    argv,
    exec_argv: Vec::new(),
    exec_path: exec_path(),
    v8_flags: v8_flags.to_vec(),
  })
}

fn finish(rt: &mut JsRuntime) -> i32 {
  rt.run_event_loop(false);
  rt.emit_exit()
}
