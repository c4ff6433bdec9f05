//! Deterministic mutation fuzzing of the readers (`read`, `Sidecar::decode`,
//! `v8_blob::check`, signature checks), run by `cargo test`: many seeded mutations of
//! a sample file, each parsed without a panic, an overflow or an allocation sized by
//! the input. `cargo fuzz` would need a nightly toolchain this project does not use.

use crate::{read, signing, v8_blob, write_signed, Header, SecretKey, Sidecar, FLAG_MAIN_FUNCTION};

struct Rng(u64);
impl Rng {
  fn next(&mut self) -> u64 {
    self.0 ^= self.0 >> 12;
    self.0 ^= self.0 << 25;
    self.0 ^= self.0 >> 27;
    self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
  }
  fn below(&mut self, n: usize) -> usize {
    (self.next() % n.max(1) as u64) as usize
  }
}

fn sample(key: Option<&SecretKey>) -> Vec<u8> {
  let mut sc = Sidecar::default();
  sc.set_u64("context_index", 0);
  sc.set_u64("hooks_index", 0);
  sc.set_str("entry", "/app/main.js");
  sc.set_list("modules", vec!["/app/main.js".into(), "/app/lib/a.js".into()]);
  let h = Header {
    amber_version: "0.1.0".into(),
    v8_version: "15.2".into(),
    cached_data_version_tag: 7,
    external_refs_count: 138,
    external_refs_hash: 0x1234,
    created: 0,
    flags: FLAG_MAIN_FUNCTION,
  };
  write_signed(&h, &sc.encode(), &v8_blob::tests::sample_blob(3), key)
}

fn mutate(good: &[u8], rng: &mut Rng) -> Vec<u8> {
  let mut b = good.to_vec();
  match rng.below(5) {
    0 => {
      for _ in 0..1 + rng.below(3) {
        let i = rng.below(b.len());
        b[i] ^= 1 << rng.below(8);
      }
    }
    1 => b.truncate(rng.below(good.len())),
    2 => b.extend((0..1 + rng.below(32)).map(|_| rng.next() as u8)),
    3 => {
      // Any aligned u32/u64 set to an extreme value (length fields among them).
      let extremes = [0u64, 1, 0xff, 0xffff_ffff, u64::MAX, u64::MAX / 2, good.len() as u64];
      let v = extremes[rng.below(extremes.len())];
      let at = rng.below(b.len().saturating_sub(8)) & !3;
      let n = if rng.below(2) == 0 { 4 } else { 8 };
      b[at..at + n].copy_from_slice(&v.to_le_bytes()[..n]);
    }
    _ => {
      let i = rng.below(b.len());
      b[i] = rng.next() as u8;
    }
  }
  b
}

fn fix_checksum(b: &mut [u8]) {
  if b.len() >= 8 {
    let n = b.len() - 8;
    let sum = xxhash_rust::xxh3::xxh3_64(&b[..n]);
    b[n..].copy_from_slice(&sum.to_le_bytes());
  }
}

#[test]
fn file_reader_survives_mutations() {
  let key = SecretKey::from_seed([9; 32]);
  let (mut accepted_changed, mut runs) = (0, 0);
  for (signed, seed) in [(false, 1u64), (true, 2)] {
    let good = sample(signed.then_some(&key));
    let mut rng = Rng(0x5eed_0000 + seed);
    for i in 0..20_000 {
      let mut bad = mutate(&good, &mut rng);
      let fixed = i % 2 == 1;
      if fixed {
        fix_checksum(&mut bad);
      }
      runs += 1;
      let Ok(f) = read(&bad) else { continue };
      if bad == good {
        continue;
      }
      // Without a fixed-up checksum nothing changed may pass; with one, what passes
      // must still have a sound V8 blob and sidecar, and never a valid signature.
      assert!(fixed, "run {i}: a changed file passed without a fixed-up checksum");
      accepted_changed += 1;
      assert!(v8_blob::check(f.blob).is_ok());
      let _ = Sidecar::decode(f.sidecar);
      if signed {
        assert!(signing::verify(f.signed_bytes, f.signature.as_ref(), &key.public()).is_err(), "run {i}: a changed signed file verified");
      }
    }
  }
  eprintln!("format fuzz: {runs} mutated files, {accepted_changed} changed ones parsed (all with a fixed-up checksum, none with a valid signature)");
}

#[test]
fn sidecar_decoder_survives_mutations() {
  let mut sc = Sidecar::default();
  sc.set_u64("context_index", 1);
  sc.set_str("entry", "/a.js");
  sc.set_list("esm_modules", vec!["/a.mjs\u{0}2".into(), "node:fs\u{0}3".into()]);
  let good = sc.encode();
  let mut rng = Rng(77);
  for _ in 0..50_000 {
    let bad = mutate(&good, &mut rng);
    if let Ok(d) = Sidecar::decode(&bad) {
      // Whatever decodes encodes back to a decodable sidecar.
      assert_eq!(Sidecar::decode(&d.encode()).unwrap(), d);
    }
  }
  // Random bytes, short and long.
  for len in 0..2000 {
    let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
    let _ = Sidecar::decode(&bytes);
    let _ = read(&bytes);
    let _ = v8_blob::check(&bytes);
  }
}
