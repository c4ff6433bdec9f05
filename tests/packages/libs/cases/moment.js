// moment: parsing, formatting, arithmetic, locales, durations (UTC, so no local zone).
const moment = require('moment');
const m = moment.utc('2024-03-10T08:30:00Z');
console.log(m.format('dddd, MMMM Do YYYY, h:mm:ss a'), m.format('[week] W, DDDD'), m.toISOString());
console.log(m.clone().add(1, 'month').subtract(3, 'hours').format(), m.clone().startOf('isoWeek').format('YYYY-MM-DD'));
console.log(m.diff(moment.utc('2000-01-01'), 'years', true).toFixed(4), m.isBefore('2024-03-11'), m.isSame('2024-03-10', 'day'));
console.log(moment.utc('12-25-1995', 'MM-DD-YYYY').format('LL'), moment.utc('not a date', 'YYYY-MM-DD', true).isValid());
console.log(m.from(moment.utc('2024-06-01')), moment.duration(3723, 's').humanize(), moment.duration('P1Y2M3DT4H').asDays());
console.log(m.clone().locale('de').format('LLLL'), moment.localeData('fr') ? moment.utc(0).locale('fr').format('LLLL') : 'no fr');
console.log(moment.utc([2020, 1, 29]).add(1, 'year').format('YYYY-MM-DD'), moment.max(m, moment.utc('2030-01-01')).year());
