'use strict';
// util.inspect and util.format: turn any JS value into the text Node prints.
// Layout rules (line breaking, array grouping, the "3 inner-most levels on one line"
// rule) follow Node's documented output so that console.log prints the same bytes.

const types = binding.types;
const { getPromiseState, getProxyDetails, previewEntries, getConstructorName } = binding.util;

// The builtins used here, taken at load: a program that replaces `Object.keys` and the
// like does not change what inspect prints.
const {
  assign: ObjectAssign, create: ObjectCreate, defineProperty: ObjectDefineProperty,
  getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor, getOwnPropertyNames: ObjectGetOwnPropertyNames,
  getOwnPropertySymbols: ObjectGetOwnPropertySymbols, getPrototypeOf: ObjectGetPrototypeOf, is: ObjectIs,
  keys: ObjectKeys,
} = Object;
const { apply: ReflectApply } = Reflect;
const { hasOwnProperty, propertyIsEnumerable } = Object.prototype;
const ObjectPrototypeHasOwnProperty = (object, key) => ReflectApply(hasOwnProperty, object, [key]);
const ObjectPrototypePropertyIsEnumerable = (object, key) => ReflectApply(propertyIsEnumerable, object, [key]);

const customInspect = Symbol.for('nodejs.util.inspect.custom');

const defaultOptions = {
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
};

const styles = {
  special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey',
  null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
};
// Node's table of SGR codes (what util.styleText accepts), with its aliases as
// non-enumerable accessors that read and write the entry they stand for.
const colors = {
  reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25], inverse: [7, 27],
  hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
  black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39],
  bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
  framed: [51, 54], overlined: [53, 55],
  gray: [90, 39], redBright: [91, 39], greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39],
  bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49], bgYellowBright: [103, 49], bgBlueBright: [104, 49], bgMagentaBright: [105, 49], bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
};

function stylizeWithColor(str, styleType) {
  const style = inspect.styles[styleType];
  if (style !== undefined) {
    const c = inspect.colors[style];
    if (c) return `\u001b[${c[0]}m${str}\u001b[${c[1]}m`;
  }
  return str;
}
function stylizeNoColor(str) { return str; }

