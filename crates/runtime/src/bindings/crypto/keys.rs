//! Asymmetric keys and signatures for `node:crypto`: RSA and RSA-PSS keys (RustCrypto
//! `rsa`: PKCS#1 v1.5 and PSS signatures), ECDSA on P-256, P-384, P-521 and secp256k1
//! (`p256`, `p384`, `p521`, `k256`, driven by one macro), Ed25519 (`ed25519-dalek`) and
//! X25519 keys (`x25519-dalek`, in `agree.rs`), DSA (`dsa`) and finite-field
//! Diffie-Hellman keys (PKCS#3 `dhKeyAgreement`, big numbers by `num-bigint-dig`; the
//! agreement is in `agree.rs`), Ed448 (`ed448-goldilocks`) and X448 (`x448`), which
//! are handed bytes only.
//!
//! Keys cross into JS only as DER bytes: private keys as PKCS#8, public keys as SPKI.
//! A JS KeyObject (`lib/internal/crypto/keys.js`) holds those bytes and every operation
//! parses them again, so there is no native key table and nothing for a snapshot to
//! carry or refuse (DESIGN rule 2).

use pkcs8::der::asn1::{AnyRef, BitStringRef};
use pkcs8::der::{Decode, Encode};
use pkcs8::spki::{AlgorithmIdentifierRef, ObjectIdentifier, SubjectPublicKeyInfoRef};
use pkcs8::{EncodePrivateKey, EncodePublicKey, PrivateKeyInfo};
use rand_core::OsRng;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use sha2::Digest;

use super::super::helpers::*;

pub const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");
pub const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
pub const OID_X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
pub const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
pub const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
pub const OID_DH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.3.1");
const OID_DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");

/// The curves amber has, by OpenSSL's names (what Node reports as `namedCurve`).
#[derive(Clone, Copy, PartialEq)]
pub enum Curve {
  P256,
  P384,
  P521,
  K256,
  P224,
}

impl Curve {
  pub fn from_name(s: &str) -> Option<Curve> {
    Some(match s {
      "prime256v1" | "P-256" | "secp256r1" => Curve::P256,
      "secp384r1" | "P-384" => Curve::P384,
      "secp521r1" | "P-521" => Curve::P521,
      "secp256k1" => Curve::K256,
      "secp224r1" | "P-224" => Curve::P224,
      _ => return None,
    })
  }
  pub fn name(self) -> &'static str {
    match self {
      Curve::P256 => "prime256v1",
      Curve::P384 => "secp384r1",
      Curve::P521 => "secp521r1",
      Curve::K256 => "secp256k1",
      Curve::P224 => "secp224r1",
    }
  }
  fn oid(self) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(match self {
      Curve::P256 => "1.2.840.10045.3.1.7",
      Curve::P384 => "1.3.132.0.34",
      Curve::P521 => "1.3.132.0.35",
      Curve::K256 => "1.3.132.0.10",
      Curve::P224 => "1.3.132.0.33",
    })
  }
  fn from_oid(oid: ObjectIdentifier) -> Option<Curve> {
    [Curve::P256, Curve::P384, Curve::P521, Curve::K256, Curve::P224].into_iter().find(|c| c.oid() == oid)
  }
  /// Bytes of a scalar / coordinate.
  pub fn size(self) -> usize {
    match self {
      Curve::P256 | Curve::K256 => 32,
      Curve::P224 => 28,
      Curve::P384 => 48,
      Curve::P521 => 66,
    }
  }
}

/// Runs `$body` with `$m` naming the curve's crate (`p256`, `p384`, `p521` or `k256`).
macro_rules! with_curve {
  ($c:expr, $m:ident => $body:expr) => {
    match $c {
      Curve::P256 => {
        use ::p256 as $m;
        $body
      }
      Curve::P384 => {
        use ::p384 as $m;
        $body
      }
      Curve::P521 => {
        use ::p521 as $m;
        $body
      }
      Curve::K256 => {
        use ::k256 as $m;
        $body
      }
      Curve::P224 => {
        use ::p224 as $m;
        $body
      }
    }
  };
}

/// The public point (SEC1, compressed or not) of a scalar, or None when it is no key.
pub fn ec_public_of(curve: Curve, scalar: &[u8], compressed: bool) -> Option<Vec<u8>> {
  with_curve!(curve, m => {
    use m::elliptic_curve::sec1::ToEncodedPoint;
    let k = m::SecretKey::from_slice(scalar).ok()?;
    Some(k.public_key().to_encoded_point(compressed).as_bytes().to_vec())
  })
}

/// A SEC1 point re-encoded (compressed or not), or None when it is not on the curve.
pub fn ec_convert(curve: Curve, point: &[u8], compressed: bool) -> Option<Vec<u8>> {
  with_curve!(curve, m => {
    use m::elliptic_curve::sec1::ToEncodedPoint;
    let p = m::PublicKey::from_sec1_bytes(point).ok()?;
    Some(p.to_encoded_point(compressed).as_bytes().to_vec())
  })
}

/// ECDH: the x coordinate of scalar·point, or None for a point not on the curve.
pub fn ec_agree(curve: Curve, scalar: &[u8], point: &[u8]) -> Option<Vec<u8>> {
  with_curve!(curve, m => {
    let k = m::SecretKey::from_slice(scalar).ok()?;
    let p = m::PublicKey::from_sec1_bytes(point).ok()?;
    let s = m::elliptic_curve::ecdh::diffie_hellman(k.to_nonzero_scalar(), p.as_affine());
    Some(s.raw_secret_bytes().to_vec())
  })
}

/// Parameters of an RSA-PSS key (RFC 4055), when its AlgorithmIdentifier has them.
#[derive(Clone)]
pub struct PssParams {
  pub hash: &'static str,
  pub mgf1: &'static str,
  pub salt: usize,
}

/// A PKCS#3 Diffie-Hellman key's domain: its parameters' DER as read (kept so a key
/// exports as it came, `privateValueLength` included) and the prime and generator.
#[derive(Clone)]
pub struct DhDomain {
  pub params: Vec<u8>,
  pub p: rsa::BigUint,
  pub g: rsa::BigUint,
}

impl DhDomain {
  /// `DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER, privateValueLength INTEGER OPTIONAL }`.
  pub fn from_der(params: &[u8]) -> Option<DhDomain> {
    use pkcs8::der::asn1::{SequenceOf, UintRef};
    let ints = SequenceOf::<UintRef, 3>::from_der(params).ok()?;
    let mut it = ints.iter();
    let p = rsa::BigUint::from_bytes_be(it.next()?.as_bytes());
    let g = rsa::BigUint::from_bytes_be(it.next()?.as_bytes());
    if p.bits() < 2 || g.bits() == 0 {
      return None;
    }
    Some(DhDomain { params: params.to_vec(), p, g })
  }

