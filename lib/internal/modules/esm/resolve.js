'use strict';
// The default resolver (Node's `defaultResolve`): the end of every `resolve` hooks
// chain. Resolution itself is native (crates/runtime/src/esm.rs, oxc_resolver with
// the `import` conditions); this adds the format the URL suggests.

const { defaultGetFormatWithoutErrors } = require('internal/modules/esm/get_format');

const kLoaderSchemes = new Set(['file:', 'node:', 'data:']);
function foreignUrl(specifier, parentURL) {
  if (URL.canParse(specifier)) {
    const url = new URL(specifier);
    return kLoaderSchemes.has(url.protocol) ? undefined : url.href;
  }
  if (parentURL !== undefined && URL.canParse(parentURL) && !kLoaderSchemes.has(new URL(parentURL).protocol) &&
      /^(\.\.?(\/|$)|\/)/.test(specifier)) {
    return new URL(specifier, parentURL).href;
  }
  return undefined;
}

// `context`: `{ parentURL, conditions, importAttributes }`.
function defaultResolve(specifier, context = {}) {
  specifier = `${specifier}`;
  // A `data:` URL is its own resolution; its MIME type matters only when it is loaded.
  if (specifier.startsWith('data:') && URL.canParse(specifier)) {
    return { __proto__: null, url: specifier, format: defaultGetFormatWithoutErrors(specifier) };
  }
  const parentURL = context.parentURL === undefined ? undefined : `${context.parentURL}`;
  // URLs of schemes the default loader cannot load resolve as URLs do (a later hook may
  // load them); the load step refuses them.
  const foreign = foreignUrl(specifier, parentURL);
  if (foreign !== undefined) return { __proto__: null, url: foreign, format: null };
  const conditions = Array.isArray(context.conditions) ? context.conditions.map(String) : undefined;
  const url = binding.esm.defaultResolve(`${specifier}`, parentURL, conditions);
  let format = null;
  try {
    format = defaultGetFormatWithoutErrors(url);
  } catch {
    // A URL this process cannot read the type of is left without a format.
  }
  return { __proto__: null, url, format };
}

module.exports = { defaultResolve };
