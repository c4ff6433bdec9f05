//! Asymmetric keys and signatures for `node:crypto`: RSA (RustCrypto `rsa`, PKCS#1 v1.5
//! signatures), ECDSA on P-256 (`p256`) and Ed25519 (`ed25519-dalek`).
//!
//! Keys cross into JS only as DER bytes: private keys as PKCS#8, public keys as SPKI.
//! A JS KeyObject (`lib/internal/crypto/keys.js`) holds those bytes and every operation
//! parses them again, so there is no native key table and nothing for a snapshot to
//! carry or refuse (DESIGN rule 2).

use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rand_core::OsRng;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use sha2::Digest;

use super::super::helpers::*;

// OpenSSL's (RFC 8410) encodings of Ed25519 keys: PKCS#8 v1 without the public key, and SPKI.
const ED25519_PKCS8_PREFIX: [u8; 16] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
const ED25519_SPKI_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

fn ed_pkcs8(seed: &[u8; 32]) -> Vec<u8> {
  [&ED25519_PKCS8_PREFIX[..], seed].concat()
}
fn ed_spki(public: &[u8; 32]) -> Vec<u8> {
  [&ED25519_SPKI_PREFIX[..], public].concat()
}

enum Private {
  Rsa(rsa::RsaPrivateKey),
  Ec(p256::SecretKey),
  Ed(ed25519_dalek::SigningKey),
}

enum Public {
  Rsa(rsa::RsaPublicKey),
  Ec(p256::PublicKey),
  Ed(ed25519_dalek::VerifyingKey),
}

fn private_from(format: &str, der: &[u8]) -> Option<Private> {
  match format {
    "pkcs8" => {
      if der.len() == 48 && der[..16] == ED25519_PKCS8_PREFIX {
        let seed: [u8; 32] = der[16..].try_into().ok()?;
        return Some(Private::Ed(ed25519_dalek::SigningKey::from_bytes(&seed)));
      }
      if let Ok(k) = ed25519_dalek::SigningKey::from_pkcs8_der(der) {
        return Some(Private::Ed(k));
      }
      if let Ok(k) = p256::SecretKey::from_pkcs8_der(der) {
        return Some(Private::Ec(k));
      }
      rsa::RsaPrivateKey::from_pkcs8_der(der).ok().map(Private::Rsa)
    }
    "pkcs1" => rsa::RsaPrivateKey::from_pkcs1_der(der).ok().map(Private::Rsa),
    "sec1" => p256::SecretKey::from_sec1_der(der).ok().map(Private::Ec),
    _ => None,
  }
}

fn public_from(format: &str, der: &[u8]) -> Option<Public> {
  match format {
    "spki" => {
      if der.len() == 44 && der[..12] == ED25519_SPKI_PREFIX {
        let b: [u8; 32] = der[12..].try_into().ok()?;
        return ed25519_dalek::VerifyingKey::from_bytes(&b).ok().map(Public::Ed);
      }
      if let Ok(k) = p256::PublicKey::from_public_key_der(der) {
        return Some(Public::Ec(k));
      }
      rsa::RsaPublicKey::from_public_key_der(der).ok().map(Public::Rsa)
    }
    "pkcs1" => rsa::RsaPublicKey::from_pkcs1_der(der).ok().map(Public::Rsa),
    _ => None,
  }
}

fn private_der(k: &Private) -> Option<Vec<u8>> {
  Some(match k {
    Private::Rsa(k) => k.to_pkcs8_der().ok()?.as_bytes().to_vec(),
    Private::Ec(k) => k.to_pkcs8_der().ok()?.as_bytes().to_vec(),
    Private::Ed(k) => ed_pkcs8(&k.to_bytes()),
  })
}

fn public_of(k: &Private) -> Public {
  match k {
    Private::Rsa(k) => Public::Rsa(k.to_public_key()),
    Private::Ec(k) => Public::Ec(k.public_key()),
    Private::Ed(k) => Public::Ed(k.verifying_key()),
  }
}

