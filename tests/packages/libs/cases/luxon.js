// luxon: DateTime, Duration, Interval with explicit zones (Intl time zone data).
const { DateTime, Duration, Interval, Info } = require('luxon');
const dt = DateTime.fromISO('2024-03-31T01:30:00', { zone: 'Europe/Paris' });
console.log(dt.toISO(), dt.plus({ hours: 1 }).toISO(), dt.offset, dt.isInDST);
console.log(dt.setZone('America/New_York').toFormat('yyyy LLL dd HH:mm ZZZZ'), dt.setZone('Asia/Tokyo').toISO());
console.log(dt.setLocale('fr').toLocaleString(DateTime.DATETIME_FULL), dt.toRelative({ base: dt.plus({ days: 3 }) }));
console.log(Duration.fromObject({ hours: 2, minutes: 75 }).shiftTo('hours', 'minutes').toObject(), Duration.fromISO('P1DT2H').as('minutes'));
const i = Interval.fromDateTimes(DateTime.fromISO('2024-01-01', { zone: 'utc' }), DateTime.fromISO('2024-03-15', { zone: 'utc' }));
console.log(i.length('days'), i.count('months'), i.splitBy({ months: 1 }).map((x) => x.start.toISODate()));
console.log(Info.months('short', { locale: 'de' }).join(','), DateTime.fromFormat('May 25 1982', 'LLLL dd yyyy', { zone: 'utc' }).toISO());
console.log(DateTime.fromISO('bad').isValid, DateTime.fromISO('bad').invalidReason, DateTime.fromMillis(0, { zone: 'utc' }).weekdayLong);
