// react + react-dom/server: renderToString, renderToStaticMarkup and renderToPipeableStream with Suspense.
const React = require('react');
const { renderToString, renderToStaticMarkup, renderToPipeableStream } = require('react-dom/server');
const { Writable } = require('stream');
const h = React.createElement;
function Item({ name, done }) { return h('li', { className: done ? 'done' : undefined, 'data-name': name }, name, done && ' ✓'); }
function App({ items }) {
  const [count] = React.useState(items.length);
  const id = React.useId();
  return h('main', null, h('h1', { id }, 'Todo (', count, ')'), h('ul', null, items.map((i) => h(Item, { key: i.name, ...i }))), h('p', { dangerouslySetInnerHTML: { __html: '<b>raw</b>' } }), h('input', { defaultValue: 'x<y', readOnly: true }), h('style', null, 'a{b:c}'));
}
const items = [{ name: 'write', done: true }, { name: 'test & ship', done: false }];
console.log(renderToString(h(App, { items })));
console.log(renderToStaticMarkup(h(App, { items })));
const Ctx = React.createContext('default');
console.log(renderToStaticMarkup(h(Ctx.Provider, { value: 'provided' }, h(Ctx.Consumer, null, (v) => h('span', null, v)))));
let resolved = false;
let promise;
function Slow() {
  if (!resolved) { promise = promise || new Promise((r) => setTimeout(() => { resolved = true; r(); }, 30)); throw promise; }
  return h('section', null, 'slow content');
}
const chunks = [];
const sink = new Writable({ write(c, e, cb) { chunks.push(c.toString()); cb(); } });
sink.on('finish', () => {
  const html = chunks.join('');
  console.log(html.replace(/<script[\s\S]*?<\/script>/g, '<script/>'));
  console.log(html.includes('slow content'), html.includes('Loading'));
});
const stream = renderToPipeableStream(h('div', null, h(React.Suspense, { fallback: h('i', null, 'Loading') }, h(Slow))), {
  onShellReady() { console.log('shell ready'); },
  onAllReady() { console.log('all ready'); stream.pipe(sink); },
  onError(e) { console.log('error', e.message); },
});
