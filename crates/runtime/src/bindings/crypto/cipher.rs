//! Symmetric ciphers for `node:crypto`: AES (RustCrypto `aes`) in ECB, CBC, CTR and GCM
//! (GHASH from `ghash`), Triple DES in ECB and CBC (`des`), and ChaCha20-Poly1305
//! (`chacha20`, `poly1305`).
//!
//! Every function is stateless: the JS Cipher object (`lib/internal/crypto/cipher.js`)
//! keeps the chaining block, the unprocessed tail, the stream offset and, for AEAD, the
//! ciphertext to authenticate, all as plain bytes in the JS heap. So no native object
//! hides behind a Cipher (DESIGN rule 2) and a snapshot can carry one half-way through.

use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit, KeyIvInit, StreamCipher, StreamCipherSeek};
use ghash::universal_hash::UniversalHash;

use super::super::helpers::*;

pub(super) enum Aes {
  A128(aes::Aes128),
  A192(aes::Aes192),
  A256(aes::Aes256),
}

impl Aes {
  pub(super) fn new(key: &[u8]) -> Option<Aes> {
    Some(match key.len() {
      16 => Aes::A128(aes::Aes128::new_from_slice(key).ok()?),
      24 => Aes::A192(aes::Aes192::new_from_slice(key).ok()?),
      32 => Aes::A256(aes::Aes256::new_from_slice(key).ok()?),
      _ => return None,
    })
  }
  pub(super) fn enc(&self, b: &mut [u8]) {
    let blk = GenericArray::from_mut_slice(b);
    match self {
      Aes::A128(c) => c.encrypt_block(blk),
      Aes::A192(c) => c.encrypt_block(blk),
      Aes::A256(c) => c.encrypt_block(blk),
    }
  }
  fn dec(&self, b: &mut [u8]) {
    let blk = GenericArray::from_mut_slice(b);
    match self {
      Aes::A128(c) => c.decrypt_block(blk),
      Aes::A192(c) => c.decrypt_block(blk),
      Aes::A256(c) => c.decrypt_block(blk),
    }
  }
}

fn block16(v: &[u8]) -> Option<[u8; 16]> {
  v.try_into().ok()
}

fn add_counter(c: [u8; 16], n: u64, wrap32: bool) -> [u8; 16] {
  if wrap32 {
    let mut out = c;
    let lo = u32::from_be_bytes([c[12], c[13], c[14], c[15]]).wrapping_add(n as u32);
    out[12..].copy_from_slice(&lo.to_be_bytes());
    out
  } else {
    u128::from_be_bytes(c).wrapping_add(n as u128).to_be_bytes()
  }
}

/// XORs `data` with the AES-CTR keystream of `counter0` from byte `offset` on.
pub(super) fn ctr_xor(aes: &Aes, counter0: [u8; 16], offset: u64, data: &mut [u8], wrap32: bool) {
  let mut block = offset / 16;
  let mut skip = (offset % 16) as usize;
  let mut i = 0;
  while i < data.len() {
    let mut ks = add_counter(counter0, block, wrap32);
    aes.enc(&mut ks);
    for k in &ks[skip..] {
      if i >= data.len() {
        break;
      }
      data[i] ^= k;
      i += 1;
    }
    skip = 0;
    block += 1;
  }
}

fn len_block(a: u64, b: u64, little: bool) -> [u8; 16] {
  let mut out = [0u8; 16];
  if little {
    out[..8].copy_from_slice(&a.to_le_bytes());
    out[8..].copy_from_slice(&b.to_le_bytes());
  } else {
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
  }
  out
}

fn gcm_j0(aes: &Aes, iv: &[u8]) -> ([u8; 16], ghash::GHash) {
  let mut h = [0u8; 16];
  aes.enc(&mut h);
  let gh = ghash::GHash::new(GenericArray::from_slice(&h));
  if iv.len() == 12 {
    let mut j0 = [0u8; 16];
    j0[..12].copy_from_slice(iv);
    j0[15] = 1;
    return (j0, gh);
  }
  let mut g = gh.clone();
  g.update_padded(iv);
  g.update_padded(&len_block(0, iv.len() as u64 * 8, false));
  (g.finalize().into(), gh)
}

