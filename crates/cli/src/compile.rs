//! `amber compile app.snap -o app`: a self-contained executable, the amber binary with
//! a snapshot and the options it runs with appended. At start, amber measures its own
//! ELF image; bytes past its end must be a valid appended application (trailer,
//! options, snapshot), else the executable refuses to start. It never falls back to
//! running as plain amber, which would execute its first argument as a script.
//!
//! ```text
//! // Layout of a compiled executable
//! [amber binary (ELF)][snapshot file (amber snapshot format)][addons][options][trailer]
//! addons:  the bytes of each native addon the snapshot carries, one after the other
//!          (empty when it carries none)
//! options: sidecar encoding (see amber_snapshot_format::Sidecar), keys:
//!          "v8_flags" (list): the V8 flags given to `amber compile`
//!          "verify_key" (string, optional): public key file text; the snapshot's
//!          signature is checked against it at every start
//!          "addons" (list, optional): per inlined addon "path\0length", in the
//!          order of the addons region (each is checked against the snapshot's
//!          record, size and blake3, when the snapshot is restored)
//! trailer (40 bytes, little-endian):
//!   0   u64  snapshot offset (= size of the ELF image)
//!   8   u64  snapshot length (the addons region follows it, up to the options)
//!   16  u32  options length
//!   20  u32  trailer version (TRAILER_VERSION)
//!   24  u64  xxh3-64 of the options followed by trailer bytes 0..24
//!   32  8    magic "AMBERAPP"
//! ```

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use amber_snapshot_format::Sidecar;

const MAGIC: &[u8; 8] = b"AMBERAPP";
const TRAILER: u64 = 40;
/// 2: an addons region may follow the snapshot.
const TRAILER_VERSION: u32 = 2;
const KEY_V8_FLAGS: &str = "v8_flags";
const KEY_VERIFY_KEY: &str = "verify_key";
const KEY_ADDONS: &str = "addons";

