// uuid v7 with a fixed time and fixed random bytes, v5/v3 names, parse/validate.
import { v7, v5, v3, v4, parse, stringify, validate, version, NIL } from 'uuid';
const random = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
const a = v7({ msecs: 1700000000000, random, seq: 0x1234 });
console.log(a, version(a), validate(a));
console.log(v7({ msecs: 0, random }), v7({ msecs: 1700000000000, random: random.map((x) => 255 - x) }));
console.log(v5('hello', v5.URL), v3('hello', v3.DNS));
console.log(v4({ random }));
const p = parse(a);
console.log(Array.from(p).join(','), stringify(p) === a, validate('nope'), NIL);