const ansiPattern = /\u001b\[\d\d?m/g;
function visibleLength(ctx, s) {
  return ctx.colors ? s.replace(ansiPattern, '').length : s.length;
}

function inspect(value, opts) {
  const ctx = {
    budget: {}, indentationLvl: 0, seen: [], currentDepth: 0, stylize: stylizeNoColor,
    showHidden: defaultOptions.showHidden, depth: defaultOptions.depth, colors: defaultOptions.colors,
    customInspect: defaultOptions.customInspect, showProxy: defaultOptions.showProxy,
    maxArrayLength: defaultOptions.maxArrayLength, maxStringLength: defaultOptions.maxStringLength,
    breakLength: defaultOptions.breakLength, compact: defaultOptions.compact, sorted: defaultOptions.sorted,
    getters: defaultOptions.getters, numericSeparator: defaultOptions.numericSeparator,
    circular: undefined,
  };
  if (arguments.length > 1) {
    if (typeof opts === 'boolean') {
      ctx.showHidden = opts;
      if (arguments.length > 2 && arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    } else if (opts !== null && typeof opts === 'object') {
      for (const key of ObjectKeys(opts)) {
        if (key in defaultOptions || key === 'stylize') ctx[key] = opts[key];
        else if (ctx.userOptions === undefined) ctx.userOptions = opts;
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  if (ctx.depth === null) ctx.depth = Infinity;
  return formatValue(ctx, value, 0);
}
inspect.custom = customInspect;
ObjectDefineProperty(inspect, 'defaultOptions', {
  get() { return defaultOptions; },
  set(options) { ObjectAssign(defaultOptions, options); },
});
inspect.colors = ObjectAssign(ObjectCreate(null), colors);
for (const [alias, target] of [
  ['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'], ['bgBlackBright', 'bgGray'], ['faint', 'dim'],
  ['crossedout', 'strikethrough'], ['strikeThrough', 'strikethrough'], ['crossedOut', 'strikethrough'], ['conceal', 'hidden'],
  ['swapColors', 'inverse'], ['swapcolors', 'inverse'], ['doubleUnderline', 'doubleunderline'],
]) {
  Object.defineProperty(inspect.colors, alias, {
    get() { return this[target]; },
    set(value) { this[target] = value; },
    enumerable: false,
    configurable: true,
  });
}
inspect.styles = ObjectAssign(ObjectCreate(null), styles);

// ---- strings -------------------------------------------------------------

const metaEscapes = {
  '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '\\': '\\\\',
};
function escapeChar(ch, quote) {
  if (ch === quote) return '\\' + quote;
  const m = metaEscapes[ch];
  if (m !== undefined) return m;
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return '\\x' + code.toString(16).toUpperCase().padStart(2, '0');
  return '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
}
const needsEscape = /[\x00-\x1f\x27\x5c\x7f-\x9f]/;
function quoteString(str) {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  if (str.length < 5000 && !needsEscape.test(str) && quote === "'") return `'${str}'`;
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const ch = str[i];
    const code = str.charCodeAt(i);
    if (ch === quote || ch === '\\' || code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      out += escapeChar(ch, quote);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // Lone surrogates are escaped; valid pairs are kept.
      if (code <= 0xdbff && i + 1 < str.length) {
        const next = str.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) { out += ch + str[i + 1]; i++; continue; }
      }
      out += '\\u' + code.toString(16).toUpperCase();
    } else {
      out += ch;
    }
  }
  return quote + out + quote;
}

// With `numericSeparator`, the integer part is grouped by threes from the right and the
// fraction from the left (1_234.567_8); exponent forms, NaN and Infinity stay as they are.
function formatNumber(stylize, n, numericSeparator) {
  if (ObjectIs(n, -0)) return stylize('-0', 'number');
  const s = `${n}`;
  if (!numericSeparator || !Number.isFinite(n) || s.includes('e')) return stylize(s, 'number');
  const dot = s.indexOf('.');
  if (dot === -1) return stylize(addSeparators(s), 'number');
  const fraction = s.slice(dot + 1).replace(/(\d{3})(?=\d)/g, '$1_');
  return stylize(`${addSeparators(s.slice(0, dot))}.${fraction}`, 'number');
}
function addSeparators(s) {
  const neg = s[0] === '-';
  let digits = neg ? s.slice(1) : s;
  let out = '';
  while (digits.length > 3) { out = '_' + digits.slice(-3) + out; digits = digits.slice(0, -3); }
  return (neg ? '-' : '') + digits + out;
}

function formatPrimitive(stylize, value, ctx) {
  switch (typeof value) {
    case 'string': {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
      }
      if (ctx.compact !== true && value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        const lines = value.split(/(?<=\n)/);
        if (lines.length > 1) {
          const indent = ' '.repeat(ctx.indentationLvl);
          return lines.map((l) => stylize(quoteString(l), 'string')).join(` +\n${indent}  `) + trailer;
        }
      }
      return stylize(quoteString(value), 'string') + trailer;
    }
    case 'number': return formatNumber(stylize, value, ctx.numericSeparator);
    case 'bigint': return stylize(`${ctx.numericSeparator ? addSeparators(`${value}`) : value}n`, 'bigint');
    case 'boolean': return stylize(`${value}`, 'boolean');
    case 'undefined': return stylize('undefined', 'undefined');
    case 'symbol': return stylize(symbolToString(value), 'symbol');
  }
  return String(value);
}

function symbolToString(sym) {
  return Symbol.prototype.toString.call(sym);
}

// ---- objects -------------------------------------------------------------

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    return formatPrimitive(ctx.stylize, value, ctx);
  }
  if (value === null) return ctx.stylize('null', 'null');

  // A custom inspect function of a proxy's target is called on the proxy.
  const context = value;
  const proxy = getProxyDetails(value);
  if (proxy !== undefined) {
    if (proxy[0] === null) return ctx.stylize('<Revoked Proxy>', 'special');
    if (ctx.showProxy) {
      if (recurseTimes > ctx.depth) return ctx.stylize('Proxy [Array]', 'special');
      recurseTimes += 1;
      ctx.indentationLvl += 2;
      const res = [formatValue(ctx, proxy[0], recurseTimes), formatValue(ctx, proxy[1], recurseTimes)];
      ctx.indentationLvl -= 2;
      return reduceToSingleString(ctx, res, '', ['Proxy [', ']'], kArrayExtrasType, recurseTimes);
    }
    value = proxy[0];
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      return formatValue(ctx, value, recurseTimes);
    }
  }

  if (ctx.customInspect) {
    let maybeCustom;
    try { maybeCustom = value[customInspect]; } catch { maybeCustom = undefined; }
    if (typeof maybeCustom === 'function' && maybeCustom !== inspect &&
        !(ObjectGetOwnPropertyDescriptor(value, 'constructor')?.value?.prototype === value)) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      // As Node: `depth` is what is left, options.depth the depth the caller asked for.
      const options = ObjectAssign({}, ctx.userOptions, {
        depth: ctx.depth, showHidden: ctx.showHidden, colors: ctx.colors, customInspect: ctx.customInspect,
        showProxy: ctx.showProxy, maxArrayLength: ctx.maxArrayLength, maxStringLength: ctx.maxStringLength,
        breakLength: ctx.breakLength, compact: ctx.compact, sorted: ctx.sorted, getters: ctx.getters,
        numericSeparator: ctx.numericSeparator, stylize: ctx.stylize,
      });
      const ret = maybeCustom.call(context, depth, options, inspect);
      if (ret !== context) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
      }
    }
  }

  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map();
      ctx.circular.set(value, index);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return ctx.stylize(`[Circular *${index}]`, 'special');
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

