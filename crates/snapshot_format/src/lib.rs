//! The amber snapshot file format: header, sidecar, V8 blob, signature, checksum. No
//! V8 here, so the format can be tested (and fuzzed) alone. Readers check everything
//! before any byte reaches V8, because V8 aborts the process on a bad or mismatched blob:
//! amber's header and checksum, then the V8 blob's own layout and checksums
//! (`v8_blob`), then, when the caller trusts a key, the Ed25519 signature (`signing`).
//!
//! ```text
//! // Layout of an amber snapshot file (all integers little-endian)
//! offset  size  field
//! 0       8     magic "AMBERSNP"
//! 8       4     format version (FORMAT_VERSION)
//! 12      4     header length H (bytes from offset 0 to the end of the header)
//! 16      ...   header fields, each `u32 length + bytes` (strings) or fixed ints:
//!               amber version (str), V8 version (str), cached-data version tag (u32),
//!               external-reference count (u32), external-reference names hash (u64),
//!               created (u64, seconds since epoch, 0 = unknown), flags (u32),
//!               sidecar length S (u64), blob length B (u64), signature length G (u32)
//! H       S     sidecar: the runtime's own state (see `Sidecar`)
//! H+S     B     V8 startup blob (see `v8_blob`)
//! H+S+B   G     signature: none (G = 0) or Ed25519 public key (32) + signature (64)
//!               over a BLAKE3 digest of bytes 0..H+S+B (see `signing`)
//! H+S+B+G 8     xxh3-64 of every preceding byte
//! ```

mod atomic;
#[cfg(test)]
mod fuzz_tests;
mod sidecar;
pub mod addons;
pub mod signing;
pub mod v8_blob;

pub use addons::AddonRecord;
pub use atomic::{write_cache_file_atomically, write_file_atomically};
pub use sidecar::{Sidecar, SidecarError};
pub use signing::{PublicKey, SecretKey, SignatureSection};

pub const MAGIC: &[u8; 8] = b"AMBERSNP";
/// Version 2 added the signature section (and its length in the header).
pub const FORMAT_VERSION: u32 = 2;
/// Bit in `Header::flags`: a deserialize main function was set at build time.
pub const FLAG_MAIN_FUNCTION: u32 = 1;
/// Bit in `Header::flags`: V8 could not make the blob rehashable (ES module records),
/// so every process started from it uses the build's hash seed.
pub const FLAG_FIXED_HASH_SEED: u32 = 2;

/// What a snapshot was built with; compared against the running binary on load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
  pub amber_version: String,
  pub v8_version: String,
  pub cached_data_version_tag: u32,
  pub external_refs_count: u32,
  pub external_refs_hash: u64,
  pub created: u64,
  pub flags: u32,
}

/// A parsed, checksum-verified file; borrows the file's bytes.
#[derive(Debug)]
pub struct SnapshotFile<'a> {
  pub header: Header,
  pub sidecar: &'a [u8],
  pub blob: &'a [u8],
  pub blob_offset: usize,
  pub total_len: usize,
  /// What V8's own header says (already checked against amber's).
  pub v8: v8_blob::V8BlobInfo,
  /// The signature section, when the file is signed.
  pub signature: Option<SignatureSection>,
  /// The bytes the signature covers: header, sidecar and blob.
  pub signed_bytes: &'a [u8],
}

#[derive(Debug, PartialEq, Eq)]
pub enum FormatError {
  Empty,
  NotASnapshot,
  Truncated,
  UnsupportedVersion(u32),
  ChecksumMismatch,
  Malformed(&'static str),
  /// The V8 blob's own layout or checksums are wrong.
  V8Blob(&'static str),
}

impl std::fmt::Display for FormatError {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      FormatError::Empty => write!(f, "empty file, not an amber snapshot"),
      FormatError::NotASnapshot => write!(f, "not an amber snapshot (bad magic)"),
      FormatError::Truncated => write!(f, "truncated snapshot file"),
      FormatError::UnsupportedVersion(v) => write!(f, "snapshot format version {v} is not supported (this amber reads version {FORMAT_VERSION})"),
      FormatError::ChecksumMismatch => write!(f, "corrupted snapshot (checksum mismatch)"),
      FormatError::Malformed(what) => write!(f, "corrupted snapshot (malformed {what})"),
      FormatError::V8Blob(what) => write!(f, "corrupted snapshot (V8 blob: bad {what})"),
    }
  }
}

