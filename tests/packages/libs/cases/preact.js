// preact + preact-render-to-string: hooks, context, fragments, JSX-less h().
const { h, Fragment, createContext, Component } = require('preact');
const { useState, useMemo, useContext } = require('preact/hooks');
const { renderToString, renderToStringAsync } = require('preact-render-to-string');
const Theme = createContext('light');
function Button({ label }) { const theme = useContext(Theme); const [n] = useState(3); const sq = useMemo(() => n * n, [n]); return h('button', { class: `btn-${theme}`, disabled: n > 2, 'aria-label': label }, label, ' ', sq); }
class Clock extends Component { render(props) { return h('time', { dateTime: props.at }, props.at); } }
const App = () => h(Theme.Provider, { value: 'dark' }, h(Fragment, null, h('h1', { style: { color: 'red', fontSize: 12 } }, 'Hi & bye'), h(Button, { label: 'go<' }), h(Clock, { at: '2020-01-01' }), h('div', { dangerouslySetInnerHTML: { __html: '<hr>' } }), [1, 2].map((i) => h('i', { key: i }, i)), null, false));
console.log(renderToString(h(App)));
console.log(renderToString(h('input', { type: 'checkbox', checked: true, value: 1, class: 'x', className: 'y' })), renderToString(h('svg', { viewBox: '0 0 1 1', xlinkHref: '#a' })));
async function Lazy() { await new Promise((r) => setTimeout(r, 5)); return h('b', null, 'async'); }
(async () => {
  try { console.log(await renderToStringAsync(h('div', null, 'x', h(Lazy)))); } catch (e) { console.log('async render', e.message); }
})();
