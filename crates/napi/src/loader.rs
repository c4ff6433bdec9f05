//! Loading an addon: `dlopen` the file, find its registration (the
//! `napi_register_module_v1` symbol, or a legacy `napi_module_register` call made by a
//! constructor while `dlopen` runs), create its environment and run its init on
//! `module.exports`. Libraries are never unloaded, as in Node.

use std::cell::Cell;
use std::ffi::{c_char, c_void, CString};

use crate::env::*;

type RegisterFn = unsafe extern "C" fn(napi_env, napi_value) -> napi_value;

#[repr(C)]
pub struct napi_module {
  nm_version: i32,
  nm_flags: u32,
  nm_filename: *const c_char,
  nm_register_func: Option<RegisterFn>,
  nm_modname: *const c_char,
  nm_priv: *mut c_void,
  reserved: [*mut c_void; 4],
}

thread_local! {
  static PENDING: Cell<*mut napi_module> = const { Cell::new(std::ptr::null_mut()) };
}

/// Files to open in place of a path (an executable's inlined addons, `/proc/self/fd/N`),
/// for the whole process: a worker thread loading the addon must find the same copy.
static SUBSTITUTES: std::sync::Mutex<std::collections::BTreeMap<String, String>> = std::sync::Mutex::new(std::collections::BTreeMap::new());

/// Loading `path` opens `actual` instead (an addon inlined into an executable, written
/// to a memfd); the addon keeps `path` as its file name.
pub fn substitute(path: &str, actual: &str) {
  SUBSTITUTES.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_string(), actual.to_string());
}

/// The file loading `path` opens (`path` itself unless substituted).
pub fn open_path(path: &str) -> String {
  SUBSTITUTES.lock().unwrap_or_else(|e| e.into_inner()).get(path).cloned().unwrap_or_else(|| path.to_string())
}

/// Registrations by path, for the whole process: a legacy module registers (its
/// constructor calls `napi_module_register`) only when the library is first loaded, on
/// whichever thread, and a worker thread loading it again must find that registration.
static LOADED: std::sync::Mutex<std::collections::BTreeMap<String, (Option<RegisterFn>, i32)>> = std::sync::Mutex::new(std::collections::BTreeMap::new());

#[no_mangle]
pub unsafe extern "C" fn napi_module_register(m: *mut napi_module) {
  PENDING.with(|p| p.set(m));
}

/// Why an addon could not be loaded; `Display` is the one-line message (naming the
/// file) that the runtime throws as `ERR_DLOPEN_FAILED`.
#[derive(Debug)]
pub enum LoadError {
  /// `dlopen` refused the file (not a shared object, missing dependency...).
  Open(String),
  /// A shared object with no Node-API registration.
  NoRegistration(String),
  /// A legacy registration without an init function.
  NoEntryPoint(String),
}

impl std::fmt::Display for LoadError {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      LoadError::Open(m) => write!(f, "{m}"),
      LoadError::NoRegistration(p) => write!(f, "Module did not self-register: '{p}'."),
      LoadError::NoEntryPoint(p) => write!(f, "Module has no declared entry point. ('{p}')"),
    }
  }
}