/// `s` made safe to print on a terminal: control characters (C0, DEL, C1) and Unicode
/// direction overrides are written as escapes (`\n`, `\x1b`, `\u{202e}`), so text
/// taken from a file (a version string, an entry path) cannot move the cursor, change
/// colours or reorder what the user reads.
pub fn printable(s: &str) -> String {
  let mut out = String::with_capacity(s.len());
  for c in s.chars() {
    match c {
      '\n' => out.push_str("\\n"),
      '\r' => out.push_str("\\r"),
      '\t' => out.push_str("\\t"),
      c if (c as u32) < 0x80 && c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
      c if c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => {
        out.push_str(&format!("\\u{{{:x}}}", c as u32))
      }
      c => out.push(c),
    }
  }
  out
}

/// True when `bytes` starts like an amber snapshot (used to detect `amber app.snap`).
pub fn has_magic(bytes: &[u8]) -> bool {
  bytes.len() >= 8 && &bytes[..8] == MAGIC
}

/// Serializes a complete, unsigned file.
pub fn write(header: &Header, sidecar: &[u8], blob: &[u8]) -> Vec<u8> {
  write_signed(header, sidecar, blob, None)
}

/// Serializes a complete file, signed with `key` when given.
pub fn write_signed(header: &Header, sidecar: &[u8], blob: &[u8], key: Option<&SecretKey>) -> Vec<u8> {
  let sig_len = if key.is_some() { SignatureSection::LEN } else { 0 };
  let mut h = Vec::new();
  h.extend_from_slice(MAGIC);
  h.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
  h.extend_from_slice(&0u32.to_le_bytes()); // header length, patched below
  put_str(&mut h, &header.amber_version);
  put_str(&mut h, &header.v8_version);
  h.extend_from_slice(&header.cached_data_version_tag.to_le_bytes());
  h.extend_from_slice(&header.external_refs_count.to_le_bytes());
  h.extend_from_slice(&header.external_refs_hash.to_le_bytes());
  h.extend_from_slice(&header.created.to_le_bytes());
  h.extend_from_slice(&header.flags.to_le_bytes());
  h.extend_from_slice(&(sidecar.len() as u64).to_le_bytes());
  h.extend_from_slice(&(blob.len() as u64).to_le_bytes());
  h.extend_from_slice(&(sig_len as u32).to_le_bytes());
  let hlen = h.len() as u32;
  h[12..16].copy_from_slice(&hlen.to_le_bytes());
  let mut out = h;
  out.reserve(sidecar.len() + blob.len() + sig_len + 8);
  out.extend_from_slice(sidecar);
  out.extend_from_slice(blob);
  if let Some(key) = key {
    let section = key.sign(&out);
    out.extend_from_slice(&section.to_bytes());
  }
  let sum = xxhash_rust::xxh3::xxh3_64(&out);
  out.extend_from_slice(&sum.to_le_bytes());
  out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
  out.extend_from_slice(&(s.len() as u32).to_le_bytes());
  out.extend_from_slice(s.as_bytes());
}

struct Cursor<'a> {
  bytes: &'a [u8],
  pos: usize,
}

impl<'a> Cursor<'a> {
  fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
    let end = self.pos.checked_add(n).ok_or(FormatError::Malformed("header"))?;
    if end > self.bytes.len() {
      return Err(FormatError::Malformed("header"));
    }
    let s = &self.bytes[self.pos..end];
    self.pos = end;
    Ok(s)
  }
  fn u32(&mut self) -> Result<u32, FormatError> {
    Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
  }
  fn u64(&mut self) -> Result<u64, FormatError> {
    Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
  }
  fn str(&mut self) -> Result<String, FormatError> {
    let n = self.u32()? as usize;
    if n > 4096 {
      return Err(FormatError::Malformed("header string"));
    }
    String::from_utf8(self.take(n)?.to_vec()).map_err(|_| FormatError::Malformed("header string"))
  }
}

/// Parses and verifies `bytes` (magic, version, lengths, checksum).
pub fn read(bytes: &[u8]) -> Result<SnapshotFile<'_>, FormatError> {
  parse(bytes, true)
}

/// Parses `bytes` that are part of the running executable itself (the runtime snapshot
/// `crates/cli/build.rs` embeds, checked with `read` when it was made): the layout is
/// checked as by `read`, but not the whole-file checksum nor V8's two checksums. Those
/// guard files, which can be cut or corrupted apart from the binary; bytes compiled
/// into the binary are as sound as its code, and hashing them (1.4 MiB, twice) was
/// part of every start (docs/startup.md).
pub fn read_embedded(bytes: &[u8]) -> Result<SnapshotFile<'_>, FormatError> {
  parse(bytes, false)
}