const kObjectType = 0;
const kArrayType = 1;
const kArrayExtrasType = 2;

function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

// Name of the first constructor found on the prototype chain, or null for
// null-prototype objects.
// The name of the nearest constructor in `obj`'s prototype chain. Given `protoProps`
// (showHidden), the properties its user-defined prototypes add are formatted into it.
function getConstructor(obj, ctx, recurseTimes, protoProps) {
  let o = obj;
  let first;
  while (o || typeof o === 'function') {
    const desc = ObjectGetOwnPropertyDescriptor(o, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '' && isInstanceof(obj, desc.value)) {
      if (protoProps !== undefined && (first !== o || !builtInObjects.has(desc.value.name))) {
        addPrototypeProperties(ctx, obj, first || obj, recurseTimes, protoProps);
      }
      return String(desc.value.name);
    }
    o = ObjectGetPrototypeOf(o);
    if (first === undefined) first = o;
  }
  if (first === null) return null;
  const res = getConstructorName(obj);
  return `${res} <${inspect(first, { ...ctx, customInspect: false, depth: -1 })}>`;
}

// The accessors and data (not methods) of up to three user-defined prototypes of `main`,
// shown as `[name]: value` with getters read on `main`.
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let depth = 0;
  let keys;
  let keySet;
  do {
    if (depth !== 0 || main === obj) {
      obj = ObjectGetPrototypeOf(obj);
      if (obj === null) return;
      const desc = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
      if (desc !== undefined && typeof desc.value === 'function' && builtInObjects.has(desc.value.name)) return;
    }
    if (depth === 0) keySet = new Set();
    else for (const key of keys) keySet.add(key);
    keys = Reflect.ownKeys(obj);
    ctx.seen.push(main);
    try {
      for (const key of keys) {
        if (key === 'constructor' || ObjectPrototypeHasOwnProperty(main, key) || (depth !== 0 && keySet.has(key))) continue;
        const desc = ObjectGetOwnPropertyDescriptor(obj, key);
        if (typeof desc.value === 'function') continue;
        const value = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
        output.push(ctx.colors ? `\u001b[2m${value}\u001b[22m` : value);
      }
    } finally {
      ctx.seen.pop();
    }
  } while (++depth !== 3);
}

function isInstanceof(obj, ctor) {
  try { return obj instanceof ctor; } catch { return false; }
}

function getKeys(value, showHidden) {
  let keys;
  const symbols = ObjectGetOwnPropertySymbols(value);
  if (showHidden) {
    keys = ObjectGetOwnPropertyNames(value);
    if (symbols.length !== 0) keys.push(...symbols);
  } else {
    try {
      keys = ObjectKeys(value);
    } catch (err) {
      // A module namespace whose bindings are not initialized yet: its names, unread.
      if (!types.isModuleNamespaceObject(value)) throw err;
      keys = ObjectGetOwnPropertyNames(value);
    }
    for (const s of symbols) {
      if (ObjectPrototypePropertyIsEnumerable(value, s)) keys.push(s);
    }
  }
  return keys;
}

function isIndexKey(k) {
  if (typeof k !== 'string' || k.length === 0 || k.length > 10) return false;
  const n = Number(k);
  return Number.isInteger(n) && n >= 0 && n < 4294967295 && String(n) === k;
}

