//! Structural checks of V8's startup blob, made before V8 sees it: V8 trusts the blob
//! (its checksums are verified only in debug builds) and aborts the process on any
//! inconsistency, so everything it would `CHECK` or silently rely on that can be
//! checked from the bytes alone is checked here.
//!
//! ```text
//! // Layout of a V8 startup blob (V8 15.2, src/snapshot/snapshot.cc, SnapshotImpl;
//! // all integers u32 little-endian)
//! 0    number of contexts N (the default context included)
//! 4    rehashability (0 or 1)
//! 8    checksum: Fletcher-32 of bytes 12..end
//! 12   read-only snapshot checksum: Fletcher-32 of the read-only section
//! 16   V8 version string, 64 bytes, NUL-padded
//! 80   offset of the startup section
//! 84   offset of the shared-heap section
//! 88   N offsets, one per context section
//! R = align8(88 + 4N): read-only section, then startup, shared heap, contexts 0..N-1,
//! each ending where the next begins (the last at the end of the blob)
//! every section (SerializedData): u32 magic 0xC0DE0000 ^ table size, u32 payload
//! length P, P bytes of payload (section length = 8 + P)
//! ```

use crate::FormatError;

const HEADER_FIXED: usize = 88;
const VERSION_AT: usize = 16;
const VERSION_LEN: usize = 64;
/// More contexts than any amber snapshot holds (the default one, the application's,
/// its worker contexts and its `vm` contexts); a larger count is damage.
const MAX_CONTEXTS: u32 = 1 << 16;

/// What the checks learned about a well-formed blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V8BlobInfo {
  /// Contexts in the blob, the default context included.
  pub contexts: u32,
  pub rehashable: bool,
  pub version: String,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
  u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// V8's snapshot checksum (`Checksum` in src/snapshot/snapshot-utils.cc, the build
