//! `crypto.generatePrime` and `crypto.checkPrime`: prime search and probabilistic primality
//! testing on `num-bigint-dig` (already the RSA and DH keygen's bignum: its Miller-Rabin plus
//! Baillie-PSW test), with OpenSSL's BN_generate_prime_ex2 candidate rules so the results
//! have the shape Node's do: without `add`, the top two bits and the low bit are set (so a
//! 3-bit prime is 7); with `add`, a random `bits`-bit number is moved into the class
//! `rem` mod `add` (`rem` defaulting to 1, or 3 for a safe prime) and stepped by `add`.
//! Stateless: numbers come and go as big-endian bytes.

use num_bigint_dig::prime::probably_prime;
use num_bigint_dig::{BigUint, RandBigInt};
use rand_core::OsRng;

use super::super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("crypto.generatePrime", generate_prime);
  reg.add("crypto.checkPrime", check_prime);
}

/// Miller-Rabin rounds when the caller asks for the default (0): OpenSSL's choice for
/// 128-bit security is 64 rounds, of which Baillie-PSW (always run) covers far more.
const DEFAULT_ROUNDS: usize = 20;

fn is_prime(n: &BigUint, rounds: usize) -> bool {
  probably_prime(n, rounds)
}

/// Whether `p` passes as a prime of the requested kind: for a safe prime, (p - 1) / 2 too.
fn accept(p: &BigUint, safe: bool) -> bool {
  if !is_prime(p, DEFAULT_ROUNDS) {
    return false;
  }
  !safe || is_prime(&((p - 1u32) >> 1usize), DEFAULT_ROUNDS)
}

/// A random number of exactly `bits` bits with its top bit (and the next one, if `two`) set
/// and, if `odd`, its low bit.
fn random_bits(bits: usize, two: bool, odd: bool) -> BigUint {
  let one = || BigUint::from(1u32);
  let mut n = OsRng.gen_biguint(bits) | (one() << (bits - 1));
  if two && bits >= 2 {
    n = n | (one() << (bits - 2));
  }
  if odd {
    n = n | one();
  }
  n
}

/// The search itself; `Err` carries the message of Node's ERR_OUT_OF_RANGE or OpenSSL's error.
pub fn generate(bits: usize, safe: bool, add: Option<BigUint>, rem: Option<BigUint>) -> Result<BigUint, &'static str> {
  if bits < 2 || (bits == 2 && safe) {
    return Err("bits too small");
  }
  let Some(add) = add.filter(|a| a.bits() > 0) else {
    loop {
      let mut p = random_bits(bits, true, true);
      if safe {
        // p = 2q + 1 with q odd: p ≡ 3 mod 4.
        p = p | BigUint::from(2u32);
      }
      if accept(&p, safe) {
        return Ok(p);
      }
    }
  };
  if add.bits() > bits {
    return Err("invalid options.add");
  }
  if let Some(rem) = &rem {
    if *rem >= add {
      return Err("invalid options.rem");
    }
  }
  let rem = rem.unwrap_or_else(|| BigUint::from(if safe { 3u32 } else { 1u32 }));
  let floor = BigUint::from(if safe { 5u32 } else { 3u32 });
  // Each start tries a run of the class before drawing again; a class holding no prime of
  // this size (an even `rem` with an even `add`) would search forever, as OpenSSL's does, so
  // the number of draws is bounded and then reported.
  for _ in 0..4096 {
    let r = random_bits(bits, false, true);
    let mut p = &r - (&r % &add) + &rem;
    if p.bits() < bits || p < floor {
      p += &add;
    }
    for _ in 0..4096 {
      if p.bits() > bits {
        break;
      }
      if accept(&p, safe) {
        return Ok(p);
      }
      p += &add;
    }
  }
  Err("no prime found")
}

/// `generatePrime(bits, safe, add?, rem?)` -> Uint8Array (big-endian), or a string: the
/// message of the range error (`invalid options.add`/`invalid options.rem`) or OpenSSL's.
fn generate_prime<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let bits = args.get(0).uint32_value(scope).unwrap_or(0) as usize;
  let safe = args.get(1).is_true();
  let big = |v: v8::Local<v8::Value>| bytes_arg(v).map(|b| BigUint::from_bytes_be(&b));
  match generate(bits, safe, big(args.get(2)), big(args.get(3))) {
    Ok(p) => {
      let arr = bytes_to_uint8array(scope, p.to_bytes_be());
      rv.set(arr.into());
    }
    Err(e) => set_string(scope, &mut rv, e),
  }
}

/// `checkPrime(bytes, checks)` -> boolean; `checks` 0 takes the default number of rounds.
fn check_prime<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let n = BigUint::from_bytes_be(&bytes_arg(args.get(0)).unwrap_or_default());
  let rounds = match args.get(1).uint32_value(scope).unwrap_or(0) as usize {
    0 => DEFAULT_ROUNDS,
    r => r,
  };
  let prime = n.bits() > 1 && is_prime(&n, rounds);
  rv.set_bool(prime);
}

/// DSA domain parameters of any size: q a random `n`-bit prime, p an `l`-bit prime with
/// q dividing p - 1, g of order q (FIPS 186-4 A.2.1's unverifiable method), the search
/// the `dsa` crate runs for the four sizes its `KeySize` names, for the sizes OpenSSL
/// also makes (such as 2049/256, or 1024/224, Node's default divisor).
pub fn dsa_components(l: usize, n: usize) -> (BigUint, BigUint, BigUint) {
  let one = BigUint::from(1u32);
  loop {
    let q = random_prime(n);
    let two_q = &q << 1usize;
    for _ in 0..4096 {
      let m = random_bits(l, false, false);
      let p = &m - (&m % &two_q) + &one;
      if p.bits() != l || !is_prime(&p, DEFAULT_ROUNDS) {
        continue;
      }
      let e = (&p - &one) / &q;
      let mut h = BigUint::from(2u32);
      let g = loop {
        let g = h.modpow(&e, &p);
        if g != one {
          break g;
        }
        h += &one;
      };
      return (p, q, g);
    }
  }
}

fn random_prime(bits: usize) -> BigUint {
  loop {
    let p = random_bits(bits, false, true);
    if is_prime(&p, DEFAULT_ROUNDS) {
      return p;
    }
  }
}
