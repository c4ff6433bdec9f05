// semver: parse, compare, ranges, increments, coercion.
const semver = require('semver');
console.log(semver.valid('1.2.3'), semver.valid('a.b.c'), semver.clean('  =v1.2.3   '), semver.satisfies('1.2.3', '1.x || >=2.5.0 || 5.0.0 - 7.2.3'));
console.log(semver.gt('1.2.3', '9.8.7'), semver.lt('1.2.3', '9.8.7'), semver.minVersion('>=1.0.0'), semver.valid(semver.coerce('v2')), semver.coerce('42.6.7.9.3-alpha').version);
console.log(['1.10.0', '1.2.0', '1.2.0-beta.2', '1.2.0-beta.10', '0.9.9'].sort(semver.compare), semver.rsort(['1.0.0', '3.0.0', '2.0.0']));
console.log(semver.inc('1.2.3', 'prerelease', 'beta'), semver.inc('1.2.3-beta.1', 'minor'), semver.diff('1.2.3', '1.3.0'), semver.maxSatisfying(['1.2.3', '1.2.4', '1.3.0'], '~1.2.0'));
console.log(new semver.Range('^0.2.3 || 1.x').set.map((c) => c.map(String)), semver.intersects('>1.0.0', '<2.0.0'), semver.parse('1.2.3-rc.1+build.5'));
console.log(semver.outside('3.0.0', '^1.0.0', '>'), semver.validRange('~>1'), semver.subset('1.2.x', '^1.0.0'));
