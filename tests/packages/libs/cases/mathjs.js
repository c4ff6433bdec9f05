// mathjs: expression parsing, units, matrices, bignumbers, fractions, symbolic derivative.
const math = require('mathjs');
console.log(math.evaluate('sqrt(3^2 + 4^2)'), math.evaluate('12.7 cm to inch').toString(), math.evaluate('sin(45 deg) ^ 2'));
console.log(math.format(math.evaluate('det([1, 2; 3, 4])')), math.multiply([[1, 2], [3, 4]], [[5], [6]]), math.inv([[1, 2], [3, 4]]));
console.log(math.derivative('x^2 + 3x + sin(x)', 'x').toString(), math.simplify('2x + 3x + x^2 * x').toString(), math.rationalize('(x+1)/(x-1) + 1').toString());
const bn = math.create(math.all, { number: 'BigNumber', precision: 50 });
console.log(bn.evaluate('1 / 3').toString(), bn.evaluate('2^0.5').toString(), math.fraction(1, 3).add(math.fraction(1, 6)).toString());
console.log(math.complex('2 + 3i').mul(math.complex(1, -1)).toString(), math.format(math.pi, { precision: 14 }), math.round(math.e, 5));
const parser = math.parser();
parser.evaluate('f(x, y) = x^y');
parser.evaluate('a = 3');
console.log(parser.evaluate('f(a, 4)'), math.std([2, 4, 4, 4, 5, 5, 7, 9]), math.median([3, 1, 2]), math.unit('5 km/h').to('m/s').toString());
console.log(math.lusolve([[2, 1], [1, 3]], [3, 5]).toString(), math.eigs([[2, 0], [0, 3]]).values.toString(), math.parse('a * (b + 1)').toTex());
try { math.evaluate('1 +'); } catch (e) { console.log(e.message); }
