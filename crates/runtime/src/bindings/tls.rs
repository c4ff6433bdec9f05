//! TLS sessions for `node:tls` and `node:https`, on rustls (ring provider).
//!
//! A session is a rustls state machine and nothing else: ciphertext goes in with
//! `tls.receive(id, bytes)`, plaintext with `tls.write(id, bytes)`, and every call returns
//! the ciphertext to send. The JS `TLSSocket` (`lib/_tls_wrap.js`) moves those bytes over
//! its transport, a `net.Socket` or any Duplex, which is how Node's TLSWrap works too, so
//! this module does no I/O, owns no task and keeps nothing alive in the event loop.
//!
//! Sessions live in a table on the JS thread under u32 ids (DESIGN.md rule 2); a
//! snapshot build refuses one that is still open (`internals.describeTlsSessions`).
//! Secure contexts are not native: a JS `SecureContext` keeps its PEM bytes and options
//! and each session builds its rustls config from them, so contexts survive snapshots.
//!
//! Certificate verification never aborts a handshake here: the verifiers check the
//! chain with webpki, record the outcome as OpenSSL's code (`DEPTH_ZERO_SELF_SIGNED_CERT`,
//! `CERT_HAS_EXPIRED`, ...) and let the handshake finish, because Node decides in JS
//! (`rejectUnauthorized`, `authorizationError`, `checkServerIdentity`). Host names are
//! left to `checkServerIdentity` for the same reason. Signatures of the handshake itself
//! are always verified.

use std::cell::RefCell;
use std::rc::Rc;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{ring, CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::{Acceptor, WebPkiClientVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, RootCertStore, SignatureScheme};

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("tls.newClient", new_client);
  reg.add("tls.newServer", new_server);
  reg.add("tls.accept", accept);
  reg.add("tls.receive", receive);
  reg.add("tls.write", write);
  reg.add("tls.close", close);
  reg.add("tls.setMaxSendFragment", set_max_send_fragment);
  reg.add("tls.sharedSigalgs", shared_sigalgs);
  reg.add("tls.free", free);
  reg.add("tls.info", info);
  reg.add("tls.exportKeyingMaterial", export_keying_material);
  reg.add("tls.parseCertificate", parse_certificate);
  reg.add("tls.rootCertificates", root_certificates);
  reg.add("tls.cipherSuites", cipher_suites);
  reg.add("tls.checkContext", check_context);
  reg.add("tls.readPfx", read_pfx);
  reg.add("tls.ticketKeys", ticket_keys_fn);
  reg.add("tls.extraCaWarning", extra_ca_warning);
  reg.add("tls.takeKeylog", take_keylog);
  reg.add("tls.putSession", put_session);
}

type Verdict = Arc<Mutex<Option<(&'static str, String)>>>;

enum Session {
  /// A server connection before its ClientHello: the JS side picks a context (SNI).
  Accepting(Acceptor, Option<rustls::server::Accepted>),
  Open(rustls::Connection),
  Failed,
}

struct Entry {
  session: Session,
  verdict: Verdict,
  /// The sessions the server handed out (clients).
  slot: Arc<SessionSlot>,
  /// A client's settings, for the shared verifier, resolver and store.
  client: Option<Rc<ClientCtx>>,
  /// Key log lines not yet taken by JS (only when asked for: a 'keylog' listener).
  keylog: Arc<KeyLines>,
  /// `setMaxSendFragment`: the most plaintext one record of ours carries.
  max_send: usize,
  /// A server's: the schemes of the ClientHello, and of its own `sigalgs` option.
  peer_sigalgs: Vec<SignatureScheme>,
  own_sigalgs: Option<Vec<SignatureScheme>>,
}

/// NSS key log lines ("LABEL client_random secret\n"), as OpenSSL hands them to Node.
#[derive(Debug, Default)]
struct KeyLines(Mutex<Vec<u8>>);

impl rustls::KeyLog for KeyLines {
  fn log(&self, label: &str, client_random: &[u8], secret: &[u8]) {
    // amber neither sends nor accepts 0-RTT data, so an early traffic secret (which a
    // rustls server derives on every resumption) protects nothing; OpenSSL logs it
    // only when early data is used.
    if label == "CLIENT_EARLY_TRAFFIC_SECRET" {
      return;
    }
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let line = format!("{label} {} {}\n", hex(client_random), hex(secret));
    self.0.lock().unwrap().extend_from_slice(line.as_bytes());
  }
}

/// `takeKeylog(id)`: the key log lines produced since the last call, or null.
fn take_keylog<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let lines = with_entry(id, |e| std::mem::take(&mut *e.keylog.0.lock().unwrap())).unwrap_or_default();
  rv.set(bytes_or_null(scope, lines));
}

thread_local! {
  static SESSIONS: RefCell<(u32, HashMap<u32, Entry>)> = RefCell::new((0, HashMap::new()));
}

fn provider() -> Arc<CryptoProvider> {
  static P: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
  P.get_or_init(|| Arc::new(ring::default_provider())).clone()
}

fn algorithms() -> WebPkiSupportedAlgorithms {
  provider().signature_verification_algorithms
}

/// The Mozilla roots plus those of `NODE_EXTRA_CA_CERTS` (a PEM file, read once per
/// process as Node does; unreadable files are ignored), parsed once.
fn default_roots() -> Arc<RootCertStore> {
  static R: OnceLock<Arc<RootCertStore>> = OnceLock::new();
  R.get_or_init(|| {
    let mut store = RootCertStore::empty();
    store.add_parsable_certificates(webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().cloned());
    if let Some(path) = std::env::var_os("NODE_EXTRA_CA_CERTS") {
      match std::fs::read(&path) {
        Ok(pem) => {
          store.add_parsable_certificates(CertificateDer::pem_slice_iter(&pem).filter_map(Result::ok));
        }
        Err(e) => {
          // Node's warning, in OpenSSL's words for a system error; JS prints it.
          let reason = e.to_string();
          let reason = reason.split(" (os error").next().unwrap_or_default();
          let code = 0x8000_0000u32 | e.raw_os_error().unwrap_or(0) as u32;
          let _ = EXTRA_CA_WARNING.set(format!(
            "Warning: Ignoring extra certs from `{}`, load failed: error:{code:08X}:system library::{reason}\n",
            path.to_string_lossy()
          ));
        }
      }
    }
    Arc::new(store)
  })
  .clone()
}

static EXTRA_CA_WARNING: OnceLock<String> = OnceLock::new();

/// `extraCaWarning()`: Node's warning for an unreadable NODE_EXTRA_CA_CERTS, once (the
/// default roots are loaded first).
fn extra_ca_warning<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  static SHOWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
  default_roots();
  if let Some(w) = EXTRA_CA_WARNING.get() {
    if !SHOWN.swap(true, std::sync::atomic::Ordering::SeqCst) {
      set_string(scope, &mut rv, w);
    }
  }
}

fn default_verifier() -> Option<Arc<WebPkiServerVerifier>> {
  static V: OnceLock<Option<Arc<WebPkiServerVerifier>>> = OnceLock::new();
  V.get_or_init(|| WebPkiServerVerifier::builder_with_provider(default_roots(), provider()).build().ok()).clone()
}

// ---- session resumption ------------------------------------------------------------
//
// A client's resumable sessions (TLS 1.3 tickets, TLS 1.2 sessions) are kept here under
// a u64 token; JS sees only the token (as getSession()'s Buffer and the 'session'
// event) and hands it back as connect({ session }). rustls cannot serialize a session,
// so a token is meaningful in this process only: after a snapshot restore an old token
// finds nothing and the handshake is simply a full one. The table keeps the newest
// MAX_SESSIONS tokens.

enum Resumable {
  /// A TLS 1.3 session before any ticket came: what getSession() gives right after the
  /// handshake, as OpenSSL's session then, which no handshake can resume from.
  Unresumable,
  Tls13(Vec<rustls::client::Tls13ClientSessionValue>),
  Tls12(rustls::client::Tls12ClientSessionValue),
}

const MAX_SESSIONS: usize = 256;

struct SessionTable {
  next: u64,
  map: HashMap<u64, Resumable>,
  order: std::collections::VecDeque<u64>,
}

fn session_table() -> &'static Mutex<SessionTable> {
  static T: OnceLock<Mutex<SessionTable>> = OnceLock::new();
  T.get_or_init(|| Mutex::new(SessionTable { next: 1, map: HashMap::new(), order: Default::default() }))
}

/// What the connection rustls is working on right now may resume from and keeps.
/// rustls resumes a session only with the very verifier and client-certificate
/// resolver (the same Arcs) that made it, so clients share one of each process-wide
/// (`shared_verifier`, `shared_resolver`, `SharedStore`); those find the connection's own
/// settings here. Every call into a client connection runs inside `with_client`, on
/// the JS thread.
struct ClientCtx {
  resume: Option<u64>,
  slot: Arc<SessionSlot>,
  verifier: Option<Arc<WebPkiServerVerifier>>,
  anchors: Vec<Vec<u8>>,
  helpers: Vec<CertificateDer<'static>>,
  identity: Option<Arc<rustls::sign::CertifiedKey>>,
  verdict: Verdict,
  /// `sigalgs`: the schemes offered for the server's signature (and ours).
  sigalgs: Option<Vec<SignatureScheme>>,
  /// The schemes the server's CertificateRequest allows for ours.
  peer_sigalgs: RefCell<Vec<SignatureScheme>>,
}

thread_local! {
  static CURRENT: RefCell<Option<Rc<ClientCtx>>> = const { RefCell::new(None) };
}

fn with_client<R>(ctx: Option<Rc<ClientCtx>>, f: impl FnOnce() -> R) -> R {
  let previous = CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), ctx));
  let r = f();
  CURRENT.with(|c| *c.borrow_mut() = previous);
  r
}

fn current() -> Option<Rc<ClientCtx>> {
  CURRENT.with(|c| c.borrow().clone())
}

/// Shared by a connection's context and its table entry: the token of the sessions
/// received, and how many arrived since JS last looked.
#[derive(Debug, Default)]
struct SessionSlot {
  own: Mutex<Option<u64>>,
  fresh: std::sync::atomic::AtomicU32,
}

#[derive(Debug)]
struct SharedStore;

