// bluebird: promisification, collections with concurrency, cancellation-free utilities.
const Promise = require('bluebird');
const fs = Promise.promisifyAll(require('fs'));
function cbStyle(x, cb) { setImmediate(() => (x < 0 ? cb(new Error('neg')) : cb(null, x * 2))); }
const p = Promise.promisify(cbStyle);
(async () => {
  console.log(await p(21), await p(-1).catch((e) => e.message));
  console.log(await Promise.map([3, 1, 2], (x) => Promise.delay(x * 5).then(() => x * 10), { concurrency: 2 }));
  console.log(await Promise.props({ a: Promise.resolve(1), b: 2, c: Promise.delay(5).then(() => 3) }));
  console.log(await Promise.reduce([1, 2, 3], (a, b) => a + b, 10), await Promise.filter([1, 2, 3, 4], (x) => x % 2 === 0), await Promise.each([1, 2], () => {}));
  console.log(await Promise.any([Promise.reject(new Error('x')), Promise.delay(5, 'late')]), await Promise.some([Promise.resolve(1), Promise.resolve(2), Promise.reject(new Error('x'))], 2));
  console.log(await Promise.resolve(5).timeout(100), await Promise.delay(50).timeout(5).catch(Promise.TimeoutError, (e) => e.name));
  console.log((await fs.readFileAsync(__filename, 'utf8')).split('\n')[0]);
  const r = await Promise.reject(new TypeError('t')).catch(RangeError, () => 'range').catch(TypeError, (e) => 'type ' + e.message);
  console.log(r, await Promise.using(Promise.resolve('res').disposer(() => console.log('disposed')), (x) => x + '!'));
  const insp = Promise.resolve(3).reflect();
  console.log((await insp).isFulfilled(), await Promise.join(1, Promise.resolve(2), (a, b) => a + b), await Promise.mapSeries(['a', 'b'], (x, i) => x + i));
})();
