// source-map: generate a map, consume it, look positions up both ways.
const { SourceMapGenerator, SourceMapConsumer, SourceNode } = require('source-map');
const gen = new SourceMapGenerator({ file: 'out.js', sourceRoot: 'src' });
gen.addMapping({ generated: { line: 1, column: 0 }, original: { line: 10, column: 4 }, source: 'a.js', name: 'foo' });
gen.addMapping({ generated: { line: 1, column: 8 }, original: { line: 12, column: 0 }, source: 'b.js' });
gen.setSourceContent('a.js', 'the source of a');
const json = gen.toJSON();
console.log(JSON.stringify(json));
SourceMapConsumer.with(json, null, (c) => {
  console.log(c.originalPositionFor({ line: 1, column: 2 }));
  console.log(c.generatedPositionFor({ source: 'src/b.js', line: 12, column: 0 }));
  console.log(c.sources, c.sourceContentFor('src/a.js'));
  const all = [];
  c.eachMapping((m) => all.push(`${m.generatedLine}:${m.generatedColumn}->${m.source}:${m.originalLine}:${m.originalColumn}`));
  console.log(all);
}).then(() => {
  const node = new SourceNode(1, 0, 'x.js', ['var a = 1;\n', new SourceNode(2, 0, 'y.js', 'var b = 2;\n')]);
  const { code, map } = node.toStringWithSourceMap({ file: 'joined.js' });
  console.log(code, map.toString());
});
