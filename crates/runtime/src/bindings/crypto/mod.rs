//! Hashes (RustCrypto md5/sha1/sha2), HMAC and OS randomness for `node:crypto`;
//! key derivation in `kdf.rs`, ciphers in `cipher.rs`, keys and signatures in `keys.rs`,
//! key agreement and RSA encryption in `agree.rs`, certificates and wrapped keys in `pki.rs`.
//! One-shot functions over a list of chunks: the JS Hash object keeps its input, so
//! no native state hides behind JS objects (and a snapshot can hold an open Hash).

use hmac::{Hmac, Mac};
use sha2::Digest;

use super::helpers::*;
use crate::registry::Registry;

mod aead;
mod agree;
mod cipher;
mod keys;
mod kdf;
mod pki;
mod prime;

pub fn register(reg: &mut Registry) {
  reg.add("crypto.pbkdf2", kdf::pbkdf2);
  reg.add("crypto.scrypt", kdf::scrypt);
  reg.add("crypto.hkdf", kdf::hkdf);
  cipher::register(reg);
  aead::register(reg);
  keys::register(reg);
  agree::register(reg);
  pki::register(reg);
  prime::register(reg);
  reg.add("crypto.hash", hash);
  reg.add("crypto.hmac", hmac_fn);
  reg.add("crypto.randomFill", random_fill);
  reg.add("crypto.hashes", hashes);
}

const NAMES: &[&str] = &[
  "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256", "sha3-224", "sha3-256", "sha3-384",
  "sha3-512", "shake128", "shake256",
];

/// SHAKE's output of `len` bytes.
fn xof_of<D: Default + sha3::digest::Update + sha3::digest::ExtendableOutput, P: AsRef<[u8]>>(parts: &[P], len: usize) -> Vec<u8> {
  let mut d = D::default();
  for p in parts {
    d.update(p.as_ref());
  }
  let mut out = vec![0u8; len];
  d.finalize_xof_into(&mut out);
  out
}

fn digest_of<D: Digest, P: AsRef<[u8]>>(parts: &[P]) -> Vec<u8> {
  let mut d = D::new();
  for p in parts {
    d.update(p.as_ref());
  }
  d.finalize().to_vec()
}

/// `xof_len`: the output length of SHAKE (its default when None: 16 bytes for shake128 and
/// 32 for shake256, as OpenSSL before 3.4).
fn run_hash<P: AsRef<[u8]>>(alg: &str, parts: &[P], xof_len: Option<usize>) -> Option<Vec<u8>> {
  Some(match alg {
    "sha3-224" => digest_of::<sha3::Sha3_224, _>(parts),
    "sha3-256" => digest_of::<sha3::Sha3_256, _>(parts),
    "sha3-384" => digest_of::<sha3::Sha3_384, _>(parts),
    "sha3-512" => digest_of::<sha3::Sha3_512, _>(parts),
    "shake128" => xof_of::<sha3::Shake128, _>(parts, xof_len.unwrap_or(16)),
    "shake256" => xof_of::<sha3::Shake256, _>(parts, xof_len.unwrap_or(32)),
    "md5" => digest_of::<md5::Md5, _>(parts),
    "sha1" => digest_of::<sha1::Sha1, _>(parts),
    "sha224" => digest_of::<sha2::Sha224, _>(parts),
    "sha256" => digest_of::<sha2::Sha256, _>(parts),
    "sha384" => digest_of::<sha2::Sha384, _>(parts),
    "sha512" => digest_of::<sha2::Sha512, _>(parts),
    "sha512-224" => digest_of::<sha2::Sha512_224, _>(parts),
    "sha512-256" => digest_of::<sha2::Sha512_256, _>(parts),
    _ => return None,
  })
}

fn mac_of<M: Mac + hmac::digest::KeyInit, P: AsRef<[u8]>>(key: &[u8], parts: &[P]) -> Vec<u8> {
  let mut m = <M as hmac::digest::KeyInit>::new_from_slice(key).expect("HMAC accepts any key length");
  for p in parts {
    m.update(p.as_ref());
  }
  m.finalize().into_bytes().to_vec()
}