fn dlopen(path: &str, flags: i32) -> Result<(Option<RegisterFn>, i32), LoadError> {
  let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
  if let Some(r) = loaded.get(path).copied() {
    return Ok(r);
  }
  PENDING.with(|p| p.set(std::ptr::null_mut()));
  // Node's default is RTLD_LAZY. amber binds every symbol at load time instead: an
  // addon built for Node's C++ API (or one calling libuv) references symbols amber does
  // not have, and with lazy binding the first call to one would kill the process
  // ("symbol lookup error"); this way it is a load error naming the file and symbol.
  let flags = if flags == 0 { libc::RTLD_NOW } else { flags };
  // SAFETY: loading a library runs its constructors; that is what loading an addon means.
  let lib = unsafe { libloading::os::unix::Library::open(Some(open_path(path)), flags) }.map_err(|e| {
    let msg = e.to_string();
    // libloading prefixes dlerror's text; keep dlerror's own line, which names the file.
    let msg = msg.strip_prefix("dlopen failed: ").unwrap_or(&msg).to_string();
    if msg.contains("undefined symbol") {
      LoadError::Open(format!("{msg} (amber provides Node-API only, not Node's C++ API or libuv)"))
    } else {
      LoadError::Open(msg)
    }
  })?;
  let v1: Option<RegisterFn> = unsafe { lib.get::<RegisterFn>(b"napi_register_module_v1\0") }.ok().map(|s| *s);
  let version: i32 = unsafe { lib.get::<unsafe extern "C" fn() -> i32>(b"node_api_module_get_api_version_v1\0") }
    .ok()
    .map(|f| unsafe { f() })
    .unwrap_or(8);
  let pending = PENDING.with(|p| p.replace(std::ptr::null_mut()));
  let reg = if !pending.is_null() {
    let m = unsafe { &*pending };
    match m.nm_register_func {
      Some(f) => (Some(f), version),
      None => {
        std::mem::forget(lib);
        return Err(LoadError::NoEntryPoint(path.to_string()));
      }
    }
  } else if let Some(f) = v1 {
    (Some(f), version)
  } else {
    std::mem::forget(lib);
    return Err(LoadError::NoRegistration(path.to_string()));
  };
  std::mem::forget(lib);
  loaded.insert(path.to_string(), reg);
  Ok(reg)
}

/// `file://` URL of an absolute path, percent-encoding what a URL path may not hold
/// (`%`, `#`, `?`, spaces...), as `url.pathToFileURL` does.
fn file_url(path: &str) -> String {
  let mut out = String::from("file://");
  for b in path.bytes() {
    if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
      out.push(b as char);
    } else {
      out.push_str(&format!("%{b:02X}"));
    }
  }
  out
}

/// Loads the addon at `path` into `module` (`module.exports` is given to its init;
/// a different object returned by init replaces it). `host` is installed the first
/// time. An exception thrown by init is left thrown in `scope`.
pub fn load(scope: &mut v8::PinScope, host: impl FnOnce() -> Host, module: v8::Local<v8::Object>, path: &str, flags: i32) -> Result<(), LoadError> {
  install_host(host());
  let (init, version) = dlopen(path, flags)?;
  let Some(init) = init else { return Err(LoadError::NoEntryPoint(path.to_string())) };
  let url = CString::new(file_url(path)).unwrap_or_default();
  let env = Env::new(scope, url, path, version);
  let k = v8::String::new(scope, "exports").unwrap();
  let exports = module.get(scope, k.into()).unwrap_or_else(|| v8::undefined(scope).into());
  let result = {
    v8::scope!(let hs, scope);
    let r = unsafe { init(env, napi(exports)) };
    let e = unsafe { &mut *env };
    e.init_done = true;
    if let Some(exc) = e.pending_exception.take() {
      Err(exc)
    } else {
      Ok(local(r).filter(|r| !r.strict_equals(exports)).map(|r| v8::Global::new(hs, r)))
    }
  };
  match result {
    Err(exc) => {
      let l = v8::Local::new(scope, &exc);
      scope.throw_exception(l);
    }
    Ok(Some(new_exports)) => {
      let l = v8::Local::new(scope, &new_exports);
      module.set(scope, k.into(), l);
    }
    Ok(None) => {}
  }
  Ok(())
}

/// Why an addon carried by a snapshot could not be bound again; one line naming the file.
#[derive(Debug)]
pub enum RebindError {
  Load(LoadError),
  /// Registration threw.
  Threw(String),
  /// Registration created a different sequence of functions than at build time.
  Diverged { path: String, expected: usize, got: usize },
  /// The env would not get the id the heap's functions carry.
  Order(String),
}