  pub fn new(p: rsa::BigUint, g: rsa::BigUint) -> Option<DhDomain> {
    use pkcs8::der::asn1::{SequenceOf, UintRef};
    let (pb, gb) = (p.to_bytes_be(), g.to_bytes_be());
    let mut seq = SequenceOf::<UintRef, 3>::new();
    seq.add(UintRef::new(&pb).ok()?).ok()?;
    seq.add(UintRef::new(&gb).ok()?).ok()?;
    let params = seq.to_der().ok()?;
    Some(DhDomain { params, p, g })
  }
}

fn uint_der(n: &rsa::BigUint) -> Option<Vec<u8>> {
  let b = n.to_bytes_be();
  pkcs8::der::asn1::UintRef::new(&b).ok()?.to_der().ok()
}

/// A DSA key in OpenSSL's traditional form (what `DSA PRIVATE KEY` PEM holds).
fn dsa_traditional(der: &[u8]) -> Option<dsa::SigningKey> {
  let ints = Vec::<pkcs8::der::asn1::UintRef>::from_der(der).ok()?;
  let [version, p, q, g, y, x] = ints.as_slice() else { return None };
  if !version.as_bytes().iter().all(|b| *b == 0) {
    return None;
  }
  let big = |u: &pkcs8::der::asn1::UintRef| dsa::BigUint::from_bytes_be(u.as_bytes());
  let components = dsa::Components::from_components(big(p), big(q), big(g)).ok()?;
  let public = dsa::VerifyingKey::from_components(components, big(y)).ok()?;
  dsa::SigningKey::from_components(public, big(x)).ok()
}

fn uint_from_der(der: &[u8]) -> Option<rsa::BigUint> {
  Some(rsa::BigUint::from_bytes_be(pkcs8::der::asn1::UintRef::from_der(der).ok()?.as_bytes()))
}

pub enum Private {
  Rsa(rsa::RsaPrivateKey, Option<Option<PssParams>>),
  Dsa(dsa::SigningKey),
  /// The domain and the private exponent x.
  Dh(DhDomain, rsa::BigUint),
  Ec(Curve, Vec<u8>),
  Ed(ed25519_dalek::SigningKey),
  X(x25519_dalek::StaticSecret),
  Ed448(Box<ed448_goldilocks::SigningKey>),
  X448([u8; 56]),
}

pub enum Public {
  Rsa(rsa::RsaPublicKey, Option<Option<PssParams>>),
  Dsa(dsa::VerifyingKey),
  /// The domain and the public value y = g^x mod p.
  Dh(DhDomain, rsa::BigUint),
  Ec(Curve, Vec<u8>),
  Ed(ed25519_dalek::VerifyingKey),
  X(x25519_dalek::PublicKey),
  Ed448(ed448_goldilocks::VerifyingKey),
  X448([u8; 56]),
}

/// What a key's bytes turned out to be.
pub enum Parsed<T> {
  Key(T),
  /// A key Node reads and amber does not ('ec curve': an EC key on another curve).
  Unsupported(&'static str),
  Invalid,
}

fn hash_oid(name: &str) -> Option<ObjectIdentifier> {
  Some(ObjectIdentifier::new_unwrap(match name {
    "sha1" => "1.3.14.3.2.26",
    "sha224" => "2.16.840.1.101.3.4.2.4",
    "sha256" => "2.16.840.1.101.3.4.2.1",
    "sha384" => "2.16.840.1.101.3.4.2.2",
    "sha512" => "2.16.840.1.101.3.4.2.3",
    _ => return None,
  }))
}

fn hash_name(oid: ObjectIdentifier) -> Option<&'static str> {
  ["sha1", "sha224", "sha256", "sha384", "sha512"].into_iter().find(|n| hash_oid(n) == Some(oid))
}

/// `None`: no parameters (any hash may be used); `Some(p)`: the key is restricted.
fn pss_params_from(params: Option<AnyRef>) -> Option<Option<PssParams>> {
  let Some(any) = params else { return Some(None) };
  let der = any.to_der().ok()?;
  let p = rsa::pkcs1::RsaPssParams::from_der(&der).ok()?;
  let hash = hash_name(p.hash.oid)?;
  let mgf1 = p.mask_gen.parameters.map(|a| hash_name(a.oid)).unwrap_or(Some("sha1"))?;
  Some(Some(PssParams { hash, mgf1, salt: p.salt_len as usize }))
}

fn pss_params_der(p: &PssParams) -> Option<Vec<u8>> {
  let hash = AlgorithmIdentifierRef { oid: hash_oid(p.hash)?, parameters: Some(AnyRef::NULL) };
  let mgf_hash = AlgorithmIdentifierRef { oid: hash_oid(p.mgf1)?, parameters: Some(AnyRef::NULL) };
  let params = rsa::pkcs1::RsaPssParams {
    hash,
    mask_gen: pkcs8::spki::AlgorithmIdentifier { oid: OID_MGF1, parameters: Some(mgf_hash) },
    salt_len: u8::try_from(p.salt).ok()?,
    trailer_field: Default::default(),
  };
  params.to_der().ok()
}

fn okp_private<const N: usize>(raw: &[u8]) -> Option<[u8; N]> {
  // CurvePrivateKey ::= OCTET STRING (RFC 8410), inside PKCS#8's own OCTET STRING.
  if raw.len() == N + 2 && raw[0] == 0x04 && raw[1] as usize == N {
    return raw[2..].try_into().ok();
  }
  None
}

fn ed448_signing(seed: &[u8; 57]) -> Option<Private> {
  ed448_goldilocks::SigningKey::try_from(&seed[..]).ok().map(|k| Private::Ed448(Box::new(k)))
}

fn ed448_verifying(bytes: &[u8]) -> Option<ed448_goldilocks::VerifyingKey> {
  ed448_goldilocks::VerifyingKey::from_bytes(&<[u8; 57]>::try_from(bytes).ok()?).ok()
}

/// X448's public key: the scalar (clamped by the function) times the base point u = 5.
pub fn x448_public(secret: &[u8; 56]) -> [u8; 56] {
  let mut base = [0u8; 56];
  base[0] = 5;
  x448::x448_unchecked(*secret, base)
}

