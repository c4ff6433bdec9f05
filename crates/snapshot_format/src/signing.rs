//! Signed snapshots: Ed25519 keys, their text files, and the signature section.
//!
//! A checksum only catches accidents; anyone who can edit a snapshot can fix it up. A
//! signature made with a secret key, checked against a public key the user trusts,
//! says the file is exactly what the key's owner built. Checking happens before V8
//! sees a byte of the blob (V8 trusts its input and aborts, or worse, on a crafted one).
//!
//! ```text
//! // Layout of the signature section (96 bytes)
//! 0   32  Ed25519 public key of the signer
//! 32  64  Ed25519 signature of the message
//!         "amber snapshot signature v1\0" + BLAKE3-256 of the file's bytes 0..H+S+B
//!         (header, sidecar, blob)
//!
//! // Key files (text, one line)
//! amber-snapshot-secret-key-ed25519 <64 hex digits: the 32-byte seed>
//! amber-snapshot-public-key-ed25519 <64 hex digits: the 32-byte public key>
//! ```

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

/// What is signed: a domain-separated BLAKE3 digest of the covered bytes. Hashing with
/// BLAKE3 (SIMD, several GB/s) instead of Ed25519's own SHA-512 over the whole file
/// keeps `--verify-key` cheap at every start of a large snapshot.
fn message(bytes: &[u8]) -> Vec<u8> {
  let mut m = b"amber snapshot signature v1\0".to_vec();
  m.extend_from_slice(blake3::hash(bytes).as_bytes());
  m
}

const SECRET_PREFIX: &str = "amber-snapshot-secret-key-ed25519 ";
const PUBLIC_PREFIX: &str = "amber-snapshot-public-key-ed25519 ";

/// A secret signing key (zeroed when dropped).
pub struct SecretKey(SigningKey);

/// A public key that signatures are checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicKey(pub [u8; 32]);

/// The signature section of a signed file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignatureSection {
  pub key: PublicKey,
  pub signature: [u8; 64],
}

/// Why a signed file is refused. Messages are one line and name keys by their id.
#[derive(Debug, PartialEq, Eq)]
pub enum SignatureError {
  Unsigned,
  OtherKey { signed_by: String, expected: String },
  Invalid,
}

impl std::fmt::Display for SignatureError {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      SignatureError::Unsigned => write!(f, "snapshot is not signed, and a verify key is set (--verify-key or AMBER_SNAPSHOT_VERIFY_KEY)"),
      SignatureError::OtherKey { signed_by, expected } => write!(f, "snapshot is signed by another key (key {signed_by}, expected {expected})"),
      SignatureError::Invalid => write!(f, "snapshot signature does not match its contents (tampered or corrupted)"),
    }
  }
}

