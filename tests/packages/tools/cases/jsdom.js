// jsdom: parse a page, query and change the DOM, run a script inside the window.
const { JSDOM, VirtualConsole } = require('jsdom');
const html = `<!DOCTYPE html><html><head><title>Case</title></head><body>
<ul id="list"><li class="item">one</li><li class="item">two</li></ul>
<form><input name="q" value="amber"><select name="s"><option>a</option><option selected>b</option></select></form>
<script>document.getElementById('list').insertAdjacentHTML('beforeend', '<li class="item">' + (6 * 7) + '</li>'); window.ran = true;</script>
</body></html>`;
const vc = new VirtualConsole();
vc.on('log', (...a) => console.log('page log:', ...a));
const dom = new JSDOM(html, { runScripts: 'dangerously', url: 'https://example.com/page?x=1', virtualConsole: vc });
const { document } = dom.window;
console.log(document.title, dom.window.ran, dom.window.location.search);
console.log([...document.querySelectorAll('.item')].map((li) => li.textContent));
const form = document.querySelector('form');
console.log(new dom.window.FormData(form).get('q'), form.elements.s.value);
const p = document.createElement('p');
p.textContent = 'added <safe>';
p.setAttribute('data-n', '1');
document.body.appendChild(p);
console.log(p.outerHTML, p.dataset.n);
let clicks = 0;
p.addEventListener('click', (e) => { clicks++; console.log('click', e.type, e.bubbles); });
p.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true }));
console.log('clicks', clicks);
dom.window.eval('console.log("from window", [1,2,3].map(x => x * 2).join(","), typeof document.body.matches)');
console.log(dom.serialize().length, dom.window.getComputedStyle(p).display);
const frag = JSDOM.fragment('<b>x</b><i>y</i>');
console.log(frag.childNodes.length, frag.firstChild.outerHTML);
dom.window.close();