fn keep(f: impl FnOnce(Option<&mut Resumable>) -> Option<Resumable>) {
  let Some(ctx) = current() else { return };
  store(&ctx.slot, f);
  ctx.slot.fresh.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

/// Gives `f` the slot's current session, and the slot a new token for what it returns.
fn store(slot: &SessionSlot, f: impl FnOnce(Option<&mut Resumable>) -> Option<Resumable>) {
  let mut table = session_table().lock().unwrap();
  let mut own = slot.own.lock().unwrap();
  let existing = own.and_then(|t| table.map.get_mut(&t));
  if let Some(new) = f(existing) {
    let token = table.next;
    table.next += 1;
    table.map.insert(token, new);
    table.order.push_back(token);
    while table.order.len() > MAX_SESSIONS {
      if let Some(old) = table.order.pop_front() {
        table.map.remove(&old);
      }
    }
    *own = Some(token);
  }
}

/// Makes `from` (the session a handshake resumed) the slot's session, with anything the
/// handshake stored (a TLS 1.2 session) in its place; nothing if it was evicted.
fn resumed_from(slot: &SessionSlot, from: u64) {
  let mut table = session_table().lock().unwrap();
  if !table.map.contains_key(&from) {
    return;
  }
  let mut own = slot.own.lock().unwrap();
  if let Some(new) = own.filter(|t| *t != from) {
    if let Some(value) = table.map.remove(&new) {
      table.order.retain(|t| *t != new);
      table.map.insert(from, value);
    }
  }
  *own = Some(from);
}

fn resume_token() -> Option<u64> {
  current().and_then(|c| c.resume)
}

impl rustls::client::ClientSessionStore for SharedStore {
  fn set_kx_hint(&self, _: ServerName<'static>, _: rustls::NamedGroup) {}

  fn kx_hint(&self, _: &ServerName<'_>) -> Option<rustls::NamedGroup> {
    None
  }

  fn set_tls12_session(&self, _: ServerName<'static>, value: rustls::client::Tls12ClientSessionValue) {
    keep(|_| Some(Resumable::Tls12(value)));
  }

  fn tls12_session(&self, _: &ServerName<'_>) -> Option<rustls::client::Tls12ClientSessionValue> {
    let table = session_table().lock().unwrap();
    match table.map.get(&resume_token()?) {
      Some(Resumable::Tls12(v)) => Some(v.clone()),
      _ => None,
    }
  }

  fn remove_tls12_session(&self, _: &ServerName<'static>) {}

  fn insert_tls13_ticket(&self, _: ServerName<'static>, value: rustls::client::Tls13ClientSessionValue) {
    let mut value = Some(value);
    keep(|existing| match existing {
      Some(Resumable::Tls13(list)) => {
        list.extend(value.take());
        None
      }
      _ => Some(Resumable::Tls13(value.take().into_iter().collect())),
    });
  }

  fn take_tls13_ticket(&self, _: &ServerName<'static>) -> Option<rustls::client::Tls13ClientSessionValue> {
    let token = resume_token()?;
    let mut table = session_table().lock().unwrap();
    match table.map.get_mut(&token) {
      Some(Resumable::Tls13(list)) => list.pop(),
      _ => None,
    }
  }
}

/// The client certificate of the connection at work (`cert`/`key`), if any.
#[derive(Debug)]
struct SharedResolver;

impl rustls::client::ResolvesClientCert for SharedResolver {
  fn resolve(&self, _: &[&[u8]], schemes: &[SignatureScheme]) -> Option<Arc<rustls::sign::CertifiedKey>> {
    let ctx = current()?;
    *ctx.peer_sigalgs.borrow_mut() = schemes.to_vec();
    ctx.identity.clone()
  }

  fn has_certs(&self) -> bool {
    true
  }
}

fn shared_store() -> Arc<SharedStore> {
  static S: OnceLock<Arc<SharedStore>> = OnceLock::new();
  S.get_or_init(|| Arc::new(SharedStore)).clone()
}

fn shared_resolver() -> Arc<SharedResolver> {
  static S: OnceLock<Arc<SharedResolver>> = OnceLock::new();
  S.get_or_init(|| Arc::new(SharedResolver)).clone()
}

fn shared_verifier() -> Arc<ServerVerifier> {
  static S: OnceLock<Arc<ServerVerifier>> = OnceLock::new();
  S.get_or_init(|| Arc::new(ServerVerifier)).clone()
}

/// Server-side session caches, one per secure context (by the id JS gives it), so a
/// session is resumed only by a server using the context that made it.
fn server_cache(id: u32) -> Arc<dyn rustls::server::StoresServerSessions> {
  thread_local! {
    static CACHES: RefCell<HashMap<u32, Arc<ServerStore>>> = RefCell::new(HashMap::new());
  }
  CACHES.with(|c| {
    let mut caches = c.borrow_mut();
    // Bounded: a program that makes a context per connection (an SNICallback building
    // one each time) must not grow this forever; dropping them all costs only resumption.
    if caches.len() >= 256 && !caches.contains_key(&id) {
      caches.clear();
    }
    caches.entry(id).or_insert_with(|| Arc::new(ServerStore(rustls::server::ServerSessionMemoryCache::new(256)))).clone()
  })
}

thread_local! {
  /// Sessions a server stored during the call into rustls now running (session id or
  /// stateful ticket id, and rustls's encoding of the session): the 'newSession' events
  /// of the connection being served.
  static STORED: RefCell<Vec<(Vec<u8>, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// A context's session cache, which also reports what is put in it (`STORED`).
#[derive(Debug)]
struct ServerStore(Arc<rustls::server::ServerSessionMemoryCache>);

impl rustls::server::StoresServerSessions for ServerStore {
  fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
    STORED.with(|s| s.borrow_mut().push((key.clone(), value.clone())));
    self.0.put(key, value)
  }

  fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
    self.0.get(key)
  }

  fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
    self.0.take(key)
  }

  fn can_cache(&self) -> bool {
    true
  }
}

/// `putSession(cache, id, data)`: a session handed back by a 'resumeSession' listener
/// (what a 'newSession' event gave) goes into the context's cache, for the handshake
/// about to look for it.
fn put_session<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let cache = id_arg(scope, &args, 0);
  let (Some(id), Some(data)) = (bytes_arg(args.get(1)), bytes_arg(args.get(2))) else { return };
  if cache != 0 && !id.is_empty() {
    server_cache(cache).put(id, data);
    // (Not one this server made: no 'newSession' for it.)
    STORED.with(|s| s.borrow_mut().pop());
  }
}

/// The legacy session id of a ClientHello at the start of `bytes` (a handshake record),
/// if it has one.
fn hello_session_id(bytes: &[u8]) -> Option<Vec<u8>> {
  // record header (5), handshake header (4), client_version (2), random (32)
  if bytes.len() < 5 + 4 + 2 + 32 + 1 || bytes[0] != 0x16 || bytes[5] != 0x01 {
    return None;
  }
  let at = 5 + 4 + 2 + 32;
  let n = bytes[at] as usize;
  (n > 0 && n <= 32).then(|| bytes.get(at + 1..at + 1 + n).map(<[u8]>::to_vec)).flatten()
}

// ---- session tickets ------------------------------------------------------------
//
// A server's tickets are sealed with its context's 48 bytes of ticket keys, as OpenSSL
// uses them in Node: 16 bytes of key name, 16 of HMAC-SHA256 secret, 16 of AES-128 key;
// a ticket is name || IV || AES-128-CBC(state) || HMAC(name || IV || ciphertext), so
// servers given the same `ticketKeys` resume each other's sessions. Keys not given are
// random per context, made on first use in this process (never in a snapshot: after a
// restore the table is empty and a context gets fresh ones).

thread_local! {
  static TICKET_KEYS: RefCell<HashMap<u32, [u8; 48]>> = RefCell::new(HashMap::new());
}

/// The ticket keys of context `cache`: `set` when given, else those it has, else new ones.
fn ticket_keys(cache: u32, set: Option<[u8; 48]>) -> [u8; 48] {
  TICKET_KEYS.with(|t| {
    let mut t = t.borrow_mut();
    if let Some(keys) = set {
      t.insert(cache, keys);
    }
    *t.entry(cache).or_insert_with(|| {
      let mut k = [0u8; 48];
      rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut k);
      k
    })
  })
}

#[derive(Debug)]
struct Ticketer {
  keys: [u8; 48],
  lifetime: u32,
}

type TicketMac = hmac::Hmac<sha2::Sha256>;

impl rustls::server::ProducesTickets for Ticketer {
  fn enabled(&self) -> bool {
    true
  }

  fn lifetime(&self) -> u32 {
    self.lifetime
  }

  fn encrypt(&self, plain: &[u8]) -> Option<Vec<u8>> {
    use aes::cipher::{BlockEncryptMut, KeyIvInit};
    use hmac::Mac;
    let (name, rest) = self.keys.split_at(16);
    let (mac_key, aes_key) = rest.split_at(16);
    let mut iv = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut iv);
    let ct = cbc::Encryptor::<aes::Aes128>::new_from_slices(aes_key, &iv).ok()?.encrypt_padded_vec_mut::<aes::cipher::block_padding::Pkcs7>(plain);
    let mut out = [name, &iv[..], &ct].concat();
    let mut mac = <TicketMac as Mac>::new_from_slice(mac_key).ok()?;
    mac.update(&out);
    out.extend_from_slice(&mac.finalize().into_bytes());
    Some(out)
  }

  fn decrypt(&self, ticket: &[u8]) -> Option<Vec<u8>> {
    use aes::cipher::{BlockDecryptMut, KeyIvInit};
    use hmac::Mac;
    let (name, rest) = self.keys.split_at(16);
    let (mac_key, aes_key) = rest.split_at(16);
    if ticket.len() < 16 + 16 + 16 + 32 || &ticket[..16] != name {
      return None;
    }
    let (body, tag) = ticket.split_at(ticket.len() - 32);
    let mut mac = <TicketMac as Mac>::new_from_slice(mac_key).ok()?;
    mac.update(body);
    mac.verify_slice(tag).ok()?;
    cbc::Decryptor::<aes::Aes128>::new_from_slices(aes_key, &body[16..32]).ok()?.decrypt_padded_vec_mut::<aes::cipher::block_padding::Pkcs7>(&body[32..]).ok()
  }
}

/// `ticketKeys(cache[, keys])`: sets and/or returns a context's ticket keys.
fn ticket_keys_fn<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let cache = id_arg(scope, &args, 0);
  let set = bytes_arg(args.get(1)).and_then(|b| <[u8; 48]>::try_from(b.as_slice()).ok());
  let keys = ticket_keys(cache, set);
  let arr = bytes_to_uint8array(scope, keys.to_vec());
  rv.set(arr.into());
}

// ---- errors -------------------------------------------------------------------

/// A JS error with OpenSSL's message form and Node's code.
struct TlsError {
  code: String,
  message: String,
}

fn err(code: &str, message: &str) -> TlsError {
  TlsError { code: code.to_string(), message: message.to_string() }
}

fn throw(scope: &mut v8::PinScope, e: TlsError) {
  let m = new_string(scope, &e.message);
  let ex = v8::Exception::error(scope, m);
  let o = ex.cast::<v8::Object>();
  let k = new_string(scope, "code");
  let v = new_string(scope, &e.code);
  o.set(scope, k.into(), v.into());
  scope.throw_exception(ex);
}

/// OpenSSL's reason text for a TLS alert (`SSL_R_*_ALERT_*`; its reason number is
/// 1000 + the alert's number).
fn alert_reason(n: u8) -> String {
  let (v, name) = match n {
    10 => ("sslv3", "unexpected message"),
    20 => ("sslv3", "bad record mac"),
    21 => ("tlsv1", "decryption failed"),
    22 => ("tlsv1", "record overflow"),
    30 => ("sslv3", "decompression failure"),
    40 => ("sslv3", "handshake failure"),
    41 => ("sslv3", "no certificate"),
    42 => ("sslv3", "bad certificate"),
    43 => ("sslv3", "unsupported certificate"),
    44 => ("sslv3", "certificate revoked"),
    45 => ("sslv3", "certificate expired"),
    46 => ("sslv3", "certificate unknown"),
    47 => ("sslv3", "illegal parameter"),
    48 => ("tlsv1", "unknown ca"),
    49 => ("tlsv1", "access denied"),
    50 => ("tlsv1", "decode error"),
    51 => ("tlsv1", "decrypt error"),
    70 => ("tlsv1", "protocol version"),
    71 => ("tlsv1", "insufficient security"),
    80 => ("tlsv1", "internal error"),
    86 => ("tlsv1", "inappropriate fallback"),
    90 => ("tlsv1", "user cancelled"),
    100 => ("tlsv1", "no renegotiation"),
    109 => ("tlsv13", "missing extension"),
    116 => ("tlsv13", "certificate required"),
    120 => ("tlsv1", "no application protocol"),
    _ => return format!("tlsv1 alert {n}"),
  };
  format!("{v} alert {name}")
}

/// A failure OpenSSL has no closer reason for: its generic handshake failure, with
/// what rustls saw as the reason.
fn failure(reason: &str) -> TlsError {
  TlsError { code: "ERR_SSL_SSL_HANDSHAKE_FAILURE".into(), message: format!("error:0A000410:SSL routines::{reason}") }
}

/// rustls's handshake errors as the OpenSSL errors Node reports (`ERR_SSL_*`, message
/// `error:<id>:SSL routines::<reason>`). Where rustls has no finer distinction the
/// nearest OpenSSL reason is used.
fn map_error(e: &rustls::Error) -> TlsError {
  use rustls::Error as E;
  let ssl = |id: &str, reason: &str| {
    let code = format!("ERR_SSL_{}", reason.to_uppercase().replace([' ', '-'], "_"));
    TlsError { code, message: format!("error:{id}:SSL routines::{reason}") }
  };
  match e {
    E::AlertReceived(a) => {
      let n = u8::from(*a);
      ssl(&format!("{:08X}", 0x0A00_0000u32 + 1000 + n as u32), &alert_reason(n))
    }
    E::InvalidMessage(m) => {
      use rustls::InvalidMessage as M;
      match m {
        M::InvalidContentType | M::UnknownProtocolVersion | M::MessageTooLarge => ssl("0A00010B", "wrong version number"),
        _ => failure(&format!("{m:?}")),
      }
    }
    E::PeerIncompatible(p) => {
      use rustls::PeerIncompatible as P;
      match p {
        P::Tls12NotOffered | P::Tls12NotOfferedOrEnabled | P::Tls13RequiredForQuic | P::SupportedVersionsExtensionRequired | P::ServerDoesNotSupportTls12Or13 => {
          ssl("0A000102", "unsupported protocol")
        }
        P::NoCipherSuitesInCommon => ssl("0A0000C1", "no shared cipher"),
        P::NoSignatureSchemesInCommon => ssl("0A000178", "no shared signature algorithms"),
        _ => ssl("0A000410", "sslv3 alert handshake failure"),
      }
    }
    E::NoApplicationProtocol => ssl("0A0000EB", "no application protocol"),
    E::NoCertificatesPresented => ssl("0A0000C7", "peer did not return a certificate"),
    E::DecryptError => ssl("0A000119", "decryption failed or bad record mac"),
    E::InappropriateMessage { .. } | E::InappropriateHandshakeMessage { .. } => ssl("0A0000F4", "unexpected message"),
    E::InvalidCertificate(_) => ssl("0A000086", "certificate verify failed"),
    other => failure(&other.to_string()),
  }
}

