//! `ShadowRealm` (`--experimental-shadow-realm`, V8's `--harmony-shadow-realm`): V8 asks
//! the embedder for each realm's context. A realm gets a plain new context (the language's
//! built-ins only). Nothing native is kept: the context belongs to its ShadowRealm object.
//!
//! Modules are not: amber has one module map per isolate, so `importValue()` in a realm
//! (which needs a module graph of the realm's own) is refused with ERR_NOT_IMPLEMENTED
//! rather than handing the realm the main context's module instances.
//!
//! A snapshot cannot hold a realm (its context would be a second native context in the
//! heap that the serializer does not expect), so creating one while building is refused.

use super::helpers::throw_error;
use crate::state::{state, Mode};

pub(crate) fn create_context<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Context>> {
  if state(scope).borrow().mode == Mode::BuildSnapshot {
    throw_error(scope, "ShadowRealm cannot be created while a snapshot is being built");
    return None;
  }
  let context = v8::Context::new(scope, Default::default());
  super::helpers::remove_v8_break_iterator(scope, context);
  let global = context.global(scope);
  let key = realm_key(scope);
  let yes = v8::Boolean::new(scope, true);
  global.set_private(scope, key, yes.into());
  Some(context)
}

fn realm_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = v8::String::new(scope, "amber.shadowRealm").unwrap();
  v8::Private::for_api(scope, Some(name))
}

/// Whether `context` is a ShadowRealm's.
pub(crate) fn is_realm(scope: &mut v8::PinScope, context: v8::Local<v8::Context>) -> bool {
  let global = context.global(scope);
  let key = realm_key(scope);
  global.has_private(scope, key).unwrap_or(false)
}
