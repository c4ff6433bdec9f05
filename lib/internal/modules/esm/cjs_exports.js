'use strict';
// The named exports `import` sees on a CommonJS module, found in its source without
// running it, as Node's cjs-module-lexer finds them (its documented forms; this is a
// scanner written for amber, a JS tokenizer and patterns over the tokens, so it runs
// in the heap and survives snapshots with nothing native):
//   exports.a = / exports['a'] = / module.exports.a = / module.exports['a'] =
//   Object.defineProperty(exports, 'a', { value | enumerable: true, get() { return x.y } })
//   module.exports = { a, b: c, 'd': e, ...require('x') }   (up to the first other form)
//   module.exports = require('x'), __exportStar(require('x'), exports),
//   __export(require('x'))                                   (reexports)
// `detect(source)` gives `{ names, reexports }`. A name the module never sets is still
// exported (undefined), as in Node; one it sets in another way is not.

const kPunct = '{}()[];,<>+-*%&|^!~?:=./@#';

// Tokens: { t: 'id' | 'str' | 'p' | 'other', v }. Comments are dropped; templates and
// regular expressions are one opaque token each.
function tokenize(src) {
  const out = [];
  const n = src.length;
  let i = 0;
  // Whether a `/` here starts a regular expression (after an operator or keyword).
  const regexAllowed = () => {
    const last = out[out.length - 1];
    if (last === undefined) return true;
    if (last.t === 'p') return !(last.v === ')' || last.v === ']' || last.v === '}');
    if (last.t === 'id') return /^(return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/.test(last.v);
    return false;
  };
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === '#' && i === 0 && src[1] === '!') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '\'' || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < n && src[j] !== c) {
        if (src[j] === '\\') {
          const [ch, next] = escapeAt(src, j + 1);
          value += ch;
          j = next;
        } else {
          if (src[j] === '\n') break;
          value += src[j++];
        }
      }
      out.push({ t: 'str', v: value, raw: src.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '`') {
      i = skipTemplate(src, i + 1);
      out.push({ t: 'other', v: '`' });
    } else if (c === '/' && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        if (src[j] === '\\') {
          j += 2;
          continue;
        }
        if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        else if (src[j] === '/' && !inClass) break;
        j++;
      }
      j++;
      while (j < n && /[a-z]/i.test(src[j])) j++;
      out.push({ t: 'other', v: 're' });
      i = j;
    } else if (/[A-Za-z_$\u0080-\uffff]/.test(c) || c === '\\') {
      let j = i + 1;
      while (j < n && /[\w$\u0080-\uffff]/.test(src[j])) j++;
      out.push({ t: 'id', v: src.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(src[j])) j++;
      out.push({ t: 'other', v: src.slice(i, j) });
      i = j;
    } else if (c === '.' && src[i + 1] === '.' && src[i + 2] === '.') {
      out.push({ t: 'p', v: '...' });
      i += 3;
    } else if (c === '=' && src[i + 1] === '=') {
      let j = i + 2;
      if (src[j] === '=') j++;
      out.push({ t: 'p', v: '==' });
      i = j;
    } else if (c === '=' && src[i + 1] === '>') {
      out.push({ t: 'p', v: '=>' });
      i += 2;
    } else if (kPunct.includes(c)) {
      out.push({ t: 'p', v: c });
      i++;
    } else {
      i++;
    }
  }
  return out;
}

const kSimpleEscapes = { __proto__: null, n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
// The character an escape in a string literal stands for (`i`: after the backslash) and
// where the literal goes on.
function escapeAt(src, i) {
  const c = src[i];
  if (c === undefined) return ['', i];
  if (c === 'u') {
    if (src[i + 1] === '{') {
      const end = src.indexOf('}', i + 2);
      const code = Number.parseInt(src.slice(i + 2, end), 16);
      if (end === -1 || !(code <= 0x10ffff)) return ['', i + 1];
      return [String.fromCodePoint(code), end + 1];
    }
    const code = Number.parseInt(src.slice(i + 1, i + 5), 16);
    return Number.isNaN(code) ? ['', i + 1] : [String.fromCharCode(code), i + 5];
  }
  if (c === 'x') {
    const code = Number.parseInt(src.slice(i + 1, i + 3), 16);
    return Number.isNaN(code) ? ['', i + 1] : [String.fromCharCode(code), i + 3];
  }
  if (c === '\r' && src[i + 1] === '\n') return ['', i + 2];
  if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return ['', i + 1];
  return [kSimpleEscapes[c] ?? c, i + 1];
}

// Past a template literal that starts at `i` (after the backquote), nested `${}` included.
function skipTemplate(src, i) {
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '`') {
      return i + 1;
    } else if (c === '$' && src[i + 1] === '{') {
      i += 2;
      let depth = 1;
      while (i < n && depth > 0) {
        const d = src[i];
        if (d === '{') depth++;
        else if (d === '}') depth--;
        else if (d === '`') {
          i = skipTemplate(src, i + 1);
          continue;
        } else if (d === '\'' || d === '"') {
          let j = i + 1;
          while (j < n && src[j] !== d) j += src[j] === '\\' ? 2 : 1;
          i = j;
        }
        i++;
      }
    } else {
      i++;
    }
  }
  return n;
}