fn public_der(k: &Public) -> Option<Vec<u8>> {
  Some(match k {
    Public::Rsa(k) => k.to_public_key_der().ok()?.as_bytes().to_vec(),
    Public::Ec(k) => k.to_public_key_der().ok()?.as_bytes().to_vec(),
    Public::Ed(k) => ed_spki(k.as_bytes()),
  })
}

/// `[type, details]`: 'rsa' with modulus bits, 'ec' with the curve name, 'ed25519'.
fn describe(k: &Public) -> (&'static str, Option<f64>, Option<Vec<u8>>) {
  match k {
    Public::Rsa(k) => ("rsa", Some((k.n().bits()) as f64), Some(k.e().to_bytes_be())),
    Public::Ec(_) => ("ec", None, None),
    Public::Ed(_) => ("ed25519", None, None),
  }
}

fn key_array<'s>(scope: &mut v8::PinScope<'s, '_>, private: Option<Vec<u8>>, public: &Public) -> Option<v8::Local<'s, v8::Value>> {
  let spki = public_der(public)?;
  let (ty, bits, exp) = describe(public);
  let mut vals: Vec<v8::Local<v8::Value>> = vec![new_string(scope, ty).into()];
  vals.push(match private {
    Some(p) => bytes_to_uint8array(scope, p).into(),
    None => v8::undefined(scope).into(),
  });
  vals.push(bytes_to_uint8array(scope, spki).into());
  vals.push(match bits {
    Some(b) => v8::Number::new(scope, b).into(),
    None => v8::undefined(scope).into(),
  });
  vals.push(match exp {
    Some(e) => bytes_to_uint8array(scope, e).into(),
    None => v8::undefined(scope).into(),
  });
  Some(v8::Array::new_with_elements(scope, &vals).into())
}

/// `keyParse(format, der, private)` -> `[type, pkcs8|undefined, spki, modulusBits, exponentBytes]`,
/// or undefined when the bytes are not a key amber supports. Formats: 'pkcs8', 'pkcs1',
/// 'sec1' (private); 'spki', 'pkcs1' (public).
fn key_parse<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let format = string_arg(scope, &args, 0);
  let der = bytes_arg(args.get(1)).unwrap_or_default();
  let private = args.get(2).boolean_value(scope);
  let out = if private {
    private_from(&format, &der).and_then(|k| {
      let pkcs8 = if format == "pkcs8" { Some(der.clone()) } else { private_der(&k) }?;
      key_array(scope, Some(pkcs8), &public_of(&k))
    })
  } else {
    public_from(&format, &der).and_then(|k| key_array(scope, None, &k))
  };
  if let Some(v) = out {
    rv.set(v);
  }
}

/// `keyGenerate(type, modulusBits, publicExponent)` -> the same array as `keyParse`.
/// Types: 'rsa', 'ec' (P-256), 'ed25519'.
fn key_generate<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let ty = string_arg(scope, &args, 0);
  let bits = args.get(1).uint32_value(scope).unwrap_or(2048) as usize;
  let exp = args.get(2).number_value(scope).unwrap_or(65537.0) as u64;
  let key = match ty.as_str() {
    "rsa" => match rsa::RsaPrivateKey::new_with_exp(&mut OsRng, bits, &rsa::BigUint::from(exp)) {
      Ok(k) => Private::Rsa(k),
      Err(e) => return throw_error(scope, &format!("RSA key generation failed: {e}")),
    },
    "ec" => Private::Ec(p256::SecretKey::random(&mut OsRng)),
    "ed25519" => Private::Ed(ed25519_dalek::SigningKey::generate(&mut OsRng)),
    _ => return,
  };
  let pkcs8 = private_der(&key);
  if let Some(v) = key_array(scope, pkcs8, &public_of(&key)) {
    rv.set(v);
  }
}

fn prehash(alg: &str, data: &[u8]) -> Option<Vec<u8>> {
  Some(match alg {
    "sha1" => sha1::Sha1::digest(data).to_vec(),
    "sha224" => sha2::Sha224::digest(data).to_vec(),
    "sha256" => sha2::Sha256::digest(data).to_vec(),
    "sha384" => sha2::Sha384::digest(data).to_vec(),
    "sha512" => sha2::Sha512::digest(data).to_vec(),
    _ => return None,
  })
}

