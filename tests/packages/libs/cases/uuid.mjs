// uuid (ESM): validation, versions, v5 namespaces and v1/v4/v7 with fixed inputs.
import { v1, v3, v4, v5, v7, validate, version, parse, stringify, NIL, MAX } from 'uuid';
const fixed = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
console.log(v4({ random: fixed }), v7({ msecs: 1700000000000, random: fixed }));
console.log(v1({ msecs: 1700000000000, nsecs: 5, clockseq: 0x1234, node: Uint8Array.of(1, 2, 3, 4, 5, 6) }));
console.log(v5('hello.example.com', v5.DNS), v3('hello.example.com', v3.DNS), v5('https://amber.dev/', v5.URL));
const u = v4();
console.log(validate(u), version(u), validate('not-a-uuid'), NIL, MAX);
console.log(Array.from(parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).join(','), stringify(fixed));
