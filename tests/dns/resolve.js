// dns.resolve*, reverse and Resolver against the test's DNS server (its port is
// argv[2]): record shapes, ttl, error codes, server lists, cancel and the promise API.
const dns = require('dns');
const port = process.argv[2];
dns.setServers([`127.0.0.1:${port}`]);
console.log('servers', dns.getServers().map((s) => s.replace(port, '<port>')));

const show = (label, err, value) => {
  if (err) console.log(label, 'error', err.code, err.syscall, err.hostname, err.message);
  else console.log(label, JSON.stringify(value));
};

const calls = [
  ['resolve4', (cb) => dns.resolve4('example.test', cb)],
  ['resolve4 ttl', (cb) => dns.resolve4('example.test', { ttl: true }, cb)],
  ['resolve6', (cb) => dns.resolve6('example.test', cb)],
  ['resolve6 ttl', (cb) => dns.resolve6('example.test', { ttl: true }, cb)],
  ['resolve MX', (cb) => dns.resolve('example.test', 'MX', cb)],
  ['resolveTxt', (cb) => dns.resolveTxt('example.test', cb)],
  ['resolveNs', (cb) => dns.resolveNs('example.test', cb)],
  ['resolveSoa', (cb) => dns.resolveSoa('example.test', cb)],
  ['resolveSrv', (cb) => dns.resolveSrv('_sip._tcp.example.test', cb)],
  ['resolveCaa', (cb) => dns.resolveCaa('example.test', cb)],
  ['resolveNaptr', (cb) => dns.resolveNaptr('example.test', cb)],
  ['resolveCname', (cb) => dns.resolveCname('alias.example.test', cb)],
  ['resolve4 via CNAME', (cb) => dns.resolve4('alias.example.test', cb)],
  ['resolvePtr', (cb) => dns.resolvePtr('1.2.0.192.in-addr.arpa', cb)],
  ['reverse', (cb) => dns.reverse('192.0.2.1', cb)],
  ['reverse v6', (cb) => dns.reverse('2001:db8::1', cb)],
  ['resolveAny', (cb) => dns.resolveAny('example.test', cb)],
  ['resolve default A', (cb) => dns.resolve('example.test', cb)],
  ['missing', (cb) => dns.resolve4('missing.example.test', cb)],
  ['no data', (cb) => dns.resolveMx('nodata.example.test', cb)],
  ['server failure', (cb) => dns.resolve4('fail.example.test', cb)],
  ['refused', (cb) => dns.resolveTxt('refused.example.test', cb)],
];

function next() {
  const call = calls.shift();
  if (!call) return promisesPart();
  const [label, f] = call;
  f((err, value) => {
    show(label, err, value);
    next();
  });
}

async function promisesPart() {
  const p = dns.promises;
  console.log('promises.resolve4', await p.resolve4('example.test'));
  console.log('promises.resolve SRV', await p.resolve('_sip._tcp.example.test', 'SRV'));
  try {
    await p.resolveCname('missing.example.test');
  } catch (e) {
    console.log('promises error', e.code, e.syscall, e.message);
  }
  const r = new p.Resolver();
  r.setServers([`127.0.0.1:${port}`]);
  console.log('promises.Resolver', await r.resolveMx('example.test'));
  r.setLocalAddress('127.0.0.1', '::1');
  console.log('from a local address', await r.resolve6('example.test'));
  for (const args of [['127.0.0.1', '127.0.0.1'], ['bad'], [123]]) {
    try { r.setLocalAddress(...args); } catch (e) { console.log('setLocalAddress', args, e.code, e.message); }
  }

  // A resolver of its own, then cancel() while a query is in flight.
  const own = new dns.Resolver({ timeout: 2000, tries: 1 });
  own.setServers([`127.0.0.1:${port}`]);
  own.resolve4('slow.example.test', (err) => {
    console.log('cancelled', err.code, err.syscall, err.hostname);
    // Nothing listens on port 1: the query is refused.
    const refused = new dns.Resolver({ timeout: 500, tries: 1 });
    refused.setServers(['127.0.0.1:1']);
    refused.resolve4('example.test', (e) => console.log('no server', e.code, e.syscall));
  });
  own.cancel();

  for (const [label, f] of [
    ['bad rrtype', () => dns.resolve('example.test', 'BOGUS', () => {})],
    ['bad name', () => dns.resolve4(1, () => {})],
    ['bad server', () => dns.setServers(['not an address'])],
    ['bad reverse', () => dns.reverse('bogus', () => {})],
  ]) {
    try { f(); } catch (e) { console.log(label, e.code, e.message); }
  }
}

next();
