// node:crypto state made while building: a GCM and a CBC cipher half-way through their
// messages, a Sign with buffered data, key objects (one generated) and a scrypt key. All of it is bytes in the JS heap, so the restored process
// finishes the work. Run under plain node, it prints the same (the expected output).
const crypto = require('crypto');
const v8 = require('v8');
const key = Buffer.alloc(16, 3);
const iv = Buffer.alloc(12, 5);
const gcm = crypto.createCipheriv('aes-128-gcm', key, iv);
gcm.setAAD(Buffer.from('aad'));
const part1 = gcm.update('first half, ');
const cbc = crypto.createCipheriv('aes-128-cbc', key, Buffer.alloc(16, 1));
const cbc1 = cbc.update('not a whole block yet');
const ed = crypto.createPrivateKey('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEICYh7OfmufyvMn8PDAmsmxUcG7RyeHMwZ3FNTSWHz8HM\n-----END PRIVATE KEY-----\n');
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = crypto.createSign('sha256').update('signed ');
const secret = crypto.createSecretKey(Buffer.from('secret'));
const derived = crypto.scryptSync('pw', 'salt', 16, { N: 1024 });

function main() {
  const part2 = gcm.update('second half');
  gcm.final();
  console.log('gcm', Buffer.concat([part1, part2]).toString('hex'), gcm.getAuthTag().toString('hex'));
  console.log('cbc', Buffer.concat([cbc1, cbc.update(' and more'), cbc.final()]).toString('hex'));
  console.log('ed25519', crypto.sign(null, Buffer.from('x'), ed).toString('hex'));
  console.log('sign', crypto.verify('sha256', Buffer.from('signed data'), ec.publicKey, signer.update('data').sign(ec.privateKey)));
  console.log('secret', secret.export().toString(), 'scrypt', derived.toString('hex'));
}
if (v8.startupSnapshot.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else setTimeout(main, 100);