/// `blocks(encrypt, key, iv|null, data)`: AES-CBC (with an IV) or AES-ECB over whole
/// blocks, no padding (the JS side pads and unpads). Undefined for a bad key, IV or length.
/// `cipherDes3Blocks(encrypt, key, iv | null, data)`: Triple DES (EDE, three 8-byte keys)
/// over whole 8-byte blocks, CBC when an IV (the previous ciphertext block) is given, ECB
/// otherwise. Undefined for a bad key, IV or length.
fn des3_blocks<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let encrypt = args.get(0).boolean_value(scope);
  let key = bytes_arg(args.get(1)).unwrap_or_default();
  let iv = bytes_arg(args.get(2));
  let mut data = bytes_arg(args.get(3)).unwrap_or_default();
  let Ok(des) = des::TdesEde3::new_from_slice(&key) else { return };
  if data.len() % 8 != 0 {
    return;
  }
  let mut chain: Option<[u8; 8]> = match iv {
    Some(iv) => match iv.as_slice().try_into() {
      Ok(b) => Some(b),
      Err(_) => return,
    },
    None => None,
  };
  for blk in data.chunks_exact_mut(8) {
    match (&mut chain, encrypt) {
      (None, true) => des.encrypt_block(GenericArray::from_mut_slice(blk)),
      (None, false) => des.decrypt_block(GenericArray::from_mut_slice(blk)),
      (Some(prev), true) => {
        for (b, p) in blk.iter_mut().zip(prev.iter()) {
          *b ^= p;
        }
        des.encrypt_block(GenericArray::from_mut_slice(blk));
        prev.copy_from_slice(blk);
      }
      (Some(prev), false) => {
        let c: [u8; 8] = (&*blk).try_into().unwrap();
        des.decrypt_block(GenericArray::from_mut_slice(blk));
        for (b, p) in blk.iter_mut().zip(prev.iter()) {
          *b ^= p;
        }
        *prev = c;
      }
    }
  }
  let arr = bytes_to_uint8array(scope, data);
  rv.set(arr.into());
}

fn blocks<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let encrypt = args.get(0).boolean_value(scope);
  let key = bytes_arg(args.get(1)).unwrap_or_default();
  let iv = bytes_arg(args.get(2));
  let mut data = bytes_arg(args.get(3)).unwrap_or_default();
  let Some(aes) = Aes::new(&key) else { return };
  if data.len() % 16 != 0 {
    return;
  }
  let mut chain = match iv {
    Some(iv) => match block16(&iv) {
      Some(b) => Some(b),
      None => return,
    },
    None => None,
  };
  for blk in data.chunks_exact_mut(16) {
    match (&mut chain, encrypt) {
      (None, true) => aes.enc(blk),
      (None, false) => aes.dec(blk),
      (Some(prev), true) => {
        for (b, p) in blk.iter_mut().zip(prev.iter()) {
          *b ^= p;
        }
        aes.enc(blk);
        prev.copy_from_slice(blk);
      }
      (Some(prev), false) => {
        let c: [u8; 16] = (&*blk).try_into().unwrap();
        aes.dec(blk);
        for (b, p) in blk.iter_mut().zip(prev.iter()) {
          *b ^= p;
        }
        *prev = c;
      }
    }
  }
  let arr = bytes_to_uint8array(scope, data);
  rv.set(arr.into());
}

/// `ctr(key, counterBlock, offset, data)`: AES-CTR with a 128-bit big-endian counter
/// (OpenSSL's), from byte `offset` of the stream.
fn ctr<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = bytes_arg(args.get(0)).unwrap_or_default();
  let iv = bytes_arg(args.get(1)).unwrap_or_default();
  let offset = args.get(2).number_value(scope).unwrap_or(0.0) as u64;
  let mut data = bytes_arg(args.get(3)).unwrap_or_default();
  let (Some(aes), Some(c0)) = (Aes::new(&key), block16(&iv)) else { return };
  ctr_xor(&aes, c0, offset, &mut data, false);
  let arr = bytes_to_uint8array(scope, data);
  rv.set(arr.into());
}

/// `gcm(key, iv, offset, data)`: the GCM keystream (from inc32(J0)) applied from byte
/// `offset` of the message.
fn gcm<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = bytes_arg(args.get(0)).unwrap_or_default();
  let iv = bytes_arg(args.get(1)).unwrap_or_default();
  let offset = args.get(2).number_value(scope).unwrap_or(0.0) as u64;
  let mut data = bytes_arg(args.get(3)).unwrap_or_default();
  let Some(aes) = Aes::new(&key) else { return };
  if iv.is_empty() {
    return;
  }
  let (j0, _) = gcm_j0(&aes, &iv);
  ctr_xor(&aes, add_counter(j0, 1, true), offset, &mut data, true);
  let arr = bytes_to_uint8array(scope, data);
  rv.set(arr.into());
}

