//! Key agreement and RSA encryption for `node:crypto`: ECDH on the curves of `keys.rs`,
//! X25519 (`x25519-dalek`), finite-field Diffie-Hellman (`num-bigint-dig`'s modpow and
//! prime search), and RSA encryption with OAEP, PKCS#1 v1.5 and no padding in both
//! directions (`publicEncrypt`/`privateDecrypt`, `privateEncrypt`/`publicDecrypt`).
//! Stateless like the rest: the JS objects (ECDH, DiffieHellman) keep their keys as bytes.

use num_bigint_dig::{BigUint, RandBigInt};
use rand_core::OsRng;
use rsa::traits::PublicKeyParts;

use super::super::helpers::*;
use super::keys::{self, Curve, Parsed, Private, Public};

fn set_bytes<'s>(scope: &mut v8::PinScope<'s, '_>, rv: &mut v8::ReturnValue<'s>, bytes: Vec<u8>) {
  let arr = bytes_to_uint8array(scope, bytes);
  rv.set(arr.into());
}

fn curve_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> Option<Curve> {
  Curve::from_name(&string_arg(scope, args, i))
}

/// `ecdhPublic(curve, privateKey, compressed)`: the public point of a scalar as SEC1
/// bytes, or undefined for a scalar that is not a valid key.
fn ecdh_public<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Some(curve) = curve_arg(scope, &args, 0) else { return };
  let private = bytes_arg(args.get(1)).unwrap_or_default();
  let compressed = args.get(2).boolean_value(scope);
  if let Some(out) = keys::ec_public_of(curve, &private, compressed) {
    set_bytes(scope, &mut rv, out);
  }
}

/// `ecdhConvert(curve, publicKey, compressed)`: a SEC1 point re-encoded, or undefined
/// when the bytes are not a point on the curve.
fn ecdh_convert<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Some(curve) = curve_arg(scope, &args, 0) else { return };
  let public = bytes_arg(args.get(1)).unwrap_or_default();
  let compressed = args.get(2).boolean_value(scope);
  if let Some(out) = keys::ec_convert(curve, &public, compressed) {
    set_bytes(scope, &mut rv, out);
  }
}

/// `ecdhCompute(curve, privateKey, publicKey)`: the shared secret (the x coordinate),
/// or undefined when the public key is not a point on the curve.
fn ecdh_compute<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Some(curve) = curve_arg(scope, &args, 0) else { return };
  let private = bytes_arg(args.get(1)).unwrap_or_default();
  let public = bytes_arg(args.get(2)).unwrap_or_default();
  if let Some(out) = keys::ec_agree(curve, &private, &public) {
    set_bytes(scope, &mut rv, out);
  }
}

/// `keyAgree(pkcs8, spki)`: ECDH or X25519 between two KeyObjects' keys -> the shared
/// secret, or a string: 'incompatible' (types or curves differ), 'unsupported'
/// (a key type without agreement) or 'invalid' (X25519's all-zero result).
fn key_agree<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let pkcs8 = bytes_arg(args.get(0)).unwrap_or_default();
  let spki = bytes_arg(args.get(1)).unwrap_or_default();
  let (Parsed::Key(a), Parsed::Key(b)) = (keys::private_from("pkcs8", &pkcs8), keys::public_from("spki", &spki)) else {
    return set_string(scope, &mut rv, "unsupported");
  };
  let out = match (a, b) {
    (Private::Ec(c1, scalar), Public::Ec(c2, point)) if c1 == c2 => keys::ec_agree(c1, &scalar, &point).ok_or("invalid"),
    (Private::X(k), Public::X(p)) => {
      let s = k.diffie_hellman(&p);
      if s.was_contributory() {
        Ok(s.as_bytes().to_vec())
      } else {
        Err("invalid")
      }
    }
    (Private::X448(k), Public::X448(p)) => x448::x448(k, p).map(|s| s.to_vec()).ok_or("invalid"),
    // PKCS#3: y^x mod p, zero-padded to the prime's size as Node pads it.
    (Private::Dh(d1, x), Public::Dh(d2, y)) if d1.p == d2.p && d1.g == d2.g => {
      let s = y.modpow(&x, &d1.p).to_bytes_be();
      let size = d1.p.bits().div_ceil(8);
      let mut out = vec![0u8; size.saturating_sub(s.len())];
      out.extend_from_slice(&s);
      Ok(out)
    }
    (Private::Ec(..), Public::Ec(..)) | (Private::Ec(..), _) | (Private::X(_), _) | (Private::Dh(..), _) | (Private::X448(_), _) => Err("incompatible"),
    _ => Err("unsupported"),
  };
  match out {
    Ok(b) => set_bytes(scope, &mut rv, b),
    Err(e) => set_string(scope, &mut rv, e),
  }
}

