// argon2 (prebuilt addon shipped in the package): hash with a fixed salt, verify.
const argon2 = require('argon2');
(async () => {
  const salt = Buffer.from('0123456789abcdef');
  const opts = { type: argon2.argon2id, memoryCost: 4096, timeCost: 2, parallelism: 1, salt };
  const hash = await argon2.hash('correct horse', opts);
  console.log(hash);
  console.log('verify ok', await argon2.verify(hash, 'correct horse'));
  console.log('verify bad', await argon2.verify(hash, 'wrong'));
  const raw = await argon2.hash('pw', { ...opts, type: argon2.argon2i, raw: true });
  console.log('raw', raw.toString('hex'));
  console.log('needsRehash', argon2.needsRehash(hash, { memoryCost: 8192 }));
  try { await argon2.verify('not a hash', 'x'); } catch (e) { console.log('error:', e.constructor.name, e.message); }
})();
