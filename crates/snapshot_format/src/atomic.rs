//! Writing a file so that nothing is ever lost or half-written: snapshots, compiled
//! executables and compile-cache entries all go through `write_file_atomically`.
//!
//! The bytes go to a temporary file in the target's directory, created exclusively
//! under an unpredictable name (`O_EXCL | O_NOFOLLOW`, so neither a planted symlink nor
//! a pre-created file is ever written through), synced, given the mode the target
//! already had, and renamed over the target. A target that is a symlink is written
//! through (the link stays, its target is replaced), as Node's `fs.writeFile` does; a
//! target that exists but is not a regular file (`/dev/null`, a directory, a FIFO) is
//! refused. SIGINT, SIGTERM and SIGHUP during the write remove the temporary file
//! before the process dies; temporary files left by a process that was killed
//! outright (SIGKILL) are removed by the next write to the same target.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicPtr, Ordering};

const TMP_TAG: &str = ".amber-tmp-";

/// Writes `parts` to `path` atomically; `mode` is used when `path` does not exist yet
/// (less the umask), otherwise the existing file's permission bits are kept. On failure
/// nothing is left behind and `path` is untouched.
pub fn write_file_atomically(path: &Path, parts: &[&[u8]], mode: u32) -> Result<(), String> {
  write_atomically(path, parts, mode, true)
}

/// `write_file_atomically` for a file in a cache directory of many files (the module
/// compile cache): without the sweep of stale temporary files, which reads the whole
/// directory and so made each write cost time in proportion to the cache's size (with
/// 118,000 entries, more than the rest of a hello world's start). A temporary file is
/// still removed on failure and on SIGINT/SIGTERM/SIGHUP; only a process killed outright
/// while writing leaves one behind.
pub fn write_cache_file_atomically(path: &Path, parts: &[&[u8]], mode: u32) -> Result<(), String> {
  write_atomically(path, parts, mode, false)
}

fn write_atomically(path: &Path, parts: &[&[u8]], mode: u32, sweep: bool) -> Result<(), String> {
  let target = resolve_symlinks(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
  let existing = match std::fs::metadata(&target) {
    Ok(m) if !m.is_file() => return Err(format!("cannot write {}: not a regular file", path.display())),
    Ok(m) => Some(m.mode() & 0o7777),
    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
    Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
  };
  let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
  let name = target.file_name().ok_or("output path has no file name")?.to_string_lossy().into_owned();
  if sweep {
    remove_stale_temporaries(dir, &name);
  }
  let (tmp, mut file) = create_temporary(dir, &name, mode).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
  let guard = CleanupOnSignal::arm(&tmp);
  let res = (|| -> std::io::Result<()> {
    for p in parts {
      file.write_all(p)?;
    }
    if let Some(m) = existing {
      file.set_permissions(std::fs::Permissions::from_mode(m))?;
    }
    file.sync_all()?;
    std::fs::rename(&tmp, &target)
  })();
  drop(guard);
  if let Err(e) = res {
    let _ = std::fs::remove_file(&tmp);
    return Err(format!("cannot write {}: {e}", path.display()));
  }
  Ok(())
}

/// The file a write to `path` should replace: `path` itself, or what its chain of
/// symlinks points to (which need not exist yet).
fn resolve_symlinks(path: &Path) -> std::io::Result<PathBuf> {
  let mut cur = path.to_path_buf();
  for _ in 0..40 {
    match std::fs::symlink_metadata(&cur) {
      Ok(m) if m.file_type().is_symlink() => {
        let link = std::fs::read_link(&cur)?;
        cur = match cur.parent() {
          Some(parent) if link.is_relative() => parent.join(link),
          _ => link,
        };
      }
      _ => return Ok(cur),
    }
  }
  Err(std::io::Error::from_raw_os_error(libc::ELOOP))
}

fn create_temporary(dir: &Path, name: &str, mode: u32) -> std::io::Result<(PathBuf, std::fs::File)> {
  let pid = std::process::id();
  for _ in 0..16 {
    let mut random = [0u8; 8];
    getrandom::getrandom(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
    let tmp = dir.join(format!(".{name}{TMP_TAG}{pid}-{:016x}", u64::from_le_bytes(random)));
    match std::fs::OpenOptions::new().write(true).create_new(true).custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC).mode(mode).open(&tmp) {
      Ok(f) => return Ok((tmp, f)),
      Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
      Err(e) => return Err(e),
    }
  }
  Err(std::io::Error::from_raw_os_error(libc::EEXIST))
}

/// Removes `.NAME.amber-tmp-PID-*` files of this user whose process no longer exists.
fn remove_stale_temporaries(dir: &Path, name: &str) {
  let prefix = format!(".{name}{TMP_TAG}");
  let Ok(entries) = std::fs::read_dir(dir) else { return };
  let uid = unsafe { libc::geteuid() };
  for entry in entries.flatten() {
    let file_name = entry.file_name();
    let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else { continue };
    let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<i32>().ok()) else { continue };
    let Ok(meta) = entry.path().symlink_metadata() else { continue };
    if !meta.is_file() || meta.uid() != uid {
      continue;
    }
    // SAFETY: kill with signal 0 only checks whether the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    if !alive {
      let _ = std::fs::remove_file(entry.path());
    }
  }
}