/// `gcmTag(key, iv, aad, ciphertext)`: the full 16-byte GCM tag.
fn gcm_tag<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = bytes_arg(args.get(0)).unwrap_or_default();
  let iv = bytes_arg(args.get(1)).unwrap_or_default();
  let aad = bytes_arg(args.get(2)).unwrap_or_default();
  let ct = bytes_arg(args.get(3)).unwrap_or_default();
  let Some(aes) = Aes::new(&key) else { return };
  if iv.is_empty() {
    return;
  }
  let (mut j0, mut g) = gcm_j0(&aes, &iv);
  g.update_padded(&aad);
  g.update_padded(&ct);
  g.update_padded(&len_block(aad.len() as u64 * 8, ct.len() as u64 * 8, false));
  let s: [u8; 16] = g.finalize().into();
  aes.enc(&mut j0);
  let tag: Vec<u8> = j0.iter().zip(s.iter()).map(|(a, b)| a ^ b).collect();
  let arr = bytes_to_uint8array(scope, tag);
  rv.set(arr.into());
}

fn chacha(key: &[u8], nonce: &[u8]) -> Option<chacha20::ChaCha20> {
  if key.len() != 32 || nonce.len() != 12 {
    return None;
  }
  Some(chacha20::ChaCha20::new(GenericArray::from_slice(key), GenericArray::from_slice(nonce)))
}

/// `chacha(key, nonce, offset, data)`: the ChaCha20 (RFC 8439) keystream from block 1
/// (block 0 makes the Poly1305 key), applied from byte `offset` of the message.
fn chacha_xor<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = bytes_arg(args.get(0)).unwrap_or_default();
  let nonce = bytes_arg(args.get(1)).unwrap_or_default();
  let offset = args.get(2).number_value(scope).unwrap_or(0.0) as u64;
  let mut data = bytes_arg(args.get(3)).unwrap_or_default();
  let Some(mut c) = chacha(&key, &nonce) else { return };
  c.seek(64 + offset);
  c.apply_keystream(&mut data);
  let arr = bytes_to_uint8array(scope, data);
  rv.set(arr.into());
}

/// `chachaTag(key, nonce, aad, ciphertext)`: the Poly1305 tag of RFC 8439 section 2.8.
fn chacha_tag<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = bytes_arg(args.get(0)).unwrap_or_default();
  let nonce = bytes_arg(args.get(1)).unwrap_or_default();
  let aad = bytes_arg(args.get(2)).unwrap_or_default();
  let ct = bytes_arg(args.get(3)).unwrap_or_default();
  let Some(mut c) = chacha(&key, &nonce) else { return };
  let mut pk = [0u8; 32];
  c.apply_keystream(&mut pk);
  let mut m = poly1305::Poly1305::new(GenericArray::from_slice(&pk));
  m.update_padded(&aad);
  m.update_padded(&ct);
  m.update_padded(&len_block(aad.len() as u64, ct.len() as u64, true));
  let tag = m.finalize().to_vec();
  let arr = bytes_to_uint8array(scope, tag);
  rv.set(arr.into());
}

/// `equal(a, b)`: constant-time comparison of two equally long byte strings.
fn equal<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use subtle::ConstantTimeEq;
  let a = bytes_arg(args.get(0)).unwrap_or_default();
  let b = bytes_arg(args.get(1)).unwrap_or_default();
  rv.set(v8::Boolean::new(scope, a.len() == b.len() && bool::from(a.ct_eq(&b))).into());
}

/// RFC 3394's wrapping rounds over whole 8-byte blocks `r` under the initial value `a`
/// (the IV, or RFC 5649's alternative IV): returns A || R.
fn kw_wrap(aes: &Aes, a: [u8; 8], r: &[u8]) -> Vec<u8> {
  let n = r.len() / 8;
  let mut a = u64::from_be_bytes(a);
  let mut r: Vec<[u8; 8]> = r.chunks(8).map(|c| c.try_into().unwrap()).collect();
  let mut b = [0u8; 16];
  for j in 0..6 {
    for (i, ri) in r.iter_mut().enumerate() {
      b[..8].copy_from_slice(&a.to_be_bytes());
      b[8..].copy_from_slice(ri);
      aes.enc(&mut b);
      a = u64::from_be_bytes(b[..8].try_into().unwrap()) ^ (n * j + i + 1) as u64;
      ri.copy_from_slice(&b[8..]);
    }
  }
  let mut out = a.to_be_bytes().to_vec();
  r.iter().for_each(|ri| out.extend_from_slice(ri));
  out
}