/// without zlib that the `v8` crate ships): Fletcher-32, sums modulo 65535. Computed
/// 16 lanes at a time so the compiler vectorizes it (it runs over the whole blob at
/// every start): sums of residues are congruent, so deferring the modulo gives V8's value.
/// With AVX2 (detected at run time; release builds target baseline x86-64, so SSE2) the
/// same loop takes 0.5 instead of 1.3 instructions per byte.
pub fn fletcher32(data: &[u8]) -> u32 {
  #[cfg(target_arch = "x86_64")]
  if std::is_x86_feature_detected!("avx2") {
    // SAFETY: the CPU has AVX2.
    return unsafe { fletcher32_avx2(data) };
  }
  fletcher32_lanes(data)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn fletcher32_avx2(data: &[u8]) -> u32 {
  fletcher32_lanes(data)
}

#[inline(always)]
fn fletcher32_lanes(data: &[u8]) -> u32 {
  let (mut s1, mut s2) = (0u64, 0u64);
  // 64 KiB blocks of 16-byte rows: the per-lane u32 sums cannot overflow.
  for block in data.chunks(4096 * 16) {
    let rows = block.chunks_exact(16);
    let rest = rows.remainder();
    let k = rows.len() as u64;
    let mut lane = [0u32; 16];
    let mut acc = [0u32; 16];
    for row in rows {
      for j in 0..16 {
        lane[j] += row[j] as u32;
        acc[j] += lane[j];
      }
    }
    // The byte in lane j of row r (of k rows) is in acc[j] k - r times; in the
    // byte-by-byte prefix sums it counts 16 (k - r) - j times.
    let sum: u64 = lane.iter().map(|&x| x as u64).sum();
    let weighted = 16 * acc.iter().map(|&x| x as u64).sum::<u64>() - lane.iter().enumerate().map(|(j, &x)| j as u64 * x as u64).sum::<u64>();
    s2 = (s2 + 16 * k * s1 + weighted) % 65535;
    s1 = (s1 + sum) % 65535;
    for &b in rest {
      s1 += b as u64;
      s2 += s1;
    }
    s1 %= 65535;
    s2 %= 65535;
  }
  ((s2 as u32) << 16) | s1 as u32
}

/// The Fletcher-32 of `a` followed by `b` (`b_len` bytes), from the checksums of each:
/// every prefix sum over `b` also counts all of `a` once.
pub fn fletcher32_concat(a: u32, b: u32, b_len: usize) -> u32 {
  let (a1, a2) = ((a & 0xffff) as u64, (a >> 16) as u64);
  let (b1, b2) = ((b & 0xffff) as u64, (b >> 16) as u64);
  let s1 = (a1 + b1) % 65535;
  let s2 = (a2 + b2 + (b_len as u64 % 65535) * a1) % 65535;
  ((s2 as u32) << 16) | s1 as u32
}

/// Checks the layout and both checksums of a V8 startup blob.
pub fn check(blob: &[u8]) -> Result<V8BlobInfo, FormatError> {
  check_layout(blob, true)
}

/// `check`, with V8's checksums verified only when `checksums` is set (`read_embedded`).
pub fn check_layout(blob: &[u8], checksums: bool) -> Result<V8BlobInfo, FormatError> {
  let bad = FormatError::V8Blob;
  if blob.len() < HEADER_FIXED + 4 {
    return Err(bad("too short"));
  }
  let n = u32_at(blob, 0);
  if !(2..=MAX_CONTEXTS).contains(&n) {
    // A default context and the application's, at least.
    return Err(bad("context count"));
  }
  let rehash = u32_at(blob, 4);
  if rehash > 1 {
    return Err(bad("rehashability flag"));
  }
  let ro = (HEADER_FIXED + 4 * n as usize + 7) & !7;
  if ro >= blob.len() {
    return Err(bad("too short"));
  }
  let raw = &blob[VERSION_AT..VERSION_AT + VERSION_LEN];
  let vlen = raw.iter().position(|&c| c == 0).ok_or(bad("version string"))?;
  if vlen == 0 || !raw[..vlen].iter().all(|c| c.is_ascii_graphic()) || raw[vlen..].iter().any(|&c| c != 0) {
    return Err(bad("version string"));
  }
  let version = String::from_utf8(raw[..vlen].to_vec()).unwrap();
  // Section boundaries, strictly increasing, the last one the end of the blob.
  let mut bounds = vec![ro, u32_at(blob, 80) as usize, u32_at(blob, 84) as usize];
  bounds.extend((0..n as usize).map(|i| u32_at(blob, HEADER_FIXED + 4 * i) as usize));
  bounds.push(blob.len());
  if bounds.windows(2).any(|w| w[0] >= w[1]) {
    return Err(bad("section offsets"));
  }
  let magic = u32_at(blob, ro);
  if magic >> 16 != 0xC0DE {
    return Err(bad("section magic"));
  }
  for w in bounds.windows(2) {
    let (start, end) = (w[0], w[1]);
    if end - start < 8 || u32_at(blob, start) != magic || u32_at(blob, start + 4) as usize != end - start - 8 {
      return Err(bad("section header"));
    }
  }
  if checksums {
    // The blob's checksum covers the read-only section too: each byte is read once.
    let read_only = fletcher32(&blob[ro..bounds[1]]);
    if read_only != u32_at(blob, 12) {
      return Err(bad("read-only section checksum"));
    }
    let head = fletcher32_concat(fletcher32(&blob[12..ro]), read_only, bounds[1] - ro);
    if fletcher32_concat(head, fletcher32(&blob[bounds[1]..]), blob.len() - bounds[1]) != u32_at(blob, 8) {
      return Err(bad("checksum"));
    }
  }
  Ok(V8BlobInfo { contexts: n, rehashable: rehash == 1, version })
}

#[cfg(test)]
pub(crate) mod tests {
  use super::*;

  /// A small blob with V8's layout: `n` contexts, tiny sections, correct checksums.
  pub fn sample_blob(n: u32) -> Vec<u8> {
    let ro = (HEADER_FIXED + 4 * n as usize + 7) & !7;
    let mut b = vec![0u8; ro];
    b[0..4].copy_from_slice(&n.to_le_bytes());
    b[4..8].copy_from_slice(&1u32.to_le_bytes());
    b[VERSION_AT..VERSION_AT + 4].copy_from_slice(b"15.2");
    let section = |b: &mut Vec<u8>, len: usize, fill: u8| {
      b.extend_from_slice(&0xC0DE_05D8u32.to_le_bytes());
      b.extend_from_slice(&(len as u32).to_le_bytes());
      b.extend(std::iter::repeat_n(fill, len));
    };
    section(&mut b, 40, 1);
    let startup = b.len() as u32;
    section(&mut b, 24, 2);
    let shared = b.len() as u32;
    section(&mut b, 8, 3);
    b[80..84].copy_from_slice(&startup.to_le_bytes());
    b[84..88].copy_from_slice(&shared.to_le_bytes());
    for i in 0..n as usize {
      let at = b.len() as u32;
      section(&mut b, 16 + i, 4 + i as u8);
      b[HEADER_FIXED + 4 * i..HEADER_FIXED + 4 * i + 4].copy_from_slice(&at.to_le_bytes());
    }
    let ro_sum = fletcher32(&b[ro..startup as usize]);
    b[12..16].copy_from_slice(&ro_sum.to_le_bytes());
    let sum = fletcher32(&b[12..]);
    b[8..12].copy_from_slice(&sum.to_le_bytes());
    b
  }

  fn naive_fletcher(data: &[u8]) -> u32 {
    let (mut s1, mut s2) = (0u32, 0u32);
    for &d in data {
      s1 = (s1 + d as u32) % 65535;
      s2 = (s2 + s1) % 65535;
    }
    (s2 << 16) | s1
  }

  #[test]
  fn fletcher_matches_v8s_definition() {
    let data: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80).collect();
    for len in [0, 1, 2, 15, 16, 17, 4095, 4096, 4097, 20_000] {
      assert_eq!(fletcher32(&data[..len]), naive_fletcher(&data[..len]), "len {len}");
    }
    assert_eq!(fletcher32(&[0xff; 200_003]), naive_fletcher(&[0xff; 200_003]));
    assert_eq!(fletcher32_lanes(&[0xff; 200_003]), naive_fletcher(&[0xff; 200_003]), "the path without AVX2");
    let long: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
    for len in [65_535, 65_536, 65_537, 131_072 + 5, 300_000] {
      assert_eq!(fletcher32(&long[..len]), naive_fletcher(&long[..len]), "len {len}");
      assert_eq!(fletcher32_lanes(&long[..len]), naive_fletcher(&long[..len]), "len {len} without AVX2");
    }
  }

  #[test]
  fn checksums_of_parts_combine_into_the_checksum_of_the_whole() {
    let data: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 9) as u8).collect();
    for cut in [0, 1, 17, 65_535, 65_536, 131_071, 200_000, 300_000] {
      for end in [cut, cut + (300_000 - cut) / 2, 300_000] {
        let (a, b) = (&data[..cut], &data[cut..end]);
        assert_eq!(fletcher32_concat(fletcher32(a), fletcher32(b), b.len()), naive_fletcher(&data[..end]), "cut {cut} end {end}");
      }
    }
    let ff = [0xffu8; 140_000];
    assert_eq!(fletcher32_concat(fletcher32(&ff[..70_001]), fletcher32(&ff[70_001..]), 69_999), naive_fletcher(&ff));
  }

  #[test]
  fn a_well_formed_blob_passes() {
    let info = check(&sample_blob(2)).unwrap();
    assert_eq!(info, V8BlobInfo { contexts: 2, rehashable: true, version: "15.2".into() });
  }

  #[test]
  fn every_flipped_byte_and_truncation_is_refused() {
    let good = sample_blob(3);
    for i in 0..good.len() {
      for bit in [0x01, 0x80] {
        // Rehashability 1 -> 0 is well-formed on its own; `read` checks it against the
        // amber header's flag.
        if i == 4 && bit == 0x01 {
          continue;
        }
        let mut bad = good.clone();
        bad[i] ^= bit;
        assert!(check(&bad).is_err(), "flip {bit:#x} at {i} accepted");
      }
    }
    for len in 0..good.len() {
      assert!(check(&good[..len]).is_err(), "cut to {len} accepted");
    }
  }
}