function isP(tok, v) {
  return tok !== undefined && tok.t === 'p' && tok.v === v;
}
function isId(tok, v) {
  return tok !== undefined && tok.t === 'id' && (v === undefined || tok.v === v);
}

function detect(source) {
  const toks = tokenize(`${source}`);
  const names = new Set();
  const reexports = [];
  const required = new Map();
  // `require('x')` at `i`: the specifier, or undefined.
  const requireAt = (i) => (isId(toks[i], 'require') && isP(toks[i + 1], '(') && toks[i + 2]?.t === 'str' && isP(toks[i + 3], ')') ? toks[i + 2].v : undefined);
  // The end of `exports` or `module.exports` at `i` (not after a `.`), or -1.
  const exportsAt = (i) => {
    if (isP(toks[i - 1], '.')) return -1;
    if (isId(toks[i], 'exports')) return i + 1;
    if (isId(toks[i], 'module') && isP(toks[i + 1], '.') && isId(toks[i + 2], 'exports')) return i + 3;
    return -1;
  };
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.t !== 'id') continue;
    const end = exportsAt(i);
    if (end !== -1) {
      // exports.a = / exports['a'] =
      if (isP(toks[end], '.') && isId(toks[end + 1]) && isP(toks[end + 2], '=')) {
        names.add(toks[end + 1].v);
        continue;
      }
      if (isP(toks[end], '[') && toks[end + 1]?.t === 'str' && isP(toks[end + 2], ']') && isP(toks[end + 3], '=')) {
        names.add(toks[end + 1].v);
        continue;
      }
      // module.exports = ...
      if (toks[i].v === 'module' && isP(toks[end], '=')) {
        const spec = requireAt(end + 1);
        if (spec !== undefined) {
          reexports.push(spec);
          continue;
        }
        if (isP(toks[end + 1], '{')) objectLiteral(toks, end + 2, names, reexports, requireAt);
      }
      continue;
    }
    // Object.defineProperty(exports, 'a', { ... })
    if (tok.v === 'Object' && isP(toks[i + 1], '.') && isId(toks[i + 2], 'defineProperty') && isP(toks[i + 3], '(')) {
      const e = exportsAt(i + 4);
      if (e === -1 || !isP(toks[e], ',') || toks[e + 1]?.t !== 'str' || !isP(toks[e + 2], ',') || !isP(toks[e + 3], '{')) continue;
      const name = toks[e + 1].v;
      if (definePropertyExport(toks, e + 4)) names.add(name);
      continue;
    }
    // var _x = require('x'): remembered for Babel's reexport loop below.
    if ((tok.v === 'var' || tok.v === 'let' || tok.v === 'const') && isId(toks[i + 1]) && isP(toks[i + 2], '=')) {
      const spec = requireAt(i + 3);
      if (spec !== undefined) required.set(toks[i + 1].v, spec);
      continue;
    }
    // Object.keys(_x).forEach(function (key) { ... exports[key] = _x[key] / defineProperty(exports, key, ...) })
    if (tok.v === 'Object' && isP(toks[i + 1], '.') && isId(toks[i + 2], 'keys') && isP(toks[i + 3], '(') &&
        isId(toks[i + 4]) && isP(toks[i + 5], ')') && isP(toks[i + 6], '.') && isId(toks[i + 7], 'forEach') &&
        required.has(toks[i + 4].v) && setsExportsInLoop(toks, i + 8)) {
      reexports.push(required.get(toks[i + 4].v));
      continue;
    }
    // __exportStar(require('x'), exports) / __export(require('x')) / tslib.__exportStar(...)
    if ((tok.v === '__exportStar' || tok.v === '__export') && isP(toks[i + 1], '(')) {
      const spec = requireAt(i + 2);
      if (spec !== undefined) reexports.push(spec);
    }
  }
  return { names: [...names], reexports };
}