fn rsa_sign(alg: &str, k: rsa::RsaPrivateKey, data: &[u8]) -> Option<Vec<u8>> {
  use rsa::pkcs1v15::SigningKey;
  Some(match alg {
    "sha1" => SigningKey::<sha1::Sha1>::new(k).sign(data).to_vec(),
    "sha224" => SigningKey::<sha2::Sha224>::new(k).sign(data).to_vec(),
    "sha256" => SigningKey::<sha2::Sha256>::new(k).sign(data).to_vec(),
    "sha384" => SigningKey::<sha2::Sha384>::new(k).sign(data).to_vec(),
    "sha512" => SigningKey::<sha2::Sha512>::new(k).sign(data).to_vec(),
    _ => return None,
  })
}

fn rsa_verify(alg: &str, k: rsa::RsaPublicKey, data: &[u8], sig: &[u8]) -> Option<bool> {
  use rsa::pkcs1v15::{Signature, VerifyingKey};
  let sig = match Signature::try_from(sig) {
    Ok(s) => s,
    Err(_) => return Some(false),
  };
  Some(match alg {
    "sha1" => VerifyingKey::<sha1::Sha1>::new(k).verify(data, &sig).is_ok(),
    "sha224" => VerifyingKey::<sha2::Sha224>::new(k).verify(data, &sig).is_ok(),
    "sha256" => VerifyingKey::<sha2::Sha256>::new(k).verify(data, &sig).is_ok(),
    "sha384" => VerifyingKey::<sha2::Sha384>::new(k).verify(data, &sig).is_ok(),
    "sha512" => VerifyingKey::<sha2::Sha512>::new(k).verify(data, &sig).is_ok(),
    _ => return None,
  })
}

/// `sign(digest, pkcs8, data, p1363)` -> signature, or a string naming the problem
/// ('digest' for a digest the key type cannot use).
fn sign<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use p256::ecdsa::signature::hazmat::PrehashSigner;
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let der = bytes_arg(args.get(1)).unwrap_or_default();
  let data = bytes_arg(args.get(2)).unwrap_or_default();
  let p1363 = args.get(3).boolean_value(scope);
  let Some(key) = private_from("pkcs8", &der) else { return };
  let sig = match key {
    Private::Ed(k) => Some(ed25519_dalek::Signer::sign(&k, &data).to_bytes().to_vec()),
    Private::Rsa(k) => rsa_sign(&alg, k, &data),
    Private::Ec(k) => prehash(&alg, &data).and_then(|h| {
      let s: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(&k).sign_prehash(&h).ok()?;
      Some(if p1363 { s.to_bytes().to_vec() } else { s.to_der().as_bytes().to_vec() })
    }),
  };
  match sig {
    Some(s) => {
      let arr = bytes_to_uint8array(scope, s);
      rv.set(arr.into());
    }
    None => set_string(scope, &mut rv, "digest"),
  }
}

/// `verify(digest, spki, data, signature, p1363)` -> boolean, or 'digest' as for `sign`.
fn verify<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use p256::ecdsa::signature::hazmat::PrehashVerifier;
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let der = bytes_arg(args.get(1)).unwrap_or_default();
  let data = bytes_arg(args.get(2)).unwrap_or_default();
  let sig = bytes_arg(args.get(3)).unwrap_or_default();
  let p1363 = args.get(4).boolean_value(scope);
  let Some(key) = public_from("spki", &der) else { return };
  let ok = match key {
    Public::Ed(k) => Some(ed25519_dalek::Signature::from_slice(&sig).is_ok_and(|s| k.verify(&data, &s).is_ok())),
    Public::Rsa(k) => rsa_verify(&alg, k, &data, &sig),
    Public::Ec(k) => prehash(&alg, &data).map(|h| {
      let s = if p1363 { p256::ecdsa::Signature::from_slice(&sig) } else { p256::ecdsa::Signature::from_der(&sig) };
      s.is_ok_and(|s| p256::ecdsa::VerifyingKey::from(&k).verify_prehash(&h, &s).is_ok())
    }),
  };
  match ok {
    Some(b) => rv.set(v8::Boolean::new(scope, b).into()),
    None => set_string(scope, &mut rv, "digest"),
  }
}