const typedArrayProto = ObjectGetPrototypeOf(Uint8Array.prototype);
const typedArrayTag = ObjectGetOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag).get;
const typedArrayLength = ObjectGetOwnPropertyDescriptor(typedArrayProto, 'length').get;

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let keys;
  let protoProps;
  if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
  const constructor = getConstructor(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string' || (tag !== '' && (ctx.showHidden ? ObjectPrototypeHasOwnProperty : ObjectPrototypePropertyIsEnumerable)(value, Symbol.toStringTag))) {
    tag = '';
  }
  let base = '';
  let formatter = getEmptyFormatArray;
  let braces;
  let noIterator = true;
  let i = 0;
  const filter = ctx.showHidden;
  let extrasType = kObjectType;

  if (Symbol.iterator in value || constructor === null) {
    noIterator = false;
    if (Array.isArray(value)) {
      const prefix = (constructor !== 'Array' || tag !== '') ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
      keys = getOwnNonIndexProperties(value, filter);
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${braces[0]}]`;
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (types.isSet(value)) {
      const size = value.size;
      const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = constructor !== null ? formatSet.bind(null, value) : formatSet.bind(null, Set.prototype.values.call(value));
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (types.isMap(value)) {
      const size = value.size;
      const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = constructor !== null ? formatMap.bind(null, value) : formatMap.bind(null, Map.prototype.entries.call(value));
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (ArrayBuffer.isView(value) && !types.isDataView(value)) {
      keys = getOwnNonIndexProperties(value, filter);
      let bound = value;
      let fallback = '';
      if (constructor === null) {
        fallback = typedArrayTag.call(value);
        bound = new globalThis[fallback](value);
      }
      const size = typedArrayLength.call(value);
      const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
      formatter = formatTypedArray.bind(null, bound, size);
      extrasType = kArrayExtrasType;
    } else if (types.isMapIterator(value)) {
      keys = getKeys(value, ctx.showHidden);
      braces = getIteratorBraces('Map', tag);
      formatter = formatIterator.bind(null, braces);
    } else if (types.isSetIterator(value)) {
      keys = getKeys(value, ctx.showHidden);
      braces = getIteratorBraces('Set', tag);
      formatter = formatIterator.bind(null, braces);
    } else {
      noIterator = true;
    }
  }
  if (noIterator) {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    if (constructor === 'Object') {
      if (types.isArgumentsObject(value)) {
        braces[0] = '[Arguments] {';
      } else if (tag !== '') {
        braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
      }
      if (keys.length === 0 && protoProps === undefined) {
        return `${braces[0]}}`;
      }
    } else if (typeof value === 'function') {
      base = getFunctionBase(value, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'special');
    } else if (types.isRegExp(value)) {
      base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
      const prefix = getPrefix(constructor, tag, 'RegExp');
      if (prefix !== 'RegExp ') base = `${prefix}${base}`;
      if ((keys.length === 0 && protoProps === undefined) || (recurseTimes > ctx.depth && ctx.depth !== null)) {
        return ctx.stylize(base, 'regexp');
      }
    } else if (types.isDate(value)) {
      if (Number.isNaN(Date.prototype.getTime.call(value))) {
        base = Date.prototype.toString.call(value);
      } else {
        base = Date.prototype.toISOString.call(value);
      }
      const prefix = getPrefix(constructor, tag, 'Date');
      if (prefix !== 'Date ') base = `${prefix}${base}`;
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'date');
    } else if (isError(value)) {
      base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else if (types.isAnyArrayBuffer(value)) {
      const arrayType = types.isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer';
      const prefix = getPrefix(constructor, tag, arrayType);
      if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (keys.length === 0 && protoProps === undefined) {
        return prefix + `{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
      }
      braces[0] = `${prefix}{`;
      keys.unshift('byteLength');
    } else if (types.isDataView(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
      keys.unshift('byteLength', 'byteOffset', 'buffer');
    } else if (types.isPromise(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
      formatter = formatPromise;
    } else if (types.isWeakSet(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
      formatter = ctx.showHidden ? formatWeakSet : formatWeakCollection;
    } else if (types.isWeakMap(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
      formatter = ctx.showHidden ? formatWeakMap : formatWeakCollection;
    } else if (types.isModuleNamespaceObject(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Module')}{`;
      formatter = formatNamespaceObject.bind(null, keys);
    } else if (types.isBoxedPrimitive(value)) {
      base = getBoxedBase(value, ctx, keys, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else {
      // Without a prototype, the name V8 keeps for the object's constructor (Node's
      // internalGetConstructorName): `[Foo: null prototype] {}`.
      const fallback = constructor === null ? (getConstructorName(value) ?? 'Object') : 'Object';
      if (keys.length === 0 && protoProps === undefined) {
        return `${getCtxName(constructor, tag, fallback)}{}`;
      }
      braces[0] = `${getCtxName(constructor, tag, fallback)}{`;
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let constructorName = getCtxName(constructor, tag, 'Object').slice(0, -1);
    if (constructor !== null) constructorName = `[${constructorName}]`;
    return ctx.stylize(constructorName, 'special');
  }
  recurseTimes += 1;

  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentation = ctx.indentationLvl;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (i = 0; i < keys.length; i++) {
      output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
    }
    if (protoProps !== undefined) output.push(...protoProps);
  } catch (err) {
    // A structure nested deeper than the stack allows is cut here, as Node does, rather
    // than failing the whole inspection (how deep that is depends on which functions V8
    // has optimized by then).
    if (!(err instanceof RangeError) || err.message !== 'Maximum call stack size exceeded') throw err;
    ctx.indentationLvl = indentation;
    return ctx.stylize(`[${constructor || tag || 'Object'}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`, 'special');
  } finally {
    ctx.seen.pop();
  }

  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, 'special');
      if (ctx.compact !== true) {
        base = base === '' ? reference : `${reference} ${base}`;
      } else {
        braces[0] = `${reference} ${braces[0]}`;
      }
    }
  }

  if (ctx.sorted) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) output.sort(comparator);
    else if (keys.length > 1) {
      const sorted = output.slice(output.length - keys.length).sort(comparator);
      output.splice(output.length - keys.length, keys.length, ...sorted);
    }
  }

  const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  const budget = ctx.budget[ctx.indentationLvl] || 0;
  const newLength = budget + res.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  // Output past 128 MiB at one indentation level stops the descent: what is left is
  // shown as [Object] and the like, so a huge graph cannot exhaust memory or time.
  if (newLength > 2 ** 27) ctx.depth = -1;
  return res;
}