fn big_arg(v: v8::Local<v8::Value>) -> BigUint {
  BigUint::from_bytes_be(&bytes_arg(v).unwrap_or_default())
}

/// A random safe prime p = 2q + 1 of `bits` bits (q prime) such that `g` generates the
/// subgroup of order q, as OpenSSL's DH_generate_parameters chooses them (p ≡ 23 mod 24
/// for 2, p ≡ 59 mod 60 for 5). Candidates step through one residue class, a window of
/// them at a time: a sieve marks every step where q or p has a small prime factor (for
/// each small prime, the two arithmetic progressions of such steps), so only survivors
/// get the expensive probabilistic tests, and the cost per window is the sieve's, not
/// one division per small prime per candidate (which made a 1024-bit search take 5-30 s
/// in the debug build and time Node's DH tests out).
fn safe_prime(bits: usize, g: u32) -> BigUint {
  const WINDOW: usize = 1 << 16;
  let modulo = |x: &BigUint, m: u64| -> u64 { (x % m).to_bytes_be().iter().fold(0u64, |a, b| (a << 8) | *b as u64) };
  // a^(sp-2) mod sp: the inverse of a modulo the prime sp.
  let inverse = |a: u64, sp: u64| -> u64 {
    let (mut base, mut e, mut acc) = (a % sp, sp - 2, 1u64);
    while e > 0 {
      if e & 1 == 1 {
        acc = acc * base % sp;
      }
      base = base * base % sp;
      e >>= 1;
    }
    acc
  };
  let small: Vec<u64> = (3u64..20000).filter(|n| (2..*n).take_while(|d| d * d <= *n).all(|d| n % d != 0)).collect();
  let (m, r): (u64, u64) = match g {
    2 => (12, 11),
    5 => (30, 29),
    _ => (2, 1),
  };
  let mut composite = vec![false; WINDOW];
  loop {
    // q has bits - 1 bits, top bit set, in the residue class r mod m.
    let mut q = OsRng.gen_biguint(bits - 1) | (BigUint::from(1u32) << (bits - 2));
    let rem = modulo(&q, m);
    q = q + BigUint::from((r + m - rem) % m);
    composite.iter_mut().for_each(|c| *c = false);
    for &sp in &small {
      let rq = modulo(&q, sp);
      let step = m % sp;
      if step == 0 {
        // Every candidate has the same residue: all composite or none.
        if rq == 0 || (2 * rq + 1) % sp == 0 {
          composite.iter_mut().for_each(|c| *c = true);
        }
        continue;
      }
      // q + k*m ≡ 0 and 2(q + k*m) + 1 ≡ 0 (mod sp), solved for k.
      let firsts = [(sp - rq) % sp * inverse(step, sp) % sp, (sp - (2 * rq + 1) % sp) % sp * inverse(2 * step % sp, sp) % sp];
      for first in firsts {
        let mut k = first as usize;
        while k < WINDOW {
          composite[k] = true;
          k += sp as usize;
        }
      }
    }
    for (k, _) in composite.iter().enumerate().filter(|(_, c)| !**c) {
      let qk = &q + BigUint::from(k as u64 * m);
      let p = (&qk << 1usize) + 1u32;
      if p.bits() != bits {
        break;
      }
      use num_bigint_dig::prime::{probably_prime, probably_prime_miller_rabin};
      // One base-2 round on each first: nearly every composite fails it.
      if probably_prime_miller_rabin(&qk, 1, true) && probably_prime_miller_rabin(&p, 1, true) && probably_prime(&qk, 20) && probably_prime(&p, 20) {
        return p;
      }
    }
  }
}

/// `dhGeneratePrime(bits, generator)`: a safe prime (see `safe_prime`).
fn dh_generate_prime<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let bits = args.get(0).uint32_value(scope).unwrap_or(0) as usize;
  let g = args.get(1).uint32_value(scope).unwrap_or(2);
  if bits < 16 {
    return;
  }
  let p = safe_prime(bits, g);
  set_bytes(scope, &mut rv, p.to_bytes_be());
}

