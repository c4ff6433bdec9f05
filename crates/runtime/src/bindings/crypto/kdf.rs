//! Key derivation for `node:crypto`: PBKDF2 (RustCrypto `pbkdf2`), scrypt (`scrypt`) and
//! HKDF (`hkdf`) over the hashes of `mod.rs`. Each function is synchronous when called
//! without an op id and otherwise runs on tokio's blocking pool, completing the op with
//! the derived bytes (`null` if the parameters were refused; `lib/crypto.js` validates
//! them first, as Node does, so that does not happen in practice). No state is kept.

use super::super::helpers::*;
use crate::state::{state, OpResult};

type Job = Box<dyn FnOnce() -> Option<Vec<u8>> + Send>;

fn pbkdf2_with(alg: &str, pass: &[u8], salt: &[u8], iter: u32, out: &mut [u8]) -> Option<()> {
  use pbkdf2::pbkdf2_hmac;
  match alg {
    "md5" => pbkdf2_hmac::<md5::Md5>(pass, salt, iter, out),
    "sha1" => pbkdf2_hmac::<sha1::Sha1>(pass, salt, iter, out),
    "sha224" => pbkdf2_hmac::<sha2::Sha224>(pass, salt, iter, out),
    "sha256" => pbkdf2_hmac::<sha2::Sha256>(pass, salt, iter, out),
    "sha384" => pbkdf2_hmac::<sha2::Sha384>(pass, salt, iter, out),
    "sha512" => pbkdf2_hmac::<sha2::Sha512>(pass, salt, iter, out),
    _ => return None,
  }
  Some(())
}

fn hkdf_with(alg: &str, ikm: &[u8], salt: &[u8], info: &[u8], out: &mut [u8]) -> Option<()> {
  use hkdf::Hkdf;
  match alg {
    "md5" => Hkdf::<md5::Md5>::new(Some(salt), ikm).expand(info, out).ok(),
    "sha1" => Hkdf::<sha1::Sha1>::new(Some(salt), ikm).expand(info, out).ok(),
    "sha224" => Hkdf::<sha2::Sha224>::new(Some(salt), ikm).expand(info, out).ok(),
    "sha256" => Hkdf::<sha2::Sha256>::new(Some(salt), ikm).expand(info, out).ok(),
    "sha384" => Hkdf::<sha2::Sha384>::new(Some(salt), ikm).expand(info, out).ok(),
    "sha512" => Hkdf::<sha2::Sha512>::new(Some(salt), ikm).expand(info, out).ok(),
    _ => None,
  }
}

/// Runs `job` now (returning its bytes) or, when argument `op_index` is an op id, on
/// the blocking pool.
fn run(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, op_index: i32, rv: &mut v8::ReturnValue, job: Job) {
  let op = args.get(op_index);
  if op.is_undefined() {
    if let Some(bytes) = job() {
      let arr = bytes_to_uint8array(scope, bytes);
      rv.set(arr.into());
    }
    return;
  }
  let id = op.uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let mut st = st.borrow_mut();
  let handle = st.tokio.clone();
  st.op_refs.insert(id, true);
  st.ops.spawn_on(
    async move {
      let r = tokio::task::spawn_blocking(job).await.ok().flatten();
      (id, r.map(OpResult::Bytes).unwrap_or(OpResult::Eof))
    },
    &handle,
  );
}

/// `pbkdf2(digest, password, salt, iterations, keylen, op?)` -> Uint8Array, or
/// undefined for an unknown digest.
pub fn pbkdf2<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let pass = bytes_arg(args.get(1)).unwrap_or_default();
  let salt = bytes_arg(args.get(2)).unwrap_or_default();
  let iter = args.get(3).uint32_value(scope).unwrap_or(1);
  let len = args.get(4).uint32_value(scope).unwrap_or(0) as usize;
  run(scope, &args, 5, &mut rv, Box::new(move || {
    let mut out = vec![0u8; len];
    pbkdf2_with(&alg, &pass, &salt, iter, &mut out).map(|_| out)
  }));
}

/// `scrypt(password, salt, N, r, p, keylen, op?)` -> Uint8Array, or undefined when
/// the parameters are invalid (N not a power of two, N >= 2^(16r), ...).
pub fn scrypt<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let pass = bytes_arg(args.get(0)).unwrap_or_default();
  let salt = bytes_arg(args.get(1)).unwrap_or_default();
  let n = args.get(2).number_value(scope).unwrap_or(0.0) as u64;
  let r = args.get(3).uint32_value(scope).unwrap_or(0);
  let p = args.get(4).uint32_value(scope).unwrap_or(0);
  let len = args.get(5).uint32_value(scope).unwrap_or(0) as usize;
  run(scope, &args, 6, &mut rv, Box::new(move || {
    if n < 2 || !n.is_power_of_two() || len == 0 {
      return None;
    }
    // The `len` of Params only matters to the PHC string format; the output is `out`.
    let params = scrypt::Params::new(n.trailing_zeros() as u8, r, p, 32).ok()?;
    let mut out = vec![0u8; len];
    scrypt::scrypt(&pass, &salt, &params, &mut out).ok()?;
    Some(out)
  }));
}

/// `hkdf(digest, ikm, salt, info, keylen, op?)` -> Uint8Array, or undefined for an
/// unknown digest or a length above 255 hash lengths.
pub fn hkdf<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let alg = string_arg(scope, &args, 0).to_ascii_lowercase();
  let ikm = bytes_arg(args.get(1)).unwrap_or_default();
  let salt = bytes_arg(args.get(2)).unwrap_or_default();
  let info = bytes_arg(args.get(3)).unwrap_or_default();
  let len = args.get(4).uint32_value(scope).unwrap_or(0) as usize;
  run(scope, &args, 5, &mut rv, Box::new(move || {
    let mut out = vec![0u8; len];
    hkdf_with(&alg, &ikm, &salt, &info, &mut out).map(|_| out)
  }));
}