fn parse(bytes: &[u8], checksums: bool) -> Result<SnapshotFile<'_>, FormatError> {
  if bytes.is_empty() {
    return Err(FormatError::Empty);
  }
  if bytes.len() < 8 || &bytes[..8] != MAGIC {
    return Err(FormatError::NotASnapshot);
  }
  if bytes.len() < 16 + 8 {
    return Err(FormatError::Truncated);
  }
  let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap());
  if version != FORMAT_VERSION {
    return Err(FormatError::UnsupportedVersion(version));
  }
  let body = &bytes[..bytes.len() - 8];
  let stored = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().unwrap());
  let hlen = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
  let mut c = Cursor { bytes: &body[..hlen.min(body.len())], pos: 16 };
  let parsed = (|| -> Result<(Header, u64, u64, u64), FormatError> {
    let header = Header {
      amber_version: c.str()?,
      v8_version: c.str()?,
      cached_data_version_tag: c.u32()?,
      external_refs_count: c.u32()?,
      external_refs_hash: c.u64()?,
      created: c.u64()?,
      flags: c.u32()?,
    };
    Ok((header, c.u64()?, c.u64()?, c.u32()? as u64))
  })();
  // A length that does not add up means the file was cut (or corrupted): report the
  // checksum first when the file is long enough to have one that disagrees.
  let total = |s: u64, b: u64, g: u64| (hlen as u64).checked_add(s).and_then(|x| x.checked_add(b)).and_then(|x| x.checked_add(g));
  let lengths_ok = matches!(&parsed, Ok((_, s, b, g)) if total(*s, *b, *g) == Some(body.len() as u64));
  if !lengths_ok {
    if let Ok((_, s, b, g)) = &parsed {
      if (hlen as u64).saturating_add(*s).saturating_add(*b).saturating_add(*g) > body.len() as u64 {
        return Err(FormatError::Truncated);
      }
    }
    if checksums && xxhash_rust::xxh3::xxh3_64(body) != stored {
      return Err(FormatError::ChecksumMismatch);
    }
    return Err(parsed.err().unwrap_or(FormatError::Malformed("section lengths")));
  }
  if checksums && xxhash_rust::xxh3::xxh3_64(body) != stored {
    return Err(FormatError::ChecksumMismatch);
  }
  let (header, s, b, g) = parsed.unwrap();
  if c.pos != hlen {
    return Err(FormatError::Malformed("header length"));
  }
  let sidecar = &body[hlen..hlen + s as usize];
  let blob_offset = hlen + s as usize;
  let blob = &body[blob_offset..blob_offset + b as usize];
  let signed_bytes = &body[..blob_offset + b as usize];
  let signature = match g {
    0 => None,
    _ => Some(SignatureSection::from_bytes(&body[blob_offset + b as usize..]).ok_or(FormatError::Malformed("signature section"))?),
  };
  // V8's own header: layout and checksums, and agreement with amber's header (a file
  // whose parts disagree was assembled or edited by hand).
  let v8 = v8_blob::check_layout(blob, checksums)?;
  if v8.version != header.v8_version {
    return Err(FormatError::V8Blob("version (differs from the file header)"));
  }
  if v8.rehashable != (header.flags & FLAG_FIXED_HASH_SEED == 0) {
    return Err(FormatError::V8Blob("rehashability (differs from the file header)"));
  }
  Ok(SnapshotFile { header, sidecar, blob, blob_offset, total_len: bytes.len(), v8, signature, signed_bytes })
}

#[cfg(test)]
mod tests {
  use super::*;

  fn sample() -> (Header, Vec<u8>) {
    let h = Header {
      amber_version: "0.1.0".into(),
      v8_version: "15.2".into(),
      cached_data_version_tag: 7,
      external_refs_count: 3,
      external_refs_hash: 99,
      created: 0,
      flags: FLAG_MAIN_FUNCTION,
    };
    let file = write(&h, b"side", &v8_blob::tests::sample_blob(2));
    (h, file)
  }

  #[test]
  fn embedded_bytes_skip_only_the_checksums() {
    let (h, mut file) = sample();
    assert_eq!(read_embedded(&file).unwrap().header, h);
    // A changed byte inside V8's sections: only a checksum could tell.
    let n = file.len();
    file[n - 8 - 4] ^= 1;
    assert!(read(&file).is_err());
    assert_eq!(read_embedded(&file).unwrap().header, h);
    // The layout is still checked.
    let mut bad = file.clone();
    bad[0] ^= 1;
    assert!(read_embedded(&bad).is_err());
    assert!(read_embedded(&file[..n - 9]).is_err());
  }

  #[test]
  fn round_trip() {
    let (h, file) = sample();
    let f = read(&file).unwrap();
    assert_eq!(f.header, h);
    assert_eq!(f.sidecar, b"side");
    assert_eq!(f.blob, &v8_blob::tests::sample_blob(2)[..]);
    assert!(f.signature.is_none());
    assert!(has_magic(&file));
  }

  #[test]
  fn empty_and_foreign() {
    assert_eq!(read(b"").unwrap_err(), FormatError::Empty);
    assert_eq!(read(b"console.log(1)\n").unwrap_err(), FormatError::NotASnapshot);
  }

