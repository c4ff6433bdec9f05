// markdownlint-cli2's bin lints a Markdown fixture: the violations it prints and its exit code.
const path = require('path'); const { bin } = require('./_run');
const r = bin('markdownlint-cli2/markdownlint-cli2-bin.mjs', ['README.md'], { cwd: path.join(__dirname, '../fixtures/lint') });
console.log(r.status); console.log(r.stdout.replace(/v\d+\.\d+\.\d+/g, 'vX').trim()); console.log(r.stderr.trim());