fn run_hmac<P: AsRef<[u8]>>(alg: &str, key: &[u8], parts: &[P]) -> Option<Vec<u8>> {
  Some(match alg {
    "md5" => mac_of::<Hmac<md5::Md5>, _>(key, parts),
    "sha1" => mac_of::<Hmac<sha1::Sha1>, _>(key, parts),
    "sha224" => mac_of::<Hmac<sha2::Sha224>, _>(key, parts),
    "sha256" => mac_of::<Hmac<sha2::Sha256>, _>(key, parts),
    "sha384" => mac_of::<Hmac<sha2::Sha384>, _>(key, parts),
    "sha512" => mac_of::<Hmac<sha2::Sha512>, _>(key, parts),
    "sha512-224" => mac_of::<Hmac<sha2::Sha512_224>, _>(key, parts),
    "sha512-256" => mac_of::<Hmac<sha2::Sha512_256>, _>(key, parts),
    "sha3-224" => mac_of::<Hmac<sha3::Sha3_224>, _>(key, parts),
    "sha3-256" => mac_of::<Hmac<sha3::Sha3_256>, _>(key, parts),
    "sha3-384" => mac_of::<Hmac<sha3::Sha3_384>, _>(key, parts),
    "sha3-512" => mac_of::<Hmac<sha3::Sha3_512>, _>(key, parts),
    _ => return None,
  })
}

/// The bytes of each view in `v` (an Array of views, or one view), borrowed: the views
/// are the Hash's own chunks, alive for the call, and no JS runs while `f` reads them.
fn with_chunks<R>(scope: &mut v8::PinScope, v: v8::Local<v8::Value>, f: impl FnOnce(&[&[u8]]) -> R) -> R {
  let mut views: Vec<v8::Local<v8::Value>> = Vec::new();
  if let Ok(arr) = v8::Local::<v8::Array>::try_from(v) {
    for i in 0..arr.length() {
      if let Some(c) = arr.get_index(scope, i) {
        views.push(c);
      }
    }
  } else {
    views.push(v);
  }
  // A small typed array may keep its bytes in the V8 heap, where an allocation (such as
  // moving another view's bytes out of it) could move them: every view's buffer is made
  // first, then the addresses are taken, with nothing allocated in between.
  for c in &views {
    with_bytes(*c, |_| ());
  }
  let mut parts: Vec<&[u8]> = Vec::with_capacity(views.len());
  for c in &views {
    if let Some((ptr, len)) = with_bytes(*c, |b| (b.as_ptr(), b.len())) {
      // SAFETY: the view (a Local kept in `views`) outlives `parts`; its bytes are off
      // the heap by now and are not freed while no JS runs.
      parts.push(if len == 0 { &[] } else { unsafe { std::slice::from_raw_parts(ptr, len) } });
    }
  }
  f(&parts)
}

/// `hash(algorithm, chunks[, outputLength[, encoding]])` -> Uint8Array, or with an
/// `encoding` of 'hex', 'base64', 'base64url' or 'latin1' the digest as that string
/// (what `digest(encoding)` returns, without a Buffer between); undefined for an unknown
/// algorithm. outputLength is SHAKE's (JS has checked it).
fn hash<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let xof_len = args.get(2).number_value(scope).filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as usize);
  let xof_len = if args.get(2).is_number() { xof_len } else { None };
  let Some(d) = with_chunks(scope, args.get(1), |parts| run_hash(&alg, parts, xof_len)) else { return };
  if args.get(3).is_string() {
    let enc = string_arg(scope, &args, 3);
    if let Some(s) = super::buffer::encode_to_string(scope, &d, &enc) {
      rv.set(s.into());
      return;
    }
  }
  let arr = bytes_to_uint8array(scope, d);
  rv.set(arr.into());
}

/// `hmac(algorithm, key, chunks)` -> Uint8Array, or undefined for an unknown algorithm.
fn hmac_fn<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let key = bytes_arg(args.get(1)).unwrap_or_default();
  if let Some(d) = with_chunks(scope, args.get(2), |parts| run_hmac(&alg, &key, parts)) {
    let arr = bytes_to_uint8array(scope, d);
    rv.set(arr.into());
  }
}

fn random_fill<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let ok = with_bytes_mut(args.get(0), |b| getrandom::getrandom(b).is_ok());
  if ok != Some(true) {
    throw_error(scope, "could not obtain random bytes");
  }
}

fn hashes<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let vals: Vec<v8::Local<v8::Value>> = NAMES.iter().map(|n| new_string(scope, n).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}