pub fn private_from(format: &str, der: &[u8]) -> Parsed<Private> {
  match format {
    "pkcs8" => {
      let Ok(info) = PrivateKeyInfo::try_from(der) else { return Parsed::Invalid };
      let oid = info.algorithm.oid;
      let key = if oid == OID_RSA {
        rsa::RsaPrivateKey::from_pkcs1_der(info.private_key).ok().map(|k| Private::Rsa(k, None))
      } else if oid == OID_RSA_PSS {
        let Some(params) = pss_params_from(info.algorithm.parameters) else { return Parsed::Invalid };
        rsa::RsaPrivateKey::from_pkcs1_der(info.private_key).ok().map(|k| Private::Rsa(k, Some(params)))
      } else if oid == OID_EC {
        let Some(curve) = info.algorithm.parameters_oid().ok().and_then(Curve::from_oid) else {
          return Parsed::Unsupported("ec curve");
        };
        with_curve!(curve, m => m::SecretKey::from_sec1_der(info.private_key).ok().map(|k| Private::Ec(curve, k.to_bytes().to_vec())))
      } else if oid == OID_ED25519 {
        okp_private(info.private_key).map(|s| Private::Ed(ed25519_dalek::SigningKey::from_bytes(&s)))
      } else if oid == OID_X25519 {
        okp_private(info.private_key).map(|s| Private::X(x25519_dalek::StaticSecret::from(s)))
      } else if oid == OID_ED448 {
        okp_private::<57>(info.private_key).and_then(|s| ed448_signing(&s))
      } else if oid == OID_X448 {
        okp_private::<56>(info.private_key).map(Private::X448)
      } else if oid == OID_DSA {
        dsa::SigningKey::try_from(info).ok().map(Private::Dsa)
      } else if oid == OID_DH {
        let Some(domain) = info.algorithm.parameters.and_then(|a| a.to_der().ok()).and_then(|d| DhDomain::from_der(&d)) else { return Parsed::Invalid };
        uint_from_der(info.private_key).filter(|x| x.bits() > 0 && *x < domain.p).map(|x| Private::Dh(domain, x))
      } else {
        return Parsed::Invalid;
      };
      key.map_or(Parsed::Invalid, Parsed::Key)
    }
    "pkcs1" => rsa::RsaPrivateKey::from_pkcs1_der(der).ok().map_or(Parsed::Invalid, |k| Parsed::Key(Private::Rsa(k, None))),
    // OpenSSL's traditional `DSA PRIVATE KEY`: SEQUENCE { version 0, p, q, g, y, x }.
    "dsa" => dsa_traditional(der).map_or(Parsed::Invalid, |k| Parsed::Key(Private::Dsa(k))),
    "sec1" => {
      // The curve is named in the ECPrivateKey's parameters.
      let Ok(ec) = sec1::EcPrivateKey::try_from(der) else { return Parsed::Invalid };
      let Some(curve) = ec.parameters.and_then(|p| p.named_curve()).and_then(Curve::from_oid) else {
        return Parsed::Unsupported("ec curve");
      };
      with_curve!(curve, m => m::SecretKey::from_slice(ec.private_key).ok().map_or(Parsed::Invalid, |k| Parsed::Key(Private::Ec(curve, k.to_bytes().to_vec()))))
    }
    _ => Parsed::Invalid,
  }
}


pub fn public_from(format: &str, der: &[u8]) -> Parsed<Public> {
  match format {
    "spki" => {
      let Ok(info) = SubjectPublicKeyInfoRef::try_from(der) else { return Parsed::Invalid };
      let oid = info.algorithm.oid;
      let bits = info.subject_public_key.raw_bytes();
      let key = if oid == OID_RSA {
        rsa::RsaPublicKey::from_pkcs1_der(bits).ok().map(|k| Public::Rsa(k, None))
      } else if oid == OID_RSA_PSS {
        let Some(params) = pss_params_from(info.algorithm.parameters) else { return Parsed::Invalid };
        rsa::RsaPublicKey::from_pkcs1_der(bits).ok().map(|k| Public::Rsa(k, Some(params)))
      } else if oid == OID_EC {
        let Some(curve) = info.algorithm.parameters_oid().ok().and_then(Curve::from_oid) else {
          return Parsed::Unsupported("ec curve");
        };
        ec_convert(curve, bits, false).map(|p| Public::Ec(curve, p))
      } else if oid == OID_ED25519 {
        <[u8; 32]>::try_from(bits).ok().and_then(|b| ed25519_dalek::VerifyingKey::from_bytes(&b).ok()).map(Public::Ed)
      } else if oid == OID_X25519 {
        <[u8; 32]>::try_from(bits).ok().map(|b| Public::X(x25519_dalek::PublicKey::from(b)))
      } else if oid == OID_ED448 {
        ed448_verifying(bits).map(Public::Ed448)
      } else if oid == OID_X448 {
        <[u8; 56]>::try_from(bits).ok().map(Public::X448)
      } else if oid == OID_DSA {
        dsa::VerifyingKey::try_from(info).ok().map(Public::Dsa)
      } else if oid == OID_DH {
        let Some(domain) = info.algorithm.parameters.and_then(|a| a.to_der().ok()).and_then(|d| DhDomain::from_der(&d)) else { return Parsed::Invalid };
        uint_from_der(bits).filter(|y| y.bits() > 1 && *y < domain.p).map(|y| Public::Dh(domain, y))
      } else {
        return Parsed::Invalid;
      };
      key.map_or(Parsed::Invalid, Parsed::Key)
    }
    "pkcs1" => rsa::RsaPublicKey::from_pkcs1_der(der).ok().map_or(Parsed::Invalid, |k| Parsed::Key(Public::Rsa(k, None))),
    _ => Parsed::Invalid,
  }
}

fn okp_pkcs8(oid: ObjectIdentifier, seed: &[u8]) -> Option<Vec<u8>> {
  let inner = [&[0x04, seed.len() as u8][..], seed].concat();
  PrivateKeyInfo::new(AlgorithmIdentifierRef { oid, parameters: None }, &inner).to_der().ok()
}

fn spki_der(oid: ObjectIdentifier, params: Option<AnyRef>, bits: &[u8]) -> Option<Vec<u8>> {
  let info = SubjectPublicKeyInfoRef { algorithm: AlgorithmIdentifierRef { oid, parameters: params }, subject_public_key: BitStringRef::from_bytes(bits).ok()? };
  info.to_der().ok()
}

pub fn private_der(k: &Private) -> Option<Vec<u8>> {
  Some(match k {
    Private::Rsa(k, None) => k.to_pkcs8_der().ok()?.as_bytes().to_vec(),
    Private::Rsa(k, Some(params)) => {
      let pkcs1 = k.to_pkcs1_der().ok()?;
      let pder = params.as_ref().and_then(pss_params_der);
      let any = match &pder {
        Some(d) => Some(AnyRef::from_der(d).ok()?),
        None => None,
      };
      PrivateKeyInfo::new(AlgorithmIdentifierRef { oid: OID_RSA_PSS, parameters: any }, pkcs1.as_bytes()).to_der().ok()?
    }
    Private::Ec(curve, scalar) => with_curve!(*curve, m => m::SecretKey::from_slice(scalar).ok()?.to_pkcs8_der().ok()?.as_bytes().to_vec()),
    Private::Ed(k) => okp_pkcs8(OID_ED25519, &k.to_bytes())?,
    Private::X(k) => okp_pkcs8(OID_X25519, &k.to_bytes())?,
    Private::Ed448(k) => okp_pkcs8(OID_ED448, k.as_bytes())?,
    Private::X448(k) => okp_pkcs8(OID_X448, k)?,
    Private::Dsa(k) => k.to_pkcs8_der().ok()?.as_bytes().to_vec(),
    Private::Dh(d, x) => {
      let x = uint_der(x)?;
      let params = AnyRef::from_der(&d.params).ok()?;
      PrivateKeyInfo::new(AlgorithmIdentifierRef { oid: OID_DH, parameters: Some(params) }, &x).to_der().ok()?
    }
  })
}

