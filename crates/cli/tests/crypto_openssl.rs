//! node:crypto on material the openssl CLI makes at test time: PKCS#8 keys of every type
//! amber has (plain, DER, and encrypted the way OpenSSL encrypts them), SEC1 and PKCS#1
//! keys, signatures, OAEP ciphertext, ECDH, X25519, X448 and finite-field DH secrets,
//! DSA and Ed448 keys and signatures, and a CA-signed
//! certificate with extensions. `tests/crypto/openssl_made.js` reads them with node and
//! with amber, and the outputs must be equal; signatures amber makes are checked with
//! openssl. Nothing secret is checked in: every key is made in a temporary directory.
//! Skipped (with a message) when `openssl` or `node` is missing.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn openssl(dir: &Path, args: &[&str]) {
  let out = Command::new("openssl").args(args).current_dir(dir).output().expect("run openssl");
  assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn have(tool: &str) -> bool {
  Command::new(tool).arg("version").output().is_ok_and(|o| o.status.success())
    || Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}

fn make_material(d: &Path) {
  let algs: &[(&str, &[&str])] = &[
    ("rsa", &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]),
    ("rsapss", &["-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:1024", "-pkeyopt", "rsa_pss_keygen_md:sha256", "-pkeyopt", "rsa_pss_keygen_saltlen:32"]),
    ("p256", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt", "ec_param_enc:named_curve"]),
    ("p384", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-pkeyopt", "ec_param_enc:named_curve"]),
    ("p521", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-pkeyopt", "ec_param_enc:named_curve"]),
    ("k256", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-pkeyopt", "ec_param_enc:named_curve"]),
    ("ed25519", &["-algorithm", "ED25519"]),
    ("x25519", &["-algorithm", "X25519"]),
    ("ed448", &["-algorithm", "ED448"]),
    ("x448", &["-algorithm", "X448"]),
    ("dsa", &["-paramfile", "dsa.params"]),
    ("dh", &["-algorithm", "DH", "-pkeyopt", "group:ffdhe2048"]),
  ];
  std::fs::write(d.join("msg"), "made by openssl").unwrap();
  // DSA keys come from parameters made first (2048-bit p, 224-bit q: Node's default).
  openssl(d, &["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048", "-pkeyopt", "dsa_paramgen_q_bits:224", "-out", "dsa.params"]);
  for (name, opts) in algs {
    let key = format!("{name}.key");
    let mut args = vec!["genpkey"];
    args.extend_from_slice(opts);
    args.extend_from_slice(&["-out", &key]);
    openssl(d, &args);
    openssl(d, &["pkey", "-in", &key, "-pubout", "-out", &format!("{name}.pub")]);
    openssl(d, &["pkey", "-in", &key, "-outform", "DER", "-out", &format!("{name}.der")]);
    openssl(d, &["pkcs8", "-topk8", "-nocrypt", "-in", &key, "-outform", "DER", "-out", &format!("{name}.p8.der")]);
    openssl(d, &["pkcs8", "-topk8", "-in", &key, "-v2", "aes-256-cbc", "-passout", "pass:openssl pass", "-out", &format!("{name}.enc.key")]);
    openssl(d, &["pkcs8", "-topk8", "-in", &key, "-v2", "aes-128-cbc", "-outform", "DER", "-passout", "pass:openssl pass", "-out", &format!("{name}.enc.der")]);
    if !["x25519", "x448", "dh"].contains(name) {
      let sig = format!("{name}.sig");
      if name.starts_with("ed") {
        openssl(d, &["pkeyutl", "-sign", "-rawin", "-inkey", &key, "-in", "msg", "-out", &sig]);
      } else if *name == "rsa" {
        openssl(d, &["dgst", "-sha256", "-sign", &key, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-out", &sig, "msg"]);
      } else {
        openssl(d, &["dgst", "-sha256", "-sign", &key, "-out", &sig, "msg"]);
      }
    }
  }
  openssl(d, &["ec", "-in", "p384.key", "-out", "p384.sec1"]);
  openssl(d, &["rsa", "-in", "rsa.key", "-traditional", "-out", "rsa.pkcs1"]);
  openssl(d, &["pkeyutl", "-encrypt", "-pubin", "-inkey", "rsa.pub", "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-in", "msg", "-out", "oaep.bin"]);
  openssl(d, &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384b.key"]);
  openssl(d, &["pkey", "-in", "p384b.key", "-pubout", "-out", "p384b.pub"]);
  openssl(d, &["pkeyutl", "-derive", "-inkey", "p384.key", "-peerkey", "p384b.pub", "-out", "p384.derived"]);
  openssl(d, &["genpkey", "-algorithm", "X25519", "-out", "x25519b.key"]);
  openssl(d, &["pkey", "-in", "x25519b.key", "-pubout", "-out", "x25519b.pub"]);
  openssl(d, &["pkeyutl", "-derive", "-inkey", "x25519.key", "-peerkey", "x25519b.pub", "-out", "x25519.derived"]);
  openssl(d, &["genpkey", "-algorithm", "X448", "-out", "x448b.key"]);
  openssl(d, &["pkey", "-in", "x448b.key", "-pubout", "-out", "x448b.pub"]);
  openssl(d, &["pkeyutl", "-derive", "-inkey", "x448.key", "-peerkey", "x448b.pub", "-out", "x448.derived"]);
  openssl(d, &["genpkey", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", "dhb.key"]);
  openssl(d, &["pkey", "-in", "dhb.key", "-pubout", "-out", "dhb.pub"]);
  openssl(d, &["pkeyutl", "-derive", "-inkey", "dh.key", "-peerkey", "dhb.pub", "-out", "dh.derived"]);
  // The peer's public key for a secret amber derives and openssl checks.
  openssl(d, &["pkey", "-in", "dh.key", "-pubout", "-outform", "DER", "-out", "dh.pub.der"]);
  // A CA (RSA) and a leaf for the P-256 key with the extensions X509Certificate reads.
  openssl(d, &["req", "-x509", "-key", "rsa.key", "-out", "ca.pem", "-days", "30", "-subj", "/C=NL/O=Amber Tests/CN=Amber Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=keyCertSign,cRLSign"]);
  openssl(d, &["req", "-new", "-key", "p256.key", "-out", "leaf.csr", "-subj", "/O=Amber Tests/OU=Crypto/CN=www.amber.test"]);
  std::fs::write(
    d.join("leaf.ext"),
    "subjectAltName=DNS:www.amber.test,DNS:*.amber.test,IP:10.0.0.1,email:ops@amber.test\nauthorityInfoAccess=OCSP;URI:http://ocsp.amber.test\nextendedKeyUsage=serverAuth\n",
  )
  .unwrap();
  openssl(d, &["x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "rsa.key", "-CAcreateserial", "-days", "7", "-extfile", "leaf.ext", "-out", "leaf.pem"]);
  let serial = Command::new("openssl").args(["x509", "-in", "leaf.pem", "-noout", "-serial"]).current_dir(d).output().unwrap();
  std::fs::write(d.join("leaf.serial"), serial.stdout).unwrap();
  let fp = Command::new("openssl").args(["x509", "-in", "leaf.pem", "-noout", "-fingerprint", "-sha256"]).current_dir(d).output().unwrap();
  std::fs::write(d.join("leaf.fp"), fp.stdout).unwrap();
}

#[test]
fn keys_and_certificates_made_by_openssl() {
  if !have("openssl") || !have("node") {
    eprintln!("crypto_openssl: skipped (needs the openssl CLI and node)");
    return;
  }
  let tmp = tempfile::tempdir().unwrap();
  let d = tmp.path();
  make_material(d);
  let script = repo_root().join("tests/crypto/openssl_made.js");
  let script = script.to_str().unwrap();
  let node = Command::new("node").arg(script).current_dir(d).output().unwrap();
  assert!(node.status.success(), "node: {}", String::from_utf8_lossy(&node.stderr));
  let ours = run(d, &[script], b"", &[]);
  let (want, got) = (String::from_utf8_lossy(&node.stdout), String::from_utf8_lossy(&ours.stdout));
  assert_eq!(got, want, "amber differs from node; amber's stderr: {}", String::from_utf8_lossy(&ours.stderr));
  assert!(ours.status.success());
  // What amber signed, openssl verifies.
  for name in ["rsa", "rsapss", "p256", "p384", "p521", "k256", "ed25519", "ed448", "dsa", "dsa.p1363"] {
    let sig = format!("{name}.runtime.sig");
    let pubkey = format!("{}.pub", name.trim_end_matches(".p1363"));
    let args: Vec<&str> = if name.starts_with("ed") {
      vec!["pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", &pubkey, "-sigfile", &sig, "-in", "msg"]
    } else if name == "rsa" {
      vec!["dgst", "-sha256", "-verify", &pubkey, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-signature", &sig, "msg"]
    } else {
      vec!["dgst", "-sha256", "-verify", &pubkey, "-signature", &sig, "msg"]
    };
    let out = Command::new("openssl").args(&args).current_dir(d).output().unwrap();
    let expect_ok = !name.ends_with(".p1363");
    // An IEEE P1363 signature is not the DER openssl expects: it must be refused.
    assert_eq!(out.status.success(), expect_ok, "openssl on amber's {name} signature: {}", String::from_utf8_lossy(&out.stdout));
  }
  // The DH secret amber derived from dhb.key and dh.key's public key, as openssl derives it.
  openssl(d, &["pkeyutl", "-derive", "-inkey", "dhb.key", "-peerkey", "dh.pub", "-out", "dhb.derived"]);
  let strip = |b: Vec<u8>| b.into_iter().skip_while(|x| *x == 0).collect::<Vec<u8>>();
  let ours = strip(std::fs::read(d.join("dhb.runtime.derived")).unwrap());
  assert_eq!(ours, strip(std::fs::read(d.join("dhb.derived")).unwrap()), "amber's DH secret differs from openssl's");
}
