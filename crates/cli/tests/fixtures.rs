//! Runs every `tests/fixtures/*.js` with amber and compares stdout, stderr and the exit
//! code with the files beside it, which were recorded from `node` by
//! `tests/regen-expected.sh` (see `common::normalize` for what is normalized).

mod common;

use common::*;

#[test]
fn fixtures_match_node() {
  check_fixtures(&[]);
}

/// The same fixtures with `lib/` bootstrapped from source instead of the embedded
/// runtime snapshot: both start paths must behave the same.
#[test]
fn fixtures_match_node_without_runtime_snapshot() {
  check_fixtures(&[("AMBER_NO_RUNTIME_SNAPSHOT", "1")]);
}

fn check_fixtures(extra_env: &[(&str, &str)]) {
  let dir = fixtures_dir();
  let mut names: Vec<String> = std::fs::read_dir(&dir)
    .unwrap()
    .filter_map(|e| e.ok())
    .map(|e| e.file_name().to_string_lossy().into_owned())
    .filter(|n| n.ends_with(".js") || n.ends_with(".mjs"))
    .collect();
  names.sort();
  let filter = std::env::var("AMBER_FIXTURE").ok();
  let mut failures = Vec::new();
  let mut passed = 0;
  for name in &names {
    if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
      continue;
    }
    let script = name.clone();
    let name = name.rsplit_once('.').map(|(n, _)| n.to_string()).unwrap();
    let name = &name;
    let base = dir.join(name);
    let args_text = read_or_empty(&base.with_extension("args"));
    let env_text = read_or_empty(&base.with_extension("env"));
    let stdin = std::fs::read(base.with_extension("stdin")).unwrap_or_default();
    let mut args = vec![script];
    args.extend(args_text.split_whitespace().map(|s| s.to_string()));
    let envs: Vec<(String, String)> = env_text
      .split_whitespace()
      .filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
      .collect();
    let arg_refs: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let mut env_refs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    env_refs.extend_from_slice(extra_env);
    let out = run(&dir, &arg_refs, &stdin, &env_refs);
    let want_code: i32 = read_or_empty(&base.with_extension("code")).trim().parse().unwrap_or(0);
    let want_out = normalize(&read_or_empty(&base.with_extension("stdout")), &dir);
    let want_err = normalize(&read_or_empty(&base.with_extension("stderr")), &dir);
    let got_out = normalize(&String::from_utf8_lossy(&out.stdout), &dir);
    let got_err = normalize(&String::from_utf8_lossy(&out.stderr), &dir);
    let got_code = out.status.code().unwrap_or(-1);
    let mut problems = Vec::new();
    if got_code != want_code {
      problems.push(format!("exit code: want {want_code}, got {got_code}"));
    }
    if got_out != want_out {
      problems.push(format!("stdout differs:\n--- want\n{want_out}\n--- got\n{got_out}"));
    }
    if got_err != want_err {
      problems.push(format!("stderr differs:\n--- want\n{want_err}\n--- got\n{got_err}"));
    }
    if problems.is_empty() {
      passed += 1;
    } else {
      failures.push(format!("== {name}\n{}", problems.join("\n")));
    }
  }
  println!("{passed} fixtures equal to node's output, {} differ", failures.len());
  assert!(failures.is_empty(), "{} of {} fixtures differ from node:\n{}", failures.len(), names.len(), failures.join("\n\n"));
}