pub fn public_of(k: &Private) -> Option<Public> {
  Some(match k {
    Private::Rsa(k, p) => Public::Rsa(k.to_public_key(), p.clone()),
    Private::Ec(curve, scalar) => Public::Ec(*curve, ec_public_of(*curve, scalar, false)?),
    Private::Ed(k) => Public::Ed(k.verifying_key()),
    Private::X(k) => Public::X(x25519_dalek::PublicKey::from(k)),
    Private::Ed448(k) => Public::Ed448(k.verifying_key()),
    Private::X448(k) => Public::X448(x448_public(k)),
    Private::Dsa(k) => Public::Dsa(k.verifying_key().clone()),
    Private::Dh(d, x) => Public::Dh(d.clone(), d.g.modpow(x, &d.p)),
  })
}

pub fn public_der(k: &Public) -> Option<Vec<u8>> {
  Some(match k {
    Public::Rsa(k, None) => k.to_public_key_der().ok()?.as_bytes().to_vec(),
    Public::Rsa(k, Some(params)) => {
      let pkcs1 = k.to_pkcs1_der().ok()?;
      let pder = params.as_ref().and_then(pss_params_der);
      let any = match &pder {
        Some(d) => Some(AnyRef::from_der(d).ok()?),
        None => None,
      };
      spki_der(OID_RSA_PSS, any, pkcs1.as_bytes())?
    }
    Public::Ec(curve, point) => with_curve!(*curve, m => m::PublicKey::from_sec1_bytes(point).ok()?.to_public_key_der().ok()?.as_bytes().to_vec()),
    Public::Ed(k) => spki_der(OID_ED25519, None, k.as_bytes())?,
    Public::X(k) => spki_der(OID_X25519, None, k.as_bytes())?,
    Public::Ed448(k) => spki_der(OID_ED448, None, k.as_bytes())?,
    Public::X448(k) => spki_der(OID_X448, None, k)?,
    Public::Dsa(k) => k.to_public_key_der().ok()?.as_bytes().to_vec(),
    Public::Dh(d, y) => spki_der(OID_DH, Some(AnyRef::from_der(&d.params).ok()?), &uint_der(y)?)?,
  })
}

fn undef<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
  v8::undefined(scope).into()
}

/// `[type, pkcs8|undefined, spki, modulusBits, exponent, namedCurve, pssParams,
/// divisorBits]`; pssParams is `[hash, mgf1Hash, saltLength]` for an RSA-PSS key with
/// parameters, divisorBits the size of a DSA key's q.
fn key_array<'s>(scope: &mut v8::PinScope<'s, '_>, private: Option<Vec<u8>>, public: &Public) -> Option<v8::Local<'s, v8::Value>> {
  let spki = public_der(public)?;
  let ty = match public {
    Public::Rsa(_, None) => "rsa",
    Public::Rsa(_, Some(_)) => "rsa-pss",
    Public::Ec(..) => "ec",
    Public::Ed(_) => "ed25519",
    Public::X(_) => "x25519",
    Public::Ed448(_) => "ed448",
    Public::X448(_) => "x448",
    Public::Dsa(_) => "dsa",
    Public::Dh(..) => "dh",
  };
  let mut vals: Vec<v8::Local<v8::Value>> = vec![new_string(scope, ty).into()];
  vals.push(match private {
    Some(p) => bytes_to_uint8array(scope, p).into(),
    None => undef(scope),
  });
  vals.push(bytes_to_uint8array(scope, spki).into());
  match public {
    Public::Rsa(k, params) => {
      vals.push(v8::Number::new(scope, k.n().bits() as f64).into());
      vals.push(bytes_to_uint8array(scope, k.e().to_bytes_be()).into());
      vals.push(undef(scope));
      vals.push(match params {
        Some(Some(p)) => {
          let items: Vec<v8::Local<v8::Value>> = vec![new_string(scope, p.hash).into(), new_string(scope, p.mgf1).into(), v8::Number::new(scope, p.salt as f64).into()];
          v8::Array::new_with_elements(scope, &items).into()
        }
        _ => undef(scope),
      });
    }
    Public::Ec(curve, _) => {
      vals.push(undef(scope));
      vals.push(undef(scope));
      vals.push(new_string(scope, curve.name()).into());
    }
    // modulusLength, and divisorLength after three empty slots.
    Public::Dsa(k) => {
      vals.push(v8::Number::new(scope, k.components().p().bits() as f64).into());
      for _ in 0..3 {
        vals.push(undef(scope));
      }
      vals.push(v8::Number::new(scope, k.components().q().bits() as f64).into());
    }
    _ => {}
  }
  Some(v8::Array::new_with_elements(scope, &vals).into())
}

/// `keyParse(format, der, private)` -> the array of `key_array`; a string naming a key
/// type amber does not implement ('ec curve'); or
/// undefined when the bytes are not a key. Formats: 'pkcs8', 'pkcs1', 'sec1' (private);
/// 'spki', 'pkcs1' (public).
fn key_parse<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let format = string_arg(scope, &args, 0);
  let der = bytes_arg(args.get(1)).unwrap_or_default();
  let private = args.get(2).boolean_value(scope);
  let out = if private {
    match private_from(&format, &der) {
      Parsed::Key(k) => (|| {
        let pkcs8 = if format == "pkcs8" { der.clone() } else { private_der(&k)? };
        key_array(scope, Some(pkcs8), &public_of(&k)?)
      })(),
      Parsed::Unsupported(name) => return set_string(scope, &mut rv, name),
      Parsed::Invalid => None,
    }
  } else {
    match public_from(&format, &der) {
      Parsed::Key(k) => key_array(scope, None, &k),
      Parsed::Unsupported(name) => return set_string(scope, &mut rv, name),
      Parsed::Invalid => None,
    }
  };
  if let Some(v) = out {
    rv.set(v);
  }
}

fn static_hash(name: &str) -> Option<&'static str> {
  ["sha1", "sha224", "sha256", "sha384", "sha512"].into_iter().find(|n| *n == name)
}

