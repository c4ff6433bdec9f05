//! `amber compile app.snap -o app`: a self-contained executable, the amber binary with
//! a snapshot appended. At start, amber looks for the trailer at the end of its own
//! file; when present it runs the embedded snapshot with every argument given to it.
//!
//! ```text
//! // Layout of a compiled executable
//! [amber binary][snapshot file (amber snapshot format)][trailer]
//! trailer (24 bytes): snapshot offset u64 LE, snapshot length u64 LE, magic "AMBERAPP"
//! ```

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

const MAGIC: &[u8; 8] = b"AMBERAPP";
const TRAILER: u64 = 24;

/// The snapshot embedded in this executable, if any.
pub fn embedded_snapshot() -> Option<Result<&'static [u8], String>> {
  let exe = std::env::current_exe().ok()?;
  let mut f = std::fs::File::open(&exe).ok()?;
  let len = f.metadata().ok()?.len();
  if len < TRAILER {
    return None;
  }
  f.seek(SeekFrom::Start(len - TRAILER)).ok()?;
  let mut t = [0u8; TRAILER as usize];
  f.read_exact(&mut t).ok()?;
  if &t[16..] != MAGIC {
    return None;
  }
  let offset = u64::from_le_bytes(t[0..8].try_into().unwrap());
  let size = u64::from_le_bytes(t[8..16].try_into().unwrap());
  if offset.checked_add(size) != Some(len - TRAILER) {
    return Some(Err("corrupted executable: bad snapshot trailer".into()));
  }
  // SAFETY: read-only mapping of our own executable, kept for the process lifetime.
  let map = match unsafe { memmap2::Mmap::map(&f) } {
    Ok(m) => m,
    Err(e) => return Some(Err(format!("cannot map the embedded snapshot: {e}"))),
  };
  let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
  Some(Ok(&map[offset as usize..(offset + size) as usize]))
}

/// Writes `output`: this binary (without any snapshot it carries) plus `snapshot`.
pub fn compile(snapshot: &Path, output: &Path) -> Result<u64, String> {
  let snap = std::fs::read(snapshot).map_err(|e| format!("{}: {e}", snapshot.display()))?;
  let file = amber_snapshot_format::read(&snap).map_err(|e| format!("{}: {e}", snapshot.display()))?;
  amber_runtime::check_compatible(&file.header).map_err(|e| format!("{}: {e}", snapshot.display()))?;
  let exe = std::env::current_exe().map_err(|e| format!("cannot find the amber binary: {e}"))?;
  let mut bin = std::fs::read(&exe).map_err(|e| format!("cannot read {}: {e}", exe.display()))?;
  // A compiled binary compiling again: drop the snapshot it carries.
  if bin.len() as u64 >= TRAILER && &bin[bin.len() - 8..] == MAGIC {
    let offset = u64::from_le_bytes(bin[bin.len() - 24..bin.len() - 16].try_into().unwrap());
    bin.truncate(offset as usize);
  }
  let offset = bin.len() as u64;
  let mut trailer = Vec::with_capacity(TRAILER as usize);
  trailer.extend_from_slice(&offset.to_le_bytes());
  trailer.extend_from_slice(&(snap.len() as u64).to_le_bytes());
  trailer.extend_from_slice(MAGIC);
  amber_snapshot_format::write_file_atomically(output, &[&bin, &snap, &trailer], 0o755)?;
  Ok(offset + snap.len() as u64 + TRAILER)
}
