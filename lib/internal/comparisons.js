'use strict';
// Deep equality for assert.deepEqual / deepStrictEqual and util.isDeepStrictEqual, by
// Node's rules: strict mode compares prototypes, own enumerable symbols and -0/+0;
// loose mode compares primitives with ==. Both compare the [[Class]] tag, Dates by
// time, RegExps by source/flags/lastIndex, Errors by name and message, typed arrays and
// ArrayBuffers by content, boxed primitives by value, Sets and Maps regardless of order,
// and cope with cycles (memos of the objects on the current path).

const t = binding.types;
const { hasOwnProperty, propertyIsEnumerable, toString: objectToString } = Object.prototype;
const hasOwn = (o, k) => hasOwnProperty.call(o, k);
const isEnumerable = (o, k) => propertyIsEnumerable.call(o, k);

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

const isError = (v) => t.isNativeError(v) || v instanceof Error;

// Array indices are compared element by element; other own enumerable keys (and, in
// strict mode, enumerable symbols) as properties.
function isIndex(key) {
  if (typeof key !== 'string' || key.length === 0) return false;
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 4294967295 && String(n) === key;
}
function nonIndexKeys(value, strict) {
  return Reflect.ownKeys(value).filter((k) => {
    if (typeof k === 'symbol') return strict && isEnumerable(value, k);
    return !isIndex(k) && isEnumerable(value, k);
  });
}

function bytesOf(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}
function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
// Loose float arrays compare values (NaN differs, -0 equals 0).
function similarFloatArrays(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function equalBoxedPrimitives(a, b) {
  if (t.isNumberObject(a)) return t.isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  if (t.isStringObject(a)) return t.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  if (t.isBooleanObject(a)) return t.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  if (t.isBigIntObject(a)) return t.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  if (t.isSymbolObject(a)) return t.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  return false;
}

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
// Crypto keys (loaded only when a value carries their tag).
const isKeyObject = (v) => v instanceof require('internal/crypto/keys').KeyObject;
const isCryptoKey = (v) => require('internal/crypto/webcrypto_keys').isCryptoKey(v);

function innerDeepEqual(val1, val2, strict, memos) {
  if (val1 === val2) return val1 !== 0 || Object.is(val1, val2) || !strict;
  if (strict) {
    if (typeof val1 !== 'object') return typeof val1 === 'number' && Number.isNaN(val1) && Number.isNaN(val2);
    if (typeof val2 !== 'object' || val1 === null || val2 === null) return false;
    if (Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) return false;
  } else {
    if (val1 === null || typeof val1 !== 'object') {
      if (val2 === null || typeof val2 !== 'object') {
        // eslint-disable-next-line eqeqeq
        return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
      }
      return false;
    }
    if (val2 === null || typeof val2 !== 'object') return false;
  }
  const tag1 = objectToString.call(val1);
  if (tag1 !== objectToString.call(val2)) return false;

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
  } else if (tag1 === '[object Object]') {
    return keyCheck(val1, val2, strict, memos, kNoIterator);
  } else if (t.isDate(val1)) {
    if (!t.isDate(val2) || Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) return false;
  } else if (t.isRegExp(val1)) {
    if (!t.isRegExp(val2) || val1.source !== val2.source || val1.flags !== val2.flags || val1.lastIndex !== val2.lastIndex) return false;
  } else if (isError(val1)) {
    // The stack is not compared: it differs between otherwise identical errors. A
    // non-enumerable `cause` or `errors` (AggregateError) is compared as a value; an
    // enumerable one is compared with the other keys below.
    if (!isError(val2) || val1.message !== val2.message || val1.name !== val2.name) return false;
    for (const key of ['cause', 'errors']) {
      const enumerable1 = Object.prototype.propertyIsEnumerable.call(val1, key);
      if (enumerable1 !== Object.prototype.propertyIsEnumerable.call(val2, key)) return false;
      if (!enumerable1 && !innerDeepEqual(val1[key], val2[key], strict, memos)) return false;
    }
  } else if (ArrayBuffer.isView(val1)) {
    if (!ArrayBuffer.isView(val2)) return false;
    // The element type by the intrinsic getter, which an own Symbol.toStringTag cannot fake.
    if (typedArrayTag.call(val1) !== typedArrayTag.call(val2)) return false;
    if (!strict && (val1 instanceof Float32Array || val1 instanceof Float64Array)) {
      if (!similarFloatArrays(val1, val2)) return false;
    } else if (!sameBytes(bytesOf(val1), bytesOf(val2))) {
      return false;
    }
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
  } else if (t.isSet(val1)) {
    if (!t.isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsSet);
  } else if (t.isMap(val1)) {
    if (!t.isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsMap);
  } else if (t.isAnyArrayBuffer(val1)) {
    if (!t.isAnyArrayBuffer(val2) || !sameBytes(new Uint8Array(val1), new Uint8Array(val2))) return false;
  } else if (t.isBoxedPrimitive(val1)) {
    if (!equalBoxedPrimitives(val1, val2)) return false;
  } else if (tag1 === '[object KeyObject]' && isKeyObject(val1)) {
    // Key material is compared, not the (hidden) handle.
    if (!isKeyObject(val2) || !val1.equals(val2)) return false;
  } else if (tag1 === '[object CryptoKey]' && isCryptoKey(val1)) {
    const w = require('internal/crypto/webcrypto_keys');
    if (!isCryptoKey(val2) || val1[w.kExtractable] !== val2[w.kExtractable] ||
        !innerDeepEqual(val1[w.kAlgorithm], val2[w.kAlgorithm], strict, memos) ||
        !innerDeepEqual(val1[w.kUsages], val2[w.kUsages], strict, memos) ||
        !innerDeepEqual(val1[w.kKeyObject], val2[w.kKeyObject], strict, memos)) return false;
  } else if (Array.isArray(val2) || ArrayBuffer.isView(val2) || t.isSet(val2) || t.isMap(val2) || t.isDate(val2) ||
             t.isRegExp(val2) || t.isAnyArrayBuffer(val2) || t.isBoxedPrimitive(val2) || isError(val2)) {
    return false;
  }
  return keyCheck(val1, val2, strict, memos, kNoIterator);
}