impl std::fmt::Display for RebindError {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      RebindError::Load(e) => write!(f, "{e}"),
      RebindError::Threw(p) => write!(f, "native addon {p} threw while registering again after the snapshot was restored"),
      RebindError::Diverged { path, expected, got } => write!(
        f,
        "native addon {path} registered differently than when the snapshot was built ({got} functions and classes in another order or number than the {expected} recorded); rebuild the snapshot"
      ),
      RebindError::Order(p) => write!(f, "native addon {p} cannot be bound again: addons were loaded before the snapshot's addons were restored"),
    }
  }
}

/// In a restored process: loads the addon a snapshot carried (env `env_id` at build
/// time) and runs its registration again in re-binding mode (`crate::snapshot`):
/// `kinds` and `functions` are what the build recorded, the functions being the heap's.
/// The exports object registration fills is dropped.
pub fn rebind(
  scope: &mut v8::PinScope,
  host: impl FnOnce() -> Host,
  path: &str,
  env_id: u32,
  kinds: &str,
  functions: Vec<Option<v8::Local<v8::Function>>>,
) -> Result<(), RebindError> {
  install_host(host());
  // Lazy binding, as Node loads addons: this very file (checked by size and hash) bound
  // every symbol when the snapshot was built, so no lookup can fail later, and binding
  // a large addon's symbols up front is a measurable part of a restored process's start.
  let (init, version) = dlopen(path, libc::RTLD_LAZY).map_err(RebindError::Load)?;
  let Some(init) = init else { return Err(RebindError::Load(LoadError::NoEntryPoint(path.to_string()))) };
  if next_env_id() != env_id {
    return Err(RebindError::Order(path.to_string()));
  }
  let url = CString::new(file_url(path)).unwrap_or_default();
  let env = Env::new(scope, url, path, version);
  let e = unsafe { &mut *env };
  e.rebind = Some(crate::snapshot::Rebind {
    kinds: kinds.as_bytes().to_vec(),
    functions: functions.into_iter().map(|f| f.map(|f| v8::Global::new(scope, f))).collect(),
    diverged: false,
  });
  {
    v8::scope!(let hs, scope);
    let exports = v8::Object::new(hs);
    unsafe { init(env, napi(exports)) };
  }
  let e = unsafe { &mut *env };
  e.init_done = true;
  let rb = e.rebind.take().expect("rebind state");
  if e.pending_exception.take().is_some() {
    return Err(RebindError::Threw(path.to_string()));
  }
  if rb.diverged || e.kinds != rb.kinds {
    return Err(RebindError::Diverged { path: path.to_string(), expected: rb.kinds.len(), got: e.kinds.len() });
  }
  Ok(())
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn file_urls_percent_encode_what_a_url_path_cannot_hold() {
    assert_eq!(file_url("/a/b-c_d.node"), "file:///a/b-c_d.node");
    assert_eq!(file_url("/tmp/foo%#bar/x y?.node"), "file:///tmp/foo%25%23bar/x%20y%3F.node");
  }

  #[test]
  fn a_file_that_is_not_a_shared_object_is_refused_with_dlerror_naming_it() {
    let dir = std::env::temp_dir().join(format!("amber-napi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("text.node");
    std::fs::write(&path, "not an ELF file, long enough to have a header\n").unwrap();
    let p = path.to_str().unwrap();
    let err = dlopen(p, 0).err().expect("a text file must not load");
    assert!(matches!(err, LoadError::Open(_)), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(p) && !msg.contains('\n'), "{msg}");
    std::fs::remove_dir_all(&dir).unwrap();
  }

  #[test]
  fn messages_name_the_file_on_one_line() {
    assert_eq!(LoadError::NoRegistration("/x/a.node".into()).to_string(), "Module did not self-register: '/x/a.node'.");
    assert_eq!(LoadError::NoEntryPoint("/x/a.node".into()).to_string(), "Module has no declared entry point. ('/x/a.node')");
  }
}
