// async: control flow over callbacks and async functions.
const async = require('async');
const order = [];
async.parallel({ one: (cb) => setTimeout(() => { order.push(1); cb(null, 1); }, 20), two: (cb) => setTimeout(() => { order.push(2); cb(null, 2); }, 5) }, (err, results) => {
  console.log('parallel', err, results, order);
  async.series([(cb) => cb(null, 'a'), (cb) => setImmediate(cb, null, 'b')], (e, r) => {
    console.log('series', r);
    async.waterfall([(cb) => cb(null, 1, 2), (a, b, cb) => cb(null, a + b), (s, cb) => cb(null, s * 10)], (e2, res) => {
      console.log('waterfall', res);
      async.mapLimit([5, 1, 3, 2], 2, async (x) => { await new Promise((r) => setTimeout(r, x)); return x * x; }, (e3, sq) => {
        console.log('mapLimit', sq);
        const q = async.queue((task, cb) => setImmediate(() => { console.log('worked', task.name); cb(); }), 2);
        q.push([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
        q.drain(async () => {
          console.log('drained');
          console.log('auto', await async.auto({ a: async () => 1, b: ['a', async (r) => r.a + 1], c: ['a', 'b', async (r) => r.a + r.b] }));
          console.log('retry', await async.retry(3, async () => { if (++tries < 3) throw new Error('no'); return tries; }).catch((e) => e.message));
          console.log('groupBy', await async.groupBy([1, 2, 3, 4], async (x) => (x % 2 ? 'odd' : 'even')));
          async.each([1, 2], (x, cb) => cb(x === 2 ? new Error('two') : null), (e4) => console.log('each', e4.message));
        });
      });
    });
  });
});
let tries = 0;
