//! Certificates and protected keys for `node:crypto`: X.509 parsing (RustCrypto
//! `x509-cert`) into plain values for `lib/internal/crypto/x509.js`, encrypted PKCS#8
//! (PBES2 via `pkcs8`'s `encryption` feature) and AES key wrap (`aes-kw`, WebCrypto's
//! AES-KW). Nothing is kept: an X509Certificate is its DER bytes plus what this returns.

use pkcs8::der::{Decode, Encode, Tag, Tagged};
use x509_cert::ext::pkix;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::Name;

use super::super::helpers::*;

fn attr_name(oid: &str) -> &str {
  match oid {
    "2.5.4.3" => "CN",
    "2.5.4.6" => "C",
    "2.5.4.7" => "L",
    "2.5.4.8" => "ST",
    "2.5.4.9" => "street",
    "2.5.4.10" => "O",
    "2.5.4.11" => "OU",
    "2.5.4.4" => "SN",
    "2.5.4.5" => "serialNumber",
    "2.5.4.12" => "title",
    "2.5.4.13" => "description",
    "2.5.4.17" => "postalCode",
    "2.5.4.41" => "name",
    "2.5.4.42" => "GN",
    "2.5.4.43" => "initials",
    "2.5.4.44" => "generationQualifier",
    "2.5.4.46" => "dnQualifier",
    "2.5.4.65" => "pseudonym",
    "1.2.840.113549.1.9.1" => "emailAddress",
    "0.9.2342.19200300.100.1.25" => "DC",
    "0.9.2342.19200300.100.1.1" => "UID",
    "1.3.6.1.4.1.311.60.2.1.3" => "jurisdictionC",
    "2.5.4.15" => "businessCategory",
    other => other,
  }
}

fn any_text(v: &pkcs8::der::Any) -> String {
  let bytes = v.value();
  match v.tag() {
    Tag::BmpString => {
      let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
      String::from_utf16_lossy(&units)
    }
    _ => String::from_utf8_lossy(bytes).into_owned(),
  }
}

/// A Name as `[[shortName, value], ...]`, one entry per attribute; attributes of one
/// multi-valued RDN are marked by a third element `true` on all but the first.
fn name_entries<'s>(scope: &mut v8::PinScope<'s, '_>, name: &Name) -> v8::Local<'s, v8::Value> {
  let mut out: Vec<v8::Local<v8::Value>> = Vec::new();
  for rdn in name.0.iter() {
    for (i, atv) in rdn.0.iter().enumerate() {
      let oid = atv.oid.to_string();
      let mut item: Vec<v8::Local<v8::Value>> = vec![new_string(scope, attr_name(&oid)).into(), new_string(scope, &any_text(&atv.value)).into()];
      if i > 0 {
        item.push(v8::Boolean::new(scope, true).into());
      }
      out.push(v8::Array::new_with_elements(scope, &item).into());
    }
  }
  v8::Array::new_with_elements(scope, &out).into()
}

fn ip_text(b: &[u8]) -> String {
  match b.len() {
    4 => std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string(),
    16 => {
      let a: [u8; 16] = b.try_into().unwrap();
      // OpenSSL prints every group, uppercase, without compression.
      a.chunks(2).map(|c| format!("{:X}", u16::from_be_bytes([c[0], c[1]]))).collect::<Vec<_>>().join(":")
    }
    _ => "<invalid>".into(),
  }
}

/// A GeneralName as `[kind, value]` with OpenSSL's kind labels.
fn general_name(g: &GeneralName) -> (String, String) {
  match g {
    GeneralName::DnsName(s) => ("DNS".into(), s.to_string()),
    GeneralName::Rfc822Name(s) => ("email".into(), s.to_string()),
    GeneralName::UniformResourceIdentifier(s) => ("URI".into(), s.to_string()),
    GeneralName::IpAddress(o) => ("IP Address".into(), ip_text(o.as_bytes())),
    GeneralName::RegisteredId(oid) => ("Registered ID".into(), oid.to_string()),
    GeneralName::DirectoryName(n) => ("DirName".into(), n.to_string()),
    GeneralName::OtherName(_) => ("othername".into(), "<unsupported>".into()),
    GeneralName::EdiPartyName(_) => ("EdiPartyName".into(), "<unsupported>".into()),
  }
}

fn pairs<'s>(scope: &mut v8::PinScope<'s, '_>, items: &[(String, String)]) -> v8::Local<'s, v8::Value> {
  let vals: Vec<v8::Local<v8::Value>> = items
    .iter()
    .map(|(a, b)| {
      let x: [v8::Local<v8::Value>; 2] = [new_string(scope, a).into(), new_string(scope, b).into()];
      v8::Array::new_with_elements(scope, &x).into()
    })
    .collect();
  v8::Array::new_with_elements(scope, &vals).into()
}