/// `dhKeys(prime, generator, privateKey|undefined, privateBits|undefined)` ->
/// `[private, public]`: a new private key (uniform in [2, p-2], or of `privateBits` bits
/// for the named groups, as OpenSSL) or the given one, and g^x mod p.
fn dh_keys<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let p = big_arg(args.get(0));
  let g = big_arg(args.get(1));
  let two = BigUint::from(2u32);
  if p <= BigUint::from(3u32) {
    return;
  }
  let bits = args.get(3).uint32_value(scope).unwrap_or(0) as usize;
  let x = if !args.get(2).is_undefined() {
    big_arg(args.get(2))
  } else if bits > 1 && bits < p.bits() {
    OsRng.gen_biguint_range(&two, &(BigUint::from(1u32) << bits))
  } else {
    OsRng.gen_biguint_range(&two, &(&p - 1u32))
  };
  let y = g.modpow(&x, &p);
  let a = bytes_to_uint8array(scope, x.to_bytes_be());
  let b = bytes_to_uint8array(scope, y.to_bytes_be());
  let arr = v8::Array::new_with_elements(scope, &[a.into(), b.into()]);
  rv.set(arr.into());
}

/// `dhCompute(prime, privateKey, peerPublic)` -> the secret zero-padded to the prime's
/// length, or a string: 'small' / 'large' for a peer key outside [2, p-2].
fn dh_compute<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let p = big_arg(args.get(0));
  let x = big_arg(args.get(1));
  let y = big_arg(args.get(2));
  if y <= BigUint::from(1u32) {
    return set_string(scope, &mut rv, "small");
  }
  if y >= &p - 1u32 {
    return set_string(scope, &mut rv, "large");
  }
  let s = y.modpow(&x, &p).to_bytes_be();
  let len = p.bits().div_ceil(8);
  let mut out = vec![0u8; len.saturating_sub(s.len())];
  out.extend_from_slice(&s);
  set_bytes(scope, &mut rv, out);
}

/// `dhCheck(prime, generator)` -> OpenSSL's DH_check flags: 1 p not prime, 2 p not a
/// safe prime, 8 generator not suitable.
fn dh_check<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let p = big_arg(args.get(0));
  let g = big_arg(args.get(1));
  let one = BigUint::from(1u32);
  let mut flags = 0;
  if g <= one || p <= BigUint::from(2u32) || g >= &p - 1u32 {
    flags |= 8;
  }
  if !num_bigint_dig::prime::probably_prime(&p, 20) {
    flags |= 1;
  } else if !num_bigint_dig::prime::probably_prime(&((&p - 1u32) >> 1usize), 20) {
    flags |= 2;
  }
  rv.set(v8::Integer::new(scope, flags).into());
}

/// MGF1 (RFC 8017 B.2.1) over the digest `hash`.
fn mgf1(hash: &str, seed: &[u8], len: usize) -> Option<Vec<u8>> {
  let mut out = Vec::with_capacity(len);
  let mut counter: u32 = 0;
  while out.len() < len {
    let mut block = seed.to_vec();
    block.extend_from_slice(&counter.to_be_bytes());
    out.extend_from_slice(&keys::prehash(hash, &block)?);
    counter += 1;
  }
  out.truncate(len);
  Some(out)
}

/// EME-OAEP encoding (RFC 8017 7.1.1) and the RSA public operation. amber encodes OAEP
/// itself (over the `rsa` crate's raw operation, like its PSS) because the crate takes
/// the label as a String, and Node's labels are any bytes.
fn oaep_encrypt(k: &rsa::RsaPublicKey, hash: &str, label: &[u8], msg: &[u8]) -> Result<Vec<u8>, &'static str> {
  use rand_core::RngCore;
  let l_hash = keys::prehash(hash, label).ok_or("digest")?;
  let h_len = l_hash.len();
  let k_len = k.size();
  if k_len < 2 * h_len + 2 || msg.len() > k_len - 2 * h_len - 2 {
    return Err("too large");
  }
  let mut db = l_hash;
  db.resize(k_len - msg.len() - h_len - 2, 0);
  db.push(1);
  db.extend_from_slice(msg);
  let mut seed = vec![0u8; h_len];
  OsRng.fill_bytes(&mut seed);
  let db_mask = mgf1(hash, &seed, db.len()).ok_or("digest")?;
  db.iter_mut().zip(&db_mask).for_each(|(d, m)| *d ^= m);
  let seed_mask = mgf1(hash, &db, h_len).ok_or("digest")?;
  seed.iter_mut().zip(&seed_mask).for_each(|(s, m)| *s ^= m);
  let mut em = vec![0u8];
  em.extend_from_slice(&seed);
  em.extend_from_slice(&db);
  rsa_raw_public(k, &em).ok_or("too large")
}

