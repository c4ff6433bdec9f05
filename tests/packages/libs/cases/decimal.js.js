// decimal.js: arbitrary-precision decimal arithmetic.
const Decimal = require('decimal.js');
console.log(new Decimal(0.1).plus(0.2).toString(), 0.1 + 0.2, new Decimal('123.456').times('0.001').toFixed(10));
const D50 = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });
console.log(D50.sqrt(2).toString(), D50.exp(1).toString(), D50.acos(-1).toString());
console.log(new Decimal('1e-7').toString(), new Decimal(255).toHexadecimal(), new Decimal('0.5').toFraction(), new Decimal(2).pow(200).toString());
console.log(new Decimal('2.5').toDecimalPlaces(0).toString(), new Decimal('-7').mod(3).toString(), Decimal.max(1, '3', -2).toString(), new Decimal('1234.5678').toSignificantDigits(3).toString());
console.log(new Decimal(10).log(2).toString(), new Decimal('NaN').isNaN(), new Decimal(1).div(0).toString(), new Decimal('9.99e+99').toExponential(2));