function getCtxName(constructor, tag, fallback) {
  if (constructor === null) {
    if (tag !== '') return `[${fallback}: null prototype] [${tag}] `;
    return `[${fallback}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor} [${tag}] `;
  return `${constructor} `;
}

function getIteratorBraces(type, tag) {
  if (tag !== `${type} Iterator`) {
    if (tag !== '') tag += '] [';
    tag += `${type} Iterator`;
  }
  return [`[${tag}] {`, '}'];
}

function getOwnNonIndexProperties(value, showHidden) {
  const names = showHidden ? ObjectGetOwnPropertyNames(value) : ObjectKeys(value);
  const out = [];
  for (const k of names) {
    if (!isIndexKey(k) && !(showHidden && k === 'length' && Array.isArray(value))) out.push(k);
  }
  if (showHidden && Array.isArray(value)) out.unshift('length');
  for (const s of ObjectGetOwnPropertySymbols(value)) {
    if (showHidden || ObjectPrototypePropertyIsEnumerable(value, s)) out.push(s);
  }
  return out;
}

function isError(value) {
  return types.isNativeError(value) || value instanceof Error;
}

function getFunctionBase(value, constructor, tag) {
  const stringified = Function.prototype.toString.call(value);
  if (stringified.startsWith('class') && stringified.endsWith('}')) {
    const slice = stringified.slice(5, -1);
    const bracketIndex = slice.indexOf('{');
    if (bracketIndex !== -1 && (!slice.slice(0, bracketIndex).includes('(') ||
        /^\s*(?:extends\s+)?[\w$.]*\s*$/.test(slice.slice(0, bracketIndex)))) {
      return getClassBase(value, constructor, tag);
    }
  }
  let type = 'Function';
  if (types.isGeneratorFunction(value)) type = `Generator${type}`;
  if (types.isAsyncFunction(value)) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  if (value.name === '') base += ' (anonymous)';
  else base += `: ${value.name}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

function getClassBase(value, constructor, tag) {
  const hasName = ObjectPrototypeHasOwnProperty(value, 'name');
  const name = (hasName && value.name) || '(anonymous)';
  let base = `class ${name}`;
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = ObjectGetPrototypeOf(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += ' extends [null prototype]';
  }
  return `[${base}]`;
}

function getBoxedBase(value, ctx, keys, constructor, tag) {
  let fn;
  let type;
  if (types.isNumberObject(value)) { fn = Number.prototype.valueOf; type = 'Number'; }
  else if (types.isStringObject(value)) {
    fn = String.prototype.valueOf; type = 'String';
    keys.splice(0, value.length);
  } else if (types.isBooleanObject(value)) { fn = Boolean.prototype.valueOf; type = 'Boolean'; }
  else if (types.isBigIntObject(value)) { fn = BigInt.prototype.valueOf; type = 'BigInt'; }
  else { fn = Symbol.prototype.valueOf; type = 'Symbol'; }
  let base = `[${type}`;
  if (type !== constructor) {
    if (constructor === null) base += ' (null prototype)';
    else base += ` (${constructor})`;
  }
  base += `: ${formatPrimitive(stylizeNoColor, fn.call(value), ctx)}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : 'Error';
  let stack = getStackString(err);
  // Hide properties that are part of the standard error shape.
  if (!ctx.showHidden && keys.length !== 0) {
    for (const name of ['name', 'message', 'stack']) {
      const index = keys.indexOf(name);
      if (index !== -1 && (typeof err[name] !== 'string' || stack.includes(err[name]))) keys.splice(index, 1);
    }
  }
  if ('cause' in err && (keys.length === 0 || !keys.includes('cause'))) keys.push('cause');
  if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes('errors'))) keys.push('errors');
  stack = improveStack(stack, constructor, name, tag);
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf('\n    at', pos);
  if (stackStart === -1) {
    stack = `[${stack}]`;
  }
  if (ctx.indentationLvl !== 0) {
    const indentation = ' '.repeat(ctx.indentationLvl);
    stack = stack.replaceAll('\n', `\n${indentation}`);
  }
  return stack;
}