/// The RSA private operation and EME-OAEP decoding (RFC 8017 7.1.2); every check runs
/// on every input and the failures are one error, as the RFC asks.
fn oaep_decrypt(k: &rsa::RsaPrivateKey, hash: &str, label: &[u8], ct: &[u8]) -> Result<Vec<u8>, &'static str> {
  use subtle::{ConditionallySelectable, ConstantTimeEq};
  let l_hash = keys::prehash(hash, label).ok_or("digest")?;
  let h_len = l_hash.len();
  let k_len = k.size();
  if ct.len() != k_len || k_len < 2 * h_len + 2 {
    return Err("decoding");
  }
  let em = rsa_raw_private(k, ct).ok_or("decoding")?;
  let (masked_seed, masked_db) = em[1..].split_at(h_len);
  let seed_mask = mgf1(hash, masked_db, h_len).ok_or("digest")?;
  let seed: Vec<u8> = masked_seed.iter().zip(&seed_mask).map(|(a, b)| a ^ b).collect();
  let db_mask = mgf1(hash, &seed, masked_db.len()).ok_or("digest")?;
  let db: Vec<u8> = masked_db.iter().zip(&db_mask).map(|(a, b)| a ^ b).collect();
  let mut good = em[0].ct_eq(&0) & db[..h_len].ct_eq(&l_hash);
  // The message starts after the first 1 that follows the zero padding.
  let mut looking = subtle::Choice::from(1);
  let mut index = 0u32;
  for (i, b) in db[h_len..].iter().enumerate() {
    let one = b.ct_eq(&1);
    let zero = b.ct_eq(&0);
    index.conditional_assign(&(i as u32 + 1), looking & one);
    good &= !(looking & !one & !zero);
    looking &= !one;
  }
  good &= !looking;
  if !bool::from(good) {
    return Err("decoding");
  }
  Ok(db[h_len + index as usize..].to_vec())
}

fn label_arg(v: v8::Local<v8::Value>) -> Vec<u8> {
  bytes_arg(v).unwrap_or_default()
}

/// The public RSA operation on `data` as a number below n (RSA_NO_PADDING and the
/// first half of publicDecrypt), or None when it is not below n.
fn rsa_raw_public(k: &rsa::RsaPublicKey, data: &[u8]) -> Option<Vec<u8>> {
  let m = rsa::BigUint::from_bytes_be(data);
  if &m >= k.n() {
    return None;
  }
  let c = rsa::hazmat::rsa_encrypt(k, &m).ok()?;
  let len = k.size();
  let b = c.to_bytes_be();
  let mut out = vec![0u8; len - b.len()];
  out.extend_from_slice(&b);
  Some(out)
}

fn rsa_raw_private(k: &rsa::RsaPrivateKey, data: &[u8]) -> Option<Vec<u8>> {
  let c = rsa::BigUint::from_bytes_be(data);
  if &c >= k.n() {
    return None;
  }
  let m = rsa::hazmat::rsa_decrypt_and_check(k, Some(&mut OsRng), &c).ok()?;
  let len = k.size();
  let b = m.to_bytes_be();
  let mut out = vec![0u8; len - b.len()];
  out.extend_from_slice(&b);
  Some(out)
}