/// `keyGenerate(type, modulusBits|namedCurve|prime, publicExponent|divisorBits|generator,
/// pssParams)` -> the same array as `keyParse`. Types: 'rsa', 'rsa-pss', 'ec', 'ed25519',
/// 'x25519', 'dsa' (or the string 'size' for sizes it cannot make), 'dh'.
fn key_generate<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let ty = string_arg(scope, &args, 0);
  let key = match ty.as_str() {
    "rsa" | "rsa-pss" => {
      let bits = args.get(1).uint32_value(scope).unwrap_or(2048) as usize;
      let exp = args.get(2).number_value(scope).unwrap_or(65537.0) as u64;
      let params = if ty == "rsa" {
        None
      } else if let Ok(arr) = v8::Local::<v8::Array>::try_from(args.get(3)) {
        let get = |scope: &mut v8::PinScope, i| arr.get_index(scope, i).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
        let hash = get(scope, 0);
        let mgf1 = get(scope, 1);
        let salt = arr.get_index(scope, 2).and_then(|v| v.uint32_value(scope)).unwrap_or(20) as usize;
        let (Some(hash), Some(mgf1)) = (static_hash(&hash), static_hash(&mgf1)) else { return };
        Some(Some(PssParams { hash, mgf1, salt }))
      } else {
        Some(None)
      };
      match rsa::RsaPrivateKey::new_with_exp(&mut OsRng, bits, &rsa::BigUint::from(exp)) {
        Ok(k) => Private::Rsa(k, params),
        Err(e) => return throw_error(scope, &format!("RSA key generation failed: {e}")),
      }
    }
    "ec" => {
      let Some(curve) = Curve::from_name(&string_arg(scope, &args, 1)) else { return };
      with_curve!(curve, m => Private::Ec(curve, m::SecretKey::random(&mut OsRng).to_bytes().to_vec()))
    }
    "dsa" => {
      // OpenSSL's limits: p of 1024 bits or more ("bad ffc parameters" below), q of 160,
      // 224 (the default) or 256 bits. The sizes FIPS 186-4 names go to the dsa crate's
      // generator, the others to the same search in prime.rs.
      let l = args.get(1).uint32_value(scope).unwrap_or(0);
      let n = match args.get(2).uint32_value(scope).unwrap_or(0) {
        0 => 224,
        n => n,
      };
      if l < 1024 {
        return set_string(scope, &mut rv, "ffc");
      }
      if ![160, 224, 256].contains(&n) {
        return set_string(scope, &mut rv, "failed");
      }
      #[allow(deprecated)]
      let size = match (l, n) {
        (1024, 160) => Some(dsa::KeySize::DSA_1024_160),
        (2048, 224) => Some(dsa::KeySize::DSA_2048_224),
        (2048, 256) => Some(dsa::KeySize::DSA_2048_256),
        (3072, 256) => Some(dsa::KeySize::DSA_3072_256),
        _ => None,
      };
      let components = match size {
        Some(size) => dsa::Components::generate(&mut OsRng, size),
        None => {
          let (p, q, g) = super::prime::dsa_components(l as usize, n as usize);
          let Ok(c) = dsa::Components::from_components(p, q, g) else { return set_string(scope, &mut rv, "failed") };
          c
        }
      };
      Private::Dsa(dsa::SigningKey::generate(&mut OsRng, components))
    }
    "dh" => {
      // (prime, generator, privateBits) with big-endian bytes; x is random below p - 1
      // with p's size less one bit, as OpenSSL chooses it without a privateValueLength.
      let p = rsa::BigUint::from_bytes_be(&bytes_arg(args.get(1)).unwrap_or_default());
      let g = rsa::BigUint::from_bytes_be(&bytes_arg(args.get(2)).unwrap_or_default());
      let Some(domain) = DhDomain::new(p, g) else { return };
      // The named groups get OpenSSL's shorter exponents (`privateBits`).
      let xbits = match args.get(3).uint32_value(scope).unwrap_or(0) as usize {
        0 => domain.p.bits() - 1,
        n => n.min(domain.p.bits() - 1),
      };
      let x = loop {
        use num_bigint_dig::RandBigInt;
        let x = OsRng.gen_biguint(xbits);
        if x.bits() > 1 {
          break x;
        }
      };
      Private::Dh(domain, x)
    }
    "ed25519" => Private::Ed(ed25519_dalek::SigningKey::generate(&mut OsRng)),
    "x25519" => Private::X(x25519_dalek::StaticSecret::random_from_rng(OsRng)),
    "ed448" | "x448" => {
      use rand_core::RngCore;
      let mut seed = [0u8; 57];
      OsRng.fill_bytes(&mut seed);
      if ty == "x448" {
        Private::X448(seed[..56].try_into().unwrap_or([0; 56]))
      } else {
        let Some(k) = ed448_signing(&seed) else { return };
        k
      }
    }
    _ => return,
  };
  let pkcs8 = private_der(&key);
  if let Some(v) = public_of(&key).and_then(|p| key_array(scope, pkcs8, &p)) {
    rv.set(v);
  }
}

pub fn prehash(alg: &str, data: &[u8]) -> Option<Vec<u8>> {
  Some(match alg {
    "md5" => md5::Md5::digest(data).to_vec(),
    "sha1" => sha1::Sha1::digest(data).to_vec(),
    "sha224" => sha2::Sha224::digest(data).to_vec(),
    "sha256" => sha2::Sha256::digest(data).to_vec(),
    "sha384" => sha2::Sha384::digest(data).to_vec(),
    "sha512" => sha2::Sha512::digest(data).to_vec(),
    _ => return None,
  })
}

/// Runs `$body` with `$d` the RustCrypto digest type named by `$alg`; None otherwise.
macro_rules! with_digest {
  ($alg:expr, $d:ident => $body:expr) => {
    match $alg {
      "md5" => {
        type $d = md5::Md5;
        Some($body)
      }
      "sha1" => {
        type $d = sha1::Sha1;
        Some($body)
      }
      "sha224" => {
        type $d = sha2::Sha224;
        Some($body)
      }
      "sha256" => {
        type $d = sha2::Sha256;
        Some($body)
      }
      "sha384" => {
        type $d = sha2::Sha384;
        Some($body)
      }
      "sha512" => {
        type $d = sha2::Sha512;
        Some($body)
      }
      _ => None,
    }
  };
}

/// PKCS#1 v1.5: None for an unknown digest; Err when the DigestInfo does not fit the key
/// (OpenSSL's "digest too big for rsa key").
fn rsa_sign(alg: &str, k: rsa::RsaPrivateKey, data: &[u8]) -> Option<Result<Vec<u8>, &'static str>> {
  use rsa::pkcs1v15::SigningKey;
  with_digest!(alg, D => SigningKey::<D>::new(k).try_sign(data).map(|s| s.to_vec()).map_err(|_| "digest too big"))
}