fn set_prop<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>, key: &str, value: v8::Local<'s, v8::Value>) {
  let k = new_string(scope, key);
  obj.set(scope, k.into(), value);
}

fn access_method(oid: &str) -> String {
  match oid {
    "1.3.6.1.5.5.7.48.1" => "OCSP".into(),
    "1.3.6.1.5.5.7.48.2" => "CA Issuers".into(),
    o => o.into(),
  }
}

/// `x509Parse(der)` -> an object with subject/issuer entries, validity (Unix seconds),
/// serial (bytes), spki, SAN and AIA pairs, extended key usage OIDs, CA flag, key ids,
/// the raw names and the signed part with its algorithm; undefined when not a certificate.
fn x509_parse<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let der = bytes_arg(args.get(0)).unwrap_or_default();
  let Ok(cert) = x509_cert::Certificate::from_der(&der) else { return };
  let tbs = &cert.tbs_certificate;
  let obj = v8::Object::new(scope);
  let v = name_entries(scope, &tbs.subject);
  set_prop(scope, obj, "subject", v);
  let v = name_entries(scope, &tbs.issuer);
  set_prop(scope, obj, "issuer", v);
  let v = v8::Number::new(scope, tbs.validity.not_before.to_unix_duration().as_secs() as f64).into();
  set_prop(scope, obj, "notBefore", v);
  let v = v8::Number::new(scope, tbs.validity.not_after.to_unix_duration().as_secs() as f64).into();
  set_prop(scope, obj, "notAfter", v);
  let v = bytes_to_uint8array(scope, tbs.serial_number.as_bytes().to_vec()).into();
  set_prop(scope, obj, "serial", v);
  if let Ok(spki) = tbs.subject_public_key_info.to_der() {
    let v = bytes_to_uint8array(scope, spki).into();
    set_prop(scope, obj, "spki", v);
  }
  for (key, name) in [("issuerDer", &tbs.issuer), ("subjectDer", &tbs.subject)] {
    if let Ok(d) = name.to_der() {
      let v = bytes_to_uint8array(scope, d).into();
      set_prop(scope, obj, key, v);
    }
  }
  if let Ok(t) = tbs.to_der() {
    let v = bytes_to_uint8array(scope, t).into();
    set_prop(scope, obj, "tbs", v);
  }
  let v = new_string(scope, &cert.signature_algorithm.oid.to_string()).into();
  set_prop(scope, obj, "sigAlg", v);
  if let Some(p) = cert.signature_algorithm.parameters.as_ref().and_then(|p| p.to_der().ok()) {
    let v = bytes_to_uint8array(scope, p).into();
    set_prop(scope, obj, "sigParams", v);
  }
  let v = bytes_to_uint8array(scope, cert.signature.raw_bytes().to_vec()).into();
  set_prop(scope, obj, "signature", v);
  let mut ca = false;
  for ext in tbs.extensions.iter().flatten() {
    let value = ext.extn_value.as_bytes();
    match ext.extn_id.to_string().as_str() {
      "2.5.29.17" => {
        if let Ok(san) = pkix::SubjectAltName::from_der(value) {
          let items: Vec<_> = san.0.iter().map(general_name).collect();
          let v = pairs(scope, &items);
          set_prop(scope, obj, "san", v);
        }
      }
      "1.3.6.1.5.5.7.1.1" => {
        if let Ok(aia) = pkix::AuthorityInfoAccessSyntax::from_der(value) {
          let items: Vec<_> = aia
            .0
            .iter()
            .map(|a| {
              let (kind, val) = general_name(&a.access_location);
              (access_method(&a.access_method.to_string()), format!("{kind}:{val}"))
            })
            .collect();
          let v = pairs(scope, &items);
          set_prop(scope, obj, "infoAccess", v);
        }
      }
      "2.5.29.37" => {
        if let Ok(eku) = pkix::ExtendedKeyUsage::from_der(value) {
          let vals: Vec<v8::Local<v8::Value>> = eku.0.iter().map(|o| new_string(scope, &o.to_string()).into()).collect();
          let v = v8::Array::new_with_elements(scope, &vals).into();
          set_prop(scope, obj, "extKeyUsage", v);
        }
      }
      "2.5.29.19" => {
        if let Ok(bc) = pkix::BasicConstraints::from_der(value) {
          ca = bc.ca;
        }
      }
      "2.5.29.14" => {
        if let Ok(id) = pkix::SubjectKeyIdentifier::from_der(value) {
          let v = bytes_to_uint8array(scope, id.0.as_bytes().to_vec()).into();
          set_prop(scope, obj, "skid", v);
        }
      }
      "2.5.29.35" => {
        if let Ok(id) = pkix::AuthorityKeyIdentifier::from_der(value) {
          if let Some(k) = id.key_identifier {
            let v = bytes_to_uint8array(scope, k.as_bytes().to_vec()).into();
            set_prop(scope, obj, "akid", v);
          }
        }
      }
      "2.5.29.15" => {
        if let Ok(ku) = pkix::KeyUsage::from_der(value) {
          let v = v8::Boolean::new(scope, ku.key_cert_sign()).into();
          set_prop(scope, obj, "keyCertSign", v);
        }
      }
      _ => {}
    }
  }
  let v = v8::Boolean::new(scope, ca).into();
  set_prop(scope, obj, "ca", v);
  rv.set(obj.into());
}

