// dotenv: parse .env text, load a file into a given object, expand nothing, quiet logs.
const fs = require('fs');
const os = require('os');
const path = require('path');
const dotenv = require('dotenv');
const src = 'BASIC=basic\n# comment\nexport EXPORTED=yes\nQUOTED="multi\\nline"\nSINGLE=\'it is ${BASIC}\'\nEMPTY=\nSPACED =  spaced value  \nINLINE=value # comment\nBACKTICK=`a "b" \'c\'`\n';
console.log(dotenv.parse(src));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dotenv-'));
const file = path.join(dir, '.env');
fs.writeFileSync(file, 'A=1\nB=two\n');
const target = {};
const r = dotenv.config({ path: file, processEnv: target, quiet: true });
console.log(r.parsed, target, r.error);
const missing = dotenv.config({ path: path.join(dir, 'nope.env'), quiet: true, processEnv: {} });
console.log(missing.error && missing.error.code);
fs.rmSync(dir, { recursive: true });