fn rsa_verify(alg: &str, k: rsa::RsaPublicKey, data: &[u8], sig: &[u8]) -> Option<bool> {
  use rsa::pkcs1v15::{Signature, VerifyingKey};
  let Ok(sig) = Signature::try_from(sig) else { return prehash(alg, b"").map(|_| false) };
  with_digest!(alg, D => VerifyingKey::<D>::new(k).verify(data, &sig).is_ok())
}

/// The largest PSS salt for a key of `bits` and a digest of `h_len` bytes.
fn pss_max_salt(bits: usize, h_len: usize) -> usize {
  let em_len = (bits - 1).div_ceil(8);
  em_len.saturating_sub(h_len + 2)
}

/// Salt length arguments: -1 digest length, -2 the maximum (signing) or any (verifying).
fn rsa_pss_sign(alg: &str, k: &rsa::RsaPrivateKey, data: &[u8], salt: i64) -> Option<Result<Vec<u8>, &'static str>> {
  let hashed = prehash(alg, data)?;
  let max = pss_max_salt(k.n().bits(), hashed.len());
  let salt = match salt {
    -1 => hashed.len(),
    -2 => max,
    s if s >= 0 => s as usize,
    _ => return Some(Err("salt")),
  };
  if salt > max {
    return Some(Err("salt"));
  }
  with_digest!(alg, D => k.sign_with_rng(&mut OsRng, rsa::Pss::new_with_salt::<D>(salt), &hashed).map_err(|_| "salt"))
}

fn rsa_pss_verify(alg: &str, k: &rsa::RsaPublicKey, data: &[u8], sig: &[u8], salt: i64) -> Option<bool> {
  // Any salt length: EMSA-PSS verification recovers it from the encoded message, one
  // public operation (see `pss_verify`).
  if salt == -2 {
    return rsa_pss_verify_mgf(alg, alg, k, data, sig, salt);
  }
  let hashed = prehash(alg, data)?;
  let s = match salt {
    -1 => hashed.len(),
    s if s >= 0 => s as usize,
    _ => return Some(false),
  };
  with_digest!(alg, D => k.verify(rsa::Pss::new_with_salt::<D>(s), &hashed, sig).is_ok())
}

/// The digest as ECDSA's integer input: RustCrypto refuses digests shorter than half the
/// field, which OpenSSL takes as they are (SHA-256 with P-521); zeros on the left keep
/// the same integer.
fn ec_prehash(curve: Curve, alg: &str, data: &[u8]) -> Option<Vec<u8>> {
  let h = prehash(alg, data)?;
  if h.len() >= curve.size() {
    return Some(h);
  }
  let mut out = vec![0u8; curve.size() - h.len()];
  out.extend_from_slice(&h);
  Some(out)
}

/// MGF1 (RFC 8017 B.2.1) with `alg`, XORed into `out`.
fn mgf1_xor(out: &mut [u8], alg: &str, seed: &[u8]) -> Option<()> {
  let mut counter = 0u32;
  let mut done = 0;
  while done < out.len() {
    let h = prehash(alg, &[seed, &counter.to_be_bytes()[..]].concat())?;
    for (o, b) in out[done..].iter_mut().zip(h.iter()) {
      *o ^= b;
    }
    done += h.len();
    counter += 1;
  }
  Some(())
}

/// EMSA-PSS encoding (RFC 8017 9.1.1) with separate message and MGF1 digests: what an
/// RSA-PSS key whose parameters name another MGF1 digest signs (OpenSSL keeps MGF1 at
/// SHA-1 unless told otherwise; the rsa crate ties MGF1 to the message digest).
fn pss_encode(m_hash: &[u8], em_bits: usize, salt: &[u8], alg: &str, mgf: &str) -> Option<Vec<u8>> {
  let h_len = m_hash.len();
  let em_len = em_bits.div_ceil(8);
  if em_len < h_len + salt.len() + 2 {
    return None;
  }
  let h = prehash(alg, &[&[0u8; 8][..], m_hash, salt].concat())?;
  let mut db = vec![0u8; em_len - h_len - 1];
  let ps = em_len - salt.len() - h_len - 2;
  db[ps] = 1;
  db[ps + 1..].copy_from_slice(salt);
  mgf1_xor(&mut db, mgf, &h)?;
  db[0] &= 0xff >> (8 * em_len - em_bits);
  db.extend_from_slice(&h);
  db.push(0xbc);
  Some(db)
}

/// EMSA-PSS verification (RFC 8017 9.1.2) of `em` (the public operation's output,
/// `key_len` bytes); `salt` None accepts any salt length. Only public data is involved.
fn pss_verify(m_hash: &[u8], em: &[u8], em_bits: usize, salt: Option<usize>, alg: &str, mgf: &str) -> bool {
  let h_len = m_hash.len();
  let em_len = em_bits.div_ceil(8);
  if em.len() < em_len || em[..em.len() - em_len].iter().any(|b| *b != 0) {
    return false;
  }
  let em = &em[em.len() - em_len..];
  if em_len < h_len + 2 || em[em_len - 1] != 0xbc {
    return false;
  }
  let (masked, rest) = em.split_at(em_len - h_len - 1);
  let h = &rest[..h_len];
  let top = 0xffu8 >> (8 * em_len - em_bits);
  if masked[0] & !top != 0 {
    return false;
  }
  let mut db = masked.to_vec();
  if mgf1_xor(&mut db, mgf, h).is_none() {
    return false;
  }
  db[0] &= top;
  let Some(pos) = db.iter().position(|b| *b != 0) else { return false };
  if db[pos] != 1 {
    return false;
  }
  let salt_bytes = &db[pos + 1..];
  if salt.is_some_and(|s| s != salt_bytes.len()) {
    return false;
  }
  prehash(alg, &[&[0u8; 8][..], m_hash, salt_bytes].concat()).is_some_and(|h2| h2 == h)
}

fn rsa_pss_sign_mgf(alg: &str, mgf: &str, k: &rsa::RsaPrivateKey, data: &[u8], salt: i64) -> Option<Result<Vec<u8>, &'static str>> {
  use rand_core::RngCore;
  let hashed = prehash(alg, data)?;
  prehash(mgf, b"")?;
  let bits = k.n().bits();
  let max = pss_max_salt(bits, hashed.len());
  let salt = match salt {
    -1 => hashed.len(),
    -2 => max,
    s if s >= 0 && (s as usize) <= max => s as usize,
    _ => return Some(Err("salt")),
  };
  let mut salt_bytes = vec![0u8; salt];
  OsRng.fill_bytes(&mut salt_bytes);
  let Some(em) = pss_encode(&hashed, bits - 1, &salt_bytes, alg, mgf) else { return Some(Err("salt")) };
  let m = rsa::BigUint::from_bytes_be(&em);
  let Ok(s) = rsa::hazmat::rsa_decrypt_and_check(k, Some(&mut OsRng), &m) else { return Some(Err("salt")) };
  let b = s.to_bytes_be();
  let mut out = vec![0u8; k.size() - b.len()];
  out.extend_from_slice(&b);
  Some(Ok(out))
}