/// OpenSSL's SEC1 `ECPrivateKey` for P-256: version, key, [0] the curve's OID, [1] the
/// uncompressed public point (RustCrypto's encoder leaves out the parameters).
fn p256_sec1(k: &p256::SecretKey) -> Vec<u8> {
  use p256::elliptic_curve::sec1::ToEncodedPoint;
  let mut out = vec![0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20];
  out.extend_from_slice(&k.to_bytes());
  out.extend_from_slice(&[0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0xa1, 0x44, 0x03, 0x42, 0x00]);
  out.extend_from_slice(k.public_key().to_encoded_point(false).as_bytes());
  out
}

/// `keyExport(type, der, private)`: a PKCS#8 private key as 'pkcs1' (RSA) or 'sec1'
/// (EC), or an SPKI public key as 'pkcs1' (RSA); undefined when the key has no such form.
fn key_export<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
  let ty = string_arg(scope, &args, 0);
  let der = bytes_arg(args.get(1)).unwrap_or_default();
  let private = args.get(2).boolean_value(scope);
  let out = if private {
    match (ty.as_str(), private_from("pkcs8", &der)) {
      ("pkcs1", Some(Private::Rsa(k))) => k.to_pkcs1_der().ok().map(|d| d.as_bytes().to_vec()),
      ("sec1", Some(Private::Ec(k))) => Some(p256_sec1(&k)),
      _ => None,
    }
  } else {
    match (ty.as_str(), public_from("spki", &der)) {
      ("pkcs1", Some(Public::Rsa(k))) => k.to_pkcs1_der().ok().map(|d| d.as_bytes().to_vec()),
      _ => None,
    }
  };
  if let Some(o) = out {
    let arr = bytes_to_uint8array(scope, o);
    rv.set(arr.into());
  }
}

pub fn register(reg: &mut crate::registry::Registry) {
  reg.add("crypto.keyParse", key_parse);
  reg.add("crypto.keyExport", key_export);
  reg.add("crypto.keyGenerate", key_generate);
  reg.add("crypto.sign", sign);
  reg.add("crypto.verify", verify);
}

/// `ecdhPublic(privateKey, compressed)`: the P-256 public point of a 32-byte scalar as
/// SEC1 bytes, or undefined for a scalar that is not a valid key.
fn ecdh_public<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use p256::elliptic_curve::sec1::ToEncodedPoint;
  let private = bytes_arg(args.get(0)).unwrap_or_default();
  let compressed = args.get(1).boolean_value(scope);
  let Ok(k) = p256::SecretKey::from_slice(&private) else { return };
  let out = k.public_key().to_encoded_point(compressed).as_bytes().to_vec();
  let arr = bytes_to_uint8array(scope, out);
  rv.set(arr.into());
}

/// `ecdhConvert(publicKey, compressed)`: a SEC1 P-256 point re-encoded, or undefined
/// when the bytes are not a point on the curve.
fn ecdh_convert<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use p256::elliptic_curve::sec1::ToEncodedPoint;
  let public = bytes_arg(args.get(0)).unwrap_or_default();
  let compressed = args.get(1).boolean_value(scope);
  let Ok(p) = p256::PublicKey::from_sec1_bytes(&public) else { return };
  let out = p.to_encoded_point(compressed).as_bytes().to_vec();
  let arr = bytes_to_uint8array(scope, out);
  rv.set(arr.into());
}

/// `ecdhCompute(privateKey, publicKey)`: the shared secret (the x coordinate), or
/// undefined when the public key is not a point on P-256.
fn ecdh_compute<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let private = bytes_arg(args.get(0)).unwrap_or_default();
  let public = bytes_arg(args.get(1)).unwrap_or_default();
  let (Ok(k), Ok(p)) = (p256::SecretKey::from_slice(&private), p256::PublicKey::from_sec1_bytes(&public)) else { return };
  let shared = p256::ecdh::diffie_hellman(k.to_nonzero_scalar(), p.as_affine());
  let arr = bytes_to_uint8array(scope, shared.raw_secret_bytes().to_vec());
  rv.set(arr.into());
}