/// `pkcs8Decrypt(der, passphrase)` -> the PKCS#8 inside an EncryptedPrivateKeyInfo, or
/// a string: 'format' (not encrypted PKCS#8) or 'decrypt' (wrong passphrase or an
/// unsupported scheme). The bytes are not checked to be a key.
fn pkcs8_decrypt<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let der = bytes_arg(args.get(0)).unwrap_or_default();
  let pass = bytes_arg(args.get(1)).unwrap_or_default();
  let Ok(info) = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_slice()) else { return set_string(scope, &mut rv, "format") };
  // A wrong passphrase mostly breaks the CBC padding ('decrypt'), but about one time
  // in 256 the padding comes out valid: the bytes are returned unchecked, and the
  // caller's parse reports them as OpenSSL's decoder would.
  match info.encryption_algorithm.decrypt(&pass, info.encrypted_data) {
    Ok(plain) => {
      let arr = bytes_to_uint8array(scope, plain);
      rv.set(arr.into());
    }
    Err(_) => set_string(scope, &mut rv, "decrypt"),
  }
}

/// `pkcs8Encrypt(der, cipher, passphrase)`: PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations
/// as OpenSSL, AES-128/256-CBC) -> EncryptedPrivateKeyInfo DER; undefined for another cipher.
fn pkcs8_encrypt<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use rand_core::RngCore;
  let der = bytes_arg(args.get(0)).unwrap_or_default();
  let cipher = string_arg(scope, &args, 1).to_ascii_lowercase();
  let pass = bytes_arg(args.get(2)).unwrap_or_default();
  let Ok(info) = pkcs8::PrivateKeyInfo::try_from(der.as_slice()) else { return };
  let mut salt = [0u8; 16];
  let mut iv = [0u8; 16];
  rand_core::OsRng.fill_bytes(&mut salt);
  rand_core::OsRng.fill_bytes(&mut iv);
  let params = match cipher.as_str() {
    "aes-128-cbc" | "aes128" => pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes128cbc(2048, &salt, &iv),
    "aes-256-cbc" | "aes256" => pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(2048, &salt, &iv),
    _ => return,
  };
  let Ok(params) = params else { return };
  if let Ok(doc) = info.encrypt_with_params(params, &pass) {
    let arr = bytes_to_uint8array(scope, doc.as_bytes().to_vec());
    rv.set(arr.into());
  }
}

/// `aesKw(wrap, kek, data)` -> RFC 3394 wrapped / unwrapped bytes, or undefined (a
/// wrong key size, data not a multiple of 8 bytes, or an integrity check failure).
fn aes_kw<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let wrap = args.get(0).boolean_value(scope);
  let kek = bytes_arg(args.get(1)).unwrap_or_default();
  let data = bytes_arg(args.get(2)).unwrap_or_default();
  macro_rules! run {
    ($k:ty) => {{
      let k = <$k>::new(kek.as_slice().into());
      if wrap {
        k.wrap_vec(&data).ok()
      } else {
        k.unwrap_vec(&data).ok()
      }
    }};
  }
  let out = match kek.len() {
    16 => run!(aes_kw::KekAes128),
    24 => run!(aes_kw::KekAes192),
    32 => run!(aes_kw::KekAes256),
    _ => None,
  };
  if let Some(o) = out {
    let arr = bytes_to_uint8array(scope, o);
    rv.set(arr.into());
  }
}

pub fn register(reg: &mut crate::registry::Registry) {
  reg.add("crypto.x509Parse", x509_parse);
  reg.add("crypto.pkcs8Decrypt", pkcs8_decrypt);
  reg.add("crypto.pkcs8Encrypt", pkcs8_encrypt);
  reg.add("crypto.aesKw", aes_kw);
}
