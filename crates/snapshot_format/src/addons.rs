//! The record of a native addon a snapshot carries (sidecar key `addons`, one string per
//! addon environment, in env-id order).
//!
//! ```text
//! // Layout of an addon record (a sidecar list item)
//! path \0 size (decimal) \0 blake3 (64 hex digits) \0 kinds [\0 stamp]
//! // Layout of a stamp (empty when none was taken; absent in records of older builds)
//! dev : ino : mtime seconds : mtime nanoseconds : ctime seconds : ctime nanoseconds
//! ```
//! `path` is the file as it was loaded; `kinds` has one byte per function-creating call
//! the addon's registration made (`f`: a function, `t`: a class constructor, method or
//! accessor template), the sequence re-registration at restore must repeat.
//!
//! The stamp is the file's identity and change times when the build hashed it. A restored
//! process that finds the same stamp (and size) knows the bytes are the ones hashed without
//! reading them: the kernel sets ctime to the current time on every write to the file
//! (and every change of its metadata) and no system call sets it back, a file replaced by
//! another has
//! another inode (or, if its number is reused, a new ctime), and `dev` pins the
//! filesystem. Any difference (another machine, a reinstall, a copy, a `touch`) falls
//! back to hashing the whole file, so a stamp can only make the check cheaper, never
//! accept different bytes, short of someone who can set the system clock back to the
//! recorded ctime to the nanosecond or write the disk under the filesystem (who can
//! replace amber itself as easily). A file changed within the clock tick the build read
//! it in could keep its ctime, so a file changed less than [`RACY_SECS`] before the build
//! gets no stamp ("racy", as git says of its index) and is hashed at every restore. The
//! full rules are in docs/snapshot-format.md.

/// A file whose ctime or mtime is this recent (seconds) when the build hashes it gets no
/// stamp: timestamps are taken from a coarse clock (a few ms on Linux, 2 s on FAT), so a
/// second change in the same tick could leave them equal.
pub const RACY_SECS: i64 = 2;

/// The identity and change times of a file (`stat`), as a build recorded them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
  pub dev: u64,
  pub ino: u64,
  pub mtime: (i64, i64),
  pub ctime: (i64, i64),
}

impl FileStamp {
  pub fn of(meta: &std::fs::Metadata) -> FileStamp {
    use std::os::unix::fs::MetadataExt;
    FileStamp { dev: meta.dev(), ino: meta.ino(), mtime: (meta.mtime(), meta.mtime_nsec()), ctime: (meta.ctime(), meta.ctime_nsec()) }
  }

  /// Whether a stamp taken at `now` (seconds since the epoch) can vouch for the bytes:
  /// not when the file changed within `RACY_SECS` of `now`, or claims a future time.
  pub fn settled_at(&self, now: i64) -> bool {
    let newest = self.mtime.0.max(self.ctime.0);
    newest <= now && now - newest >= RACY_SECS
  }

  fn encode(&self) -> String {
    format!("{}:{}:{}:{}:{}:{}", self.dev, self.ino, self.mtime.0, self.mtime.1, self.ctime.0, self.ctime.1)
  }

  fn decode(s: &str) -> Option<FileStamp> {
    let p: Vec<&str> = s.split(':').collect();
    let [dev, ino, ms, mn, cs, cn] = p[..] else { return None };
    let n = |x: &str| x.parse::<i64>().ok();
    Some(FileStamp { dev: dev.parse().ok()?, ino: ino.parse().ok()?, mtime: (n(ms)?, n(mn)?), ctime: (n(cs)?, n(cn)?) })
  }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddonRecord {
  pub path: String,
  pub size: u64,
  pub hash: [u8; 32],
  pub kinds: String,
  /// The file's stamp when it was hashed, if it was settled (see the module doc).
  pub stamp: Option<FileStamp>,
}

impl AddonRecord {
  /// The record of the file at `path` as it is now, with its stamp when the file is
  /// settled and did not change while it was read.
  pub fn of_file(path: &str, kinds: &str) -> std::io::Result<AddonRecord> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let before = file.metadata()?;
    let mut bytes = Vec::with_capacity(before.len() as usize);
    file.read_to_end(&mut bytes)?;
    let after = file.metadata()?;
    let mut record = AddonRecord::of_bytes(path, &bytes, kinds);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let stamp = FileStamp::of(&after);
    if stamp == FileStamp::of(&before) && after.len() == bytes.len() as u64 && stamp.settled_at(now) {
      record.stamp = Some(stamp);
    }
    Ok(record)
  }

  /// A record of `bytes`, without a stamp (restore hashes the file).
  pub fn of_bytes(path: &str, bytes: &[u8], kinds: &str) -> AddonRecord {
    AddonRecord { path: path.to_string(), size: bytes.len() as u64, hash: *blake3::hash(bytes).as_bytes(), kinds: kinds.to_string(), stamp: None }
  }

  /// Whether the file described by `meta` is, without reading it, the one the build
  /// hashed: same size and the same settled stamp. `false` means "hash it" (`verify`),
  /// not "changed".
  pub fn unchanged_by_stamp(&self, meta: &std::fs::Metadata) -> bool {
    meta.len() == self.size && self.stamp.is_some_and(|s| s == FileStamp::of(meta))
  }

  pub fn hash_hex(&self) -> String {
    self.hash.iter().map(|b| format!("{b:02x}")).collect()
  }

