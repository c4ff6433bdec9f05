//! AES-CCM (RFC 3610, written here over the AES block function of cipher.rs, like its
//! GCM) and AES-OCB (RustCrypto `ocb3`) for `createCipheriv`. Stateless like the other
//! ciphers: the JS Cipher keeps its input and AAD as bytes and calls these one-shot
//! functions (CCM is one-shot in OpenSSL too; OCB's output for whole blocks does not
//! depend on what follows, so an update re-runs the blocks seen so far). ocb3 fixes the
//! tag and nonce sizes as type parameters, so an OCB call is dispatched once on the key,
//! tag and nonce sizes. CCM is not on RustCrypto's `ccm`: its code is generic over the
//! block cipher and sizes, so it is instantiated (unoptimized, in a debug build) in this
//! crate, and a 16 MB message took 28 s there.

use aes::cipher::{BlockDecrypt, BlockEncrypt, BlockSizeUser, KeyInit};
use aes::{Aes128, Aes192, Aes256};
use ocb3::aead::generic_array::typenum::{U1, U10, U11, U12, U13, U14, U15, U16, U2, U3, U4, U5, U6, U7, U8, U9};
use ocb3::aead::generic_array::GenericArray;
use ocb3::aead::AeadInPlace;

use super::super::helpers::*;
use super::cipher::{ctr_xor, Aes};

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

/// CCM's CBC-MAC (RFC 3610 2.2) of the message `msg` with `aad`, as the full last block.
fn ccm_mac(aes: &Aes, nonce: &[u8], tag_len: usize, aad: &[u8], msg: &[u8]) -> [u8; 16] {
  let l = 15 - nonce.len();
  let mut x = [0u8; 16];
  x[0] = (if aad.is_empty() { 0 } else { 64 }) | (((tag_len - 2) / 2) as u8) << 3 | (l - 1) as u8;
  x[1..1 + nonce.len()].copy_from_slice(nonce);
  x[16 - l..].copy_from_slice(&(msg.len() as u64).to_be_bytes()[8 - l..]);
  aes.enc(&mut x);
  let absorb = |data: &[u8], x: &mut [u8; 16]| {
    for chunk in data.chunks(16) {
      chunk.iter().zip(x.iter_mut()).for_each(|(c, x)| *x ^= c);
      aes.enc(x);
    }
  };
  if !aad.is_empty() {
    let mut head = match aad.len() {
      n if n < 0xff00 => (n as u16).to_be_bytes().to_vec(),
      n if n <= u32::MAX as usize => [&[0xff, 0xfe][..], &(n as u32).to_be_bytes()].concat(),
      n => [&[0xff, 0xff][..], &(n as u64).to_be_bytes()].concat(),
    };
    head.extend_from_slice(aad);
    absorb(&head, &mut x);
  }
  absorb(msg, &mut x);
  x
}

/// CCM: Ok(tag) after encrypting `buf` in place, Ok(empty) after decrypting an authentic
/// one, Err otherwise (sizes outside RFC 3610's, or a tag that does not match).
fn ccm(key: &[u8], nonce: &[u8], tag_len: usize, aad: &[u8], buf: &mut [u8], op: Op) -> Result<Vec<u8>, ()> {
  let aes = Aes::new(key).ok_or(())?;
  if !(7..=13).contains(&nonce.len()) || !(4..=16).contains(&tag_len) || tag_len % 2 != 0 {
    return Err(());
  }
  let l = 15 - nonce.len();
  if l < 8 && (buf.len() as u64) >> (8 * l) != 0 {
    return Err(());
  }
  // A_0 encrypts the tag; A_1 onwards the message.
  let mut a0 = [0u8; 16];
  a0[0] = (l - 1) as u8;
  a0[1..1 + nonce.len()].copy_from_slice(nonce);
  let mut s0 = a0;
  aes.enc(&mut s0);
  let a1 = (u128::from_be_bytes(a0) + 1).to_be_bytes();
  match op {
    Op::Seal => {
      let t = ccm_mac(&aes, nonce, tag_len, aad, buf);
      ctr_xor(&aes, a1, 0, buf, false);
      Ok(t.iter().zip(&s0).take(tag_len).map(|(t, s)| t ^ s).collect())
    }
    Op::Open(tag) => {
      ctr_xor(&aes, a1, 0, buf, false);
      let t = ccm_mac(&aes, nonce, tag_len, aad, buf);
      let want: Vec<u8> = t.iter().zip(&s0).take(tag_len).map(|(t, s)| t ^ s).collect();
      if tag.len() == tag_len && bool::from(subtle::ConstantTimeEq::ct_eq(&want[..], tag)) {
        Ok(Vec::new())
      } else {
        buf.fill(0);
        Err(())
      }
    }
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
    (false, _) => ccm(&key, &nonce, tag_len, &aad, &mut buf, op),
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
