// protobufjs: define messages from .proto text, encode, decode, verify, JSON.
const protobuf = require('protobufjs');
const root = protobuf.parse(`
syntax = "proto3";
package awesome;
message AwesomeMessage {
  string awesome_field = 1;
  int64 big = 2;
  repeated int32 nums = 3 [packed = true];
  Kind kind = 4;
  map<string, double> scores = 5;
  Inner inner = 6;
  oneof choice { string text = 7; bytes blob = 8; }
  message Inner { bool ok = 1; }
  enum Kind { UNKNOWN = 0; GOOD = 1; }
}`, { keepCase: true }).root;
const M = root.lookupType('awesome.AwesomeMessage');
const payload = { awesome_field: 'AwesomeString', big: '9007199254740993', nums: [1, -2, 300], kind: 1, scores: { a: 1.5 }, inner: { ok: true }, blob: Buffer.from('hi') };
console.log(M.verify(payload), M.verify({ nums: 'x' }));
const buf = M.encode(M.create(payload)).finish();
console.log(Buffer.from(buf).toString('hex'));
const msg = M.decode(buf);
console.log(M.toObject(msg, { longs: String, enums: String, bytes: String, defaults: false }), msg.choice);
console.log(JSON.stringify(msg), M.fromObject({ kind: 'GOOD', big: 5 }).kind);
const w = protobuf.Writer.create().uint32(150).string('x').sint32(-3).finish();
const r = protobuf.Reader.create(w);
console.log(Buffer.from(w).toString('hex'), r.uint32(), r.string(), r.sint32());
try { M.decode(Buffer.from([0x0a, 0x05, 0x41])); } catch (e) { console.log(e.name, e.message); }
