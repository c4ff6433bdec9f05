//! The sidecar: the runtime's own state that is not in the V8 heap, as ordered
//! key/value records.
//!
//! ```text
//! // Layout of the sidecar
//! u32 count, then per record: u32 key length, key bytes (utf-8),
//!                             u8 kind (0 = u64, 1 = string, 2 = string list),
//!                             value: u64 | u32 len + bytes | u32 n + n × (u32 len + bytes)
//! ```

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
  U64(u64),
  Str(String),
  List(Vec<String>),
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sidecar {
  pub entries: BTreeMap<String, Value>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct SidecarError;

impl std::fmt::Display for SidecarError {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    write!(f, "corrupted snapshot (malformed sidecar)")
  }
}

impl Sidecar {
  pub fn set_u64(&mut self, k: &str, v: u64) {
    self.entries.insert(k.into(), Value::U64(v));
  }
  pub fn set_str(&mut self, k: &str, v: &str) {
    self.entries.insert(k.into(), Value::Str(v.into()));
  }
  pub fn set_list(&mut self, k: &str, v: Vec<String>) {
    self.entries.insert(k.into(), Value::List(v));
  }
  pub fn u64(&self, k: &str) -> Option<u64> {
    match self.entries.get(k) {
      Some(Value::U64(v)) => Some(*v),
      _ => None,
    }
  }
  pub fn str(&self, k: &str) -> Option<&str> {
    match self.entries.get(k) {
      Some(Value::Str(v)) => Some(v),
      _ => None,
    }
  }
  pub fn list(&self, k: &str) -> &[String] {
    match self.entries.get(k) {
      Some(Value::List(v)) => v,
      _ => &[],
    }
  }

  pub fn encode(&self) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(self.entries.len() as u32).to_le_bytes());
    let put = |out: &mut Vec<u8>, s: &str| {
      out.extend_from_slice(&(s.len() as u32).to_le_bytes());
      out.extend_from_slice(s.as_bytes());
    };
    for (k, v) in &self.entries {
      put(&mut out, k);
      match v {
        Value::U64(n) => {
          out.push(0);
          out.extend_from_slice(&n.to_le_bytes());
        }
        Value::Str(s) => {
          out.push(1);
          put(&mut out, s);
        }
        Value::List(l) => {
          out.push(2);
          out.extend_from_slice(&(l.len() as u32).to_le_bytes());
          for s in l {
            put(&mut out, s);
          }
        }
      }
    }
    out
  }

  pub fn decode(bytes: &[u8]) -> Result<Sidecar, SidecarError> {
    let mut pos = 0usize;
    let mut take = |n: usize| -> Result<&[u8], SidecarError> {
      let end = pos.checked_add(n).ok_or(SidecarError)?;
      let s = bytes.get(pos..end).ok_or(SidecarError)?;
      pos = end;
      Ok(s)
    };
    fn u32_of(b: &[u8]) -> u32 {
      u32::from_le_bytes(b.try_into().unwrap())
    }
    let count = u32_of(take(4)?);
    let mut sc = Sidecar::default();
    for _ in 0..count {
      let kl = u32_of(take(4)?) as usize;
      let key = String::from_utf8(take(kl)?.to_vec()).map_err(|_| SidecarError)?;
      let kind = take(1)?[0];
      let value = match kind {
        0 => Value::U64(u64::from_le_bytes(take(8)?.try_into().unwrap())),
        1 => {
          let l = u32_of(take(4)?) as usize;
          Value::Str(String::from_utf8(take(l)?.to_vec()).map_err(|_| SidecarError)?)
        }
        2 => {
          let n = u32_of(take(4)?) as usize;
          let mut list = Vec::with_capacity(n.min(1 << 16));
          for _ in 0..n {
            let l = u32_of(take(4)?) as usize;
            list.push(String::from_utf8(take(l)?.to_vec()).map_err(|_| SidecarError)?);
          }
          Value::List(list)
        }
        _ => return Err(SidecarError),
      };
      sc.entries.insert(key, value);
    }
    Ok(sc)
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn round_trip() {
    let mut s = Sidecar::default();
    s.set_u64("context", 0);
    s.set_str("entry", "/a/b.js");
    s.set_list("modules", vec!["x".into(), "y".into()]);
    let d = Sidecar::decode(&s.encode()).unwrap();
    assert_eq!(d, s);
    assert_eq!(d.list("modules").len(), 2);
    assert!(Sidecar::decode(&[1, 0, 0, 0, 9]).is_err());
  }
}
