//! The record of a native addon a snapshot carries (sidecar key `addons`, one string per
//! addon environment, in env-id order).
//!
//! ```text
//! // Layout of an addon record (a sidecar list item)
//! path \0 size (decimal) \0 blake3 (64 hex digits) \0 kinds
//! ```
//! `path` is the file as it was loaded; `kinds` has one byte per function-creating call
//! the addon's registration made (`f`: a function, `t`: a class constructor, method or
//! accessor template), the sequence re-registration at restore must repeat.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddonRecord {
  pub path: String,
  pub size: u64,
  pub hash: [u8; 32],
  pub kinds: String,
}

impl AddonRecord {
  /// The record of the file at `path` as it is now.
  pub fn of_file(path: &str, kinds: &str) -> std::io::Result<AddonRecord> {
    let bytes = std::fs::read(path)?;
    Ok(AddonRecord::of_bytes(path, &bytes, kinds))
  }

  pub fn of_bytes(path: &str, bytes: &[u8], kinds: &str) -> AddonRecord {
    AddonRecord { path: path.to_string(), size: bytes.len() as u64, hash: *blake3::hash(bytes).as_bytes(), kinds: kinds.to_string() }
  }

  pub fn hash_hex(&self) -> String {
    self.hash.iter().map(|b| format!("{b:02x}")).collect()
  }

  /// The file name (what `inspect` shows first).
  pub fn name(&self) -> &str {
    self.path.rsplit('/').next().unwrap_or(&self.path)
  }

  pub fn encode(&self) -> String {
    format!("{}\0{}\0{}\0{}", self.path, self.size, self.hash_hex(), self.kinds)
  }

  pub fn decode(s: &str) -> Option<AddonRecord> {
    let mut parts = s.split('\0');
    let path = parts.next()?.to_string();
    let size = parts.next()?.parse().ok()?;
    let hex = parts.next()?;
    let kinds = parts.next()?.to_string();
    if parts.next().is_some() || hex.len() != 64 || !kinds.bytes().all(|b| b == b'f' || b == b't') {
      return None;
    }
    let mut hash = [0u8; 32];
    for (i, h) in hash.iter_mut().enumerate() {
      *h = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(AddonRecord { path, size, hash, kinds })
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
}
