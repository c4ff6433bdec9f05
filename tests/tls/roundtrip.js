'use strict';
// TLS round trips over loopback, run by amber and by node with the same certificates
// (made by gen-certs.sh into $AMBER_TLS_CERTS); crates/cli/tests/tls.rs compares the
// two outputs line by line. Each step prints what a user can observe: handshake facts,
// certificate fields, data both ways, and the codes of every failure.

const tls = require('tls');
const net = require('net');
const fs = require('fs');
const crypto = require('crypto');

const dir = process.env.AMBER_TLS_CERTS;
const read = (name) => fs.readFileSync(`${dir}/${name}`);
const ca = read('ca.pem');
const server = { key: read('server.key'), cert: read('server.pem') };

// What servers see is printed after each client finishes (the two sides' events race).
const serverLines = [];
const slog = (...args) => serverLines.push(args.join(' '));
async function flushServer() {
  await new Promise((r) => setTimeout(r, 50));
  for (const l of serverLines.splice(0)) console.log(`  server: ${l}`);
}

function listen(options, onSecure) {
  return new Promise((resolve) => {
    const srv = tls.createServer(options, onSecure);
    srv.on('tlsClientError', (e) => slog('tlsClientError', e.code));
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

// Connects, runs `onSecure(socket)` or reports the error; resolves when closed.
function dial(port, options, onSecure) {
  return new Promise((resolve) => {
    const s = tls.connect({ port, host: '127.0.0.1', ...options }, () => onSecure(s));
    s.on('error', (e) => console.log('  client error', e.code, e.reason ?? e.message));
    s.on('close', () => flushServer().then(resolve));
  });
}

async function step(name, fn) {
  console.log(name);
  await fn();
}

const echo = (s) => s.on('data', (d) => s.write(String(d).toUpperCase()));
const ask = (s, text) => {
  s.write(text);
  s.once('data', (d) => {
    console.log('  reply', String(d));
    s.end();
  });
};

(async () => {
  await step('basic round trip', async () => {
    let serverSide;
    const srv = await listen(server, (s) => {
      serverSide = s;
      slog('secureConnection', s.encrypted, s.authorized, s.servername, s.alpnProtocol, s.getProtocol());
      echo(s);
    });
    const { port } = srv.address();
    await dial(port, { ca, servername: 'localhost' }, (s) => {
      const c = s.getPeerCertificate();
      console.log('  client secureConnect', s.authorized, s.authorizationError, s.encrypted, s.getProtocol(), s.alpnProtocol);
      console.log('  subject', JSON.stringify(c.subject), 'issuer', JSON.stringify(c.issuer));
      console.log('  san', c.subjectaltname, 'serial', c.serialNumber, 'ca', c.ca, 'bits', c.bits);
      console.log('  valid', c.valid_from, '->', typeof c.valid_to);
      const fp = (alg) => crypto.createHash(alg).update(c.raw).digest('hex').toUpperCase().match(/../g).join(':');
      console.log('  raw matches', Buffer.isBuffer(c.raw), fp('sha256') === c.fingerprint256, fp('sha1') === c.fingerprint, fp('sha512') === c.fingerprint512);
      const detailed = s.getPeerCertificate(true);
      console.log('  issuerCertificate', detailed.issuerCertificate === undefined ? 'none' : detailed.issuerCertificate.subject.CN);
      const cipher = s.getCipher();
      console.log('  cipher', typeof cipher.name, cipher.version, JSON.stringify(s.getEphemeralKeyInfo()));
      console.log('  session', s.isSessionReused());
      s.write('hello over tls');
      s.once('data', (d) => {
        console.log('  reply', String(d));
        const a = s.exportKeyingMaterial(32, 'EXPERIMENTAL-amber', Buffer.from('ctx'));
        const b = serverSide.exportKeyingMaterial(32, 'EXPERIMENTAL-amber', Buffer.from('ctx'));
        console.log('  keying material', a.length, a.equals(b));
        s.end();
      });
    });
    srv.close();
  });

  await step('session resumption', async () => {
    const srv = await listen(server, (s) => { slog('reused', s.isSessionReused()); s.end('hi'); });
    const port = srv.address().port;
    let saved = null;
    let sessions = 0;
    await new Promise((resolve) => {
      const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca }, () => console.log('  first: reused', c.isSessionReused()));
      c.on('session', (session) => { sessions++; saved = session; });
      c.resume();
      c.on('close', () => flushServer().then(resolve));
    });
    console.log('  sessions', sessions, Buffer.isBuffer(saved));
    for (const session of [saved, undefined]) {
      await new Promise((resolve) => {
        const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca, session }, () => {
          console.log('  with', session ? 'a session' : 'none', 'reused', c.isSessionReused(), 'authorized', c.authorized);
        });
        c.resume();
        c.on('close', () => flushServer().then(resolve));
      });
    }
    srv.close();
  });

  await step('large transfer both ways', async () => {
    const srv = await listen(server, (s) => s.pipe(s));
    const payload = crypto.randomBytes(1 << 20);
    await dial(srv.address().port, { ca, servername: 'localhost' }, (s) => {
      const chunks = [];
      s.on('data', (d) => chunks.push(d));
      s.on('end', () => {
        const got = Buffer.concat(chunks);
        console.log('  echoed', got.length, got.equals(payload));
      });
      s.end(payload);
    });
    srv.close();
  });

  await step('SNI', async () => {
    const other = tls.createSecureContext({ key: read('other.key'), cert: read('other.pem') });
    const srv = await listen({
      ...server,
      SNICallback(name, cb) {
        slog('SNICallback', name);
        setTimeout(() => cb(null, name.endsWith('other.test') ? other : undefined), 5);
      },
    }, (s) => { slog('servername', s.servername); echo(s); });
    for (const servername of ['other.test', 'localhost', 'a.other.test']) {
      await dial(srv.address().port, { ca, servername }, (s) => {
        console.log('  peer CN', s.getPeerCertificate().subject.CN, 'authorized', s.authorized);
        ask(s, servername);
      });
    }
    srv.close();
  });

  await step('addContext', async () => {
    const srv = await listen(server, (s) => { slog('servername', s.servername); echo(s); });
    srv.addContext('*.other.test', { key: read('other.key'), cert: read('other.pem') });
    await dial(srv.address().port, { ca, servername: 'x.other.test' }, (s) => {
      console.log('  peer CN', s.getPeerCertificate().subject.CN, s.authorized);
      ask(s, 'wild');
    });
    srv.close();
  });

  await step('ALPN', async () => {
    const srv = await listen({ ...server, ALPNProtocols: ['h2', 'http/1.1'] }, (s) => {
      slog('alpn', s.alpnProtocol);
      echo(s);
    });
    for (const ALPNProtocols of [['http/1.1'], ['h2', 'http/1.1'], undefined]) {
      await dial(srv.address().port, { ca, servername: 'localhost', ALPNProtocols }, (s) => {
        console.log('  client alpn', s.alpnProtocol);
        ask(s, 'alpn');
      });
    }
    srv.close();
  });

  await step('ALPNCallback', async () => {
    const srv = await listen({
      ...server,
      ALPNCallback({ servername, protocols }) {
        slog('ALPNCallback', servername, protocols.join(','));
        return protocols.includes('b') ? 'b' : undefined;
      },
    }, (s) => { slog('alpn', s.alpnProtocol); echo(s); });
    await dial(srv.address().port, { ca, servername: 'localhost', ALPNProtocols: ['a', 'b'] }, (s) => {
      console.log('  client alpn', s.alpnProtocol);
      ask(s, 'cb');
    });
    await dial(srv.address().port, { ca, servername: 'localhost', ALPNProtocols: ['a'] }, () => console.log('  connected?'));
    srv.close();
  });

  await step('handshake timeout', async () => {
    // Reported as 'tlsClientError'; the socket stays until someone closes it.
    const srv = await listen({ ...server, handshakeTimeout: 100 }, echo);
    await new Promise((resolve) => {
      const c = net.connect(srv.address().port, '127.0.0.1', () => setTimeout(() => c.destroy(), 400));
      c.on('close', () => flushServer().then(resolve));
    });
    srv.close();
  });

  await step('mutual TLS', async () => {
    const srv = await listen({ ...server, ca, requestCert: true, rejectUnauthorized: false }, (s) => {
      const c = s.getPeerCertificate();
      slog('sees', s.authorized, s.authorizationError, c.subject ? c.subject.CN : 'no cert');
      echo(s);
    });
    await dial(srv.address().port, { ca, servername: 'localhost', key: read('client.key'), cert: read('client.pem') }, (s) => ask(s, 'with cert'));
    await dial(srv.address().port, { ca, servername: 'localhost' }, (s) => ask(s, 'without cert'));
    await dial(srv.address().port, { ca, servername: 'localhost', key: read('self.key'), cert: read('self.pem') }, (s) => ask(s, 'self-signed cert'));
    srv.close();
  });

  await step('verification failures', async () => {
    const cases = [
      ['self-signed', { key: read('self.key'), cert: read('self.pem') }, {}],
      ['unknown issuer', server, {}],
      ['chain with its root', { key: read('server.key'), cert: read('chain.pem') }, {}],
      ['expired', { key: read('expired.key'), cert: read('expired.pem') }, { ca }],
      ['hostname mismatch', server, { ca, servername: 'wrong.test' }],
      ['intermediate CA as the only ca', { key: read('deep.key'), cert: read('deepchain.pem') }, { ca: read('inter.pem') }],
      ['intermediate missing', { key: read('deep.key'), cert: read('deep.pem') }, { ca }],
      ['ip mismatch', { key: read('other.key'), cert: read('other.pem') }, { ca }],
    ];
    for (const [name, serverOptions, clientOptions] of cases) {
      const srv = await listen(serverOptions, echo);
      console.log(` ${name}`);
      await dial(srv.address().port, clientOptions, () => console.log('  connected?'));
      await dial(srv.address().port, { ...clientOptions, rejectUnauthorized: false }, (s) => {
        console.log('  unverified:', s.authorized, s.authorizationError);
        ask(s, 'anyway');
      });
      srv.close();
    }
    for (const [name, clientOptions] of [['chain sent by the server', { ca }], ['partial chain allowed', { ca: read('inter.pem'), allowPartialTrustChain: true }]]) {
      const srv = await listen({ key: read('deep.key'), cert: read('deepchain.pem') }, echo);
      await dial(srv.address().port, { servername: 'localhost', ...clientOptions }, (s) => {
        console.log(` ${name}:`, s.authorized, s.getPeerCertificate(true).issuerCertificate?.subject.CN);
        ask(s, 'chain');
      });
      srv.close();
    }
    const srv = await listen(server, echo);
    await dial(srv.address().port, { ca, servername: 'wrong.test', checkServerIdentity: () => undefined }, (s) => {
      console.log('  custom checkServerIdentity:', s.authorized);
      ask(s, 'custom');
    });
    srv.close();
  });

  await step('protocol versions', async () => {
    const srv = await listen({ ...server, maxVersion: 'TLSv1.2' }, (s) => { slog(s.getProtocol()); echo(s); });
    await dial(srv.address().port, { ca, servername: 'localhost' }, (s) => { console.log('  client', s.getProtocol(), s.getCipher().version); ask(s, 'v12'); });
    await dial(srv.address().port, { ca, servername: 'localhost', minVersion: 'TLSv1.3' }, () => console.log('  connected?'));
    srv.close();
  });

  await step('cipher lists', async () => {
    const srv = await listen(server, echo);
    const cases = [['ECDHE-ECDSA-AES128-GCM-SHA256', 'TLSv1.3'], ['ECDHE-ECDSA-AES128-GCM-SHA256', 'TLSv1.2'], ['TLS_CHACHA20_POLY1305_SHA256'],
      ['ECDHE+CHACHA20:!aRSA', 'TLSv1.2'], ['TLS_AES_128_GCM_SHA256:ECDHE-ECDSA-AES256-GCM-SHA384']];
    for (const [ciphers, maxVersion] of cases) {
      await dial(srv.address().port, { ca, servername: 'localhost', ciphers, maxVersion }, (s) => {
        console.log(' ', ciphers, '->', s.getProtocol(), JSON.stringify(s.getCipher()));
        ask(s, 'cipher');
      });
    }
    for (const ciphers of ['bogus', 'AES256-SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256:nonsense']) {
      try {
        tls.createSecureContext({ ciphers });
        console.log(' ', ciphers, 'accepted');
      } catch (e) {
        console.log(' ', ciphers, e.code);
      }
    }
    srv.close();
  });

  await step('not TLS', async () => {
    const plain = net.createServer((s) => { s.on('data', () => {}); s.end('HTTP/1.1 400 Bad Request\r\n\r\n'); });
    await new Promise((r) => plain.listen(0, '127.0.0.1', r));
    await dial(plain.address().port, { ca }, () => console.log('  connected?'));
    plain.close();
    const srv = await listen(server, echo);
    for (const text of ['GET / HTTP/1.1\r\nHost: x\r\n\r\n', 'hello, this is not tls\n']) {
      await new Promise((resolve) => {
        const c = net.connect(srv.address().port, '127.0.0.1', () => c.write(text));
        c.on('data', () => {});
        c.on('error', () => {});
        c.on('close', () => flushServer().then(resolve));
      });
    }
    // A client that hangs up in the middle of the handshake.
    await new Promise((resolve) => {
      const c = net.connect(srv.address().port, '127.0.0.1', () => c.end(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x50, 0x01])));
      c.on('data', () => {});
      c.on('close', () => flushServer().then(resolve));
    });
    // Nothing of those connections is left behind.
    await new Promise((r) => srv.getConnections((err, n) => { console.log('  connections left', err, n); r(); }));
    srv.close();
  });

  await step('over an in-memory Duplex pair', async () => {
    const { Duplex } = require('stream');
    // Two Duplexes wired to each other: what one writes, the other reads.
    const a = new Duplex({ read() {}, write(chunk, enc, cb) { b.push(chunk); cb(); }, final(cb) { b.push(null); cb(); } });
    const b = new Duplex({ read() {}, write(chunk, enc, cb) { a.push(chunk); cb(); }, final(cb) { a.push(null); cb(); } });
    const serverSide = new tls.TLSSocket(a, { isServer: true, secureContext: tls.createSecureContext(server) });
    serverSide.on('secure', () => slog('secure over a Duplex', serverSide.getProtocol()));
    echo(serverSide);
    await new Promise((resolve) => {
      const s = tls.connect({ socket: b, ca, servername: 'localhost' }, () => {
        console.log('  client', s.authorized, s.getProtocol());
        s.write('in memory');
        s.once('data', (d) => {
          console.log('  reply', String(d));
          s.destroy();
          serverSide.destroy();
          flushServer().then(resolve);
        });
      });
    });
  });

  await step('bad options', async () => {
    for (const o of [{ cert: 'garbage', key: 'garbage' }, { key: 'garbage' }, { cert: read('server.pem'), key: read('client.key') },
      { ca: 'not a certificate' }, { minVersion: 'TLSv9' }, { maxVersion: 'SSLv3' }]) {
      try {
        tls.createSecureContext(o);
        console.log('  ok');
      } catch (e) {
        console.log(' ', e.code, e.message);
      }
    }
  });

  await step('over an existing socket', async () => {
    const srv = await listen(server, (s) => echo(s));
    const raw = net.connect(srv.address().port, '127.0.0.1');
    await new Promise((r) => raw.once('connect', r));
    await new Promise((resolve) => {
      const s = tls.connect({ socket: raw, ca, servername: 'localhost' }, () => {
        console.log('  wrapped', s.authorized, s.remotePort === srv.address().port);
        ask(s, 'wrapped');
      });
      s.on('close', resolve);
    });
    srv.close();
  });

  await step('module facts', async () => {
    console.log('  versions', tls.DEFAULT_MIN_VERSION, tls.DEFAULT_MAX_VERSION);
    console.log('  ciphers', tls.getCiphers().includes('tls_aes_128_gcm_sha256'), tls.getCiphers().includes('ecdhe-rsa-aes128-gcm-sha256'));
    const roots = tls.rootCertificates;
    console.log('  roots', roots.length > 100, Object.isFrozen(roots), roots.every((r) => r.startsWith('-----BEGIN CERTIFICATE-----\n')));
  });
  // The test checks for this line: a step that never finishes must not pass unseen.
  console.log('all steps done');
})();