/// The temporary file being written, as a C string the signal handler can unlink.
static PENDING: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());
const CLEANUP_SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// While alive, SIGINT/SIGTERM/SIGHUP unlink the temporary file, then kill the process
/// with the same signal (the previous handlers come back on drop).
struct CleanupOnSignal {
  previous: Vec<(libc::c_int, libc::sigaction)>,
}

extern "C" fn cleanup_and_die(sig: libc::c_int) {
  let p = PENDING.swap(std::ptr::null_mut(), Ordering::SeqCst);
  // SAFETY: unlink, signal and raise are async-signal-safe; `p` is a leaked CString.
  unsafe {
    if !p.is_null() {
      libc::unlink(p);
    }
    libc::signal(sig, libc::SIG_DFL);
    libc::raise(sig);
  }
}

impl CleanupOnSignal {
  fn arm(tmp: &Path) -> CleanupOnSignal {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(tmp.as_os_str().as_bytes()) else { return CleanupOnSignal { previous: Vec::new() } };
    let old = PENDING.swap(c.into_raw(), Ordering::SeqCst);
    free_path(old);
    let mut previous = Vec::new();
    for sig in CLEANUP_SIGNALS {
      // SAFETY: installs a handler that only uses async-signal-safe calls.
      unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = cleanup_and_die as extern "C" fn(libc::c_int) as usize;
        libc::sigemptyset(&mut act.sa_mask);
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(sig, &act, &mut old) == 0 {
          previous.push((sig, old));
        }
      }
    }
    CleanupOnSignal { previous }
  }
}

impl Drop for CleanupOnSignal {
  fn drop(&mut self) {
    for (sig, old) in &self.previous {
      // SAFETY: restores the handler saved in `arm`.
      unsafe { libc::sigaction(*sig, old, std::ptr::null_mut()) };
    }
    free_path(PENDING.swap(std::ptr::null_mut(), Ordering::SeqCst));
  }
}

fn free_path(p: *mut libc::c_char) {
  if !p.is_null() {
    // SAFETY: every non-null PENDING value came from CString::into_raw.
    drop(unsafe { std::ffi::CString::from_raw(p) });
  }
}

#[cfg(test)]
mod tests {
  use super::*;
  use std::os::unix::fs::symlink;

  fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("amber-atomic-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
  }

  fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.contains(TMP_TAG)).collect()
  }

  #[test]
  fn keeps_the_mode_of_the_file_it_replaces() {
    let d = temp_dir("mode");
    let f = d.join("app.snap");
    std::fs::write(&f, b"old").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
    write_file_atomically(&f, &[b"new"], 0o644).unwrap();
    assert_eq!(std::fs::read(&f).unwrap(), b"new");
    assert_eq!(std::fs::metadata(&f).unwrap().mode() & 0o777, 0o600);
    assert!(leftovers(&d).is_empty());
    std::fs::remove_dir_all(&d).unwrap();
  }

  #[test]
  fn writes_through_a_symlink_and_keeps_the_link() {
    let d = temp_dir("link");
    std::fs::write(d.join("real.snap"), b"old").unwrap();
    symlink("real.snap", d.join("link.snap")).unwrap();
    write_file_atomically(&d.join("link.snap"), &[b"new"], 0o644).unwrap();
    assert!(std::fs::symlink_metadata(d.join("link.snap")).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read(d.join("real.snap")).unwrap(), b"new");
    // A dangling link creates its target.
    symlink("made.snap", d.join("dangling.snap")).unwrap();
    write_file_atomically(&d.join("dangling.snap"), &[b"x"], 0o644).unwrap();
    assert_eq!(std::fs::read(d.join("made.snap")).unwrap(), b"x");
    std::fs::remove_dir_all(&d).unwrap();
  }

  #[test]
  fn refuses_targets_that_are_not_regular_files() {
    let d = temp_dir("special");
    let err = write_file_atomically(Path::new("/dev/null"), &[b"x"], 0o644).unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(&std::fs::metadata("/dev/null").unwrap().file_type()));
    std::fs::create_dir(d.join("dir.snap")).unwrap();
    assert!(write_file_atomically(&d.join("dir.snap"), &[b"x"], 0o644).unwrap_err().contains("not a regular file"));
    std::fs::remove_dir_all(&d).unwrap();
  }

  #[test]
  fn never_writes_through_a_planted_temporary() {
    // Whatever an attacker pre-creates under old-style predictable names is left
    // alone: the temporary name is random and created exclusively.
    let d = temp_dir("planted");
    let victim = d.join("victim");
    std::fs::write(&victim, b"precious").unwrap();
    symlink(&victim, d.join(format!(".app.snap.tmp-{}", std::process::id()))).unwrap();
    write_file_atomically(&d.join("app.snap"), &[b"snapshot"], 0o644).unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert_eq!(std::fs::read(d.join("app.snap")).unwrap(), b"snapshot");
    std::fs::remove_dir_all(&d).unwrap();
  }

  #[test]
  fn removes_temporaries_of_dead_processes() {
    let d = temp_dir("stale");
    // pid 2^22+1 is above Linux's pid_max limit, so no process has it.
    let stale = d.join(format!(".app.snap{TMP_TAG}4194305-00000000deadbeef"));
    std::fs::write(&stale, b"partial").unwrap();
    let live = d.join(format!(".app.snap{TMP_TAG}{}-00000000cafebabe", std::process::id()));
    std::fs::write(&live, b"in progress").unwrap();
    write_file_atomically(&d.join("app.snap"), &[b"x"], 0o644).unwrap();
    assert!(!stale.exists());
    assert!(live.exists(), "a live process's temporary file is not touched");
    std::fs::remove_dir_all(&d).unwrap();
  }

  #[test]
  fn cache_writes_do_not_sweep_the_directory() {
    let d = temp_dir("cachewrite");
    let stale = d.join(format!(".entry{TMP_TAG}4194305-00000000deadbeef"));
    std::fs::write(&stale, b"partial").unwrap();
    write_cache_file_atomically(&d.join("entry"), &[b"code"], 0o600).unwrap();
    assert_eq!(std::fs::read(d.join("entry")).unwrap(), b"code");
    assert!(stale.exists(), "a cache write read the directory to sweep it");
    assert_eq!(leftovers(&d).len(), 1, "only the old stale file: {:?}", leftovers(&d));
    std::fs::remove_dir_all(&d).unwrap();
  }
}