fn rsa_pss_verify_mgf(alg: &str, mgf: &str, k: &rsa::RsaPublicKey, data: &[u8], sig: &[u8], salt: i64) -> Option<bool> {
  let hashed = prehash(alg, data)?;
  prehash(mgf, b"")?;
  if sig.len() != k.size() {
    return Some(false);
  }
  let s = rsa::BigUint::from_bytes_be(sig);
  if &s >= k.n() {
    return Some(false);
  }
  let Ok(m) = rsa::hazmat::rsa_encrypt(k, &s) else { return Some(false) };
  let b = m.to_bytes_be();
  let mut em = vec![0u8; k.size() - b.len()];
  em.extend_from_slice(&b);
  let want = match salt {
    -1 => Some(hashed.len()),
    -2 => None,
    s if s >= 0 => Some(s as usize),
    _ => return Some(false),
  };
  Some(pss_verify(&hashed, &em, k.n().bits() - 1, want, alg, mgf))
}

fn ec_sign(curve: Curve, scalar: &[u8], alg: &str, data: &[u8], p1363: bool) -> Option<Vec<u8>> {
  use p256::ecdsa::signature::hazmat::PrehashSigner;
  let h = ec_prehash(curve, alg, data)?;
  with_curve!(curve, m => {
    let key = m::ecdsa::SigningKey::from_slice(scalar).ok()?;
    let s: m::ecdsa::Signature = key.sign_prehash(&h).ok()?;
    Some(if p1363 { s.to_bytes().to_vec() } else { s.to_der().as_bytes().to_vec() })
  })
}

fn ec_verify(curve: Curve, point: &[u8], alg: &str, data: &[u8], sig: &[u8], p1363: bool) -> Option<bool> {
  use p256::ecdsa::signature::hazmat::PrehashVerifier;
  let h = ec_prehash(curve, alg, data)?;
  with_curve!(curve, m => {
    let Ok(key) = m::ecdsa::VerifyingKey::from_sec1_bytes(point) else { return Some(false) };
    let s = if p1363 { m::ecdsa::Signature::from_slice(sig) } else { m::ecdsa::Signature::from_der(sig) };
    // k256 accepts only low-S signatures (Bitcoin's rule); OpenSSL's have either S, and
    // (r, s) and (r, n - s) are equally valid ECDSA signatures.
    Some(s.is_ok_and(|s| key.verify_prehash(&h, &s.normalize_s().unwrap_or(s)).is_ok()))
  })
}

/// DSA with a digest (deterministic k, RFC 6979: as valid as OpenSSL's random k), as
/// DER or as r || s of q's size each (IEEE P1363).
fn dsa_sign(k: &dsa::SigningKey, alg: &str, data: &[u8], p1363: bool) -> Option<Vec<u8>> {
  use rsa::signature::DigestSigner;
  let sig: dsa::Signature = with_digest!(alg, D => k.try_sign_digest(D::new_with_prefix(data)).ok())??;
  if !p1363 {
    return Some(sig.to_vec());
  }
  let n = k.verifying_key().components().q().bits().div_ceil(8);
  let mut out = Vec::with_capacity(2 * n);
  for part in [sig.r(), sig.s()] {
    let b = part.to_bytes_be();
    out.extend(std::iter::repeat_n(0, n.checked_sub(b.len())?));
    out.extend_from_slice(&b);
  }
  Some(out)
}

fn dsa_verify(k: &dsa::VerifyingKey, alg: &str, data: &[u8], sig: &[u8], p1363: bool) -> Option<bool> {
  use rsa::signature::DigestVerifier;
  prehash(alg, b"")?;
  let sig = if p1363 {
    let n = k.components().q().bits().div_ceil(8);
    if sig.len() != 2 * n {
      return Some(false);
    }
    dsa::Signature::from_components(rsa::BigUint::from_bytes_be(&sig[..n]), rsa::BigUint::from_bytes_be(&sig[n..]))
  } else {
    dsa::Signature::try_from(sig)
  };
  let Ok(sig) = sig else { return Some(false) };
  with_digest!(alg, D => k.verify_digest(D::new_with_prefix(data), &sig).is_ok())
}

/// `sign(digest, pkcs8, data, p1363, padding, saltLength)` -> signature, or a string
/// naming the problem: 'digest' (a digest the key cannot use), 'salt' (PSS salt too
/// long for the key), 'operation' (the key type does not sign).
fn sign<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let der = bytes_arg(args.get(1)).unwrap_or_default();
  let data = bytes_arg(args.get(2)).unwrap_or_default();
  let p1363 = args.get(3).boolean_value(scope);
  let padding = args.get(4).uint32_value(scope).unwrap_or(1);
  let salt = args.get(5).integer_value(scope).unwrap_or(-2);
  let Parsed::Key(key) = private_from("pkcs8", &der) else { return };
  let sig: Result<Vec<u8>, &str> = match key {
    Private::Ed(k) => Ok(ed25519_dalek::Signer::sign(&k, &data).to_bytes().to_vec()),
    Private::Rsa(k, Some(Some(p))) if p.mgf1 != alg => rsa_pss_sign_mgf(&alg, p.mgf1, &k, &data, salt).unwrap_or(Err("digest")),
    Private::Rsa(k, pss) if padding == 6 || pss.is_some() => rsa_pss_sign(&alg, &k, &data, salt).unwrap_or(Err("digest")),
    Private::Rsa(k, _) => rsa_sign(&alg, k, &data).unwrap_or(Err("digest")),
    Private::Ec(curve, scalar) => ec_sign(curve, &scalar, &alg, &data, p1363).ok_or("digest"),
    Private::Ed448(k) => Ok(k.sign_raw(&data).to_bytes().to_vec()),
    Private::Dsa(k) => dsa_sign(&k, &alg, &data, p1363).ok_or("digest"),
    Private::X(_) | Private::X448(_) | Private::Dh(..) => Err("operation"),
  };
  match sig {
    Ok(s) => {
      let arr = bytes_to_uint8array(scope, s);
      rv.set(arr.into());
    }
    Err(e) => set_string(scope, &mut rv, e),
  }
}