function getStackString(err) {
  return err.stack ? String(err.stack) : Error.prototype.toString.call(err);
}

function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null || (name.endsWith('Error') && stack.startsWith(name) &&
      (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    let fallback = 'Error';
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) {
        if (len === 0) stack = `${prefix}: ${stack}`;
        else stack = `${prefix}${stack.slice(len)}`;
      } else {
        stack = `${prefix} [${name}]${stack.slice(len)}`;
      }
    }
  }
  return stack;
}

function getEmptyFormatArray() { return []; }

function formatArrayBuffer(ctx, value) {
  let buffer;
  try { buffer = new Uint8Array(value); } catch { return [ctx.stylize('(detached)', 'special')]; }
  let str = '';
  const max = Math.min(ctx.maxArrayLength, buffer.length);
  for (let i = 0; i < max; i++) str += (i ? ' ' : '') + buffer[i].toString(16).padStart(2, '0');
  const remaining = buffer.length - ctx.maxArrayLength;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${str}>`];
}

function formatArray(ctx, value, recurseTimes) {
  const valLen = value.length;
  const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
  const remaining = valLen - len;
  const output = [];
  for (let i = 0; i < len; i++) {
    if (!ObjectPrototypeHasOwnProperty(value, i)) {
      return formatArrayWithHoles(ctx, value, recurseTimes, len, output, i);
    }
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return output;
}

function formatArrayWithHoles(ctx, value, recurseTimes, len, output, i) {
  const keys = ObjectKeys(value);
  let index = i;
  for (; i < keys.length && output.length < len; i++) {
    const key = keys[i];
    const tmp = +key;
    if (!isIndexKey(key)) break;
    if (`${index}` !== key) {
      const emptyItems = tmp - index;
      output.push(ctx.stylize(`<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`, 'undefined'));
      index = tmp;
      if (output.length === len) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== len) {
    if (remaining > 0) {
      output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? 's' : ''}>`, 'undefined'));
    }
  } else if (remaining > 0) {
    output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  }
  return output;
}