pub fn register_ecdh(reg: &mut crate::registry::Registry) {
  reg.add("crypto.ecdhPublic", ecdh_public);
  reg.add("crypto.ecdhConvert", ecdh_convert);
  reg.add("crypto.ecdhCompute", ecdh_compute);
}

fn oaep(hash: &str, label: Option<String>) -> Option<rsa::Oaep> {
  Some(match (hash, label) {
    ("sha1", None) => rsa::Oaep::new::<sha1::Sha1>(),
    ("sha1", Some(l)) => rsa::Oaep::new_with_label::<sha1::Sha1, _>(l),
    ("sha224", None) => rsa::Oaep::new::<sha2::Sha224>(),
    ("sha224", Some(l)) => rsa::Oaep::new_with_label::<sha2::Sha224, _>(l),
    ("sha256", None) => rsa::Oaep::new::<sha2::Sha256>(),
    ("sha256", Some(l)) => rsa::Oaep::new_with_label::<sha2::Sha256, _>(l),
    ("sha384", None) => rsa::Oaep::new::<sha2::Sha384>(),
    ("sha384", Some(l)) => rsa::Oaep::new_with_label::<sha2::Sha384, _>(l),
    ("sha512", None) => rsa::Oaep::new::<sha2::Sha512>(),
    ("sha512", Some(l)) => rsa::Oaep::new_with_label::<sha2::Sha512, _>(l),
    _ => return None,
  })
}

fn label_arg(scope: &mut v8::PinScope, v: v8::Local<v8::Value>) -> Option<String> {
  if v.is_undefined() || v.is_null() {
    return None;
  }
  Some(v.to_rust_string_lossy(scope))
}

/// `rsaEncrypt(spki, data, padding, oaepHash, label)`: RSA encryption (padding 1:
/// PKCS#1 v1.5, 4: OAEP) -> bytes, or a string: 'key', 'digest' or 'too large'.
fn rsa_encrypt<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let der = bytes_arg(args.get(0)).unwrap_or_default();
  let data = bytes_arg(args.get(1)).unwrap_or_default();
  let padding = args.get(2).uint32_value(scope).unwrap_or(4);
  let hash = string_arg(scope, &args, 3).to_ascii_lowercase();
  let label = label_arg(scope, args.get(4));
  let Some(Public::Rsa(k)) = public_from("spki", &der) else { return set_string(scope, &mut rv, "key") };
  let r = if padding == 1 {
    k.encrypt(&mut OsRng, rsa::Pkcs1v15Encrypt, &data)
  } else {
    let Some(p) = oaep(&hash, label) else { return set_string(scope, &mut rv, "digest") };
    k.encrypt(&mut OsRng, p, &data)
  };
  match r {
    Ok(out) => {
      let arr = bytes_to_uint8array(scope, out);
      rv.set(arr.into());
    }
    Err(_) => set_string(scope, &mut rv, "too large"),
  }
}

/// `rsaDecrypt(pkcs8, data, oaepHash, label)`: RSA-OAEP decryption -> bytes, or a
/// string: 'key', 'digest' or 'decoding' (the ciphertext does not decrypt).
fn rsa_decrypt<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let der = bytes_arg(args.get(0)).unwrap_or_default();
  let data = bytes_arg(args.get(1)).unwrap_or_default();
  let hash = string_arg(scope, &args, 2).to_ascii_lowercase();
  let label = label_arg(scope, args.get(3));
  let Some(Private::Rsa(k)) = private_from("pkcs8", &der) else { return set_string(scope, &mut rv, "key") };
  let Some(p) = oaep(&hash, label) else { return set_string(scope, &mut rv, "digest") };
  match k.decrypt(p, &data) {
    Ok(out) => {
      let arr = bytes_to_uint8array(scope, out);
      rv.set(arr.into());
    }
    Err(_) => set_string(scope, &mut rv, "decoding"),
  }
}

pub fn register_rsa_encryption(reg: &mut crate::registry::Registry) {
  reg.add("crypto.rsaEncrypt", rsa_encrypt);
  reg.add("crypto.rsaDecrypt", rsa_decrypt);
}
