// date-fns: pure functions on Date values (UTC inputs, UTC-independent output via formatISO on fixed offsets).
const { format, addDays, differenceInCalendarDays, parseISO, isValid, formatDistanceStrict, eachDayOfInterval, startOfWeek, intervalToDuration, formatDuration, parse, compareAsc } = require('date-fns');
const { fr } = require('date-fns/locale');
process.env.TZ = 'UTC';
const d = parseISO('2024-02-27T10:20:30');
console.log(format(d, "yyyy-MM-dd'T'HH:mm:ss EEEE MMMM do"), format(addDays(d, 3), 'yyyy-MM-dd'));
console.log(differenceInCalendarDays(new Date(2025, 0, 1), d), isValid(parseISO('nope')), isValid(d));
console.log(formatDistanceStrict(d, new Date(2024, 5, 1)), formatDistanceStrict(d, addDays(d, 1), { locale: fr }));
console.log(eachDayOfInterval({ start: d, end: addDays(d, 3) }).map((x) => format(x, 'EEE d')));
console.log(format(startOfWeek(d, { weekStartsOn: 1 }), 'yyyy-MM-dd'), format(d, 'PPPP', { locale: fr }));
console.log(formatDuration(intervalToDuration({ start: 0, end: 93784000 })));
console.log(format(parse('03/04/2021 14:05', 'dd/MM/yyyy HH:mm', new Date(0)), 'yyyy-MM-dd HH:mm'));
console.log([new Date(1995, 6, 2), new Date(1987, 1, 11), new Date(1989, 6, 10)].sort(compareAsc).map((x) => format(x, 'yyyy')));
