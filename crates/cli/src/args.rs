//! Command-line parsing: raw arguments to a validated `Options`. Options come before
//! the script; everything after the script belongs to the script, as in Node.

pub const HELP: &str = "\
Usage: amber [options] <script.js> [arguments]
       amber run <script.js> [arguments]
       amber -e <code> | -p <expression>

Options:
  -e, --eval <code>        evaluate code
  -p, --print <expr>       evaluate an expression and print its result
  --v8-flags=<flags>       comma-separated V8 flags, e.g. --v8-flags=--max-old-space-size=512
  -v, --version            print amber and V8 versions
  -h, --help               print this help
";

#[derive(Debug, PartialEq)]
pub enum Command {
  Run { script: String, args: Vec<String> },
  Eval { code: String, print: bool, args: Vec<String> },
  Version,
  Help,
}

#[derive(Debug)]
pub struct Options {
  pub command: Command,
  pub v8_flags: Vec<String>,
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

pub fn parse(args: &[String]) -> Result<Options, ArgError> {
  let mut v8_flags = Vec::new();
  let mut eval: Option<(String, bool)> = None;
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
      "-v" | "--version" => return Ok(Options { command: Command::Version, v8_flags }),
      "-h" | "--help" => return Ok(Options { command: Command::Help, v8_flags }),
      "-e" | "--eval" => eval = Some((value(&mut i)?, false)),
      "-p" | "--print" => eval = Some((value(&mut i)?, true)),
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
  if let Some((code, print)) = eval {
    return Ok(Options { command: Command::Eval { code, print, args: rest.to_vec() }, v8_flags });
  }
  let rest = if rest.first().map(|s| s.as_str()) == Some("run") { &rest[1..] } else { rest };
  match rest.split_first() {
    Some((script, args)) => Ok(Options { command: Command::Run { script: script.clone(), args: args.to_vec() }, v8_flags }),
    None => Err(ArgError { message: "no script given (see amber --help)".into(), code: 9 }),
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
  fn eval_and_print() {
    let o = p(&["-p", "1+1", "a"]).unwrap();
    assert_eq!(o.command, Command::Eval { code: "1+1".into(), print: true, args: vec!["a".into()] });
    assert!(p(&["-e"]).is_err());
  }
}
