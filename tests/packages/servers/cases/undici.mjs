// undici's MockAgent intercepting request() and fetch().
import { MockAgent, setGlobalDispatcher, request, fetch } from 'undici';
const agent = new MockAgent();
agent.disableNetConnect();
setGlobalDispatcher(agent);
const pool = agent.get('http://api.example');
pool.intercept({ path: '/users/1', method: 'GET' }).reply(200, { id: 1, name: 'ann' }, { headers: { 'x-mock': 'yes' } });
pool.intercept({ path: '/items', method: 'POST', body: (b) => JSON.parse(b).n === 2 }).reply(201, (opts) => ({ echoed: JSON.parse(opts.body) }));
pool.intercept({ path: '/fail' }).replyWithError(new Error('kaboom'));
const r1 = await request('http://api.example/users/1');
console.log(r1.statusCode, r1.headers['x-mock'], await r1.body.json());
const r2 = await fetch('http://api.example/items', { method: 'POST', body: JSON.stringify({ n: 2 }) });
console.log(r2.status, await r2.text());
try { await request('http://api.example/fail'); } catch (e) { console.log('error:', e.message); }
try { await request('http://api.example/unmatched'); } catch (e) { console.log('error:', e.code); }
console.log('pending', agent.pendingInterceptors().length);
