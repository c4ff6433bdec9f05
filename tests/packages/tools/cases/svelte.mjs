// svelte: compile a component to server and client JS, render it on the server.
import { compile } from 'svelte/compiler';
import fs from 'node:fs';
import path from 'node:path';

const source = `<script>
  let { name = 'world', items = [] } = $props();
  let count = $state(0);
  const doubled = $derived(count * 2);
</script>
<h1 class="title">Hello {name}!</h1>
<ul>{#each items as item, i}<li>{i}: {item}</li>{/each}</ul>
<button onclick={() => count++}>{count} / {doubled}</button>
<style>.title { color: red; }</style>
`;
const client = compile(source, { filename: 'App.svelte', generate: 'client', css: 'injected' });
console.log('client js lines', client.js.code.split('\n').length > 10, 'warnings', client.warnings.map((w) => w.code));
console.log(client.js.code.includes('$.template') || client.js.code.includes('$.from_html'));
const server = compile(source, { filename: 'App.svelte', generate: 'server' });
const file = path.join(process.cwd(), 'cases', `.svelte-app-${process.pid}.mjs`);
fs.writeFileSync(file, server.js.code);
try {
  const App = (await import(file)).default;
  const { render } = await import('svelte/server');
  const out = render(App, { props: { name: 'amber', items: ['a', 'b'] } });
  console.log(out.body.replace(/svelte-[a-z0-9]+/g, 'svelte-HASH'));
} finally {
  fs.rmSync(file);
}
try {
  compile('<div>{#if}</div>', { filename: 'Bad.svelte' });
} catch (e) {
  console.log('error:', e.code, e.start?.line, e.start?.column);
}
