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
fn xof_of<D: Default + sha3::digest::Update + sha3::digest::ExtendableOutput>(parts: &[Vec<u8>], len: usize) -> Vec<u8> {
  let mut d = D::default();
  for p in parts {
    d.update(p);
  }
  let mut out = vec![0u8; len];
  d.finalize_xof_into(&mut out);
  out
}

fn chunks(scope: &mut v8::PinScope, v: v8::Local<v8::Value>) -> Vec<Vec<u8>> {
  let mut out = Vec::new();
  if let Ok(arr) = v8::Local::<v8::Array>::try_from(v) {
    for i in 0..arr.length() {
      if let Some(c) = arr.get_index(scope, i) {
        if let Some(b) = bytes_arg(c) {
          out.push(b);
        }
      }
    }
  } else if let Some(b) = bytes_arg(v) {
    out.push(b);
  }
  out
}

fn digest_of<D: Digest>(parts: &[Vec<u8>]) -> Vec<u8> {
  let mut d = D::new();
  for p in parts {
    d.update(p);
  }
  d.finalize().to_vec()
}

/// `xof_len`: the output length of SHAKE (its default when None: 16 bytes for shake128 and
/// 32 for shake256, as OpenSSL before 3.4).
fn run_hash(alg: &str, parts: &[Vec<u8>], xof_len: Option<usize>) -> Option<Vec<u8>> {
  Some(match alg {
    "sha3-224" => digest_of::<sha3::Sha3_224>(parts),
    "sha3-256" => digest_of::<sha3::Sha3_256>(parts),
    "sha3-384" => digest_of::<sha3::Sha3_384>(parts),
    "sha3-512" => digest_of::<sha3::Sha3_512>(parts),
    "shake128" => xof_of::<sha3::Shake128>(parts, xof_len.unwrap_or(16)),
    "shake256" => xof_of::<sha3::Shake256>(parts, xof_len.unwrap_or(32)),
    "md5" => digest_of::<md5::Md5>(parts),
    "sha1" => digest_of::<sha1::Sha1>(parts),
    "sha224" => digest_of::<sha2::Sha224>(parts),
    "sha256" => digest_of::<sha2::Sha256>(parts),
    "sha384" => digest_of::<sha2::Sha384>(parts),
    "sha512" => digest_of::<sha2::Sha512>(parts),
    "sha512-224" => digest_of::<sha2::Sha512_224>(parts),
    "sha512-256" => digest_of::<sha2::Sha512_256>(parts),
    _ => return None,
  })
}

fn mac_of<M: Mac + hmac::digest::KeyInit>(key: &[u8], parts: &[Vec<u8>]) -> Vec<u8> {
  let mut m = <M as hmac::digest::KeyInit>::new_from_slice(key).expect("HMAC accepts any key length");
  for p in parts {
    m.update(p);
  }
  m.finalize().into_bytes().to_vec()
}

fn run_hmac(alg: &str, key: &[u8], parts: &[Vec<u8>]) -> Option<Vec<u8>> {
  Some(match alg {
    "md5" => mac_of::<Hmac<md5::Md5>>(key, parts),
    "sha1" => mac_of::<Hmac<sha1::Sha1>>(key, parts),
    "sha224" => mac_of::<Hmac<sha2::Sha224>>(key, parts),
    "sha256" => mac_of::<Hmac<sha2::Sha256>>(key, parts),
    "sha384" => mac_of::<Hmac<sha2::Sha384>>(key, parts),
    "sha512" => mac_of::<Hmac<sha2::Sha512>>(key, parts),
    "sha512-224" => mac_of::<Hmac<sha2::Sha512_224>>(key, parts),
    "sha512-256" => mac_of::<Hmac<sha2::Sha512_256>>(key, parts),
    "sha3-224" => mac_of::<Hmac<sha3::Sha3_224>>(key, parts),
    "sha3-256" => mac_of::<Hmac<sha3::Sha3_256>>(key, parts),
    "sha3-384" => mac_of::<Hmac<sha3::Sha3_384>>(key, parts),
    "sha3-512" => mac_of::<Hmac<sha3::Sha3_512>>(key, parts),
    _ => return None,
  })
}

/// `hash(algorithm, chunks[, outputLength])` -> Uint8Array, or undefined for an unknown
/// algorithm. outputLength is SHAKE's (JS has checked it).
fn hash<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let parts = chunks(scope, args.get(1));
  let xof_len = args.get(2).number_value(scope).filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as usize);
  let xof_len = if args.get(2).is_number() { xof_len } else { None };
  if let Some(d) = run_hash(&alg, &parts, xof_len) {
    let arr = bytes_to_uint8array(scope, d);
    rv.set(arr.into());
  }
}

/// `hmac(algorithm, key, chunks)` -> Uint8Array, or undefined for an unknown algorithm.
fn hmac_fn<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let key = bytes_arg(args.get(1)).unwrap_or_default();
  let parts = chunks(scope, args.get(2));
  if let Some(d) = run_hmac(&alg, &key, &parts) {
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