// ---- verification ---------------------------------------------------------------

fn is_self_issued(der: &[u8]) -> bool {
  match x509_parser::parse_x509_certificate(der) {
    Ok((_, c)) => c.subject().as_raw() == c.issuer().as_raw(),
    Err(_) => false,
  }
}

/// OpenSSL's verify code and message for a webpki failure.
fn verify_code(e: &rustls::Error, leaf: &[u8], chain: &[CertificateDer], helpers: &[CertificateDer]) -> Option<(&'static str, String)> {
  use rustls::CertificateError as C;
  let rustls::Error::InvalidCertificate(c) = e else {
    return Some(("UNABLE_TO_VERIFY_LEAF_SIGNATURE", e.to_string()));
  };
  let r = |code: &'static str, msg: &str| Some((code, msg.to_string()));
  if matches!(c, C::NotValidForName | C::NotValidForNameContext { .. }) {
    return None;
  }
  // OpenSSL builds the chain before it checks anything else: an untrusted self-signed
  // leaf is reported as such whatever else is wrong with it (webpki may first see a CA
  // certificate used as an end entity, or an expired one).
  if chain.is_empty() && is_self_issued(leaf) {
    return r("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate");
  }
  match c {
    C::Expired | C::ExpiredContext { .. } => r("CERT_HAS_EXPIRED", "certificate has expired"),
    C::NotValidYet | C::NotValidYetContext { .. } => r("CERT_NOT_YET_VALID", "certificate is not yet valid"),
    C::Revoked => r("CERT_REVOKED", "certificate revoked"),
    C::BadSignature => r("CERT_SIGNATURE_FAILURE", "certificate signature failure"),
    C::InvalidPurpose | C::InvalidPurposeContext { .. } => r("INVALID_PURPOSE", "unsupported certificate purpose"),
    C::UnknownIssuer => {
      // The chain reached a CA of ours that is not an anchor (no allowPartialTrustChain):
      // OpenSSL's "unable to get issuer certificate".
      let issuer_of = |der: &[u8]| x509_parser::parse_x509_certificate(der).ok().map(|(_, c)| c.issuer().as_raw().to_vec());
      let subject_of = |der: &[u8]| x509_parser::parse_x509_certificate(der).ok().map(|(_, c)| c.subject().as_raw().to_vec());
      let issuers: Vec<Vec<u8>> = std::iter::once(leaf).chain(chain.iter().map(|c| c.as_ref())).filter_map(issuer_of).collect();
      if helpers.iter().filter_map(|h| subject_of(h)).any(|s| issuers.contains(&s)) {
        return r("UNABLE_TO_GET_ISSUER_CERT", "unable to get issuer certificate");
      }
      if chain.last().is_some_and(|c| is_self_issued(c)) {
        r("SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain")
      } else if chain.is_empty() {
        r("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate")
      } else {
        r("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate")
      }
    }
    C::BadEncoding => r("CERT_REJECTED", "certificate rejected"),
    _ => Some(("CERT_REJECTED", c_to_string(c))),
  }
}

fn c_to_string(c: &rustls::CertificateError) -> String {
  format!("{c:?}")
}

/// Verifies a handshake signature with the peer certificate's key. webpki reads only
/// X.509 v3 certificates; OpenSSL (so Node) also takes v1 ones, whose key is then
/// taken by x509-parser and checked with the same algorithms.
fn verify_signature(msg: &[u8], cert: &CertificateDer<'_>, dss: &DigitallySignedStruct, tls13: bool) -> Result<HandshakeSignatureValid, rustls::Error> {
  let algs = algorithms();
  let r = if tls13 {
    rustls::crypto::verify_tls13_signature(msg, cert, dss, &algs)
  } else {
    rustls::crypto::verify_tls12_signature(msg, cert, dss, &algs)
  };
  let Err(rustls::Error::InvalidCertificate(_)) = r else { return r };
  let Ok((_, c)) = x509_parser::parse_x509_certificate(cert) else { return r };
  let key = c.public_key().subject_public_key.data.as_ref();
  for (_, candidates) in algs.mapping.iter().filter(|m| m.0 == dss.scheme) {
    for alg in candidates.iter() {
      if alg.verify_signature(key, msg, dss.signature()).is_ok() {
        return Ok(HandshakeSignatureValid::assertion());
      }
    }
  }
  r
}

/// Checks a server's chain, records the verdict and lets the handshake go on.
#[derive(Debug)]
struct ServerVerifier;

/// OpenSSL trusts a certificate found in the trust store as it is, even as the peer's
/// own (self-signed) certificate, which webpki does not: such a leaf is checked only for
/// its dates.
/// The verdict both verifiers reach (None: verified). A certificate that is itself
/// one of the trust anchors is trusted as it is; without a webpki verifier (no usable
/// anchors) its issuer is unknown; else `check` decides over the peer's intermediates
/// followed by the context's extra certificates.
fn chain_verdict(
  anchors: &[Vec<u8>],
  helpers: &[CertificateDer<'static>],
  end_entity: &CertificateDer<'_>,
  intermediates: &[CertificateDer<'_>],
  check: Option<impl FnOnce(&[CertificateDer]) -> Result<(), rustls::Error>>,
) -> Option<(&'static str, String)> {
  if let Some(trusted) = trusted_as_is(anchors, end_entity) {
    return trusted;
  }
  let Some(check) = check else {
    return verify_code(&rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer), end_entity, intermediates, helpers);
  };
  let chain: Vec<CertificateDer> = intermediates.iter().cloned().chain(helpers.iter().cloned()).collect();
  match check(&chain) {
    Ok(()) => None,
    Err(e) if is_unsupported_version(&e) => match v1_chain(anchors, end_entity, &chain) {
      Ok(()) => None,
      Err(e) => verify_code(&rustls::Error::InvalidCertificate(e), end_entity, intermediates, helpers),
    },
    Err(e) => verify_code(&e, end_entity, intermediates, helpers),
  }
}

/// webpki reads only X.509 v3 certificates and refuses a chain holding a v1 one, which
/// OpenSSL (so Node) accepts. (webpki's error type is not a dependency of ours; it
/// reaches us boxed in `CertificateError::Other`, so it is recognised by name.)
fn is_unsupported_version(e: &rustls::Error) -> bool {
  matches!(e, rustls::Error::InvalidCertificate(rustls::CertificateError::Other(o)) if format!("{o:?}").contains("UnsupportedCertVersion"))
}

/// One DER element: (tag, whole element, contents, rest).
fn der_next(input: &[u8]) -> Option<(u8, &[u8], &[u8], &[u8])> {
  let (&tag, rest) = input.split_first()?;
  let (&first, rest) = rest.split_first()?;
  let (len, rest) = if first < 0x80 {
    (first as usize, rest)
  } else {
    let n = (first & 0x7f) as usize;
    if n == 0 || n > 4 || rest.len() < n {
      return None;
    }
    (rest[..n].iter().fold(0usize, |a, &b| (a << 8) | b as usize), &rest[n..])
  };
  if rest.len() < len {
    return None;
  }
  let header = input.len() - rest.len();
  Some((tag, &input[..header + len], &rest[..len], &rest[len..]))
}

/// A certificate's signed part, signature algorithm (contents) and signature.
fn cert_signature(der: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
  let (0x30, _, body, _) = der_next(der)? else { return None };
  let (0x30, tbs, _, rest) = der_next(body)? else { return None };
  let (0x30, _, alg, rest) = der_next(rest)? else { return None };
  let (0x03, _, sig, _) = der_next(rest)? else { return None };
  let (0, sig) = sig.split_first()? else { return None };
  Some((tbs, alg, sig))
}

/// A public key's algorithm (contents) and key bits, from its SubjectPublicKeyInfo.
fn spki_parts(spki: &[u8]) -> Option<(&[u8], &[u8])> {
  let (0x30, _, body, _) = der_next(spki)? else { return None };
  let (0x30, _, alg, rest) = der_next(body)? else { return None };
  let (0x03, _, key, _) = der_next(rest)? else { return None };
  let (0, key) = key.split_first()? else { return None };
  Some((alg, key))
}

/// Whether `issuer` signed `cert`, with the algorithms webpki would use.
fn signed_by(cert: &[u8], issuer: &x509_parser::certificate::X509Certificate) -> bool {
  let Some((tbs, sig_alg, sig)) = cert_signature(cert) else { return false };
  let Some((key_alg, key)) = spki_parts(issuer.public_key().raw) else { return false };
  algorithms().all.iter().any(|a| {
    a.signature_alg_id().as_ref() == sig_alg && a.public_key_alg_id().as_ref() == key_alg && a.verify_signature(key, tbs, sig).is_ok()
  })
}

/// The chain check OpenSSL makes, for chains webpki will not read: from the peer's
/// certificate, each issuer (same name, its signature verifying, a CA: basic constraints
/// or a v1 self-signed root, as OpenSSL's check_ca) is looked for among the anchors of
/// `ca`, then among the other certificates, up to an anchor; every certificate on the
/// way must be within its dates. Names and purposes are checked as for v3 chains
/// (`checkServerIdentity` in JS; a v1 certificate has no extensions to restrict it).
fn v1_chain(anchors: &[Vec<u8>], end_entity: &[u8], others: &[CertificateDer]) -> Result<(), rustls::CertificateError> {
  use rustls::CertificateError as C;
  use x509_parser::parse_x509_certificate as parse;
  let now = x509_parser::time::ASN1Time::now();
  let dates = |c: &x509_parser::certificate::X509Certificate| {
    let v = c.validity();
    if now < v.not_before {
      Err(C::NotValidYet)
    } else if now > v.not_after {
      Err(C::Expired)
    } else {
      Ok(())
    }
  };
  let is_ca = |c: &x509_parser::certificate::X509Certificate| match c.basic_constraints() {
    Ok(Some(bc)) => bc.value.ca,
    _ => c.version() == x509_parser::x509::X509Version::V1 && c.subject().as_raw() == c.issuer().as_raw(),
  };
  let mut current = end_entity.to_vec();
  for _ in 0..10 {
    let Ok((_, cert)) = parse(&current) else { return Err(C::BadEncoding) };
    dates(&cert)?;
    let issued = |d: &[u8]| -> Option<Vec<u8>> {
      let (_, i) = parse(d).ok()?;
      (i.subject().as_raw() == cert.issuer().as_raw() && is_ca(&i) && signed_by(&current, &i)).then(|| d.to_vec())
    };
    if let Some(anchor) = anchors.iter().find_map(|a| issued(a)) {
      let (_, a) = parse(&anchor).map_err(|_| C::BadEncoding)?;
      return dates(&a);
    }
    let next = others.iter().filter(|o| o.as_ref() != current.as_slice()).find_map(|o| issued(o));
    match next {
      Some(n) => current = n,
      None => return Err(C::UnknownIssuer),
    }
  }
  Err(C::UnknownIssuer)
}

fn trusted_as_is(anchors: &[Vec<u8>], end_entity: &[u8]) -> Option<Option<(&'static str, String)>> {
  if !anchors.iter().any(|a| a.as_slice() == end_entity) {
    return None;
  }
  let (_, c) = x509_parser::parse_x509_certificate(end_entity).ok()?;
  let now = x509_parser::time::ASN1Time::now();
  let v = c.validity();
  Some(if now < v.not_before {
    Some(("CERT_NOT_YET_VALID", "certificate is not yet valid".to_string()))
  } else if now > v.not_after {
    Some(("CERT_HAS_EXPIRED", "certificate has expired".to_string()))
  } else {
    None
  })
}

/// The DER of each anchor in a `ca` option (for `trusted_as_is`).
fn anchors(o: &Options) -> Vec<Vec<u8>> {
  let ca = o.ca.as_deref().unwrap_or_default();
  ca.iter()
    .flat_map(|pem| pem_certs(std::slice::from_ref(pem)).unwrap_or_default())
    .filter(|c| o.allow_partial || is_self_issued(c))
    .map(|c| c.to_vec())
    .collect()
}

impl ServerCertVerifier for ServerVerifier {
  fn verify_server_cert(
    &self,
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    server_name: &ServerName<'_>,
    ocsp: &[u8],
    now: UnixTime,
  ) -> Result<ServerCertVerified, rustls::Error> {
    let Some(ctx) = current() else {
      return Err(rustls::Error::General("TLS client used outside its binding".into()));
    };
    let check = ctx.verifier.as_ref().map(|v| |chain: &[CertificateDer]| v.verify_server_cert(end_entity, chain, server_name, ocsp, now).map(|_| ()));
    *ctx.verdict.lock().unwrap() = chain_verdict(&ctx.anchors, &ctx.helpers, end_entity, intermediates, check);
    Ok(ServerCertVerified::assertion())
  }

  fn verify_tls12_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
    verify_signature(m, c, d, false)
  }

  fn verify_tls13_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
    verify_signature(m, c, d, true)
  }

  fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
    let all = algorithms().supported_schemes();
    match current().and_then(|c| c.sigalgs.clone()) {
      // In the order given, as OpenSSL offers them.
      Some(own) => own.into_iter().filter(|s| all.contains(s)).collect(),
      None => all,
    }
  }
}

