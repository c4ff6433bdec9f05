//! PKCS#12 files (`pfx` of `tls.createSecureContext`), read as OpenSSL 3's PKCS12_parse
//! reads them with its default provider: the MAC is checked first (HMAC with a key from
//! PKCS#12's own derivation, SHA-1 or SHA-256), then every bag is decrypted, with
//! pbeWithSHAAnd3-KeyTripleDES-CBC (by the `p12` crate) or PBES2 (by `pkcs5`, which
//! takes the password as UTF-8 where PKCS#12's own schemes take it as BMPString). RC2,
//! PBES2 with RC2 included, is OpenSSL's legacy provider, which Node does not load: such
//! files are "Unsupported PKCS12 PFX data" in Node and here. Nothing is kept natively.

use hmac::{Hmac, Mac};
use p12::{AlgorithmIdentifier, ContentInfo, SafeBagKind};
use sha1::{Digest, Sha1};
use sha2::Sha256;

pub enum PfxError {
  /// Not a PKCS#12 structure, or one that cannot be decrypted with what OpenSSL's
  /// default provider has.
  Unsupported,
  /// The password does not verify the MAC.
  Mac,
}

/// The private keys (PKCS#8 DER) and certificates (DER) of a PFX, in file order.
pub struct Contents {
  pub keys: Vec<Vec<u8>>,
  pub certs: Vec<Vec<u8>>,
}

/// A password as PKCS#12's own schemes take it: BMPString with a terminating zero.
fn bmp(s: &str) -> Vec<u8> {
  let mut out: Vec<u8> = s.encode_utf16().flat_map(|c| c.to_be_bytes()).collect();
  out.extend_from_slice(&[0, 0]);
  out
}

/// RFC 7292 appendix B.2: `n` bytes of key material for purpose `id` (3 is the MAC key).
fn derive(hash: fn(&[u8]) -> Vec<u8>, u: usize, password: &[u8], salt: &[u8], id: u8, iterations: u32, n: usize) -> Vec<u8> {
  const V: usize = 64;
  let fill = |x: &[u8]| -> Vec<u8> {
    if x.is_empty() {
      return Vec::new();
    }
    (0..V * x.len().div_ceil(V)).map(|i| x[i % x.len()]).collect()
  };
  let mut i_block = [fill(salt), fill(password)].concat();
  let d = [id; V];
  let mut out = Vec::new();
  loop {
    let mut a = hash(&[&d[..], &i_block].concat());
    for _ in 1..iterations.max(1) {
      a = hash(&a);
    }
    out.extend_from_slice(&a);
    if out.len() >= n {
      out.truncate(n);
      return out;
    }
    let b: Vec<u8> = (0..V).map(|k| a[k % u]).collect();
    for chunk in i_block.chunks_mut(V) {
      let mut carry = 1u16;
      for k in (0..V).rev() {
        let x = chunk[k] as u16 + b[k] as u16 + carry;
        chunk[k] = x as u8;
        carry = x >> 8;
      }
    }
  }
}

fn sha1(b: &[u8]) -> Vec<u8> {
  Sha1::digest(b).to_vec()
}

fn sha256(b: &[u8]) -> Vec<u8> {
  Sha256::digest(b).to_vec()
}

fn mac_ok(mac: &p12::MacData, data: &[u8], password: &[u8]) -> Result<bool, PfxError> {
  const SHA256: &[u64] = &[2, 16, 840, 1, 101, 3, 4, 2, 1];
  match &mac.mac.digest_algorithm {
    AlgorithmIdentifier::Sha1 => {
      let key = derive(sha1, 20, password, &mac.salt, 3, mac.iterations, 20);
      let mut h = Hmac::<Sha1>::new_from_slice(&key).map_err(|_| PfxError::Unsupported)?;
      h.update(data);
      Ok(h.verify_slice(&mac.mac.digest).is_ok())
    }
    AlgorithmIdentifier::OtherAlg(o) if o.algorithm_type.components().as_slice() == SHA256 => {
      let key = derive(sha256, 32, password, &mac.salt, 3, mac.iterations, 32);
      let mut h = Hmac::<Sha256>::new_from_slice(&key).map_err(|_| PfxError::Unsupported)?;
      h.update(data);
      Ok(h.verify_slice(&mac.mac.digest).is_ok())
    }
    _ => Err(PfxError::Unsupported),
  }
}

fn decrypt(alg: &AlgorithmIdentifier, data: &[u8], bmp_password: &[u8], password: &[u8]) -> Result<Vec<u8>, PfxError> {
  match alg {
    AlgorithmIdentifier::PbeWithSHAAnd3KeyTripleDESCBC(_) => alg.decrypt_pbe(data, bmp_password).ok_or(PfxError::Unsupported),
    AlgorithmIdentifier::OtherAlg(_) => {
      let der = yasna::construct_der(|w| alg.write(w));
      let scheme = pkcs8::pkcs5::EncryptionScheme::try_from(der.as_slice()).map_err(|_| PfxError::Unsupported)?;
      scheme.decrypt(password, data).map_err(|_| PfxError::Unsupported)
    }
    _ => Err(PfxError::Unsupported),
  }
}

/// Reads a PFX with `password` (None: OpenSSL's tries, an empty one and none at all).
pub fn read(der: &[u8], password: Option<&str>) -> Result<Contents, PfxError> {
  let pfx = p12::PFX::parse(der).map_err(|_| PfxError::Unsupported)?;
  let ContentInfo::Data(auth) = &pfx.auth_safe else { return Err(PfxError::Unsupported) };
  let text = password.unwrap_or("");
  let mut candidates = vec![bmp(text)];
  if password.is_none() {
    candidates.push(Vec::new());
  }
  let bmp_password = match &pfx.mac_data {
    None => candidates.swap_remove(0),
    Some(mac) => {
      let mut found = None;
      for c in candidates {
        if mac_ok(mac, auth, &c)? {
          found = Some(c);
          break;
        }
      }
      found.ok_or(PfxError::Mac)?
    }
  };
  let contents = yasna::parse_der(auth, |r| r.collect_sequence_of(ContentInfo::parse)).map_err(|_| PfxError::Unsupported)?;
  let mut out = Contents { keys: Vec::new(), certs: Vec::new() };
  for content in &contents {
    let bytes = match content {
      ContentInfo::Data(d) => d.clone(),
      ContentInfo::EncryptedData(e) => {
        let info = &e.encrypted_content_info;
        decrypt(&info.content_encryption_algorithm, &info.encrypted_content, &bmp_password, text.as_bytes())?
      }
      ContentInfo::OtherContext(_) => continue,
    };
    let bags = yasna::parse_der(&bytes, |r| r.collect_sequence_of(p12::SafeBag::parse)).map_err(|_| PfxError::Unsupported)?;
    for bag in bags {
      match &bag.bag {
        SafeBagKind::Pkcs8ShroudedKeyBag(k) => out.keys.push(decrypt(&k.encryption_algorithm, &k.encrypted_data, &bmp_password, text.as_bytes())?),
        SafeBagKind::CertBag(_) => out.certs.extend(bag.bag.get_x509_cert()),
        SafeBagKind::OtherBagKind(_) => {}
      }
    }
  }
  Ok(out)
}
