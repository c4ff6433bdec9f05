// otplib: TOTP and HOTP codes for a fixed secret and fixed times, verification and otpauth URIs.
const { generateSync, verifySync, generateURI, HOTP, TOTP } = require('otplib');
const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
for (const epoch of [0, 59, 1111111109, 1700000000]) console.log('totp', epoch, generateSync({ secret, epoch }));
console.log('verify', JSON.stringify(verifySync({ secret, token: generateSync({ secret, epoch: 1700000000 }), epoch: 1700000000 })));
console.log('verify wrong', JSON.stringify(verifySync({ secret, token: '000000', epoch: 1700000000 })));
console.log(generateURI({ issuer: 'Amber', label: 'ann@example.com', secret }));
