'use strict';
// util.parseArgs: options declared as { name: { type, short, multiple, default } }.

function parseArgs(config = {}) {
  const args = config.args ?? process.argv.slice(2);
  const options = config.options ?? {};
  const strict = config.strict ?? true;
  const allowPositionals = config.allowPositionals ?? !strict;
  const values = { __proto__: null };
  const positionals = [];
  const tokens = [];
  const shortToLong = {};
  for (const [name, o] of Object.entries(options)) if (o.short) shortToLong[o.short] = name;
  const store = (name, value) => {
    const o = options[name];
    if (o === undefined) {
      if (strict) {
        const e = new TypeError(`Unknown option '${name.length === 1 ? '-' : '--'}${name}'`);
        e.code = 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
        throw e;
      }
      values[name] = value ?? true;
      return;
    }
    if (o.type === 'string' && typeof value !== 'string' && strict) {
      const e = new TypeError(`Option '${o.short ? `-${o.short}, ` : ''}--${name} <value>' argument missing`);
      e.code = 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
      throw e;
    }
    if (o.type === 'boolean' && value !== undefined && strict) {
      const e = new TypeError(`Option '--${name}' does not take an argument`);
      e.code = 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
      throw e;
    }
    const v = o.type === 'boolean' ? true : value;
    if (o.multiple) (values[name] ??= []).push(v);
    else values[name] = v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      let value = eq === -1 ? undefined : a.slice(eq + 1);
      if (value === undefined && options[name]?.type === 'string' && i + 1 < args.length) value = args[++i];
      store(name, value);
      tokens.push({ kind: 'option', name, rawName: `--${name}`, index: i, value, inlineValue: eq !== -1 });
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = shortToLong[a[j]] ?? a[j];
        if (options[name]?.type === 'string') {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          store(name, value);
          break;
        }
        store(name, undefined);
      }
    } else {
      if (!allowPositionals) {
        const e = new TypeError(`Unexpected argument '${a}'. This command does not take positional arguments`);
        e.code = 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
        throw e;
      }
      positionals.push(a);
    }
  }
  for (const [name, o] of Object.entries(options)) {
    if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
  }
  const result = { values, positionals };
  if (config.tokens) result.tokens = tokens;
  return result;
}

module.exports = { parseArgs };
