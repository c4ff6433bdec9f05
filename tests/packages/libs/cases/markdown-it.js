// markdown-it: render with options, plugins via renderer rules, tokens.
const MarkdownIt = require('markdown-it');
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
const src = '# Title\n\nSome *emphasis*, **strong**, `code` and a link https://example.com.\n\n- a\n- b\n  1. c\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```js\nconst x = 1;\n```\n\n> quote "with" -- dashes (c)\n\n<script>alert(1)</script>\n';
console.log(md.render(src));
console.log(md.renderInline('__inline__ ~~s~~'), md.parse('# h', {}).map((t) => t.type).join(','));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => { tokens[idx].attrSet('target', '_blank'); return self.renderToken(tokens, idx, options); };
console.log(md.render('[x](http://a.b)'), new MarkdownIt('commonmark').render('a  \nb'));