/// The inverse rounds: (A, R) from a wrapped C, for the caller to check A.
fn kw_unwrap(aes: &Aes, c: &[u8]) -> ([u8; 8], Vec<u8>) {
  let n = c.len() / 8 - 1;
  let mut a = u64::from_be_bytes(c[..8].try_into().unwrap());
  let mut r: Vec<[u8; 8]> = c[8..].chunks(8).map(|c| c.try_into().unwrap()).collect();
  let mut b = [0u8; 16];
  for j in (0..6).rev() {
    for i in (0..n).rev() {
      b[..8].copy_from_slice(&(a ^ (n * j + i + 1) as u64).to_be_bytes());
      b[8..].copy_from_slice(&r[i]);
      aes.dec(&mut b);
      a = u64::from_be_bytes(b[..8].try_into().unwrap());
      r[i].copy_from_slice(&b[8..]);
    }
  }
  (a.to_be_bytes(), r.concat())
}

/// `aesKwIv(wrap, kek, iv, data)`: AES key wrap with an explicit IV, which the aes-kw
/// crate does not take: RFC 3394 for an 8-byte IV, RFC 5649 (with padding) for a 4-byte
/// one, as OpenSSL's id-aesN-wrap and id-aesN-wrap-pad. Undefined when the input has a
/// size the mode refuses or does not unwrap under this key and IV.
fn aes_kw_iv<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let wrap = args.get(0).is_true();
  let Some(aes) = bytes_arg(args.get(1)).and_then(|k| Aes::new(&k)) else { return };
  let iv = bytes_arg(args.get(2)).unwrap_or_default();
  let data = bytes_arg(args.get(3)).unwrap_or_default();
  let out = match (iv.len(), wrap) {
    (8, true) if data.len() >= 16 && data.len() % 8 == 0 => Some(kw_wrap(&aes, iv.as_slice().try_into().unwrap(), &data)),
    (8, false) if data.len() >= 24 && data.len() % 8 == 0 => {
      let (a, r) = kw_unwrap(&aes, &data);
      bool::from(subtle::ConstantTimeEq::ct_eq(&a[..], &iv[..])).then_some(r)
    }
    (4, true) if !data.is_empty() && data.len() <= u32::MAX as usize => {
      let mut aiv = [0u8; 8];
      aiv[..4].copy_from_slice(&iv);
      aiv[4..].copy_from_slice(&(data.len() as u32).to_be_bytes());
      let mut padded = data.clone();
      padded.resize(data.len().div_ceil(8) * 8, 0);
      if padded.len() == 8 {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&aiv);
        b[8..].copy_from_slice(&padded);
        aes.enc(&mut b);
        Some(b.to_vec())
      } else {
        Some(kw_wrap(&aes, aiv, &padded))
      }
    }
    (4, false) if data.len() >= 16 && data.len() % 8 == 0 => {
      let (a, r) = if data.len() == 16 {
        let mut b = [0u8; 16];
        b.copy_from_slice(&data);
        aes.dec(&mut b);
        (b[..8].try_into().unwrap(), b[8..].to_vec())
      } else {
        kw_unwrap(&aes, &data)
      };
      let mli = u32::from_be_bytes(a[4..].try_into().unwrap()) as usize;
      let ok = bool::from(subtle::ConstantTimeEq::ct_eq(&a[..4], &iv[..]))
        && mli <= r.len()
        && mli + 8 > r.len()
        && r[mli..].iter().all(|b| *b == 0);
      ok.then(|| r[..mli].to_vec())
    }
    _ => None,
  };
  if let Some(o) = out {
    let arr = bytes_to_uint8array(scope, o);
    rv.set(arr.into());
  }
}

pub fn register(reg: &mut crate::registry::Registry) {
  reg.add("crypto.aesKwIv", aes_kw_iv);
  reg.add("crypto.cipherBlocks", blocks);
  reg.add("crypto.cipherDes3Blocks", des3_blocks);
  reg.add("crypto.cipherCtr", ctr);
  reg.add("crypto.cipherGcm", gcm);
  reg.add("crypto.cipherGcmTag", gcm_tag);
  reg.add("crypto.cipherChacha", chacha_xor);
  reg.add("crypto.cipherChachaTag", chacha_tag);
  reg.add("crypto.timingSafeEqual", equal);
}
