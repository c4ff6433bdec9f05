// htmlhint's bin lints an HTML fixture (compact and json formatters); its API verifies a string.
const path = require('path'); const { bin } = require('./_run');
const cwd = path.join(__dirname, '../fixtures/lint');
const r = bin('htmlhint/bin/htmlhint', ['page.html', '--format', 'unix', '--nocolor'], { cwd });
console.log(r.status); console.log(r.stdout.replace(/\(\d+ ms\)/g, '').split(cwd).join('.').trim());
const { HTMLHint } = require('htmlhint');
const msgs = HTMLHint.verify('<div id="x"><span></div><img src="a">', { 'tag-pair': true, 'alt-require': true, 'id-unique': true });
console.log(msgs.map(m => `${m.line}:${m.col} ${m.rule.id} ${m.message}`).join('\n'));
