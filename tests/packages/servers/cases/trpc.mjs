// @trpc/server: a router on the standalone adapter (real listen), called with fetch()
// the way tRPC's HTTP protocol does (queries as GET, mutations as POST, batching).
import { initTRPC, TRPCError } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
const t = initTRPC.create();
const num = (v) => { if (typeof v !== 'number') throw new Error('expected a number'); return v; };
const router = t.router({
  greet: t.procedure.input((v) => String(v)).query(({ input }) => ({ text: `hi ${input}` })),
  double: t.procedure.input(num).mutation(({ input }) => input * 2),
  secret: t.procedure.query(() => { throw new TRPCError({ code: 'UNAUTHORIZED', message: 'no token' }); }),
});
const server = createHTTPServer({ router });
server.listen(0, '127.0.0.1');
server.on('listening', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const show = async (r) => { const b = await r.json(); const strip = (x) => { if (x && typeof x === 'object') { delete x.stack; for (const k in x) strip(x[k]); } return x; }; console.log(r.status, JSON.stringify(strip(b))); };
  await show(await fetch(`${base}/greet?input=${encodeURIComponent(JSON.stringify('ann'))}`));
  await show(await fetch(`${base}/double`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '21' }));
  await show(await fetch(`${base}/double`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"x"' }));
  await show(await fetch(`${base}/secret`));
  await show(await fetch(`${base}/greet,greet?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: 'a', 1: 'b' }))}`));
  await show(await fetch(`${base}/missing`));
  server.close();
});