  /// The file name (what `inspect` shows first).
  pub fn name(&self) -> &str {
    self.path.rsplit('/').next().unwrap_or(&self.path)
  }

  pub fn encode(&self) -> String {
    let stamp = self.stamp.map_or(String::new(), |s| s.encode());
    format!("{}\0{}\0{}\0{}\0{}", self.path, self.size, self.hash_hex(), self.kinds, stamp)
  }

  pub fn decode(s: &str) -> Option<AddonRecord> {
    let mut parts = s.split('\0');
    let path = parts.next()?.to_string();
    let size = parts.next()?.parse().ok()?;
    let hex = parts.next()?;
    let kinds = parts.next()?.to_string();
    // Records of builds before stamps have no fifth part; an empty one is "no stamp".
    let stamp = match parts.next() {
      None | Some("") => None,
      Some(s) => Some(FileStamp::decode(s)?),
    };
    if parts.next().is_some() || hex.len() != 64 || !kinds.bytes().all(|b| b == b'f' || b == b't') {
      return None;
    }
    let mut hash = [0u8; 32];
    for (i, h) in hash.iter_mut().enumerate() {
      *h = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(AddonRecord { path, size, hash, kinds, stamp })
  }

  /// Checks `bytes` (the file found at restore, or the copy an executable carries)
  /// against the record: one line naming the file when it differs.
  pub fn verify(&self, bytes: &[u8]) -> Result<(), String> {
    if bytes.len() as u64 != self.size {
      return Err(format!("native addon {} changed since the snapshot was built (size {} bytes, was {}); rebuild the snapshot", self.path, bytes.len(), self.size));
    }
    if blake3::hash(bytes).as_bytes() != &self.hash {
      return Err(format!("native addon {} changed since the snapshot was built (its blake3 hash differs); rebuild the snapshot", self.path));
    }
    Ok(())
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn records_round_trip_and_malformed_ones_are_refused() {
    let r = AddonRecord::of_bytes("/x/a b.node", b"\x7fELF...", "fftt");
    assert_eq!(AddonRecord::decode(&r.encode()), Some(r.clone()));
    assert_eq!(r.name(), "a b.node");
    assert_eq!(AddonRecord::decode("/x\0nope\0ab\0f"), None);
    assert_eq!(AddonRecord::decode(&r.encode().replace("fftt", "fx")), None);
  }

  #[test]
  fn verify_names_the_file_when_size_or_hash_differ() {
    let r = AddonRecord::of_bytes("/x/a.node", b"abc", "f");
    assert!(r.verify(b"abc").is_ok());
    let e = r.verify(b"abcd").unwrap_err();
    assert!(e.contains("/x/a.node") && e.contains("size 4 bytes, was 3"), "{e}");
    let e = r.verify(b"abd").unwrap_err();
    assert!(e.contains("/x/a.node") && e.contains("hash"), "{e}");
  }

  #[test]
  fn stamps_round_trip_and_records_of_older_builds_still_decode() {
    let mut r = AddonRecord::of_bytes("/x/a.node", b"abc", "ft");
    r.stamp = Some(FileStamp { dev: u64::MAX - 1, ino: 42, mtime: (1_700_000_000, 5), ctime: (1_700_000_001, 999_999_999) });
    assert_eq!(AddonRecord::decode(&r.encode()), Some(r.clone()));
    let older = format!("/x/a.node\03\0{}\0ft", r.hash_hex());
    assert_eq!(AddonRecord::decode(&older).map(|o| o.stamp), Some(None));
    assert_eq!(AddonRecord::decode(&format!("{older}\01:2:3")), None);
    assert_eq!(AddonRecord::decode(&format!("{older}\01:2:3:4:5:x")), None);
  }

  #[test]
  fn a_file_changed_just_before_the_build_gets_no_stamp() {
    let s = FileStamp { dev: 1, ino: 2, mtime: (1000, 0), ctime: (1000, 0) };
    assert!(s.settled_at(1000 + RACY_SECS));
    assert!(!s.settled_at(1000 + RACY_SECS - 1));
    assert!(!s.settled_at(999), "a time in the future vouches for nothing");
    let dir = std::env::temp_dir().join(format!("amber-stamp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.node");
    std::fs::write(&path, b"just written").unwrap();
    let r = AddonRecord::of_file(path.to_str().unwrap(), "f").unwrap();
    assert_eq!((r.size, r.stamp), (12, None));
    std::fs::remove_dir_all(&dir).unwrap();
  }

  #[test]
  fn only_the_same_size_and_stamp_vouch_for_a_file() {
    let dir = std::env::temp_dir().join(format!("amber-stamp-same-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.node");
    std::fs::write(&path, b"bytes").unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    let mut r = AddonRecord::of_bytes(path.to_str().unwrap(), b"bytes", "f");
    assert!(!r.unchanged_by_stamp(&meta), "no stamp: hash");
    r.stamp = Some(FileStamp::of(&meta));
    assert!(r.unchanged_by_stamp(&meta));
    // Rewritten with the same size: ctime (and mtime) move on, so the stamp differs.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, b"BYTES").unwrap();
    assert!(!r.unchanged_by_stamp(&std::fs::metadata(&path).unwrap()));
    r.size = 4;
    assert!(!r.unchanged_by_stamp(&meta), "another size never matches");
    std::fs::remove_dir_all(&dir).unwrap();
  }
}
