// dayjs with plugins (utc, timezone-free formatting, relative time, duration).
const dayjs = require('dayjs');
const utc = require('dayjs/plugin/utc');
const relativeTime = require('dayjs/plugin/relativeTime');
const duration = require('dayjs/plugin/duration');
const customParseFormat = require('dayjs/plugin/customParseFormat');
require('dayjs/locale/fr');
dayjs.extend(utc);
dayjs.extend(relativeTime);
dayjs.extend(duration);
dayjs.extend(customParseFormat);
const d = dayjs.utc('2024-02-28T13:45:30Z');
console.log(d.format('YYYY-MM-DD HH:mm:ss dddd MMMM'), d.add(2, 'day').format('YYYY-MM-DD'), d.isLeapYear?.());
console.log(d.startOf('month').toISOString(), d.endOf('year').toISOString(), d.diff(dayjs.utc('2023-01-01'), 'day'));
console.log(d.from(dayjs.utc('2024-05-01')), d.to(dayjs.utc('2024-02-28T13:46:00Z')));
console.log(dayjs.duration(93784, 'seconds').format('D[d] HH:mm:ss'), dayjs.duration({ months: 14 }).asYears().toFixed(3));
console.log(dayjs.utc('25/12/2023 08:05', 'DD/MM/YYYY HH:mm').toISOString(), dayjs('garbage').isValid());
console.log(d.locale('fr').format('dddd D MMMM YYYY'), d.unix(), d.day(), d.valueOf());