function keyCheck(val1, val2, strict, memos, iterationType, keys1) {
  const explicitKeys = keys1 !== undefined;
  if (!explicitKeys) {
    keys1 = Object.keys(val1);
    if (keys1.length !== Object.keys(val2).length) return false;
  }
  for (const key of keys1) {
    if (!isEnumerable(val2, key)) return false;
  }
  if (strict && !explicitKeys) {
    const symbols1 = Object.getOwnPropertySymbols(val1);
    let count = 0;
    for (const key of symbols1) {
      if (isEnumerable(val1, key)) {
        if (!isEnumerable(val2, key)) return false;
        keys1.push(key);
        count++;
      } else if (isEnumerable(val2, key)) {
        return false;
      }
    }
    const symbols2 = Object.getOwnPropertySymbols(val2);
    if (symbols2.filter((k) => isEnumerable(val2, k)).length !== count) return false;
  }
  if (keys1.length === 0 &&
      (iterationType === kNoIterator || (iterationType === kIsArray && val1.length === 0) || val1.size === 0)) {
    return true;
  }
  // Cycles: a pair met again on the current path is equal when both sides were met at
  // the same depth.
  if (memos === undefined) {
    memos = { val1: new Map(), val2: new Map(), position: 0 };
  } else {
    const memoA = memos.val1.get(val1);
    if (memoA !== undefined) {
      const memoB = memos.val2.get(val2);
      if (memoB !== undefined) return memoA === memoB;
    }
    memos.position++;
  }
  memos.val1.set(val1, memos.position);
  memos.val2.set(val2, memos.position);
  const equal = objEquiv(val1, val2, strict, keys1, memos, iterationType);
  memos.val1.delete(val1);
  memos.val2.delete(val2);
  return equal;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  if (iterationType === kIsSet) {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsMap) {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsArray) {
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
      } else if (hasOwn(b, i)) {
        return false;
      } else {
        // A sparse array: the remaining keys of both decide.
        const keysA = Object.keys(a);
        for (; i < keysA.length; i++) {
          const key = keysA[i];
          if (!hasOwn(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) return false;
        }
        return keysA.length === Object.keys(b).length;
      }
    }
  }
  for (const key of keys) {
    if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
  }
  return true;
}