// Whether the `forEach(` call at `i` sets `exports[key]` for each key (an assignment or
// Object.defineProperty(exports, key, ...)).
function setsExportsInLoop(toks, i) {
  if (!isP(toks[i], '(')) return false;
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    const t = toks[j];
    if (t.t === 'p' && (t.v === '(' || t.v === '{' || t.v === '[')) depth++;
    else if (t.t === 'p' && (t.v === ')' || t.v === '}' || t.v === ']')) {
      if (--depth === 0) return false;
    } else if (isId(t, 'exports') && !isP(toks[j - 1], '.')) {
      if (isP(toks[j + 1], '[') && isId(toks[j + 2]) && isP(toks[j + 3], ']') && isP(toks[j + 4], '=')) return true;
      if (isP(toks[j - 1], '(') && isId(toks[j - 2], 'defineProperty') && isP(toks[j + 1], ',') && isId(toks[j + 2])) return true;
    }
  }
  return false;
}

// The descriptor of Object.defineProperty (its `{` is before `i`): an export when it
// has a `value`, or an `enumerable: true` getter returning an identifier or member chain.
function definePropertyExport(toks, i) {
  let sawValue = false;
  let sawGetter = false;
  let depth = 1;
  for (let j = i; j < toks.length && depth > 0; j++) {
    const t = toks[j];
    if (t.t === 'p' && (t.v === '{' || t.v === '(' || t.v === '[')) depth++;
    else if (t.t === 'p' && (t.v === '}' || t.v === ')' || t.v === ']')) depth--;
    else if (depth === 1 && isId(t, 'value') && isP(toks[j + 1], ':')) sawValue = true;
    else if (depth === 1 && isId(t, 'get')) {
      // get: function () { return a.b } / get() { return a.b } / get: () => a.b
      let k = j + 1;
      if (isP(toks[k], ':')) k++;
      if (isId(toks[k], 'function')) k++;
      if (!isP(toks[k], '(') || !isP(toks[k + 1], ')')) return false;
      k += 2;
      if (isP(toks[k], '=>')) {
        k++;
        if (!isId(toks[k])) return false;
        k = memberChain(toks, k);
        if (!(isP(toks[k], '}') || isP(toks[k], ','))) return false;
        sawGetter = true;
        j = k - 1;
        continue;
      }
      if (!isP(toks[k], '{') || !isId(toks[k + 1], 'return') || !isId(toks[k + 2])) return false;
      k = memberChain(toks, k + 2);
      if (isP(toks[k], ';')) k++;
      if (!isP(toks[k], '}')) return false;
      sawGetter = true;
      j = k;
    }
  }
  return sawValue || sawGetter;
}

// Past `a.b['c']...` starting at the identifier at `k`.
function memberChain(toks, k) {
  k++;
  for (;;) {
    if (isP(toks[k], '.') && isId(toks[k + 1])) k += 2;
    else if (isP(toks[k], '[') && toks[k + 1]?.t === 'str' && isP(toks[k + 2], ']')) k += 3;
    else return k;
  }
}

// `module.exports = { ... }`: names up to the first entry of another form.
function objectLiteral(toks, i, names, reexports, requireAt) {
  for (;;) {
    if (isP(toks[i], '}')) return;
    if (isP(toks[i], '...')) {
      const spec = requireAt(i + 1);
      if (spec === undefined) return;
      reexports.push(spec);
      i += 5;
    } else if ((isId(toks[i]) || toks[i]?.t === 'str') && (isP(toks[i + 1], ',') || isP(toks[i + 1], '}'))) {
      if (toks[i].t !== 'id') return;
      names.add(toks[i].v);
      i++;
    } else if ((isId(toks[i]) || toks[i]?.t === 'str') && isP(toks[i + 1], ':') && isId(toks[i + 2])) {
      // A value that starts with an identifier exports the key; anything after the
      // identifier other than `,` or `}` ends the detection.
      names.add(toks[i].v);
      i += 3;
    } else {
      return;
    }
    if (isP(toks[i], ',')) i++;
    else if (!isP(toks[i], '}')) return;
  }
}

module.exports = { detect, tokenize };