/// Asks for a client certificate (requestCert), checks it, records the verdict.
#[derive(Debug)]
struct ClientVerifier {
  inner: Option<Arc<dyn ClientCertVerifier>>,
  anchors: Vec<Vec<u8>>,
  helpers: Vec<CertificateDer<'static>>,
  hints: Vec<DistinguishedName>,
  verdict: Verdict,
  mandatory: bool,
  /// `sigalgs`: the schemes accepted for the client's signature.
  sigalgs: Option<Vec<SignatureScheme>>,
}

impl ClientCertVerifier for ClientVerifier {
  fn offer_client_auth(&self) -> bool {
    true
  }

  fn client_auth_mandatory(&self) -> bool {
    self.mandatory
  }

  fn root_hint_subjects(&self) -> &[DistinguishedName] {
    &self.hints
  }

  fn verify_client_cert(&self, end_entity: &CertificateDer<'_>, intermediates: &[CertificateDer<'_>], now: UnixTime) -> Result<ClientCertVerified, rustls::Error> {
    let check = self.inner.as_ref().map(|v| |chain: &[CertificateDer]| v.verify_client_cert(end_entity, chain, now).map(|_| ()));
    *self.verdict.lock().unwrap() = chain_verdict(&self.anchors, &self.helpers, end_entity, intermediates, check);
    Ok(ClientCertVerified::assertion())
  }

  fn verify_tls12_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
    verify_signature(m, c, d, false)
  }

  fn verify_tls13_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
    verify_signature(m, c, d, true)
  }

  fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
    let all = algorithms().supported_schemes();
    match &self.sigalgs {
      Some(own) => own.iter().copied().filter(|s| all.contains(s)).collect(),
      None => all,
    }
  }
}

// ---- options --------------------------------------------------------------------

/// What a session is built from: the JS side's secure context and connection options,
/// as one plain object of byte arrays, strings and booleans.
#[derive(Default)]
struct Options {
  ca: Option<Vec<Vec<u8>>>,
  cert: Vec<Vec<u8>>,
  key: Vec<Vec<u8>>,
  alpn: Vec<Vec<u8>>,
  min_version: Option<String>,
  max_version: Option<String>,
  servername: Option<String>,
  request_cert: bool,
  /// requestCert with rejectUnauthorized: a client without a certificate fails the
  /// handshake (OpenSSL's SSL_VERIFY_FAIL_IF_NO_PEER_CERT, which Node sets).
  require_cert: bool,
  /// `ca` adds to the default roots instead of replacing them (a pfx's CAs).
  with_default_roots: bool,
  /// A server's `sessionTimeout` (seconds), the lifetime of its tickets.
  session_timeout: Option<u32>,
  /// Ticket keys set on the context (`ticketKeys`, `setTicketKeys`).
  ticket_keys: Option<[u8; 48]>,
  /// SSL_OP_NO_TICKET: a server resumes by session id (TLS 1.2) and stateful tickets
  /// (TLS 1.3) only.
  no_ticket: bool,
  /// Whether key log lines are collected (`takeKeylog`).
  keylog: bool,
  /// IANA names of the cipher suites allowed (`ciphers`), or all.
  suites: Option<Vec<String>>,
  /// The token of a session to resume (`session`).
  session: Option<u64>,
  /// The secure context's session cache (servers); 0: none.
  cache: u32,
  /// allowPartialTrustChain: CAs that are not self-signed are anchors too.
  allow_partial: bool,
  /// `sigalgs` as given (an OpenSSL signature algorithm list).
  sigalgs: Option<String>,
}

fn get<'s>(scope: &mut v8::PinScope<'s, '_>, o: v8::Local<'s, v8::Object>, key: &str) -> Option<v8::Local<'s, v8::Value>> {
  let k = new_string(scope, key);
  let v = o.get(scope, k.into())?;
  if v.is_null_or_undefined() {
    None
  } else {
    Some(v)
  }
}

fn byte_list(scope: &mut v8::PinScope, v: Option<v8::Local<v8::Value>>) -> Option<Vec<Vec<u8>>> {
  let v = v?;
  let arr = v8::Local::<v8::Array>::try_from(v).ok()?;
  let mut out = Vec::new();
  for i in 0..arr.length() {
    let item = arr.get_index(scope, i)?;
    if let Some(b) = bytes_arg(item) {
      out.push(b);
    } else if item.is_string() {
      out.push(item.to_rust_string_lossy(scope).into_bytes());
    }
  }
  Some(out)
}

fn str_opt<'s>(scope: &mut v8::PinScope<'s, '_>, o: v8::Local<'s, v8::Object>, key: &str) -> Option<String> {
  let v = get(scope, o, key)?;
  Some(v.to_rust_string_lossy(scope))
}

fn read_options<'s>(scope: &mut v8::PinScope<'s, '_>, v: v8::Local<'s, v8::Value>) -> Options {
  let Ok(o) = v8::Local::<v8::Object>::try_from(v) else {
    return Options::default();
  };
  let ca = get(scope, o, "ca");
  let cert = get(scope, o, "cert");
  let key = get(scope, o, "key");
  let alpn = get(scope, o, "alpn");
  let suites = get(scope, o, "suites");
  let suites = byte_list(scope, suites).map(|l| l.into_iter().map(|b| String::from_utf8_lossy(&b).into_owned()).collect());
  let sigalgs = str_opt(scope, o, "sigalgs");
  let session = get(scope, o, "session").and_then(bytes_arg).filter(|b| b.len() == 12 && &b[..4] == b"AMBS").map(|b| u64::from_le_bytes(b[4..].try_into().unwrap()));
  let cache = get(scope, o, "cache").and_then(|v| v.uint32_value(scope)).unwrap_or(0);
  let allow_partial = get(scope, o, "allowPartialTrustChain").is_some_and(|v| v.is_true());
  Options {
    suites,
    session,
    cache,
    allow_partial,
    sigalgs,
    ca: byte_list(scope, ca),
    cert: byte_list(scope, cert).unwrap_or_default(),
    key: byte_list(scope, key).unwrap_or_default(),
    alpn: byte_list(scope, alpn).unwrap_or_default(),
    min_version: str_opt(scope, o, "minVersion"),
    max_version: str_opt(scope, o, "maxVersion"),
    servername: str_opt(scope, o, "servername"),
    request_cert: get(scope, o, "requestCert").is_some_and(|v| v.is_true()),
    require_cert: get(scope, o, "requireCert").is_some_and(|v| v.is_true()),
    with_default_roots: get(scope, o, "withDefaultRoots").is_some_and(|v| v.is_true()),
    session_timeout: get(scope, o, "sessionTimeout").filter(|v| v.is_number()).and_then(|v| v.uint32_value(scope)),
    keylog: get(scope, o, "keylog").is_some_and(|v| v.is_true()),
    ticket_keys: get(scope, o, "ticketKeys").and_then(bytes_arg).and_then(|b| <[u8; 48]>::try_from(b.as_slice()).ok()),
    no_ticket: get(scope, o, "noTicket").is_some_and(|v| v.is_true()),
  }
}

fn versions(o: &Options) -> Result<Vec<&'static rustls::SupportedProtocolVersion>, TlsError> {
  let rank = |v: &Option<String>, default: u8| -> Result<u8, TlsError> {
    match v.as_deref() {
      None => Ok(default),
      Some("TLSv1.3") => Ok(3),
      Some("TLSv1.2") => Ok(2),
      // TLS 1.0/1.1 do not exist in rustls: a range reaching into them keeps its 1.2+ part.
      Some("TLSv1.1") | Some("TLSv1") => Ok(1),
      Some(other) => Err(err("ERR_TLS_INVALID_PROTOCOL_VERSION", &format!("{other} is not a valid TLS protocol version"))),
    }
  };
  let (lo, hi) = (rank(&o.min_version, 2)?, rank(&o.max_version, 3)?);
  let mut v = Vec::new();
  if lo <= 3 && hi >= 3 {
    v.push(&rustls::version::TLS13);
  }
  if lo <= 2 && hi >= 2 {
    v.push(&rustls::version::TLS12);
  }
  if v.is_empty() {
    return Err(err("ERR_SSL_NO_PROTOCOLS_AVAILABLE", "error:0A0000BF:SSL routines::no protocols available"));
  }
  Ok(v)
}

/// A server's versions: one whose range is TLS 1.0/1.1 alone refuses every ClientHello
/// rustls's clients and OpenSSL's send (they offer TLS 1.2 at least), as OpenSSL's
/// server does when the client's version is outside its range.
fn server_versions(o: &Options) -> Result<Vec<&'static rustls::SupportedProtocolVersion>, TlsError> {
  let old = |v: &Option<String>| matches!(v.as_deref(), Some("TLSv1") | Some("TLSv1.1"));
  if old(&o.max_version) && old(&o.min_version) && o.min_version <= o.max_version {
    return Err(err("ERR_SSL_UNSUPPORTED_PROTOCOL", "error:0A000102:SSL routines::unsupported protocol"));
  }
  versions(o)
}

fn pem_certs(list: &[Vec<u8>]) -> Result<Vec<CertificateDer<'static>>, TlsError> {
  let mut out = Vec::new();
  for pem in list {
    let before = out.len();
    for c in CertificateDer::pem_slice_iter(pem) {
      out.push(c.map_err(|_| err("ERR_OSSL_PEM_BAD_BASE64_DECODE", "error:1E08010C:DECODER routines::unsupported"))?);
    }
    if out.len() == before {
      // DER given directly.
      if pem.first() == Some(&0x30) {
        out.push(CertificateDer::from(pem.clone()));
      } else {
        return Err(err("ERR_OSSL_PEM_NO_START_LINE", "error:0480006C:PEM routines::no start line"));
      }
    }
  }
  Ok(out)
}

fn pem_key(list: &[Vec<u8>]) -> Result<Option<PrivateKeyDer<'static>>, TlsError> {
  let Some(pem) = list.first() else { return Ok(None) };
  PrivateKeyDer::from_pem_slice(pem)
    .map(Some)
    .map_err(|_| err("ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported"))
}

fn roots(o: &Options) -> Result<Arc<RootCertStore>, TlsError> {
  // Node's `ca` replaces the default store.
  let Some(ca) = &o.ca else { return Ok(default_roots()) };
  let mut store = if o.with_default_roots { (*default_roots()).clone() } else { RootCertStore::empty() };
  // Like OpenSSL, text that holds no certificate and a CA that cannot be a trust anchor
  // are skipped. Only self-signed CAs are anchors, unless allowPartialTrustChain
  // (OpenSSL's partial chains); the others help build chains (`chain_helpers`).
  for c in ca.iter().flat_map(|pem| pem_certs(std::slice::from_ref(pem)).unwrap_or_default()) {
    if o.allow_partial || is_self_issued(&c) {
      let _ = store.add(c);
    }
  }
  Ok(Arc::new(store))
}

