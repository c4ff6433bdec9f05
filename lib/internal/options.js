'use strict';
// The Node options of this process: `NODE_OPTIONS`, then the command line, validated by
// the CLI (crates/cli/src/args.rs) and handed over as `--name` / `--no-name` /
// `--name=value`. Per process: `reset()` runs in `process.refresh()`, so a snapshot
// restored with other flags sees its own.

const p = binding.process;

// Boolean options that are on unless turned off.
const defaultsOn = new Set([
  '--warnings', '--deprecation', '--experimental-require-module', '--experimental-detect-module',
  '--experimental-global-webcrypto', '--experimental-global-customevent', '--global-search-paths', '--addons',
  '--compile-cache', '--experimental-fetch', '--network-family-autoselection',
  '--harmony-sharedarraybuffer', '--harmony-atomics', '--node-snapshot',
]);

// Options given any number of times: every value, in order.
const repeatable = new Set(['--disable-warning', '--import', '--experimental-loader', '--conditions', '--test-name-pattern', '--watch-path',
  '--test-reporter', '--test-reporter-destination']);

let values;
function load() {
  if (values !== undefined) return values;
  values = new Map();
  for (const opt of p.nodeOptions()) {
    const eq = opt.indexOf('=');
    if (eq !== -1) {
      const name = opt.slice(0, eq);
      const value = opt.slice(eq + 1);
      // Repeatable options collect every value.
      if (repeatable.has(name)) values.set(name, [...(values.get(name) ?? []), value]);
      else values.set(name, value);
    } else if (opt.startsWith('--no-')) {
      values.set(`--${opt.slice(5)}`, false);
    } else {
      values.set(opt, true);
    }
  }
  return values;
}

// `getOptionValue('--zero-fill-buffers')` -> boolean; value options -> string or undefined.
function getOptionValue(name) {
  const v = load().get(name);
  if (v !== undefined) return v;
  if (defaultsOn.has(name)) return true;
  if (repeatable.has(name)) return [];
  return name.startsWith('--') && !valueOptions.has(name) ? false : undefined;
}
const valueOptions = new Set(['--unhandled-rejections', '--input-type', '--title', '--disable-proto', '--redirect-warnings', '--dns-result-order', '--max-http-header-size', '--trace-require-module',
  '--network-family-autoselection-attempt-timeout', '--experimental-default-type', '--test-concurrency', '--test-timeout', '--test-shard',
  '--inspect-port', '--debug-port', '--inspect-publish-uid',
  '--cpu-prof-dir', '--cpu-prof-name', '--cpu-prof-interval', '--heap-prof-dir', '--heap-prof-name', '--heap-prof-interval']);

function reset() {
  values = undefined;
}

module.exports = { getOptionValue, reset };