  /// The file with its checksum recomputed after `edit`: damage only the structural
  /// checks can catch (what someone editing the file on purpose would do).
  fn refixed(file: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut body = file[..file.len() - 8].to_vec();
    edit(&mut body);
    let sum = xxhash_rust::xxh3::xxh3_64(&body);
    body.extend_from_slice(&sum.to_le_bytes());
    body
  }

  #[test]
  fn damaged_blob_with_a_fixed_up_checksum_is_refused() {
    let (h, file) = sample();
    let f = read(&file).unwrap();
    let blob_at = f.blob_offset;
    let blob_len = f.blob.len();
    for i in 0..blob_len {
      let bad = refixed(&file, |b| b[blob_at + i] ^= 0x20);
      assert!(read(&bad).is_err(), "blob flip at {i} with a fixed-up checksum was accepted");
    }
    // The 375-byte file of issue 11: a zero-length V8 blob.
    let empty = write(&h, b"side", b"");
    assert_eq!(read(&empty).unwrap_err(), FormatError::V8Blob("too short"));
    // V8 version or rehashability that disagree with amber's header.
    let mut other = h.clone();
    other.v8_version = "15.3".into();
    assert!(matches!(read(&write(&other, b"side", f.blob)), Err(FormatError::V8Blob(_))));
    let mut fixed_seed = h.clone();
    fixed_seed.flags |= FLAG_FIXED_HASH_SEED;
    assert!(matches!(read(&write(&fixed_seed, b"side", f.blob)), Err(FormatError::V8Blob(_))));
    // Extreme lengths in the header, checksum fixed up: refused, never a panic.
    let hlen = u32::from_le_bytes(file[12..16].try_into().unwrap()) as usize;
    for at in [hlen - 20, hlen - 12, hlen - 4] {
      for v in [0u64, 1, u32::MAX as u64, u64::MAX, u64::MAX / 2] {
        let bad = refixed(&file, |b| {
          let n = if at == hlen - 4 { 4 } else { 8 };
          b[at..at + n].copy_from_slice(&v.to_le_bytes()[..n]);
        });
        let _ = read(&bad);
      }
    }
    for v in [0u32, 16, 17, u32::MAX] {
      let _ = read(&refixed(&file, |b| b[12..16].copy_from_slice(&v.to_le_bytes())));
    }
  }

  #[test]
  fn signed_files_round_trip_and_any_change_breaks_the_signature() {
    let (h, _) = sample();
    let key = SecretKey::from_seed([3; 32]);
    let file = write_signed(&h, b"side", &v8_blob::tests::sample_blob(2), Some(&key));
    let f = read(&file).unwrap();
    assert_eq!(signing::verify(f.signed_bytes, f.signature.as_ref(), &key.public()), Ok(()));
    let other = SecretKey::from_seed([4; 32]);
    assert!(matches!(signing::verify(f.signed_bytes, f.signature.as_ref(), &other.public()), Err(signing::SignatureError::OtherKey { .. })));
    // Any byte of header, sidecar or blob changed (checksum fixed up): if the file
    // still parses, its signature fails.
    for i in 16..f.signed_bytes.len() {
      let bad = refixed(&file, |b| b[i] ^= 0x01);
      if let Ok(g) = read(&bad) {
        assert!(signing::verify(g.signed_bytes, g.signature.as_ref(), &key.public()).is_err(), "flip at {i} kept a valid signature");
      }
    }
    // The signature stripped: an unsigned file, refused when a key is required.
    let unsigned = write(&h, b"side", &v8_blob::tests::sample_blob(2));
    let u = read(&unsigned).unwrap();
    assert_eq!(signing::verify(u.signed_bytes, u.signature.as_ref(), &key.public()), Err(signing::SignatureError::Unsigned));
  }

  #[test]
  fn printable_escapes_control_characters() {
    assert_eq!(printable("plain/path é.js"), "plain/path é.js");
    assert_eq!(printable("a\x1b[2Jb\nc\u{7f}"), "a\\x1b[2Jb\\nc\\x7f");
    assert_eq!(printable("\u{9b}31m\u{202e}txt"), "\\u{9b}31m\\u{202e}txt");
  }

  #[test]
  fn every_truncation_is_an_error() {
    let (_, file) = sample();
    for len in 0..file.len() {
      assert!(read(&file[..len]).is_err(), "truncated to {len} was accepted");
    }
  }

  #[test]
  fn every_flipped_byte_is_an_error() {
    let (_, file) = sample();
    for i in 0..file.len() {
      let mut bad = file.clone();
      bad[i] ^= 0x40;
      assert!(read(&bad).is_err(), "flip at {i} was accepted");
    }
  }
}