/// The CA certificates that are not anchors: OpenSSL still uses them as intermediates.
fn chain_helpers(o: &Options) -> Vec<CertificateDer<'static>> {
  if o.allow_partial {
    return Vec::new();
  }
  let ca = o.ca.as_deref().unwrap_or_default();
  ca.iter().flat_map(|pem| pem_certs(std::slice::from_ref(pem)).unwrap_or_default()).filter(|c| !is_self_issued(c)).collect()
}

/// Certificate and key, checked against each other (OpenSSL's "key values mismatch").
/// The first pair; a server may have several (`identities`).
fn identity(o: &Options) -> Result<Option<Arc<rustls::sign::CertifiedKey>>, TlsError> {
  Ok(identities(o)?.into_iter().next())
}

/// Every certificate chain of `cert` with its key among those of `key`, matched by
/// public key as OpenSSL matches them (one per key type, in any order).
fn identities(o: &Options) -> Result<Vec<Arc<rustls::sign::CertifiedKey>>, TlsError> {
  let unsupported = || err("ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported");
  let mismatch = || err("ERR_OSSL_X509_KEY_VALUES_MISMATCH", "error:05800074:x509 certificate routines::key values mismatch");
  let mut chains = Vec::new();
  for pem in &o.cert {
    let chain = pem_certs(std::slice::from_ref(pem))?;
    if !chain.is_empty() {
      chains.push(chain);
    }
  }
  let mut signers = Vec::new();
  for pem in &o.key {
    if let Some(key) = pem_key(std::slice::from_ref(pem))? {
      signers.push(provider().key_provider.load_private_key(key).map_err(|_| unsupported())?);
    }
  }
  match (chains.is_empty(), signers.is_empty()) {
    (true, true) => return Ok(Vec::new()),
    (false, true) => return Err(err("ERR_TLS_CERT_KEY_MISSING", "A private key is required with a certificate")),
    (true, false) => return Err(err("ERR_OSSL_NO_CERTIFICATE", "error:0A0000B1:SSL routines::no certificate assigned")),
    _ => {}
  }
  let spki_of = |c: &CertificateDer| x509_parser::parse_x509_certificate(c).ok().map(|(_, x)| x.public_key().raw.to_vec());
  let ca: Vec<CertificateDer<'static>> = o.ca.as_deref().unwrap_or_default().iter().flat_map(|pem| pem_certs(std::slice::from_ref(pem)).unwrap_or_default()).collect();
  let mut out = Vec::new();
  for (i, mut chain) in chains.into_iter().enumerate() {
    complete_chain(&mut chain, &ca);
    let leaf = spki_of(&chain[0]);
    let signer = signers
      .iter()
      .find(|s| s.public_key().is_some_and(|k| Some(k.as_ref()) == leaf.as_deref()))
      .or_else(|| if signers.len() == 1 && leaf.is_none() { signers.first() } else { None })
      .or_else(|| signers.get(i).filter(|s| s.public_key().is_none()));
    let Some(signer) = signer else { return Err(mismatch()) };
    out.push(Arc::new(rustls::sign::CertifiedKey::new(chain, signer.clone())));
  }
  Ok(out)
}

/// OpenSSL sends a certificate's issuers found in the context's `ca` when the chain given
/// stops short of a self-signed certificate (its automatic chain building).
fn complete_chain(chain: &mut Vec<CertificateDer<'static>>, ca: &[CertificateDer<'static>]) {
  let names = |d: &[u8]| x509_parser::parse_x509_certificate(d).ok().map(|(_, c)| (c.subject().as_raw().to_vec(), c.issuer().as_raw().to_vec()));
  while chain.len() < 10 {
    let Some((subject, issuer)) = chain.last().and_then(|c| names(c)) else { return };
    if subject == issuer {
      return;
    }
    let next = ca.iter().find(|c| !chain.contains(c) && names(c).is_some_and(|(s, _)| s == issuer));
    match next {
      Some(c) => chain.push(c.clone()),
      None => return,
    }
  }
}

/// A server's certificates: the one for the first signature scheme of the client's
/// list that one of them can use (and that a suite the client offers allows), as
/// OpenSSL chooses among certificates of several key types.
#[derive(Debug)]
struct ServerCerts(Vec<Arc<rustls::sign::CertifiedKey>>);

impl rustls::server::ResolvesServerCert for ServerCerts {
  fn resolve(&self, hello: rustls::server::ClientHello<'_>) -> Option<Arc<rustls::sign::CertifiedKey>> {
    if self.0.len() == 1 {
      return self.0.first().cloned();
    }
    let suites: Vec<String> = hello.cipher_suites().iter().map(|s| format!("{s:?}")).collect();
    let tls13 = suites.iter().any(|s| s.starts_with("TLS13_"));
    let allowed = |ck: &rustls::sign::CertifiedKey| {
      let auth = match ck.key.algorithm() {
        rustls::SignatureAlgorithm::ECDSA => "_ECDSA_",
        rustls::SignatureAlgorithm::RSA => "_RSA_",
        _ => return tls13,
      };
      tls13 || suites.iter().any(|s| s.contains(auth))
    };
    for scheme in hello.signature_schemes() {
      if let Some(ck) = self.0.iter().find(|ck| allowed(ck) && ck.key.choose_scheme(std::slice::from_ref(scheme)).is_some()) {
        return Some(ck.clone());
      }
    }
    self.0.first().cloned()
  }
}

// ---- signature algorithms (sigalgs) ------------------------------------------------

/// A `sigalgs` list (`RSA-PSS+SHA256:ECDSA+SHA384:ed25519`, or TLS 1.3 names such as
/// `rsa_pss_rsae_sha256`) as the schemes rustls knows; None without one.
fn sigalgs(o: &Options) -> Result<Option<Vec<SignatureScheme>>, TlsError> {
  use SignatureScheme as S;
  let Some(list) = &o.sigalgs else { return Ok(None) };
  let mut out = Vec::new();
  for name in list.split(':') {
    let scheme = match name.to_ascii_lowercase().as_str() {
      "rsa+sha1" | "rsa_pkcs1_sha1" => S::RSA_PKCS1_SHA1,
      "rsa+sha256" | "rsa_pkcs1_sha256" => S::RSA_PKCS1_SHA256,
      "rsa+sha384" | "rsa_pkcs1_sha384" => S::RSA_PKCS1_SHA384,
      "rsa+sha512" | "rsa_pkcs1_sha512" => S::RSA_PKCS1_SHA512,
      "rsa-pss+sha256" | "pss+sha256" | "rsa_pss_rsae_sha256" => S::RSA_PSS_SHA256,
      "rsa-pss+sha384" | "pss+sha384" | "rsa_pss_rsae_sha384" => S::RSA_PSS_SHA384,
      "rsa-pss+sha512" | "pss+sha512" | "rsa_pss_rsae_sha512" => S::RSA_PSS_SHA512,
      "ecdsa+sha1" | "ecdsa_sha1" => S::ECDSA_SHA1_Legacy,
      "ecdsa+sha256" | "ecdsa_secp256r1_sha256" => S::ECDSA_NISTP256_SHA256,
      "ecdsa+sha384" | "ecdsa_secp384r1_sha384" => S::ECDSA_NISTP384_SHA384,
      "ecdsa+sha512" | "ecdsa_secp521r1_sha512" => S::ECDSA_NISTP521_SHA512,
      "ed25519" => S::ED25519,
      "ed448" => S::ED448,
      // What OpenSSL says of a name it does not know.
      _ => return Err(err("", "error:00000000:lib(0)::reason(0)")),
    };
    if !out.contains(&scheme) {
      out.push(scheme);
    }
  }
  Ok(Some(out))
}

/// A scheme as Node's getSharedSigalgs() names it: the key type and OpenSSL's short name
/// of the hash (UNDEF for the EdDSA schemes, which have none).
fn sigalg_name(s: SignatureScheme) -> Option<&'static str> {
  use SignatureScheme as S;
  Some(match s {
    S::RSA_PKCS1_SHA1 => "RSA+SHA1",
    S::RSA_PKCS1_SHA256 => "RSA+SHA256",
    S::RSA_PKCS1_SHA384 => "RSA+SHA384",
    S::RSA_PKCS1_SHA512 => "RSA+SHA512",
    S::RSA_PSS_SHA256 => "RSA-PSS+SHA256",
    S::RSA_PSS_SHA384 => "RSA-PSS+SHA384",
    S::RSA_PSS_SHA512 => "RSA-PSS+SHA512",
    S::ECDSA_SHA1_Legacy => "ECDSA+SHA1",
    S::ECDSA_NISTP256_SHA256 => "ECDSA+SHA256",
    S::ECDSA_NISTP384_SHA384 => "ECDSA+SHA384",
    S::ECDSA_NISTP521_SHA512 => "ECDSA+SHA512",
    S::ED25519 => "Ed25519+UNDEF",
    S::ED448 => "Ed448+UNDEF",
    _ => return None,
  })
}

/// The schemes both ends allow: the peer's, in its order, that `own` (or, without a
/// `sigalgs` option, what we verify) has too.
fn shared_schemes(peer: &[SignatureScheme], own: Option<&[SignatureScheme]>) -> Vec<SignatureScheme> {
  let ours = own.map(<[SignatureScheme]>::to_vec).unwrap_or_else(|| algorithms().supported_schemes());
  peer.iter().copied().filter(|s| ours.contains(s)).collect()
}

/// A key that signs only with the schemes of a `sigalgs` option.
#[derive(Debug)]
struct Restricted {
  inner: Arc<dyn rustls::sign::SigningKey>,
  allowed: Vec<SignatureScheme>,
}

impl rustls::sign::SigningKey for Restricted {
  fn choose_scheme(&self, offered: &[SignatureScheme]) -> Option<Box<dyn rustls::sign::Signer>> {
    let usable: Vec<SignatureScheme> = offered.iter().copied().filter(|s| self.allowed.contains(s)).collect();
    self.inner.choose_scheme(&usable)
  }

  fn public_key(&self) -> Option<rustls_pki_types::SubjectPublicKeyInfoDer<'_>> {
    self.inner.public_key()
  }

  fn algorithm(&self) -> rustls::SignatureAlgorithm {
    self.inner.algorithm()
  }
}

fn restrict(ck: Arc<rustls::sign::CertifiedKey>, allowed: Option<&[SignatureScheme]>) -> Arc<rustls::sign::CertifiedKey> {
  let Some(allowed) = allowed else { return ck };
  let mut out = rustls::sign::CertifiedKey::new(ck.cert.clone(), Arc::new(Restricted { inner: ck.key.clone(), allowed: allowed.to_vec() }));
  out.ocsp = ck.ocsp.clone();
  Arc::new(out)
}

/// The ring provider, limited to the suites of a `ciphers` option.
fn provider_for(o: &Options) -> Arc<CryptoProvider> {
  let Some(names) = &o.suites else { return provider() };
  let mut p = ring::default_provider();
  p.cipher_suites.retain(|s| names.contains(&suite_names(*s).0));
  Arc::new(p)
}

