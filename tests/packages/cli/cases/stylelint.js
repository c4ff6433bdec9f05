// stylelint's bin with stylelint-config-standard lints a CSS fixture (string formatter),
// and its Node API fixes the same source.
const path = require('path'); const { bin } = require('./_run');
const cwd = path.join(__dirname, '../fixtures/lint');
const cfg = JSON.stringify({ extends: ['stylelint-config-standard'] });
const r = bin('stylelint/bin/stylelint.mjs', ['style.css', '--config', path.join(cwd, 'stylelintrc.json'), '--formatter', 'unix'], { cwd });
console.log(r.status); console.log(r.stdout.split(cwd).join('.').trim()); console.log(r.stderr.trim());
require('stylelint').lint({ code: 'a { color: #FFF; }\n', config: JSON.parse(cfg), fix: true }).then((res) => {
  console.log(JSON.stringify(res.code), res.errored, res.results[0].warnings.map(w => w.rule).join(','));
});
