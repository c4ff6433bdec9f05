// jose: JWE encrypt/decrypt with direct and RSA-OAEP keys, and a local JWK set resolving signed JWTs.
import * as jose from 'jose';
const secret = new Uint8Array(32).map((_, i) => i * 7);
const jwe = await new jose.CompactEncrypt(new TextEncoder().encode('top secret payload')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(secret);
console.log('jwe parts', jwe.split('.').length, jose.decodeProtectedHeader(jwe));
const { plaintext } = await jose.compactDecrypt(jwe, secret);
console.log(new TextDecoder().decode(plaintext));
const rsa = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
const ejwt = await new jose.EncryptJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' }).setIssuedAt(1700000000).setIssuer('urn:amber').setExpirationTime(4000000000).encrypt(rsa.publicKey);
const dec = await jose.jwtDecrypt(ejwt, rsa.privateKey, { issuer: 'urn:amber' });
console.log(dec.payload, dec.protectedHeader);
const ec = await jose.generateKeyPair('ES256', { extractable: true });
const ed = await jose.generateKeyPair('EdDSA', { extractable: true });
const jwks = { keys: [{ ...(await jose.exportJWK(ec.publicKey)), kid: 'ec1', alg: 'ES256' }, { ...(await jose.exportJWK(ed.publicKey)), kid: 'ed1', alg: 'EdDSA' }] };
console.log(jwks.keys.map((k) => `${k.kid}:${k.kty}:${k.crv}`).join(' '));
const JWKS = jose.createLocalJWKSet(jwks);
for (const [kid, key, alg] of [['ec1', ec.privateKey, 'ES256'], ['ed1', ed.privateKey, 'EdDSA']]) {
  const jwt = await new jose.SignJWT({ sub: kid }).setProtectedHeader({ alg, kid }).setIssuedAt(1700000000).sign(key);
  const { payload, protectedHeader } = await jose.jwtVerify(jwt, JWKS);
  console.log(payload, protectedHeader);
}
const thumb = await jose.calculateJwkThumbprint({ kty: 'oct', k: jose.base64url.encode(secret) });
console.log('thumbprint', thumb);
try { await jose.compactDecrypt(jwe, new Uint8Array(32)); } catch (e) { console.log(e.code); }