// The primitive a loose comparison could also match: null for undefined (and the
// reverse), a number for a numeric string; false when nothing can, true when the value
// itself is to be looked for.
function looseAlternative(prim) {
  switch (typeof prim) {
    case 'undefined': return null;
    case 'object': return undefined;
    case 'symbol': return false;
    case 'string': prim = +prim;
    // falls through
    case 'number': if (Number.isNaN(prim)) return false;
  }
  return true;
}
function setMightHaveLoosePrim(a, b, prim) {
  const alt = looseAlternative(prim);
  if (alt != null) return alt;
  return b.has(alt) && !a.has(alt);
}
function mapMightHaveLoosePrim(a, b, prim, item, memos) {
  const alt = looseAlternative(prim);
  if (alt != null) return alt;
  const curB = b.get(alt);
  if ((curB === undefined && !b.has(alt)) || !innerDeepEqual(item, curB, false, memos)) return false;
  return !a.has(alt) && innerDeepEqual(item, curB, false, memos);
}
function setHasEqualElement(set, val, strict, memos) {
  for (const other of set) {
    if (innerDeepEqual(val, other, strict, memos)) {
      set.delete(other);
      return true;
    }
  }
  return false;
}
function setEquiv(a, b, strict, memos) {
  let set = null;
  for (const val of a) {
    if (typeof val === 'object' && val !== null) {
      (set ??= new Set()).add(val);
    } else if (!b.has(val)) {
      if (strict) return false;
      if (!setMightHaveLoosePrim(a, b, val)) return false;
      (set ??= new Set()).add(val);
    }
  }
  if (set !== null) {
    for (const val of b) {
      if (typeof val === 'object' && val !== null) {
        if (!setHasEqualElement(set, val, strict, memos)) return false;
      } else if (!strict && !a.has(val) && !setHasEqualElement(set, val, strict, memos)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}
function mapHasEqualEntry(set, map, key1, item1, strict, memos) {
  for (const key2 of set) {
    if (innerDeepEqual(key1, key2, strict, memos) && innerDeepEqual(item1, map.get(key2), strict, memos)) {
      set.delete(key2);
      return true;
    }
  }
  return false;
}
function mapEquiv(a, b, strict, memos) {
  let set = null;
  for (const [key, item1] of a) {
    if (typeof key === 'object' && key !== null) {
      (set ??= new Set()).add(key);
    } else {
      const item2 = b.get(key);
      if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memos)) {
        if (strict) return false;
        if (!mapMightHaveLoosePrim(a, b, key, item1, memos)) return false;
        (set ??= new Set()).add(key);
      }
    }
  }
  if (set !== null) {
    for (const [key, item] of b) {
      if (typeof key === 'object' && key !== null) {
        if (!mapHasEqualEntry(set, a, key, item, strict, memos)) return false;
      } else if (!strict && (!a.has(key) || !innerDeepEqual(a.get(key), item, false, memos)) &&
                 !mapHasEqualEntry(set, a, key, item, false, memos)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}

module.exports = {
  isDeepEqual: (a, b) => innerDeepEqual(a, b, false),
  isDeepStrictEqual: (a, b) => innerDeepEqual(a, b, true),
};
