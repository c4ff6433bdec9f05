// highlight.js: highlight known languages and auto-detect.
const hljs = require('highlight.js');
console.log(hljs.highlight('const x = (a) => a + 1; // add', { language: 'javascript' }).value);
console.log(hljs.highlight('def f(x):\n    return x ** 2\n', { language: 'python' }).value);
const auto = hljs.highlightAuto('<div class="a">Hello</div>', ['xml', 'css', 'json']);
console.log(auto.language, auto.relevance, auto.value);
console.log(hljs.listLanguages().length > 100, hljs.getLanguage('ts').name, hljs.highlight('{"a": [1, true]}', { language: 'json' }).value);
