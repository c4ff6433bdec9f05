// node:crypto state made while building: a GCM and a CBC cipher half-way through their
// messages, a Sign with buffered data, key objects (one generated) and a scrypt key;
// a P-384 key, an ECDH and a DiffieHellman object with their keys, an X509Certificate
// and a WebCrypto CryptoKey. All of it is bytes in the JS heap, so the restored process
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
const p384 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ecdh = crypto.createECDH('secp256k1');
ecdh.setPrivateKey(Buffer.alloc(32, 7));
const dh = crypto.getDiffieHellman('modp14');
dh.generateKeys();
const cert = new crypto.X509Certificate(`-----BEGIN CERTIFICATE-----
MIIBhTCCATegAwIBAgIUBfFnzt0n8E8AYndkBs8i5btJNvUwBQYDK2VwMDgxGDAW
BgNVBAMMD2VkMjU1MTkuZXhhbXBsZTEcMAwGA1UECgwFQW1iZXIwDAYDVQQLDAVU
ZXN0czAeFw0yNjExMjgwODUxMzRaFw0zNjExMjUwODUxMzRaMDgxGDAWBgNVBAMM
D2VkMjU1MTkuZXhhbXBsZTEcMAwGA1UECgwFQW1iZXIwDAYDVQQLDAVUZXN0czAq
MAUGAytlcAMhAF0VJqwndiq4OBELh/KhdAlqBnizKpun5YYFn3SQ4aH8o1MwUTAd
BgNVHQ4EFgQUx0hChc5urTE8+7W+QaM8FwBnC3IwHwYDVR0jBBgwFoAUx0hChc5u
rTE8+7W+QaM8FwBnC3IwDwYDVR0TAQH/BAUwAwEB/zAFBgMrZXADQQC58ALfHxMj
I+t3pHu4q0DAhEsemDHIl1h2tJcUayRhkbHqhJHiziW87wu+6s3CTl49aOFPya+t
zr99xJyCGJsH
-----END CERTIFICATE-----`);
let hmacKey;
crypto.subtle.importKey('raw', Buffer.alloc(32, 1), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).then((k) => { hmacKey = k; });

function main() {
  const part2 = gcm.update('second half');
  gcm.final();
  console.log('gcm', Buffer.concat([part1, part2]).toString('hex'), gcm.getAuthTag().toString('hex'));
  console.log('cbc', Buffer.concat([cbc1, cbc.update(' and more'), cbc.final()]).toString('hex'));
  console.log('ed25519', crypto.sign(null, Buffer.from('x'), ed).toString('hex'));
  console.log('sign', crypto.verify('sha256', Buffer.from('signed data'), ec.publicKey, signer.update('data').sign(ec.privateKey)));
  console.log('secret', secret.export().toString(), 'scrypt', derived.toString('hex'));
  console.log('p384', crypto.verify('sha384', Buffer.from('x'), p384.publicKey, crypto.sign('sha384', Buffer.from('x'), p384.privateKey)));
  console.log('ecdh', ecdh.getPublicKey('hex', 'compressed'));
  const peer = crypto.getDiffieHellman('modp14');
  peer.generateKeys();
  console.log('dh', dh.computeSecret(peer.getPublicKey()).equals(peer.computeSecret(dh.getPublicKey())));
  console.log('x509', cert.subject.replace(/\n/g, ', '), cert.verify(cert.publicKey));
  crypto.subtle.sign('HMAC', hmacKey, Buffer.from('x')).then((mac) => console.log('cryptokey', hmacKey.algorithm.name, Buffer.from(mac).toString('hex')));
}
if (v8.startupSnapshot.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else setTimeout(main, 100);
