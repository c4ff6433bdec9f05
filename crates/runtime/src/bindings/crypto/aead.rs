//! AES-CCM (RustCrypto `ccm`) and AES-OCB (RustCrypto `ocb3`) for `createCipheriv`: both
//! crates fix the tag and nonce sizes as type parameters, so a call is dispatched once on
//! the key size, the tag size and the nonce size to the matching instantiation. Stateless
//! like the other ciphers: the JS Cipher keeps its input and AAD as bytes and calls these
//! one-shot functions (CCM is one-shot in OpenSSL too; OCB's output for whole blocks does
//! not depend on what follows, so an update re-runs the blocks seen so far).

use aes::{Aes128, Aes192, Aes256};
use ccm::aead::generic_array::typenum::{U1, U10, U11, U12, U13, U14, U15, U16, U2, U3, U4, U5, U6, U7, U8, U9};
use ccm::aead::generic_array::{ArrayLength, GenericArray};
use ccm::aead::{AeadInPlace, KeyInit};
use aes::cipher::{BlockCipher, BlockDecrypt, BlockEncrypt, BlockSizeUser};

use super::super::helpers::*;

/// What one AEAD call does: encrypt (returns the tag) or decrypt against a tag (returns
/// whether it matched; the buffer holds the plaintext either way for OCB).
enum Op<'a> {
  Seal,
  Open(&'a [u8]),
}

/// Ok(tag) after sealing, Ok(empty) after an authentic open, Err(()) otherwise.
fn run<A: AeadInPlace + KeyInit>(key: &[u8], nonce: &[u8], aad: &[u8], buf: &mut [u8], op: Op) -> Result<Vec<u8>, ()> {
  let aead = A::new_from_slice(key).map_err(|_| ())?;
  let nonce = GenericArray::from_slice(nonce);
  match op {
    Op::Seal => aead.encrypt_in_place_detached(nonce, aad, buf).map(|t| t.to_vec()).map_err(|_| ()),
    Op::Open(tag) => {
      let tag = GenericArray::from_slice(tag);
      aead.decrypt_in_place_detached(nonce, aad, buf, tag).map(|_| Vec::new()).map_err(|_| ())
    }
  }
}

fn ccm_nonce<C, M>(key: &[u8], nonce: &[u8], aad: &[u8], buf: &mut [u8], op: Op) -> Result<Vec<u8>, ()>
where
  C: BlockCipher + BlockSizeUser<BlockSize = U16> + BlockEncrypt + KeyInit,
  M: ArrayLength<u8> + ccm::TagSize,
{
  match nonce.len() {
    7 => run::<ccm::Ccm<C, M, U7>>(key, nonce, aad, buf, op),
    8 => run::<ccm::Ccm<C, M, U8>>(key, nonce, aad, buf, op),
    9 => run::<ccm::Ccm<C, M, U9>>(key, nonce, aad, buf, op),
    10 => run::<ccm::Ccm<C, M, U10>>(key, nonce, aad, buf, op),
    11 => run::<ccm::Ccm<C, M, U11>>(key, nonce, aad, buf, op),
    12 => run::<ccm::Ccm<C, M, U12>>(key, nonce, aad, buf, op),
    13 => run::<ccm::Ccm<C, M, U13>>(key, nonce, aad, buf, op),
    _ => Err(()),
  }
}

fn ccm_tag<C>(tag_len: usize, key: &[u8], nonce: &[u8], aad: &[u8], buf: &mut [u8], op: Op) -> Result<Vec<u8>, ()>
where
  C: BlockCipher + BlockSizeUser<BlockSize = U16> + BlockEncrypt + KeyInit,
{
  match tag_len {
    4 => ccm_nonce::<C, U4>(key, nonce, aad, buf, op),
    6 => ccm_nonce::<C, U6>(key, nonce, aad, buf, op),
    8 => ccm_nonce::<C, U8>(key, nonce, aad, buf, op),
    10 => ccm_nonce::<C, U10>(key, nonce, aad, buf, op),
    12 => ccm_nonce::<C, U12>(key, nonce, aad, buf, op),
    14 => ccm_nonce::<C, U14>(key, nonce, aad, buf, op),
    16 => ccm_nonce::<C, U16>(key, nonce, aad, buf, op),
    _ => Err(()),
  }
}

