// Reads keys and certificates that crates/cli/tests/crypto_openssl.rs made with the
// openssl CLI in the current directory (a fresh temporary one each run) and prints what
// node:crypto makes of them; the test compares amber's output with node's. Random or
// per-run values (keys, serials, dates) are only used, never printed.
const crypto = require('crypto');
const fs = require('fs');
const show = (label, f) => {
  try { console.log(label, f()); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
};
const read = (f) => fs.readFileSync(f);
const msg = Buffer.from('made by openssl');

for (const name of ['rsa', 'rsapss', 'p256', 'p384', 'p521', 'k256', 'ed25519', 'x25519', 'ed448', 'x448', 'dsa', 'dh']) {
  const priv = crypto.createPrivateKey(read(`${name}.key`));
  const pub = crypto.createPublicKey(read(`${name}.pub`));
  show(`${name} type`, () => [priv.asymmetricKeyType, pub.asymmetricKeyType, Object.keys(priv.asymmetricKeyDetails)]);
  show(`${name} public matches`, () => crypto.createPublicKey(priv).equals(pub));
  show(`${name} encrypted`, () => crypto.createPrivateKey({ key: read(`${name}.enc.key`), passphrase: 'openssl pass' }).equals(priv));
  show(`${name} encrypted der`, () => crypto.createPrivateKey({ key: read(`${name}.enc.der`), format: 'der', type: 'pkcs8', passphrase: 'openssl pass' }).equals(priv));
  show(`${name} wrong passphrase`, () => crypto.createPrivateKey({ key: read(`${name}.enc.key`), passphrase: 'nope' }));
  // `openssl pkey -outform DER` writes RSA and EC keys in their traditional form.
  show(`${name} der`, () => crypto.createPrivateKey({ key: read(`${name}.der`), format: 'der', type: 'pkcs8' }).equals(priv));
  show(`${name} pkcs8 der`, () => crypto.createPrivateKey({ key: read(`${name}.p8.der`), format: 'der', type: 'pkcs8' }).equals(priv));
  show(`${name} re-export`, () => priv.export({ type: 'pkcs8', format: 'pem' }) === read(`${name}.key`).toString());
  if (fs.existsSync(`${name}.sig`)) {
    const digest = name.startsWith('ed') ? null : 'sha256';
    // OpenSSL made the RSA-PSS key with MGF1 left at SHA-1 and SHA-256 for the message.
    const opts = name === 'rsapss' ? { key: pub } : name === 'rsa' ? { key: pub, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : { key: pub };
    show(`${name} openssl signature`, () => crypto.verify(digest, msg, opts, read(`${name}.sig`)));
    // And the other way: what amber signs, the test checks with openssl.
    fs.writeFileSync(`${name}.runtime.sig`, crypto.sign(digest, msg, name === 'rsa' ? { key: priv, padding: 6, saltLength: 32 } : priv));
  }
}
show('sec1', () => crypto.createPrivateKey(read('p384.sec1')).equals(crypto.createPrivateKey(read('p384.key'))));
show('pkcs1', () => crypto.createPrivateKey(read('rsa.pkcs1')).equals(crypto.createPrivateKey(read('rsa.key'))));
show('oaep from openssl', () => crypto.privateDecrypt({ key: read('rsa.key'), oaepHash: 'sha256' }, read('oaep.bin')).toString());
show('ecdh with openssl', () => crypto.diffieHellman({ privateKey: crypto.createPrivateKey(read('p384.key')), publicKey: crypto.createPublicKey(read('p384b.pub')) }).equals(read('p384.derived')));
// OpenSSL's DH secret drops leading zero bytes; Node pads it to the prime's size.
const unpadded = (b) => b.subarray(b.findIndex((x) => x !== 0));
show('dh with openssl', () => unpadded(crypto.diffieHellman({ privateKey: crypto.createPrivateKey(read('dh.key')), publicKey: crypto.createPublicKey(read('dhb.pub')) })).equals(unpadded(read('dh.derived'))));
show('dh secret size', () => crypto.diffieHellman({ privateKey: crypto.createPrivateKey(read('dh.key')), publicKey: crypto.createPublicKey(read('dhb.pub')) }).length);
fs.writeFileSync('dhb.runtime.derived', crypto.diffieHellman({ privateKey: crypto.createPrivateKey(read('dhb.key')), publicKey: crypto.createPublicKey(read('dh.pub')) }));
show('dh public from der', () => crypto.createPublicKey({ key: read('dh.pub.der'), format: 'der', type: 'spki' }).equals(crypto.createPublicKey(read('dh.pub'))));
show('dh jwk', () => crypto.createPrivateKey(read('dh.key')).export({ format: 'jwk' }));
show('dsa jwk', () => crypto.createPublicKey(read('dsa.pub')).export({ format: 'jwk' }));
show('dsa p1363', () => {
  const sig = crypto.sign('sha256', msg, { key: crypto.createPrivateKey(read('dsa.key')), dsaEncoding: 'ieee-p1363' });
  fs.writeFileSync('dsa.p1363.runtime.sig', sig);
  return [sig.length, crypto.verify('sha256', msg, { key: crypto.createPublicKey(read('dsa.pub')), dsaEncoding: 'ieee-p1363' }, sig)];
});
show('dsa sign stream', () => crypto.createVerify('sha1').update(msg).verify(read('dsa.pub'), crypto.createSign('sha1').update(msg).sign(read('dsa.key'))));
show('x448 with openssl', () => crypto.diffieHellman({ privateKey: crypto.createPrivateKey(read('x448.key')), publicKey: crypto.createPublicKey(read('x448b.pub')) }).equals(read('x448.derived')));
show('ed448 jwk', () => {
  const jwk = crypto.createPrivateKey(read('ed448.key')).export({ format: 'jwk' });
  return [Object.keys(jwk), crypto.createPrivateKey({ key: jwk, format: 'jwk' }).equals(crypto.createPrivateKey(read('ed448.key')))];
});
show('x25519 with openssl', () => crypto.diffieHellman({ privateKey: crypto.createPrivateKey(read('x25519.key')), publicKey: crypto.createPublicKey(read('x25519b.pub')) }).equals(read('x25519.derived')));

const ca = new crypto.X509Certificate(read('ca.pem'));
const leaf = new crypto.X509Certificate(read('leaf.pem'));
show('leaf subject', () => leaf.subject);
show('leaf issuer', () => leaf.issuer);
show('leaf san', () => leaf.subjectAltName);
show('leaf infoAccess', () => leaf.infoAccess);
show('leaf keyUsage', () => leaf.keyUsage);
show('ca', () => [ca.ca, leaf.ca]);
show('validity', () => [leaf.validFrom === new Date(leaf.validFrom).toUTCString().replace(/^\w+, 0?(\d+) (\w+) (\d+) ([\d:]+) GMT$/, (m, d, mo, y, t) => `${mo} ${d.padStart(2, ' ')} ${t} ${y} GMT`), typeof leaf.validTo]);
show('serial', () => leaf.serialNumber === fs.readFileSync('leaf.serial', 'utf8').trim().replace(/^serial=/, ''));
show('fingerprint', () => leaf.fingerprint256 === fs.readFileSync('leaf.fp', 'utf8').trim().replace(/^.*Fingerprint=/, ''));
show('checks', () => [leaf.checkHost('www.amber.test'), leaf.checkHost('x.amber.test'), leaf.checkIP('10.0.0.1'), leaf.checkEmail('ops@amber.test')]);
show('issued', () => [leaf.checkIssued(ca), ca.checkIssued(leaf)]);
show('verify', () => [leaf.verify(ca.publicKey), leaf.verify(leaf.publicKey)]);
show('private keys', () => [leaf.checkPrivateKey(crypto.createPrivateKey(read('p256.key'))), leaf.checkPrivateKey(crypto.createPrivateKey(read('rsa.key')))]);
show('public key', () => leaf.publicKey.equals(crypto.createPublicKey(read('p256.pub'))));
show('legacy', () => Object.keys(leaf.toLegacyObject()));
show('pem', () => leaf.toString() === read('leaf.pem').toString());
