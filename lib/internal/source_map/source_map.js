'use strict';
// module.SourceMap: a Source Map v3 payload (plain or with `sections`) and lookups from a
// generated position to the original one. Mappings are decoded once, into one sorted
// list of [generatedLine, generatedColumn, source, originalLine, originalColumn, name]
// (zero-based; a segment without a source has only the first two).

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

const base64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

// Decodes one segment's base64 VLQ numbers starting at `pos`; returns [values, next].
function readSegment(text, pos) {
  const values = [];
  while (pos < text.length && text[pos] !== ',' && text[pos] !== ';') {
    let shift = 0;
    let value = 0;
    for (;;) {
      const digit = base64.get(text[pos++]);
      if (digit === undefined) throw new SyntaxError('Invalid base64 VLQ in source map mappings');
      value += (digit & 31) * 2 ** shift;
      shift += 5;
      if ((digit & 32) === 0) break;
    }
    // The sign is the low bit; a negative zero stands for -2^31, as in Mozilla's decoder.
    if (value === 1) values.push(-2147483648);
    else values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
  }
  return [values, pos];
}

function decodeMappings(map, lineOffset, columnOffset, out) {
  const text = `${map.mappings ?? ''}`;
  const sources = Array.isArray(map.sources) ? map.sources : [];
  const names = Array.isArray(map.names) ? map.names : [];
  let line = 0, column = 0, source = 0, origLine = 0, origColumn = 0, name = 0;
  let pos = 0;
  while (pos < text.length) {
    if (text[pos] === ';') { line++; column = 0; pos++; continue; }
    if (text[pos] === ',') { pos++; continue; }
    const [v, next] = readSegment(text, pos);
    pos = next;
    column += v[0];
    const genLine = line + lineOffset;
    const genColumn = line === 0 ? column + columnOffset : column;
    if (v.length < 4) {
      out.push([genLine, genColumn]);
      continue;
    }
    source += v[1];
    origLine += v[2];
    origColumn += v[3];
    if (v.length >= 5) {
      name += v[4];
      out.push([genLine, genColumn, sources[source], origLine, origColumn, names[name]]);
    } else {
      out.push([genLine, genColumn, sources[source], origLine, origColumn]);
    }
  }
}

class SourceMap {
  #payload;
  #mappings = [];
  #lineLengths;
  // `lineLengths`: the length of each line of the generated source, when known.
  constructor(payload, { lineLengths } = {}) {
    if (payload === null || typeof payload !== 'object') throw new ERR_INVALID_ARG_TYPE('payload', 'Object', payload);
    this.#payload = structuredClone(payload);
    if (lineLengths !== undefined) this.#lineLengths = Array.from(lineLengths);
    if (Array.isArray(payload.sections)) {
      for (const section of payload.sections) {
        decodeMappings(section.map ?? {}, section.offset?.line ?? 0, section.offset?.column ?? 0, this.#mappings);
      }
    } else {
      decodeMappings(payload, 0, 0, this.#mappings);
    }
    this.#mappings.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  get payload() {
    return this.#payload;
  }

  get lineLengths() {
    return this.#lineLengths;
  }

  // The mapping at or before (lineOffset, columnOffset), both zero-based; {} if none.
  findEntry(lineOffset, columnOffset) {
    const list = this.#mappings;
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = list[mid];
      if (m[0] < lineOffset || (m[0] === lineOffset && m[1] <= columnOffset)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found === -1) return {};
    const m = list[found];
    return { generatedLine: m[0], generatedColumn: m[1], originalSource: m[2], originalLine: m[3], originalColumn: m[4], name: m[5] };
  }

  // One-based line and column in, one-based out: { fileName, lineNumber, columnNumber, name }.
  findOrigin(lineNumber, columnNumber) {
    const entry = this.findEntry(lineNumber - 1, columnNumber - 1);
    if (entry.originalSource === undefined || entry.originalLine === undefined) return {};
    const lineDelta = lineNumber - 1 - entry.generatedLine;
    const columnDelta = columnNumber - 1 - entry.generatedColumn;
    return {
      name: entry.name,
      fileName: entry.originalSource,
      lineNumber: entry.originalLine + 1 + lineDelta,
      columnNumber: entry.originalColumn + 1 + columnDelta,
    };
  }
}

module.exports = { SourceMap };