/// OCB on one cipher: the nonce size (6 to 15 bytes, the crate's range) and the tag size
/// (1 to 16) pick the instantiation.
fn ocb_nonce<C>(tag_len: usize, key: &[u8], nonce: &[u8], aad: &[u8], buf: &mut [u8], op: Op) -> Result<Vec<u8>, ()>
where
  C: BlockSizeUser<BlockSize = U16> + BlockEncrypt + BlockDecrypt + KeyInit,
{
  macro_rules! tags {
    ($n:ty) => {
      match tag_len {
        1 => run::<ocb3::Ocb3<C, $n, U1>>(key, nonce, aad, buf, op),
        2 => run::<ocb3::Ocb3<C, $n, U2>>(key, nonce, aad, buf, op),
        3 => run::<ocb3::Ocb3<C, $n, U3>>(key, nonce, aad, buf, op),
        4 => run::<ocb3::Ocb3<C, $n, U4>>(key, nonce, aad, buf, op),
        5 => run::<ocb3::Ocb3<C, $n, U5>>(key, nonce, aad, buf, op),
        6 => run::<ocb3::Ocb3<C, $n, U6>>(key, nonce, aad, buf, op),
        7 => run::<ocb3::Ocb3<C, $n, U7>>(key, nonce, aad, buf, op),
        8 => run::<ocb3::Ocb3<C, $n, U8>>(key, nonce, aad, buf, op),
        9 => run::<ocb3::Ocb3<C, $n, U9>>(key, nonce, aad, buf, op),
        10 => run::<ocb3::Ocb3<C, $n, U10>>(key, nonce, aad, buf, op),
        11 => run::<ocb3::Ocb3<C, $n, U11>>(key, nonce, aad, buf, op),
        12 => run::<ocb3::Ocb3<C, $n, U12>>(key, nonce, aad, buf, op),
        13 => run::<ocb3::Ocb3<C, $n, U13>>(key, nonce, aad, buf, op),
        14 => run::<ocb3::Ocb3<C, $n, U14>>(key, nonce, aad, buf, op),
        15 => run::<ocb3::Ocb3<C, $n, U15>>(key, nonce, aad, buf, op),
        16 => run::<ocb3::Ocb3<C, $n, U16>>(key, nonce, aad, buf, op),
        _ => Err(()),
      }
    };
  }
  match nonce.len() {
    6 => tags!(U6),
    7 => tags!(U7),
    8 => tags!(U8),
    9 => tags!(U9),
    10 => tags!(U10),
    11 => tags!(U11),
    12 => tags!(U12),
    13 => tags!(U13),
    14 => tags!(U14),
    15 => tags!(U15),
    _ => Err(()),
  }
}

/// `cipherAead(mode, encrypt, key, nonce, tagLength, aad, data[, tag])`, mode "ccm" or "ocb":
/// encrypting returns ciphertext followed by the tag; decrypting returns the plaintext, or
/// (CCM only) undefined when the tag does not authenticate. For OCB decryption the result
/// is `[plaintext, authentic]`: the plaintext of whole blocks is wanted before the tag is.
fn cipher_aead<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mode = string_arg(scope, &args, 0);
  let encrypt = args.get(1).is_true();
  let key = bytes_arg(args.get(2)).unwrap_or_default();
  let nonce = bytes_arg(args.get(3)).unwrap_or_default();
  let tag_len = args.get(4).uint32_value(scope).unwrap_or(0) as usize;
  let aad = bytes_arg(args.get(5)).unwrap_or_default();
  let mut buf = bytes_arg(args.get(6)).unwrap_or_default();
  let tag = bytes_arg(args.get(7)).unwrap_or_default();
  if !encrypt && tag.len() != tag_len {
    return;
  }
  let op = if encrypt { Op::Seal } else { Op::Open(&tag) };
  let ocb = mode == "ocb";
  let result = match (ocb, key.len()) {
    (false, 16) => ccm_tag::<Aes128>(tag_len, &key, &nonce, &aad, &mut buf, op),
    (false, 24) => ccm_tag::<Aes192>(tag_len, &key, &nonce, &aad, &mut buf, op),
    (false, 32) => ccm_tag::<Aes256>(tag_len, &key, &nonce, &aad, &mut buf, op),
    (true, 16) => ocb_nonce::<Aes128>(tag_len, &key, &nonce, &aad, &mut buf, op),
    (true, 24) => ocb_nonce::<Aes192>(tag_len, &key, &nonce, &aad, &mut buf, op),
    (true, 32) => ocb_nonce::<Aes256>(tag_len, &key, &nonce, &aad, &mut buf, op),
    _ => return,
  };
  if encrypt {
    let Ok(t) = result else { return };
    buf.extend_from_slice(&t);
    let arr = bytes_to_uint8array(scope, buf);
    rv.set(arr.into());
  } else if ocb {
    // ocb3 decrypts in place before it compares tags, so the buffer is the plaintext
    // whether or not the tag matched (the crate is pinned to the version read for this).
    let authentic = v8::Boolean::new(scope, result.is_ok()).into();
    let plain = bytes_to_uint8array(scope, buf).into();
    let arr = v8::Array::new_with_elements(scope, &[plain, authentic]);
    rv.set(arr.into());
  } else if result.is_ok() {
    let arr = bytes_to_uint8array(scope, buf);
    rv.set(arr.into());
  }
}

pub fn register(reg: &mut crate::registry::Registry) {
  reg.add("crypto.cipherAead", cipher_aead);
}