/// A client offers only the suites of the versions it may negotiate, as OpenSSL does
/// (rustls would list TLS 1.3 suites in a TLS 1.2-only ClientHello, and a server with
/// several certificates chooses by the suites offered).
fn client_provider(o: &Options, versions: &[&'static rustls::SupportedProtocolVersion]) -> Arc<CryptoProvider> {
  let base = provider_for(o);
  let mut p = (*base).clone();
  p.cipher_suites.retain(|s| versions.iter().any(|v| v.version == s.version().version));
  Arc::new(p)
}

fn client_config(o: &Options, verdict: Verdict, slot: Arc<SessionSlot>) -> Result<(rustls::ClientConfig, ClientCtx), TlsError> {
  let roots = roots(o)?;
  // The default roots' verifier is built once (it parses every root); a `ca` one per session.
  let verifier = if o.ca.is_none() {
    default_verifier()
  } else if roots.is_empty() {
    None
  } else {
    WebPkiServerVerifier::builder_with_provider(roots, provider()).build().ok()
  };
  let sigalgs = sigalgs(o)?;
  let identity = identity(o)?.map(|ck| restrict(ck, sigalgs.as_deref()));
  let ctx = ClientCtx {
    resume: o.session,
    slot,
    verifier,
    anchors: anchors(o),
    helpers: chain_helpers(o),
    identity,
    verdict,
    sigalgs,
    peer_sigalgs: RefCell::default(),
  };
  let versions = versions(o)?;
  let mut config = rustls::ClientConfig::builder_with_provider(client_provider(o, &versions))
    .with_protocol_versions(&versions)
    .map_err(|e| map_error(&e))?
    .dangerous()
    .with_custom_certificate_verifier(shared_verifier())
    .with_client_cert_resolver(shared_resolver());
  config.alpn_protocols = o.alpn.clone();
  config.resumption = rustls::client::Resumption::store(shared_store());
  Ok((config, ctx))
}

fn server_config(o: &Options, verdict: Verdict) -> Result<rustls::ServerConfig, TlsError> {
  let builder = rustls::ServerConfig::builder_with_provider(provider_for(o)).with_protocol_versions(&server_versions(o)?).map_err(|e| map_error(&e))?;
  let builder = if o.request_cert {
    let roots = roots(o)?;
    let hints = roots.subjects();
    let inner = if roots.is_empty() {
      None
    } else {
      WebPkiClientVerifier::builder_with_provider(roots, provider()).allow_unauthenticated().build().ok()
    };
    builder.with_client_cert_verifier(Arc::new(ClientVerifier {
      inner,
      anchors: anchors(o),
      helpers: chain_helpers(o),
      hints,
      verdict,
      mandatory: o.require_cert,
      sigalgs: sigalgs(o)?,
    }))
  } else {
    builder.with_no_client_auth()
  };
  let own = sigalgs(o)?;
  let certs: Vec<_> = identities(o)?.into_iter().map(|ck| restrict(ck, own.as_deref())).collect();
  if certs.is_empty() {
    // OpenSSL finds no signature algorithm for a server without a certificate.
    return Err(err("ERR_SSL_NO_SUITABLE_SIGNATURE_ALGORITHM", "error:0A000076:SSL routines::no suitable signature algorithm"));
  }
  let mut config = builder.with_cert_resolver(Arc::new(ServerCerts(certs)));
  config.alpn_protocols = o.alpn.clone();
  if o.cache != 0 {
    config.session_storage = server_cache(o.cache);
    if !o.no_ticket {
      config.ticketer = Arc::new(Ticketer { keys: ticket_keys(o.cache, o.ticket_keys), lifetime: o.session_timeout.unwrap_or(300) });
    }
  } else {
    config.send_tls13_tickets = 0;
  }
  Ok(config)
}

// ---- the session table ------------------------------------------------------------

fn insert(entry: Entry) -> u32 {
  SESSIONS.with(|s| {
    let mut s = s.borrow_mut();
    s.0 = s.0.wrapping_add(1).max(1);
    let id = s.0;
    s.1.insert(id, entry);
    id
  })
}

fn with_entry<R>(id: u32, f: impl FnOnce(&mut Entry) -> R) -> Option<R> {
  SESSIONS.with(|s| s.borrow_mut().1.get_mut(&id).map(f))
}

fn id_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> u32 {
  args.get(i).uint32_value(scope).unwrap_or(0)
}

fn flush(conn: &mut rustls::Connection) -> Vec<u8> {
  let mut out = Vec::new();
  while conn.wants_write() {
    if conn.write_tls(&mut out).is_err() {
      break;
    }
  }
  out
}

fn bytes_or_null<'s>(scope: &mut v8::PinScope<'s, '_>, b: Vec<u8>) -> v8::Local<'s, v8::Value> {
  if b.is_empty() {
    v8::null(scope).into()
  } else {
    bytes_to_uint8array(scope, b).into()
  }
}

/// `newClient(options)`: a client session; its ClientHello is in `tls.write(id, empty)`.
fn new_client<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let o = read_options(scope, args.get(0));
  let verdict: Verdict = Arc::default();
  let slot: Arc<SessionSlot> = Arc::default();
  let (mut config, ctx) = match client_config(&o, verdict.clone(), slot.clone()) {
    Ok(c) => c,
    Err(e) => return throw(scope, e),
  };
  let keylog: Arc<KeyLines> = Arc::default();
  if o.keylog {
    config.key_log = keylog.clone();
  }
  let ctx = Rc::new(ctx);
  // Without a name to send (an IP address or none), no SNI goes out, as in Node.
  let name = match o.servername.as_deref().filter(|s| !s.is_empty()).map(|s| ServerName::try_from(s.to_string())) {
    Some(Ok(n)) => n,
    _ => ServerName::IpAddress(std::net::Ipv4Addr::UNSPECIFIED.into()),
  };
  let conn = match with_client(Some(ctx.clone()), || rustls::ClientConnection::new(Arc::new(config), name)) {
    Ok(c) => c,
    Err(e) => return throw(scope, map_error(&e)),
  };
  let id = insert(Entry { session: Session::Open(rustls::Connection::Client(conn)), verdict, slot, client: Some(ctx), keylog, max_send: MAX_FRAGMENT, peer_sigalgs: Vec::new(), own_sigalgs: None });
  rv.set_uint32(id);
}

/// `newServer()`: a server session waiting for its ClientHello.
fn new_server<'s>(_scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = insert(Entry {
    session: Session::Accepting(Acceptor::default(), None),
    verdict: Arc::default(),
    slot: Arc::default(),
    client: None,
    keylog: Arc::default(),
    max_send: MAX_FRAGMENT,
    peer_sigalgs: Vec::new(),
    own_sigalgs: None,
  });
  rv.set_uint32(id);
}

/// `checkContext(options)`: builds a config as a session would, so that a bad key or
/// certificate is reported by createSecureContext() as in Node.
fn check_context<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let o = read_options(scope, args.get(0));
  // A version range rustls cannot serve (TLS 1.0/1.1 only) is a valid context, as in
  // OpenSSL; its handshakes fail with "no protocols available".
  let r = roots(&o).and_then(|_| {
    sigalgs(&o)?;
    // Each part alone, as OpenSSL loads them one by one; then whether they match.
    pem_certs(&o.cert)?;
    for pem in &o.key {
      if let Some(key) = pem_key(std::slice::from_ref(pem))? {
        provider().key_provider.load_private_key(key).map_err(|_| err("ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported"))?;
      }
    }
    if !o.cert.is_empty() && !o.key.is_empty() {
      identities(&o)?;
    }
    Ok(())
  });
  if let Err(e) = r {
    throw(scope, e);
  }
}

/// `readPfx(bytes, passphrase)`: `[key, cert, cas]` (PKCS#8 DER of the key, DER of the
/// certificate that goes with it, DER of the other certificates), or the name of the
/// failure ("mac", "unsupported", "key", "cert") for the JS side to word as Node does.
fn read_pfx<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let der = bytes_arg(args.get(0)).unwrap_or_default();
  let pass = if args.get(1).is_string() { Some(args.get(1).to_rust_string_lossy(scope)) } else { None };
  let contents = match super::pkcs12::read(&der, pass.as_deref()) {
    Ok(c) => c,
    Err(super::pkcs12::PfxError::Mac) => return set_string(scope, &mut rv, "mac"),
    Err(super::pkcs12::PfxError::Unsupported) => return set_string(scope, &mut rv, "unsupported"),
  };
  // The key with the certificate of the same public key (OpenSSL matches them by their
  // localKeyId attributes, which name the same pair).
  let Some(key) = contents.keys.first().cloned() else { return set_string(scope, &mut rv, "key") };
  let public = PrivateKeyDer::try_from(key.clone()).ok().and_then(|k| provider().key_provider.load_private_key(k).ok()).and_then(|s| s.public_key().map(|p| p.as_ref().to_vec()));
  let spki_of = |c: &[u8]| x509_parser::parse_x509_certificate(c).ok().map(|(_, x)| x.public_key().raw.to_vec());
  let leaf = contents.certs.iter().position(|c| public.is_some() && spki_of(c) == public);
  let Some(leaf) = leaf else { return set_string(scope, &mut rv, "cert") };
  let mut certs = contents.certs;
  let cert = certs.remove(leaf);
  let key = bytes_to_uint8array(scope, key);
  let cert = bytes_to_uint8array(scope, cert);
  let cas: Vec<v8::Local<v8::Value>> = certs.into_iter().map(|c| bytes_to_uint8array(scope, c).into()).collect();
  let cas = v8::Array::new_with_elements(scope, &cas);
  let out = v8::Array::new_with_elements(scope, &[key.into(), cert.into(), cas.into()]);
  rv.set(out.into());
}

/// `accept(id, options)`: the context chosen for this ClientHello; returns the
/// server's first flight (or throws, the alert to send being in `tls.receive`'s next call).
fn accept<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let o = read_options(scope, args.get(1));
  let r = with_entry(id, |entry| -> Result<Vec<u8>, (TlsError, Vec<u8>)> {
    let Session::Accepting(_, accepted) = &mut entry.session else {
      return Err((err("ERR_TLS_INVALID_STATE", "TLS session is not accepting"), Vec::new()));
    };
    let Some(accepted) = accepted.take() else {
      return Err((err("ERR_TLS_INVALID_STATE", "no ClientHello yet"), Vec::new()));
    };
    entry.own_sigalgs = sigalgs(&o).ok().flatten();
    let config = match server_config(&o, entry.verdict.clone()) {
      Ok(mut c) => {
        if o.keylog {
          c.key_log = entry.keylog.clone();
        }
        c
      }
      Err(e) => {
        entry.session = Session::Failed;
        // The client hears a handshake_failure alert (a plaintext record: nothing has
        // been negotiated yet), as from OpenSSL; protocol_version when the context
        // has no version to offer.
        let alert = if e.code == "ERR_SSL_NO_PROTOCOLS_AVAILABLE" || e.code == "ERR_SSL_UNSUPPORTED_PROTOCOL" { PROTOCOL_VERSION_ALERT } else { HANDSHAKE_FAILURE_ALERT };
        return Err((e, alert.to_vec()));
      }
    };
    match accepted.into_connection(Arc::new(config)) {
      Ok(conn) => {
        let mut conn = rustls::Connection::Server(conn);
        let out = flush(&mut conn);
        entry.session = Session::Open(conn);
        Ok(out)
      }
      Err((e, mut alert)) => {
        let mut out = Vec::new();
        let _ = alert.write_all(&mut out);
        entry.session = Session::Failed;
        Err((map_error(&e), out))
      }
    }
  });
  match r {
    None => throw(scope, err("ERR_TLS_INVALID_STATE", "TLS session is closed")),
    Some(Ok(out)) => rv.set(bytes_or_null(scope, out)),
    Some(Err((e, out))) => {
      let alert = bytes_or_null(scope, out);
      let m = new_string(scope, &e.message);
      let ex = v8::Exception::error(scope, m);
      let obj = ex.cast::<v8::Object>();
      let k = new_string(scope, "code");
      let v = new_string(scope, &e.code);
      obj.set(scope, k.into(), v.into());
      let k = new_string(scope, "alert");
      obj.set(scope, k.into(), alert);
      scope.throw_exception(ex);
    }
  }
}

/// A fatal handshake_failure alert record, before any keys exist.
const HANDSHAKE_FAILURE_ALERT: [u8; 7] = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40];
/// A fatal protocol_version alert record, before any keys exist.
const PROTOCOL_VERSION_ALERT: [u8; 7] = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 70];

// Flags in receive()'s result.
const HANDSHAKE_DONE: u32 = 1;
const PEER_CLOSED: u32 = 2;
const CLIENT_HELLO: u32 = 4;
const NEW_SESSION: u32 = 8;

struct Received {
  out: Vec<u8>,
  plain: Vec<Vec<u8>>,
  flags: u32,
  error: Option<TlsError>,
  hello: Option<(Option<String>, Vec<Vec<u8>>)>,
  /// The ClientHello's signature schemes.
  sigalgs: Vec<SignatureScheme>,
  /// The ClientHello's legacy session id (a server's 'resumeSession').
  session_id: Option<Vec<u8>>,
  /// Sessions the server stored (a server's 'newSession').
  stored: Vec<(Vec<u8>, Vec<u8>)>,
}