/// The application appended to this executable.
pub struct Embedded {
  pub snapshot: &'static [u8],
  pub v8_flags: Vec<String>,
  /// The key the snapshot must be signed with (`amber compile --verify-key`).
  pub verify_key: Option<amber_snapshot_format::PublicKey>,
  /// The inlined addons: the path each was loaded from at build time, and its bytes.
  pub addons: Vec<(String, &'static [u8])>,
}

/// Makes every inlined addon loadable from memory: each is written to a `memfd` and
/// loading its recorded path opens `/proc/self/fd/N` instead.
pub fn install_addons(addons: &[(String, &'static [u8])]) -> Result<(), String> {
  for (path, bytes) in addons {
    let name = std::ffi::CString::new(path.rsplit('/').next().unwrap_or("addon")).unwrap_or_default();
    // SAFETY: plain system call; the fd stays open for the life of the process.
    let fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
      return Err(format!("cannot load the inlined native addon {path}: memfd_create failed ({})", std::io::Error::last_os_error()));
    }
    use std::io::Write;
    use std::os::fd::FromRawFd;
    // SAFETY: `fd` was just created and is owned here; it is leaked below on purpose.
    let mut f = unsafe { std::fs::File::from_raw_fd(fd) };
    f.write_all(bytes).map_err(|e| format!("cannot load the inlined native addon {path}: {e}"))?;
    std::mem::forget(f);
    amber_runtime::substitute_addon(path, &format!("/proc/self/fd/{fd}"));
  }
  Ok(())
}

/// The size of the ELF image at the start of `f`: the furthest byte any program header,
/// section or the section header table covers. `None` when `f` is not a 64-bit
/// little-endian ELF file.
fn elf_image_len(f: &mut std::fs::File) -> Option<u64> {
  let mut eh = [0u8; 64];
  f.seek(SeekFrom::Start(0)).ok()?;
  f.read_exact(&mut eh).ok()?;
  if &eh[..4] != b"\x7fELF" || eh[4] != 2 || eh[5] != 1 {
    return None;
  }
  let u16_at = |b: &[u8], o: usize| u16::from_le_bytes(b[o..o + 2].try_into().unwrap()) as u64;
  let u32_at = |b: &[u8], o: usize| u32::from_le_bytes(b[o..o + 4].try_into().unwrap());
  let u64_at = |b: &[u8], o: usize| u64::from_le_bytes(b[o..o + 8].try_into().unwrap());
  let (phoff, shoff) = (u64_at(&eh, 0x20), u64_at(&eh, 0x28));
  let (phentsize, phnum, shentsize, shnum) = (u16_at(&eh, 0x36), u16_at(&eh, 0x38), u16_at(&eh, 0x3a), u16_at(&eh, 0x3c));
  if (phnum > 0 && phentsize < 56) || (shnum > 0 && shentsize < 64) {
    return None;
  }
  let mut end = 64u64.max(phoff + phnum * phentsize).max(shoff + shnum * shentsize);
  let mut table = |off: u64, n: u64, size: u64| -> Option<Vec<u8>> {
    let mut t = vec![0u8; (n * size) as usize];
    f.seek(SeekFrom::Start(off)).ok()?;
    f.read_exact(&mut t).ok()?;
    Some(t)
  };
  let ph = table(phoff, phnum, phentsize)?;
  for e in ph.chunks_exact(phentsize.max(1) as usize) {
    end = end.max(u64_at(e, 8).saturating_add(u64_at(e, 32)));
  }
  let sh = table(shoff, shnum, shentsize)?;
  for e in sh.chunks_exact(shentsize.max(1) as usize) {
    const SHT_NOBITS: u32 = 8;
    if u32_at(e, 4) != SHT_NOBITS {
      end = end.max(u64_at(e, 24).saturating_add(u64_at(e, 32)));
    }
  }
  Some(end)
}

fn trailer_sum(options: &[u8], head: &[u8]) -> u64 {
  let mut h = xxhash_rust::xxh3::Xxh3::new();
  h.update(options);
  h.update(head);
  h.digest()
}

/// The application embedded in this executable: `None` for plain amber, an error for
/// an executable whose appended part is damaged.
pub fn embedded() -> Option<Result<Embedded, String>> {
  let exe = std::env::current_exe().ok()?;
  let mut f = std::fs::File::open(&exe).ok()?;
  let len = f.metadata().ok()?.len();
  let image = elf_image_len(&mut f);
  if image.is_some_and(|i| i >= len) {
    return None;
  }
  let damaged = || Some(Err("corrupted executable: the appended application's trailer is damaged".to_string()));
  let mut t = [0u8; TRAILER as usize];
  if len < TRAILER || f.seek(SeekFrom::Start(len - TRAILER)).is_err() || f.read_exact(&mut t).is_err() {
    return damaged();
  }
  if &t[32..] != MAGIC {
    // Not ELF (or unreadable headers): only a trailer says something was appended.
    return if image.is_none() { None } else { damaged() };
  }
  let offset = u64::from_le_bytes(t[0..8].try_into().unwrap());
  let size = u64::from_le_bytes(t[8..16].try_into().unwrap());
  let opt_len = u32::from_le_bytes(t[16..20].try_into().unwrap()) as u64;
  let version = u32::from_le_bytes(t[20..24].try_into().unwrap());
  let sum = u64::from_le_bytes(t[24..32].try_into().unwrap());
  let options_at = len.checked_sub(TRAILER + opt_len);
  let fits = offset.checked_add(size).zip(options_at).is_some_and(|(end, at)| end <= at);
  if version != TRAILER_VERSION || !fits || image.is_some_and(|i| i != offset) {
    return damaged();
  }
  let mut options = vec![0u8; opt_len as usize];
  let options_at = options_at.unwrap_or(0);
  if f.seek(SeekFrom::Start(options_at)).is_err() || f.read_exact(&mut options).is_err() || trailer_sum(&options, &t[..24]) != sum {
    return damaged();
  }
  let Ok(options) = Sidecar::decode(&options) else { return damaged() };
  let verify_key = match options.str(KEY_VERIFY_KEY).map(amber_snapshot_format::PublicKey::from_text) {
    None => None,
    Some(Ok(k)) => Some(k),
    Some(Err(_)) => return damaged(),
  };
  // SAFETY: read-only mapping of our own executable, kept for the process lifetime.
  let map = match unsafe { memmap2::Mmap::map(&f) } {
    Ok(m) => m,
    Err(e) => return Some(Err(format!("cannot map the embedded snapshot: {e}"))),
  };
  let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
  // The addons region is exactly what lies between the snapshot and the options.
  let mut addons = Vec::new();
  let mut at = offset + size;
  for entry in options.list(KEY_ADDONS) {
    let Some((path, n)) = entry.rsplit_once('\0') else { return damaged() };
    let Some(end) = n.parse::<u64>().ok().and_then(|n| at.checked_add(n)).filter(|&e| e <= options_at) else { return damaged() };
    addons.push((path.to_string(), &map[at as usize..end as usize]));
    at = end;
  }
  if at != options_at {
    return damaged();
  }
  Some(Ok(Embedded { snapshot: &map[offset as usize..(offset + size) as usize], v8_flags: options.list(KEY_V8_FLAGS).to_vec(), verify_key, addons }))
}

/// Writes `output`: this binary (without any application it carries) plus `snapshot`,
/// to run with `v8_flags` (which the snapshot must have been built with). With
/// `verify_key`, the snapshot must be signed by it, now and at every start.
pub fn compile(snapshot: &Path, output: &Path, v8_flags: &[String], verify_key: Option<amber_snapshot_format::PublicKey>) -> Result<u64, String> {
  let shown = amber_snapshot_format::printable(&snapshot.display().to_string());
  let snap = std::fs::read(snapshot).map_err(|e| format!("{shown}: {e}"))?;
  let file = amber_snapshot_format::read(&snap).map_err(|e| format!("{shown}: {e}"))?;
  amber_runtime::check_compatible(&file.header).map_err(|e| format!("{shown}: {e}"))?;
  if let Some(key) = &verify_key {
    amber_snapshot_format::signing::verify(file.signed_bytes, file.signature.as_ref(), key).map_err(|e| format!("{shown}: {e}"))?;
  }
  let exe = std::env::current_exe().map_err(|e| format!("cannot find the amber binary: {e}"))?;
  let mut bin = std::fs::read(&exe).map_err(|e| format!("cannot read {}: {e}", exe.display()))?;
  // A compiled binary compiling again: keep only the amber image.
  let mut f = std::fs::File::open(&exe).map_err(|e| format!("cannot read {}: {e}", exe.display()))?;
  if let Some(image) = elf_image_len(&mut f) {
    bin.truncate(image.min(bin.len() as u64) as usize);
  }
  // Every addon the snapshot carries, as it is now; it must still match the record.
  let sidecar = Sidecar::decode(file.sidecar).map_err(|e| format!("{shown}: {e}"))?;
  let mut addons: Vec<Vec<u8>> = Vec::new();
  let mut addon_list = Vec::new();
  for a in amber_runtime::addon_records(&sidecar).map_err(|e| format!("{shown}: {e}"))? {
    let bytes = std::fs::read(&a.path).map_err(|e| format!("{shown}: native addon {} cannot be read: {e}", a.path))?;
    a.verify(&bytes).map_err(|e| format!("{shown}: {e}"))?;
    addon_list.push(format!("{}\0{}", a.path, bytes.len()));
    addons.push(bytes);
  }
  let mut options = Sidecar::default();
  options.set_list(KEY_V8_FLAGS, v8_flags.to_vec());
  if !addon_list.is_empty() {
    options.set_list(KEY_ADDONS, addon_list);
  }
  if let Some(key) = verify_key {
    options.set_str(KEY_VERIFY_KEY, &key.to_text());
  }
  let options = options.encode();
  let offset = bin.len() as u64;
  let mut trailer = Vec::with_capacity(TRAILER as usize);
  trailer.extend_from_slice(&offset.to_le_bytes());
  trailer.extend_from_slice(&(snap.len() as u64).to_le_bytes());
  trailer.extend_from_slice(&(options.len() as u32).to_le_bytes());
  trailer.extend_from_slice(&TRAILER_VERSION.to_le_bytes());
  let sum = trailer_sum(&options, &trailer);
  trailer.extend_from_slice(&sum.to_le_bytes());
  trailer.extend_from_slice(MAGIC);
  let mut parts: Vec<&[u8]> = vec![&bin, &snap];
  parts.extend(addons.iter().map(|a| a.as_slice()));
  parts.extend([options.as_slice(), trailer.as_slice()]);
  amber_snapshot_format::write_file_atomically(output, &parts, 0o755)?;
  Ok(parts.iter().map(|p| p.len() as u64).sum())
}