/// `rsaEncrypt(der, private, data, padding, oaepHash, label)`: publicEncrypt (SPKI;
/// padding 1 PKCS#1 v1.5, 3 none, 4 OAEP) or privateEncrypt (PKCS#8; 1 or 3) -> bytes,
/// or a string: 'key', 'digest', 'too large', 'too small' (no padding, wrong length),
/// 'padding' (a padding the direction has not).
fn rsa_encrypt<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let der = bytes_arg(args.get(0)).unwrap_or_default();
  let private = args.get(1).boolean_value(scope);
  let data = bytes_arg(args.get(2)).unwrap_or_default();
  let padding = args.get(3).uint32_value(scope).unwrap_or(4);
  let hash = string_arg(scope, &args, 4).to_ascii_lowercase();
  let label = label_arg(args.get(5));
  let r: Result<Vec<u8>, &str> = if private {
    let Parsed::Key(Private::Rsa(k, _)) = keys::private_from("pkcs8", &der) else { return set_string(scope, &mut rv, "key") };
    match padding {
      1 => k.sign(rsa::Pkcs1v15Sign::new_unprefixed(), &data).map_err(|_| "too large"),
      3 if data.len() > k.size() => Err("too large"),
      3 if data.len() < k.size() => Err("too small"),
      3 => rsa_raw_private(&k, &data).ok_or("too large"),
      _ => Err("padding"),
    }
  } else {
    let Parsed::Key(Public::Rsa(k, _)) = keys::public_from("spki", &der) else { return set_string(scope, &mut rv, "key") };
    match padding {
      1 => k.encrypt(&mut OsRng, rsa::Pkcs1v15Encrypt, &data).map_err(|_| "too large"),
      3 if data.len() > k.size() => Err("too large"),
      3 if data.len() < k.size() => Err("too small"),
      3 => rsa_raw_public(&k, &data).ok_or("too large"),
      4 => oaep_encrypt(&k, &hash, &label, &data),
      _ => Err("padding"),
    }
  };
  match r {
    Ok(out) => set_bytes(scope, &mut rv, out),
    Err(e) => set_string(scope, &mut rv, e),
  }
}

/// PKCS#1 v1.5 type 1 unpadding (00 01 FF.. 00 data) of publicDecrypt.
fn unpad_type1(em: &[u8]) -> Option<Vec<u8>> {
  if em.len() < 11 || em[0] != 0 || em[1] != 1 {
    return None;
  }
  let mut i = 2;
  while i < em.len() && em[i] == 0xff {
    i += 1;
  }
  if i < 10 || i >= em.len() || em[i] != 0 {
    return None;
  }
  Some(em[i + 1..].to_vec())
}

/// `rsaDecrypt(der, private, data, padding, oaepHash, label)`: privateDecrypt (PKCS#8;
/// 3 none, 4 OAEP) or publicDecrypt (SPKI; 1 PKCS#1 v1.5 type 1, 3 none) -> bytes, or a
/// string: 'key', 'digest', 'decoding', 'padding', 'too large'.
fn rsa_decrypt<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let der = bytes_arg(args.get(0)).unwrap_or_default();
  let private = args.get(1).boolean_value(scope);
  let data = bytes_arg(args.get(2)).unwrap_or_default();
  let padding = args.get(3).uint32_value(scope).unwrap_or(4);
  let hash = string_arg(scope, &args, 4).to_ascii_lowercase();
  let label = label_arg(args.get(5));
  let r: Result<Vec<u8>, &str> = if private {
    let Parsed::Key(Private::Rsa(k, _)) = keys::private_from("pkcs8", &der) else { return set_string(scope, &mut rv, "key") };
    match padding {
      3 if data.len() != k.size() => Err("too large"),
      3 => rsa_raw_private(&k, &data).ok_or("too large"),
      4 => oaep_decrypt(&k, &hash, &label, &data),
      _ => Err("padding"),
    }
  } else {
    let Parsed::Key(Public::Rsa(k, _)) = keys::public_from("spki", &der) else { return set_string(scope, &mut rv, "key") };
    match padding {
      1 if data.len() != k.size() => Err("too large"),
      1 => rsa_raw_public(&k, &data).and_then(|em| unpad_type1(&em)).ok_or("type1"),
      3 if data.len() != k.size() => Err("too large"),
      3 => rsa_raw_public(&k, &data).ok_or("too large"),
      _ => Err("padding"),
    }
  };
  match r {
    Ok(out) => set_bytes(scope, &mut rv, out),
    Err(e) => set_string(scope, &mut rv, e),
  }
}

pub fn register(reg: &mut crate::registry::Registry) {
  reg.add("crypto.ecdhPublic", ecdh_public);
  reg.add("crypto.ecdhConvert", ecdh_convert);
  reg.add("crypto.ecdhCompute", ecdh_compute);
  reg.add("crypto.keyAgree", key_agree);
  reg.add("crypto.dhGeneratePrime", dh_generate_prime);
  reg.add("crypto.dhKeys", dh_keys);
  reg.add("crypto.dhCompute", dh_compute);
  reg.add("crypto.dhCheck", dh_check);
  reg.add("crypto.rsaEncrypt", rsa_encrypt);
  reg.add("crypto.rsaDecrypt", rsa_decrypt);
}