fn receive_into(entry: &mut Entry, mut input: &[u8]) -> Received {
  let mut r = Received { out: Vec::new(), plain: Vec::new(), flags: 0, error: None, hello: None, sigalgs: Vec::new(), session_id: None, stored: Vec::new() };
  STORED.with(|s| s.borrow_mut().clear());
  match &mut entry.session {
    Session::Failed => r.error = Some(err("ERR_TLS_INVALID_STATE", "TLS session failed")),
    Session::Accepting(acceptor, accepted) => {
      if accepted.is_some() {
        return r;
      }
      let first = input;
      while !input.is_empty() {
        if acceptor.read_tls(&mut input).is_err() {
          break;
        }
        match acceptor.accept() {
          Ok(None) => continue,
          Ok(Some(a)) => {
            let hello = a.client_hello();
            let name = hello.server_name().map(str::to_string);
            let alpn = hello.alpn().map(|it| it.map(<[u8]>::to_vec).collect()).unwrap_or_default();
            r.hello = Some((name, alpn));
            r.sigalgs = hello.signature_schemes().to_vec();
            r.session_id = hello_session_id(first);
            r.flags |= CLIENT_HELLO;
            *accepted = Some(a);
            // Bytes after the ClientHello in the same read stay with the acceptor's
            // connection: rustls buffers a whole record, and a client sends nothing
            // more before the server answers.
            break;
          }
          Err((e, mut alert)) => {
            let _ = alert.write_all(&mut r.out);
            r.error = Some(classify_garbage(&e, first));
            entry.session = Session::Failed;
            return r;
          }
        }
      }
    }
    Session::Open(conn) => {
      let was_handshaking = conn.is_handshaking();
      loop {
        if !input.is_empty() {
          if let Err(e) = conn.read_tls(&mut input) {
            r.error = Some(err("ERR_SSL_SSL_HANDSHAKE_FAILURE", &e.to_string()));
            break;
          }
        }
        match conn.process_new_packets() {
          Ok(state) => {
            // One chunk per record, as OpenSSL's SSL_read hands them to Node.
            loop {
              let mut reader = conn.reader();
              match reader.fill_buf() {
                Ok([]) => {
                  r.flags |= PEER_CLOSED;
                  break;
                }
                Ok(chunk) => {
                  let n = chunk.len();
                  r.plain.push(chunk.to_vec());
                  reader.consume(n);
                }
                Err(_) => break,
              }
            }
            if state.peer_has_closed() {
              r.flags |= PEER_CLOSED;
            }
          }
          Err(e) => {
            let tls12 = conn.protocol_version() == Some(rustls::ProtocolVersion::TLSv1_2);
            r.out.extend(flush(conn));
            // A TLS 1.2 client without a certificate for a server that requires one:
            // rustls answers certificate_required (a TLS 1.3 alert), OpenSSL (so Node)
            // handshake_failure. The alert is the last plaintext record (the server has
            // not changed ciphers yet), so its description byte is OpenSSL's.
            if tls12 && matches!(e, rustls::Error::NoCertificatesPresented) && r.out.ends_with(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 116]) {
              let n = r.out.len();
              r.out[n - 1] = 40;
            }
            r.error = Some(map_error(&e));
            entry.session = Session::Failed;
            return r;
          }
        }
        if input.is_empty() {
          break;
        }
      }
      if was_handshaking && !conn.is_handshaking() {
        r.flags |= HANDSHAKE_DONE;
        if let Some(ctx) = &entry.client {
          let resumed = conn.handshake_kind() == Some(rustls::HandshakeKind::Resumed);
          if let (true, Some(from)) = (resumed, ctx.resume) {
            // A resumed session is the one it resumed from, as in OpenSSL: what the
            // handshake stored moves under that token.
            resumed_from(&entry.slot, from);
          }
          // A TLS 1.3 client has a session (not yet resumable) before its tickets come.
          if conn.protocol_version() == Some(rustls::ProtocolVersion::TLSv1_3) {
            store(&entry.slot, |existing| if existing.is_none() { Some(Resumable::Unresumable) } else { None });
          }
        }
      }
      // How many sessions arrived, above the flag bits.
      let fresh = entry.slot.fresh.swap(0, std::sync::atomic::Ordering::SeqCst);
      if fresh > 0 {
        r.flags |= NEW_SESSION | (fresh.min(255) << 8);
      }
      r.out.extend(flush(conn));
      if entry.client.is_none() {
        r.stored = STORED.with(|s| std::mem::take(&mut *s.borrow_mut()));
      }
    }
  }
  if r.hello.is_some() {
    entry.peer_sigalgs = std::mem::take(&mut r.sigalgs);
  }
  r
}

/// What a server that expected TLS says about bytes that are not: as OpenSSL, plain
/// HTTP requests are named, anything else is a wrong version.
fn classify_garbage(e: &rustls::Error, first: &[u8]) -> TlsError {
  let head = &first[..first.len().min(4)];
  match head {
    b"GET " | b"POST" | b"HEAD" | b"PUT " => err("ERR_SSL_HTTP_REQUEST", "error:0A00009C:SSL routines::http request"),
    b"CONN" => err("ERR_SSL_HTTPS_PROXY_REQUEST", "error:0A00009B:SSL routines::https proxy request"),
    _ => map_error(e),
  }
}

/// `receive(id, bytes)` -> `[out, plaintext, flags, error, servername, alpn]`.
fn receive<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let input = bytes_arg(args.get(1)).unwrap_or_default();
  let Some(r) = with_entry(id, |e| with_client(e.client.clone(), || receive_into(e, &input))) else {
    return throw(scope, err("ERR_TLS_INVALID_STATE", "TLS session is closed"));
  };
  let out = bytes_or_null(scope, r.out);
  let plain: v8::Local<v8::Value> = if r.plain.is_empty() {
    v8::null(scope).into()
  } else {
    let chunks: Vec<v8::Local<v8::Value>> = r.plain.into_iter().map(|c| bytes_to_uint8array(scope, c).into()).collect();
    v8::Array::new_with_elements(scope, &chunks).into()
  };
  let flags = v8::Integer::new_from_unsigned(scope, r.flags).into();
  let error: v8::Local<v8::Value> = match r.error {
    Some(e) => {
      let c = new_string(scope, &e.code).into();
      let m = new_string(scope, &e.message).into();
      v8::Array::new_with_elements(scope, &[c, m]).into()
    }
    None => v8::null(scope).into(),
  };
  let (name, alpn): (v8::Local<v8::Value>, v8::Local<v8::Value>) = match r.hello {
    Some((name, alpn)) => {
      let n = match name {
        Some(n) => new_string(scope, &n).into(),
        None => v8::null(scope).into(),
      };
      let list: Vec<v8::Local<v8::Value>> = alpn.iter().map(|p| new_string(scope, &String::from_utf8_lossy(p)).into()).collect();
      (n, v8::Array::new_with_elements(scope, &list).into())
    }
    None => (v8::null(scope).into(), v8::null(scope).into()),
  };
  let session_id = match r.session_id {
    Some(id) => bytes_to_uint8array(scope, id).into(),
    None => v8::null(scope).into(),
  };
  let stored: v8::Local<v8::Value> = if r.stored.is_empty() {
    v8::null(scope).into()
  } else {
    let pairs: Vec<v8::Local<v8::Value>> = r
      .stored
      .into_iter()
      .map(|(k, v)| {
        let k = bytes_to_uint8array(scope, k).into();
        let v = bytes_to_uint8array(scope, v).into();
        v8::Array::new_with_elements(scope, &[k, v]).into()
      })
      .collect();
    v8::Array::new_with_elements(scope, &pairs).into()
  };
  rv.set(v8::Array::new_with_elements(scope, &[out, plain, flags, error, name, alpn, session_id, stored]).into());
}

/// `write(id, bytes)` -> the ciphertext for them (and anything else rustls has queued).
fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let r = with_entry(id, |entry| -> Result<Vec<u8>, TlsError> {
    let Session::Open(conn) = &mut entry.session else {
      return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let data = bytes_arg(args.get(1)).unwrap_or_default();
    let mut rest: &[u8] = &data;
    let max = entry.max_send;
    // Plaintext goes in as far as rustls buffers it, ciphertext out, until all is sent;
    // each write is its own records, so at most `max` bytes go in at a time.
    loop {
      if !rest.is_empty() {
        let piece = &rest[..rest.len().min(max)];
        let n = conn.writer().write(piece).map_err(|e| err("ERR_TLS_INVALID_STATE", &e.to_string()))?;
        rest = &rest[n..];
        if n == 0 && !conn.wants_write() {
          return Err(err("ERR_TLS_INVALID_STATE", "TLS session cannot send"));
        }
      }
      out.extend(flush(conn));
      if rest.is_empty() {
        return Ok(out);
      }
    }
  });
  match r {
    None => throw(scope, err("ERR_TLS_INVALID_STATE", "TLS session is closed")),
    Some(Err(e)) => throw(scope, e),
    Some(Ok(out)) => rv.set(bytes_or_null(scope, out)),
  }
}

/// The most plaintext a TLS record carries (2^14), and the least OpenSSL lets
/// SSL_set_max_send_fragment set.
const MAX_FRAGMENT: usize = 16384;
const MIN_FRAGMENT: usize = 512;

/// `setMaxSendFragment(id, size)` -> whether the size was taken (512 to 16384, as
/// OpenSSL's bounds): later writes go in records of at most that much plaintext.
fn set_max_send_fragment<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let size = args.get(1).integer_value(scope).unwrap_or(0);
  if size < MIN_FRAGMENT as i64 || size > MAX_FRAGMENT as i64 {
    rv.set_bool(false);
    return;
  }
  rv.set_bool(with_entry(id, |e| e.max_send = size as usize).is_some());
}

/// `sharedSigalgs(id)` -> the signature algorithms both ends allow, by Node's names: a
/// server's from the ClientHello, a client's from the server's CertificateRequest (none
/// without one, as with OpenSSL).
fn shared_sigalgs<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let shared = with_entry(id, |e| match &e.client {
    Some(ctx) => shared_schemes(&ctx.peer_sigalgs.borrow(), ctx.sigalgs.as_deref()),
    None => shared_schemes(&e.peer_sigalgs, e.own_sigalgs.as_deref()),
  })
  .unwrap_or_default();
  let names: Vec<v8::Local<v8::Value>> = shared.into_iter().filter_map(sigalg_name).map(|n| new_string(scope, n).into()).collect();
  rv.set(v8::Array::new_with_elements(scope, &names).into());
}

/// `close(id)` -> the close_notify alert to send.
fn close<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let out = with_entry(id, |entry| match &mut entry.session {
    Session::Open(conn) => {
      conn.send_close_notify();
      flush(conn)
    }
    _ => Vec::new(),
  })
  .unwrap_or_default();
  rv.set(bytes_or_null(scope, out));
}

fn free<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  SESSIONS.with(|s| s.borrow_mut().1.remove(&id));
}

fn suite_names(s: rustls::SupportedCipherSuite) -> (String, String) {
  let iana = format!("{:?}", s.suite()).trim_start_matches("TLS13_").to_string();
  let iana = if matches!(s, rustls::SupportedCipherSuite::Tls13(_)) { format!("TLS_{iana}") } else { iana };
  (iana.clone(), openssl_name(&iana))
}

/// OpenSSL's name for an IANA suite name (TLS 1.3 suites keep theirs).
fn openssl_name(iana: &str) -> String {
  if !iana.contains("_WITH_") {
    return iana.to_string();
  }
  let rest = iana.trim_start_matches("TLS_");
  let (kx, cipher) = rest.split_once("_WITH_").unwrap_or((rest, ""));
  let cipher = cipher
    .replace("AES_128_GCM_SHA256", "AES128-GCM-SHA256")
    .replace("AES_256_GCM_SHA384", "AES256-GCM-SHA384")
    .replace("CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305");
  format!("{}-{}", kx.replace('_', "-"), cipher)
}