function formatTypedArray(value, length, ctx, ignored, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = value.length - maxLength;
  const output = new Array(maxLength);
  const elementFormatter = value.length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigIntElement;
  for (let i = 0; i < maxLength; ++i) output[i] = elementFormatter(ctx.stylize, value[i], ctx.numericSeparator);
  if (remaining > 0) output[maxLength] = `... ${remaining} more item${remaining > 1 ? 's' : ''}`;
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
      const str = formatValue(ctx, value[key], recurseTimes, true);
      output.push(`[${key}]: ${str}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatBigIntElement(stylize, n, sep) {
  return stylize(`${sep ? addSeparators(`${n}`) : n}n`, 'bigint');
}

function formatSet(value, ctx, ignored, recurseTimes) {
  const length = value.size;
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const v of value) {
    if (i >= maxLength) break;
    output.push(formatValue(ctx, v, recurseTimes));
    i++;
  }
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(value, ctx, ignored, recurseTimes) {
  const length = value.size;
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const { 0: k, 1: v } of value) {
    if (i >= maxLength) break;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
    i++;
  }
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  ctx.indentationLvl -= 2;
  return output;
}

function formatSetIterInner(ctx, recurseTimes, entries, state) {
  const maxArrayLength = Math.max(ctx.maxArrayLength, 0);
  const maxLength = Math.min(maxArrayLength, entries.length);
  const output = new Array(maxLength);
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) output[i] = formatValue(ctx, entries[i], recurseTimes);
  ctx.indentationLvl -= 2;
  if (state === kWeak && !ctx.sorted) output.sort();
  const remaining = entries.length - maxLength;
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return output;
}

const kWeak = 0;
const kIterator = 1;
const kMapEntries = 2;

function formatMapIterInner(ctx, recurseTimes, entries, state) {
  const maxArrayLength = Math.max(ctx.maxArrayLength, 0);
  const len = entries.length / 2;
  const remaining = len - maxArrayLength;
  const maxLength = Math.min(maxArrayLength, len);
  const output = new Array(maxLength);
  let i = 0;
  ctx.indentationLvl += 2;
  if (state === kWeak) {
    for (; i < maxLength; i++) {
      const pos = i * 2;
      output[i] = `${formatValue(ctx, entries[pos], recurseTimes)} => ${formatValue(ctx, entries[pos + 1], recurseTimes)}`;
    }
    if (!ctx.sorted) output.sort();
  } else {
    for (; i < maxLength; i++) {
      const pos = i * 2;
      const res = [formatValue(ctx, entries[pos], recurseTimes), formatValue(ctx, entries[pos + 1], recurseTimes)];
      output[i] = reduceToSingleString(ctx, res, '', ['[', ']'], kArrayExtrasType, recurseTimes);
    }
  }
  ctx.indentationLvl -= 2;
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return output;
}

function formatWeakCollection(ctx) {
  return [ctx.stylize('<items unknown>', 'special')];
}
function formatWeakSet(ctx, value, recurseTimes) {
  const entries = previewEntries(value)?.[0] ?? [];
  return formatSetIterInner(ctx, recurseTimes, entries, kWeak);
}
function formatWeakMap(ctx, value, recurseTimes) {
  const entries = previewEntries(value)?.[0] ?? [];
  return formatMapIterInner(ctx, recurseTimes, entries, kWeak);
}
function formatIterator(braces, ctx, value, recurseTimes) {
  const [entries, isKeyValue] = previewEntries(value) ?? [[], false];
  if (isKeyValue) {
    braces[0] = braces[0].replace(/ Iterator] {$/, ' Entries] {');
    return formatMapIterInner(ctx, recurseTimes, entries, kMapEntries);
  }
  return formatSetIterInner(ctx, recurseTimes, entries, kIterator);
}

function formatPromise(ctx, value, recurseTimes) {
  const [state, result] = getPromiseState(value);
  if (state === 0) return [ctx.stylize('<pending>', 'special')];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, result, recurseTimes);
  ctx.indentationLvl -= 2;
  return [state === 2 ? `${ctx.stylize('<rejected>', 'special')} ${str}` : str];
}

function formatNamespaceObject(keys, ctx, value, recurseTimes) {
  const output = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    try {
      output[i] = formatProperty(ctx, value, recurseTimes, keys[i], kObjectType);
    } catch {
      const tmp = { [keys[i]]: '' };
      output[i] = formatProperty(ctx, tmp, recurseTimes, keys[i], kObjectType);
      const pos = output[i].lastIndexOf(' ');
      output[i] = output[i].slice(0, pos + 1) + ctx.stylize('<uninitialized>', 'special');
    }
  }
  keys.length = 0;
  return output;
}

const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

// `original` is the object a getter is read on (a prototype's getter reads the instance).
function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
  let name, str;
  let extra = ' ';
  desc = desc || ObjectGetOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < visibleLength(ctx, str)) {
      extra = `\n${' '.repeat(ctx.indentationLvl)}`;
    }
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
    const s = ctx.stylize;
    const sp = 'special';
    if (ctx.getters && (ctx.getters === true || (ctx.getters === 'get' && desc.set === undefined) ||
        (ctx.getters === 'set' && desc.set !== undefined))) {
      try {
        const tmp = desc.get.call(original);
        ctx.indentationLvl += 2;
        if (tmp === null) str = `${s(`[${label}:`, sp)} ${s('null', 'null')}${s(']', sp)}`;
        else if (typeof tmp === 'object') str = `${s(`[${label}]`, sp)} ${formatValue(ctx, tmp, recurseTimes)}`;
        else str = `${s(`[${label}:`, sp)} ${formatPrimitive(s, tmp, ctx)}${s(']', sp)}`;
        ctx.indentationLvl -= 2;
      } catch (err) {
        str = `${s(`[${label}: <Inspection threw (${err.message})>]`, sp)}`;
      }
    } else {
      str = ctx.stylize(`[${label}]`, sp);
    }
  } else if (desc.set !== undefined) {
    str = ctx.stylize('[Setter]', 'special');
  } else {
    str = ctx.stylize('undefined', 'undefined');
  }
  if (type === kArrayType) return str;
  if (typeof key === 'symbol') {
    name = `[${ctx.stylize(symbolToString(key).replace(/[\x00-\x1f\x27\x5c\x7f-\x9f]/g, (c) => escapeChar(c, "'")), 'symbol')}]`;
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    const tmp = String(key).replace(/[\x00-\x1f\x27\x5c\x7f-\x9f]/g, (c) => escapeChar(c, "'"));
    name = `[${tmp}]`;
  } else if (keyStrRegExp.test(key)) {
    name = ctx.stylize(key, 'name');
  } else {
    name = ctx.stylize(quoteString(String(key)), 'string');
  }
  return `${name}:${extra}${str}`;
}

function isBelowBreakLength(ctx, output, start, base) {
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    totalLength += visibleLength(ctx, output[i]);
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

// Arrange many short array entries in aligned columns, as Node does.
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2;
  const dataLen = new Array(outputLength);
  for (let i = 0; i < outputLength; i++) {
    const len = visibleLength(ctx, output[i]);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) {
        if (dataLen[j] > lineLength) lineLength = dataLen[j];
      }
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') { padStart = false; break; }
      }
    }
    const rows = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let line = '';
      let j = i;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
        line += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
      }
      if (padStart) {
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
        line += output[j].padStart(padding, ' ');
      } else {
        line += output[j];
      }
      rows.push(line);
    }
    if (ctx.maxArrayLength < output.length) rows.push(output[outputLength]);
    output = rows;
  }
  return output;
}

// Joins with `+`, not Array.prototype.join: V8 then keeps the parts as a rope instead
// of copying them at every level of a deep object, which made inspecting a big graph
// quadratic in its depth.
function join(output, separator) {
  let str = '';
  const last = output.length - 1;
  for (let i = 0; i < last; i++) {
    str += output[i];
    str += separator;
  }
  if (last >= 0) str += output[last];
  return str;
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = output.join(', ');
          if (!joined.includes('\n')) {
            return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${join(output, `,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
  }
  const indentation = ' '.repeat(ctx.indentationLvl);
  const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
  return `${braces[0]}${ln}${join(output, `,\n${indentation}  `)} ${braces[1]}`;
}

