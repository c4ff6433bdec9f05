// @node-rs/bcrypt (napi-rs addon): hash with a fixed salt, verify, sync and async.
const { hash, hashSync, verify, verifySync, compareSync, genSaltSync, parseOptions } = require('@node-rs/bcrypt');
(async () => {
  const salt = Buffer.from('0123456789abcdef');
  const h = hashSync('secret', { cost: 6, salt });
  console.log(h);
  console.log('verifySync', verifySync('secret', h), compareSync('Secret', h));
  const h2 = await hash('secret', { cost: 6, salt });
  console.log('async same', h2 === h, await verify('secret', h2), await verify('nope', h2));
  console.log('parseOptions', parseOptions(h));
  console.log('malformed', verifySync('secret', '$2b$04$' + 'a'.repeat(10)));
  console.log('salt shape', /^\$2b\$10\$.{22}$/.test(genSaltSync({ cost: 10 })));
  try { hashSync('x', { cost: 40 }); } catch (e) { console.log('error:', e.name, e.code); }
  const ac = new AbortController();
  ac.abort();
  try { await hash('x', { cost: 4, signal: ac.signal }); } catch (e) { console.log('aborted:', e.name, e.code); }
})();