/// `verify(digest, spki, data, signature, p1363, padding, saltLength)` -> boolean, or a
/// string as for `sign`.
fn verify<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let der = bytes_arg(args.get(1)).unwrap_or_default();
  let data = bytes_arg(args.get(2)).unwrap_or_default();
  let sig = bytes_arg(args.get(3)).unwrap_or_default();
  let p1363 = args.get(4).boolean_value(scope);
  let padding = args.get(5).uint32_value(scope).unwrap_or(1);
  let salt = args.get(6).integer_value(scope).unwrap_or(-2);
  let Parsed::Key(key) = public_from("spki", &der) else { return };
  let ok: Result<bool, &str> = match key {
    Public::Ed(k) => Ok(ed25519_dalek::Signature::from_slice(&sig).is_ok_and(|s| k.verify(&data, &s).is_ok())),
    Public::Rsa(k, Some(Some(p))) if p.mgf1 != alg => rsa_pss_verify_mgf(&alg, p.mgf1, &k, &data, &sig, salt).ok_or("digest"),
    Public::Rsa(k, pss) if padding == 6 || pss.is_some() => rsa_pss_verify(&alg, &k, &data, &sig, salt).ok_or("digest"),
    Public::Rsa(k, _) => rsa_verify(&alg, k, &data, &sig).ok_or("digest"),
    Public::Ec(curve, point) => ec_verify(curve, &point, &alg, &data, &sig, p1363).ok_or("digest"),
    Public::Ed448(k) => Ok(ed448_goldilocks::Signature::from_slice(&sig).is_ok_and(|s| k.verify_raw(&s, &data).is_ok())),
    Public::Dsa(k) => dsa_verify(&k, &alg, &data, &sig, p1363).ok_or("digest"),
    Public::X(_) | Public::X448(_) | Public::Dh(..) => Err("operation"),
  };
  match ok {
    Ok(b) => rv.set(v8::Boolean::new(scope, b).into()),
    Err(e) => set_string(scope, &mut rv, e),
  }
}

/// OpenSSL's SEC1 `ECPrivateKey`: version, key, [0] the curve's OID, [1] the
/// uncompressed public point (RustCrypto's encoder leaves out the parameters).
fn ec_sec1(curve: Curve, scalar: &[u8]) -> Option<Vec<u8>> {
  let point = ec_public_of(curve, scalar, false)?;
  let ec = sec1::EcPrivateKey {
    private_key: scalar,
    parameters: Some(sec1::EcParameters::NamedCurve(curve.oid())),
    public_key: Some(&point),
  };
  ec.to_der().ok()
}

/// `keyExport(type, der, private)`: a PKCS#8 private key as 'pkcs1' (RSA) or 'sec1'
/// (EC), an SPKI public key as 'pkcs1' (RSA), or the raw parts as 'raw': an EC key's
/// scalar or point, an OKP key's 32 bytes. Undefined when the key has no such form.
fn key_export<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let ty = string_arg(scope, &args, 0);
  let der = bytes_arg(args.get(1)).unwrap_or_default();
  let private = args.get(2).boolean_value(scope);
  let out = if private {
    match (ty.as_str(), private_from("pkcs8", &der)) {
      ("pkcs1", Parsed::Key(Private::Rsa(k, None))) => k.to_pkcs1_der().ok().map(|d| d.as_bytes().to_vec()),
      ("sec1", Parsed::Key(Private::Ec(curve, scalar))) => ec_sec1(curve, &scalar),
      ("raw", Parsed::Key(Private::Ec(_, scalar))) => Some(scalar),
      ("raw", Parsed::Key(Private::Ed(k))) => Some(k.to_bytes().to_vec()),
      ("raw", Parsed::Key(Private::X(k))) => Some(k.to_bytes().to_vec()),
      ("raw", Parsed::Key(Private::Ed448(k))) => Some(k.as_bytes().to_vec()),
      ("raw", Parsed::Key(Private::X448(k))) => Some(k.to_vec()),
      _ => None,
    }
  } else {
    match (ty.as_str(), public_from("spki", &der)) {
      ("pkcs1", Parsed::Key(Public::Rsa(k, None))) => k.to_pkcs1_der().ok().map(|d| d.as_bytes().to_vec()),
      ("raw", Parsed::Key(Public::Ec(_, point))) => Some(point),
      ("raw", Parsed::Key(Public::Ed(k))) => Some(k.as_bytes().to_vec()),
      ("raw", Parsed::Key(Public::X(k))) => Some(k.as_bytes().to_vec()),
      ("raw", Parsed::Key(Public::Ed448(k))) => Some(k.as_bytes().to_vec()),
      ("raw", Parsed::Key(Public::X448(k))) => Some(k.to_vec()),
      _ => None,
    }
  };
  if let Some(o) = out {
    let arr = bytes_to_uint8array(scope, o);
    rv.set(arr.into());
  }
}

/// `keyFromRaw(type, private, bytes)`: PKCS#8 (private) or SPKI (public) DER for raw
/// key material: type 'ed25519', 'x25519' or an EC curve name (scalar or SEC1 point).
/// Undefined when the bytes are not a valid key.
fn key_from_raw<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let ty = string_arg(scope, &args, 0);
  let private = args.get(1).boolean_value(scope);
  let bytes = bytes_arg(args.get(2)).unwrap_or_default();
  let out = (|| {
    let b32 = || <[u8; 32]>::try_from(bytes.as_slice()).ok();
    match (ty.as_str(), private) {
      ("ed25519", true) => okp_pkcs8(OID_ED25519, &b32()?),
      ("ed25519", false) => public_der(&Public::Ed(ed25519_dalek::VerifyingKey::from_bytes(&b32()?).ok()?)),
      ("x25519", true) => okp_pkcs8(OID_X25519, &b32()?),
      ("x25519", false) => public_der(&Public::X(x25519_dalek::PublicKey::from(b32()?))),
      ("ed448", true) => private_der(&ed448_signing(&<[u8; 57]>::try_from(bytes.as_slice()).ok()?)?),
      ("ed448", false) => public_der(&Public::Ed448(ed448_verifying(&bytes)?)),
      ("x448", true) => okp_pkcs8(OID_X448, &<[u8; 56]>::try_from(bytes.as_slice()).ok()?),
      ("x448", false) => public_der(&Public::X448(<[u8; 56]>::try_from(bytes.as_slice()).ok()?)),
      (name, true) => {
        let curve = Curve::from_name(name)?;
        if bytes.len() != curve.size() {
          return None;
        }
        private_der(&Private::Ec(curve, bytes.clone()))
      }
      (name, false) => {
        let curve = Curve::from_name(name)?;
        public_der(&Public::Ec(curve, ec_convert(curve, &bytes, false)?))
      }
    }
  })();
  if let Some(o) = out {
    let arr = bytes_to_uint8array(scope, o);
    rv.set(arr.into());
  }
}

pub fn register(reg: &mut crate::registry::Registry) {
  reg.add("crypto.keyParse", key_parse);
  reg.add("crypto.keyExport", key_export);
  reg.add("crypto.keyFromRaw", key_from_raw);
  reg.add("crypto.keyGenerate", key_generate);
  reg.add("crypto.sign", sign);
  reg.add("crypto.verify", verify);
}