// ---- format --------------------------------------------------------------

function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== 'object') {
    const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
    throw new ERR_INVALID_ARG_TYPE('inspectOptions', 'object', inspectOptions);
  }
  return formatList(inspectOptions, args);
}

function format(...args) {
  return formatList(undefined, args);
}

// util.format's numbers follow the inspect options' (or the defaults') numericSeparator.
const separatorOf = (inspectOptions) => inspectOptions?.numericSeparator ?? defaultOptions.numericSeparator;
const formatBigIntPlain = (n, separator) => `${separator ? addSeparators(`${n}`) : n}n`;

function formatList(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) === 37) { // '%'
        const nextChar = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (nextChar) {
            case 115: { // 's'
              const arg = args[++a];
              if (typeof arg === 'number') tempStr = formatNumber(stylizeNoColor, arg, separatorOf(inspectOptions));
              else if (typeof arg === 'bigint') tempStr = formatBigIntPlain(arg, separatorOf(inspectOptions));
              else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) tempStr = String(arg);
              else tempStr = inspect(arg, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
              break;
            }
            case 106: // 'j'
              tempStr = tryStringify(args[++a]);
              break;
            case 100: { // 'd'
              const n = args[++a];
              if (typeof n === 'bigint') tempStr = formatBigIntPlain(n, separatorOf(inspectOptions));
              else if (typeof n === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(stylizeNoColor, Number(n), separatorOf(inspectOptions));
              break;
            }
            case 79: // 'O'
              tempStr = inspect(args[++a], inspectOptions);
              break;
            case 111: // 'o'
              tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
              break;
            case 105: { // 'i'
              const n = args[++a];
              if (typeof n === 'bigint') tempStr = formatBigIntPlain(n, separatorOf(inspectOptions));
              else if (typeof n === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(stylizeNoColor, Number.parseInt(n), separatorOf(inspectOptions));
              break;
            }
            case 102: { // 'f'
              const n = args[++a];
              tempStr = typeof n === 'symbol' ? 'NaN' : formatNumber(stylizeNoColor, Number.parseFloat(n), separatorOf(inspectOptions));
              break;
            }
            case 99: // 'c'
              a += 1;
              tempStr = '';
              break;
            case 37: // '%'
              str += first.slice(lastPos, i);
              lastPos = i + 1;
              continue;
            default:
              continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (nextChar === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
    join = ' ';
    a++;
  }
  return str;
}

// Whether %s should inspect `value` rather than call its toString: objects whose
// toString (found along the prototype chain) is a builtin's, and those without one.
function hasBuiltInToString(value) {
  const proxy = getProxyDetails(value);
  if (proxy !== undefined) {
    if (proxy[0] === null) return true;
    value = proxy[0];
  }
  if (typeof value[Symbol.toPrimitive] === 'function') return false;
  if (typeof value.toString !== 'function') return true;
  if (ObjectPrototypeHasOwnProperty(value, 'toString')) return false;
  let pointer = value;
  do {
    pointer = ObjectGetPrototypeOf(pointer);
  } while (!ObjectPrototypeHasOwnProperty(pointer, 'toString'));
  const descriptor = ObjectGetOwnPropertyDescriptor(pointer, 'constructor');
  return descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name);
}

const builtInObjects = new Set(ObjectGetOwnPropertyNames(globalThis).filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e)));

// %j: JSON, or '[Circular]' when V8 refuses the object for a cycle (recognized by the
// first line of V8's own message); any other error of a toJSON propagates.
let circularErrorMessage;
function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (circularErrorMessage === undefined) {
      try {
        const a = {};
        a.a = a;
        JSON.stringify(a);
      } catch (circular) {
        circularErrorMessage = String(circular.message).split('\n')[0];
      }
    }
    if (err?.name === 'TypeError' && String(err.message).split('\n')[0] === circularErrorMessage) return '[Circular]';
    throw err;
  }
}

module.exports = { inspect, format, formatWithOptions, stylizeWithColor, quoteString };
