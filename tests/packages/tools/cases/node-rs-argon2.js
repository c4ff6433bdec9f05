// @node-rs/argon2 (napi-rs addon): hash with a fixed salt, verify, raw output.
const { hash, hashSync, verify, hashRaw, Algorithm } = require('@node-rs/argon2');
(async () => {
  const salt = Buffer.from('saltsaltsaltsalt');
  const opts = { algorithm: Algorithm.Argon2id, memoryCost: 4096, timeCost: 2, parallelism: 1, salt };
  const h = await hash('password', opts);
  console.log(h);
  console.log('sync same', hashSync('password', opts) === h);
  console.log('verify', await verify(h, 'password'), await verify(h, 'passw0rd'));
  console.log('raw', (await hashRaw('password', { ...opts, outputLen: 16 })).toString('hex'));
  try { await verify('garbage', 'x'); } catch (e) { console.log('error:', e.message); }
})();