fn hex(bytes: &[u8]) -> String {
  bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex32(s: &str) -> Option<[u8; 32]> {
  let s = s.trim();
  if s.len() != 64 || !s.bytes().all(|c| c.is_ascii_hexdigit()) {
    return None;
  }
  let mut out = [0u8; 32];
  for (i, b) in out.iter_mut().enumerate() {
    *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
  }
  Some(out)
}

impl SecretKey {
  /// A key from 32 random bytes (the caller draws them from the OS).
  pub fn from_seed(seed: [u8; 32]) -> SecretKey {
    SecretKey(SigningKey::from_bytes(&seed))
  }
  pub fn public(&self) -> PublicKey {
    PublicKey(self.0.verifying_key().to_bytes())
  }
  /// The key file's text.
  pub fn to_text(&self) -> String {
    format!("{SECRET_PREFIX}{}\n", hex(&self.0.to_bytes()))
  }
  pub fn from_text(text: &str) -> Result<SecretKey, String> {
    let rest = text.trim_end().strip_prefix(SECRET_PREFIX).ok_or("not an amber snapshot secret key (made by `amber snapshot keygen`)")?;
    unhex32(rest).map(SecretKey::from_seed).ok_or_else(|| "malformed amber snapshot secret key".to_string())
  }
  pub fn sign(&self, bytes: &[u8]) -> SignatureSection {
    SignatureSection { key: self.public(), signature: self.0.sign(&message(bytes)).to_bytes() }
  }
}

impl PublicKey {
  pub fn to_text(&self) -> String {
    format!("{PUBLIC_PREFIX}{}\n", hex(&self.0))
  }
  pub fn from_text(text: &str) -> Result<PublicKey, String> {
    if text.starts_with(SECRET_PREFIX) {
      return Err("this is a secret key; give the public key (the .pub file)".into());
    }
    let rest = text.trim_end().strip_prefix(PUBLIC_PREFIX).ok_or("not an amber snapshot public key (made by `amber snapshot keygen`)")?;
    unhex32(rest).map(PublicKey).ok_or_else(|| "malformed amber snapshot public key".to_string())
  }
  /// A short name for messages: the first 8 bytes in hex.
  pub fn id(&self) -> String {
    hex(&self.0[..8])
  }
}

impl SignatureSection {
  pub const LEN: usize = 96;
  pub fn to_bytes(&self) -> [u8; 96] {
    let mut out = [0u8; 96];
    out[..32].copy_from_slice(&self.key.0);
    out[32..].copy_from_slice(&self.signature);
    out
  }
  pub fn from_bytes(b: &[u8]) -> Option<SignatureSection> {
    if b.len() != Self::LEN {
      return None;
    }
    Some(SignatureSection { key: PublicKey(b[..32].try_into().unwrap()), signature: b[32..].try_into().unwrap() })
  }
}

/// Checks that `signed_bytes` carry a valid signature by `trusted`.
pub fn verify(signed_bytes: &[u8], section: Option<&SignatureSection>, trusted: &PublicKey) -> Result<(), SignatureError> {
  let section = section.ok_or(SignatureError::Unsigned)?;
  if section.key != *trusted {
    return Err(SignatureError::OtherKey { signed_by: section.key.id(), expected: trusted.id() });
  }
  let key = VerifyingKey::from_bytes(&trusted.0).map_err(|_| SignatureError::Invalid)?;
  key.verify_strict(&message(signed_bytes), &Signature::from_bytes(&section.signature)).map_err(|_| SignatureError::Invalid)
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn sign_and_verify() {
    let key = SecretKey::from_seed([7; 32]);
    let other = SecretKey::from_seed([8; 32]);
    let section = key.sign(b"snapshot bytes");
    assert_eq!(verify(b"snapshot bytes", Some(&section), &key.public()), Ok(()));
    assert_eq!(verify(b"snapshot bytez", Some(&section), &key.public()), Err(SignatureError::Invalid));
    assert_eq!(verify(b"snapshot bytes", None, &key.public()), Err(SignatureError::Unsigned));
    assert!(matches!(verify(b"snapshot bytes", Some(&section), &other.public()), Err(SignatureError::OtherKey { .. })));
    // A section claiming the trusted key but signed by another is invalid.
    let forged = SignatureSection { key: key.public(), signature: other.sign(b"snapshot bytes").signature };
    assert_eq!(verify(b"snapshot bytes", Some(&forged), &key.public()), Err(SignatureError::Invalid));
  }

  #[test]
  fn key_files_round_trip() {
    let key = SecretKey::from_seed([42; 32]);
    let again = SecretKey::from_text(&key.to_text()).unwrap();
    assert_eq!(again.public(), key.public());
    assert_eq!(PublicKey::from_text(&key.public().to_text()).unwrap(), key.public());
    assert!(PublicKey::from_text(&key.to_text()).unwrap_err().contains("secret key"));
    assert!(PublicKey::from_text("amber-snapshot-public-key-ed25519 zz").is_err());
    assert!(SecretKey::from_text("hello").is_err());
  }
}