/// `info(id)` -> `[protocol, cipherIana, cipherOpenssl, alpn, servername, verifyCode,
/// verifyMessage, peerCertificates[], handshaking, keyExchangeGroup, resumed, sessionToken]`.
fn info<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  struct Info {
    protocol: Option<&'static str>,
    suite: Option<(String, String)>,
    alpn: Option<Vec<u8>>,
    sni: Option<String>,
    verdict: Option<(&'static str, String)>,
    certs: Vec<Vec<u8>>,
    handshaking: bool,
    group: Option<String>,
    resumed: bool,
    token: Option<u64>,
  }
  let r = with_entry(id, |entry| {
    let verdict = entry.verdict.lock().unwrap().clone();
    let Session::Open(conn) = &entry.session else {
      return Info { protocol: None, suite: None, alpn: None, sni: None, verdict, certs: Vec::new(), handshaking: true, group: None, resumed: false, token: None };
    };
    Info {
      protocol: conn.protocol_version().map(|v| match v {
        rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3",
        rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2",
        _ => "unknown",
      }),
      suite: conn.negotiated_cipher_suite().map(suite_names),
      alpn: conn.alpn_protocol().map(<[u8]>::to_vec),
      sni: match conn {
        rustls::Connection::Server(s) => s.server_name().map(str::to_string),
        _ => None,
      },
      verdict,
      certs: conn.peer_certificates().map(|c| c.iter().map(|c| c.to_vec()).collect()).unwrap_or_default(),
      handshaking: conn.is_handshaking(),
      group: conn.negotiated_key_exchange_group().map(|g| format!("{:?}", g.name())),
      resumed: conn.handshake_kind() == Some(rustls::HandshakeKind::Resumed),
      token: *entry.slot.own.lock().unwrap(),
    }
  });
  let Some(i) = r else {
    rv.set_null();
    return;
  };
  let s = |scope: &mut v8::PinScope<'s, '_>, v: Option<&str>| -> v8::Local<'s, v8::Value> {
    match v {
      Some(v) => new_string(scope, v).into(),
      None => v8::null(scope).into(),
    }
  };
  let protocol = s(scope, i.protocol);
  let iana = s(scope, i.suite.as_ref().map(|x| x.0.as_str()));
  let ossl = s(scope, i.suite.as_ref().map(|x| x.1.as_str()));
  let alpn = s(scope, i.alpn.as_ref().map(|a| String::from_utf8_lossy(a).into_owned()).as_deref());
  let sni = s(scope, i.sni.as_deref());
  let vcode = s(scope, i.verdict.as_ref().map(|v| v.0));
  let vmsg = s(scope, i.verdict.as_ref().map(|v| v.1.as_str()));
  let certs: Vec<v8::Local<v8::Value>> = i.certs.into_iter().map(|c| bytes_to_uint8array(scope, c).into()).collect();
  let certs = v8::Array::new_with_elements(scope, &certs).into();
  let hs = v8::Boolean::new(scope, i.handshaking).into();
  let group = s(scope, i.group.as_deref());
  let resumed = v8::Boolean::new(scope, i.resumed).into();
  // A session token as getSession() hands it out: "AMBS" and the token, little-endian.
  let token = match i.token {
    Some(t) => bytes_to_uint8array(scope, [b"AMBS".as_slice(), &t.to_le_bytes()].concat()).into(),
    None => v8::null(scope).into(),
  };
  rv.set(v8::Array::new_with_elements(scope, &[protocol, iana, ossl, alpn, sni, vcode, vmsg, certs, hs, group, resumed, token]).into());
}

/// `exportKeyingMaterial(id, length, label, context|null)` (RFC 5705).
fn export_keying_material<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let len = args.get(1).uint32_value(scope).unwrap_or(0) as usize;
  let label = bytes_arg(args.get(2)).unwrap_or_else(|| args.get(2).to_rust_string_lossy(scope).into_bytes());
  let context = bytes_arg(args.get(3));
  let r = with_entry(id, |entry| match &entry.session {
    Session::Open(conn) => conn.export_keying_material(vec![0u8; len], &label, context.as_deref()).map_err(|e| map_error(&e)),
    _ => Err(err("ERR_TLS_INVALID_STATE", "TLS socket connection must be securely established")),
  });
  match r {
    Some(Ok(b)) => rv.set(bytes_to_uint8array(scope, b).into()),
    Some(Err(e)) => throw(scope, e),
    None => throw(scope, err("ERR_TLS_INVALID_STATE", "TLS socket connection must be securely established")),
  }
}

fn root_certificates<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let list: Vec<v8::Local<v8::Value>> =
    webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().map(|c| bytes_to_uint8array(scope, c.to_vec()).into()).collect();
  rv.set(v8::Array::new_with_elements(scope, &list).into());
}

/// `cipherSuites()` -> `[[iana, openssl, version], ...]` of the ring provider.
fn cipher_suites<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut list = Vec::new();
  for s in provider().cipher_suites.iter() {
    let (iana, ossl) = suite_names(*s);
    let v = if matches!(s, rustls::SupportedCipherSuite::Tls13(_)) { "TLSv1.3" } else { "TLSv1.2" };
    let a = new_string(scope, &iana).into();
    let b = new_string(scope, &ossl).into();
    let c = new_string(scope, v).into();
    list.push(v8::Array::new_with_elements(scope, &[a, b, c]).into());
  }
  rv.set(v8::Array::new_with_elements(scope, &list).into());
}

// ---- certificates as Node describes them -----------------------------------------------

fn hex_colon(b: &[u8]) -> String {
  b.iter().map(|x| format!("{x:02X}")).collect::<Vec<_>>().join(":")
}

/// `parseCertificate(der)` -> a plain object with Node's fields, or null when the
/// bytes are not a certificate. Names are `[[shortName, value], ...]`; JS groups them.
fn parse_certificate<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use sha1::Digest;
  use x509_parser::prelude::*;
  let Some(der) = bytes_arg(args.get(0)) else { return rv.set_null() };
  let Ok((_, cert)) = parse_x509_certificate(&der) else { return rv.set_null() };
  let obj = v8::Object::new(scope);
  let set = |scope: &mut v8::PinScope<'s, '_>, k: &str, v: v8::Local<'s, v8::Value>| {
    let k = new_string(scope, k);
    obj.set(scope, k.into(), v);
  };
  let name = |scope: &mut v8::PinScope<'s, '_>, n: &X509Name| -> v8::Local<'s, v8::Value> {
    let registry = x509_parser::objects::oid_registry();
    let mut pairs = Vec::new();
    for attr in n.iter_attributes() {
      // OpenSSL's short names (CN, O, ...; emailAddress), else the dotted OID.
      let oid = attr.attr_type();
      let key = match x509_parser::objects::oid2abbrev(oid, registry) {
        Ok("Email") => "emailAddress".to_string(),
        Ok(k) => k.to_string(),
        Err(_) => oid.to_id_string(),
      };
      let val = attr.as_str().map(str::to_string).unwrap_or_else(|_| String::from_utf8_lossy(attr.attr_value().data).into_owned());
      let k = new_string(scope, &key).into();
      let v = new_string(scope, &val).into();
      pairs.push(v8::Array::new_with_elements(scope, &[k, v]).into());
    }
    v8::Array::new_with_elements(scope, &pairs).into()
  };
  let v = name(scope, cert.subject());
  set(scope, "subject", v);
  let v = name(scope, cert.issuer());
  set(scope, "issuer", v);
  let v = v8::Number::new(scope, cert.validity().not_before.timestamp() as f64).into();
  set(scope, "notBefore", v);
  let v = v8::Number::new(scope, cert.validity().not_after.timestamp() as f64).into();
  set(scope, "notAfter", v);
  let serial = cert.raw_serial();
  let trimmed: &[u8] = {
    let i = serial.iter().position(|&b| b != 0).unwrap_or(serial.len().saturating_sub(1));
    &serial[i..]
  };
  let hex: String = trimmed.iter().map(|x| format!("{x:02X}")).collect();
  let v = new_string(scope, if hex.is_empty() { "00" } else { &hex }).into();
  set(scope, "serialNumber", v);
  let v = new_string(scope, &hex_colon(&sha1::Sha1::digest(&der))).into();
  set(scope, "fingerprint", v);
  let v = new_string(scope, &hex_colon(&sha2::Sha256::digest(&der))).into();
  set(scope, "fingerprint256", v);
  let v = new_string(scope, &hex_colon(&sha2::Sha512::digest(&der))).into();
  set(scope, "fingerprint512", v);
  if let Ok(Some(san)) = cert.subject_alternative_name() {
    let mut parts = Vec::new();
    // Node quotes (as JSON) a name holding characters that could forge another entry or
    // hide its end: quotes, backslashes, commas, apostrophes, anything not printable.
    let safe = |s: &str| s.bytes().all(|c| !matches!(c, b'"' | b'\\' | b',' | b'\'') && (b' '..=b'~').contains(&c));
    let quoted = |s: &str| if safe(s) { s.to_string() } else { serde_json::to_string(s).unwrap_or_default() };
    for n in &san.value.general_names {
      match n {
        GeneralName::DNSName(s) => parts.push(format!("DNS:{}", quoted(s))),
        GeneralName::RFC822Name(s) => parts.push(format!("email:{}", quoted(s))),
        GeneralName::URI(s) => parts.push(format!("URI:{}", quoted(s))),
        GeneralName::IPAddress(b) if b.len() == 4 => parts.push(format!("IP Address:{}.{}.{}.{}", b[0], b[1], b[2], b[3])),
        GeneralName::IPAddress(b) if b.len() == 16 => {
          let groups: Vec<String> = b.chunks(2).map(|c| format!("{:X}", u16::from_be_bytes([c[0], c[1]]))).collect();
          parts.push(format!("IP Address:{}", groups.join(":")));
        }
        _ => {}
      }
    }
    let v = new_string(scope, &parts.join(", ")).into();
    set(scope, "subjectaltname", v);
  }
  // Authority information access, as OpenSSL prints it ("OCSP - URI:...", one a line).
  let mut access = Vec::new();
  for ext in cert.extensions() {
    if let x509_parser::extensions::ParsedExtension::AuthorityInfoAccess(aia) = ext.parsed_extension() {
      for d in &aia.accessdescs {
        let method = match d.access_method.to_id_string().as_str() {
          "1.3.6.1.5.5.7.48.1" => "OCSP".to_string(),
          "1.3.6.1.5.5.7.48.2" => "CA Issuers".to_string(),
          other => other.to_string(),
        };
        if let GeneralName::URI(u) = &d.access_location {
          access.push(format!("{method} - URI:{u}"));
        }
      }
    }
  }
  if !access.is_empty() {
    let v = new_string(scope, &access.join("\n")).into();
    set(scope, "infoAccess", v);
  }
  if let Ok(Some(bc)) = cert.basic_constraints() {
    let v = v8::Boolean::new(scope, bc.value.ca).into();
    set(scope, "ca", v);
  } else {
    let v = v8::Boolean::new(scope, false).into();
    set(scope, "ca", v);
  }
  if let Ok(Some(eku)) = cert.extended_key_usage() {
    let mut oids = Vec::new();
    let e = eku.value;
    if e.server_auth {
      oids.push("1.3.6.1.5.5.7.3.1".to_string());
    }
    if e.client_auth {
      oids.push("1.3.6.1.5.5.7.3.2".to_string());
    }
    if e.code_signing {
      oids.push("1.3.6.1.5.5.7.3.3".to_string());
    }
    if e.email_protection {
      oids.push("1.3.6.1.5.5.7.3.4".to_string());
    }
    for o in &e.other {
      oids.push(o.to_id_string());
    }
    let list: Vec<v8::Local<v8::Value>> = oids.iter().map(|o| new_string(scope, o).into()).collect();
    let v = v8::Array::new_with_elements(scope, &list).into();
    set(scope, "ext_key_usage", v);
  }
  let spki = cert.public_key();
  let v = bytes_to_uint8array(scope, spki.raw.to_vec()).into();
  set(scope, "pubkey", v);
  match spki.parsed() {
    Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => {
      let m = rsa.modulus.iter().position(|&b| b != 0).map(|i| &rsa.modulus[i..]).unwrap_or(&[]);
      let bits = m.len() * 8 - m.first().map(|b| b.leading_zeros() as usize).unwrap_or(0);
      let v = v8::Number::new(scope, bits as f64).into();
      set(scope, "bits", v);
      let modulus: String = m.iter().map(|x| format!("{x:02X}")).collect();
      let v = new_string(scope, &modulus).into();
      set(scope, "modulus", v);
      let e = rsa.exponent.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64);
      let v = new_string(scope, &format!("0x{e:x}")).into();
      set(scope, "exponent", v);
    }
    Ok(x509_parser::public_key::PublicKey::EC(point)) => {
      let bits = point.key_size();
      let v = v8::Number::new(scope, bits as f64).into();
      set(scope, "bits", v);
      let v = bytes_to_uint8array(scope, point.data().to_vec()).into();
      set(scope, "pubkeyPoint", v);
      let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.as_oid().ok()).map(|o| o.to_id_string());
      let (asn1, nist) = match curve.as_deref() {
        Some("1.2.840.10045.3.1.7") => ("prime256v1", Some("P-256")),
        Some("1.3.132.0.34") => ("secp384r1", Some("P-384")),
        Some("1.3.132.0.35") => ("secp521r1", Some("P-521")),
        _ => ("", None),
      };
      if !asn1.is_empty() {
        let v = new_string(scope, asn1).into();
        set(scope, "asn1Curve", v);
      }
      if let Some(n) = nist {
        let v = new_string(scope, n).into();
        set(scope, "nistCurve", v);
      }
    }
    _ => {}
  }
  rv.set(obj.into());
}
