// Headers, Request, Response, FormData and Blob made at build time are heap data:
// after restore their state is intact, unread bodies can be read (a Response whose
// stream was half read at build time continues where it stopped), a clone made at build
// time reads on its own, and fetch answers a data: URL in the restored process.
const { setDeserializeMainFunction } = require('v8').startupSnapshot;

const headers = new Headers([['X-B', '2'], ['x-a', '1'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']]);
const request = new Request('http://example.test/path?q=1', { method: 'POST', body: 'request body', headers });
const form = new FormData();
form.append('field', 'value');
form.append('file', new Blob(['file bytes'], { type: 'text/plain' }), 'f.txt');
const fromForm = new Response(form);
const json = Response.json({ built: true }, { status: 201 });
const original = new Response('cloned body');
const clone = original.clone();
const halfRead = new Response(new ReadableStream({
  start(c) { for (const part of ['one,', 'two,', 'three']) c.enqueue(new TextEncoder().encode(part)); c.close(); },
}));
const reader = halfRead.body.getReader();
let first;
reader.read().then((r) => { first = new TextDecoder().decode(r.value); });
const redirect = Response.redirect('http://example.test/next', 301);
const ac = new AbortController();
const signalled = new Request('http://example.test/', { signal: ac.signal });

setDeserializeMainFunction(async () => {
  console.log([...headers], headers.getSetCookie());
  console.log(request.method, request.url, request.bodyUsed, await request.text(), request.bodyUsed);
  const parsed = await fromForm.formData();
  console.log([...parsed].map(([k, v]) => (typeof v === 'string' ? [k, v] : [k, v.name, v.type, v.size])));
  console.log(json.status, json.headers.get('content-type'), await json.json());
  console.log(await clone.text(), await original.text());
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += new TextDecoder().decode(value);
  }
  console.log(first, rest, halfRead.bodyUsed);
  console.log(redirect.status, redirect.headers.get('location'));
  ac.abort();
  console.log(signalled.signal.aborted, signalled.signal.reason.name);
  const data = await fetch('data:text/plain,restored%20fetch');
  console.log(data.headers.get('content-type'), await data.text());
});
