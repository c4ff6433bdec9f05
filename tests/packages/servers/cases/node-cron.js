// node-cron validating expressions; cron computing next dates from a fixed reference.
const nodeCron = require('node-cron');
const { CronTime } = require('cron');
for (const e of ['*/5 * * * *', '0 9 * * 1-5', '61 * * * *', 'nonsense', '0 0 1 1 *']) console.log(e, nodeCron.validate(e));
const task = nodeCron.schedule('* * * * *', () => {}, { scheduled: false });
task.stop();
console.log('task stopped');
const { DateTime } = require('luxon');
for (const e of ['0 9 * * 1-5', '*/15 * * * *', '0 0 29 2 *', '30 4 1,15 * *']) {
  const ct = new CronTime(e, 'UTC');
  const ref = DateTime.fromISO('2024-02-27T10:07:00Z', { zone: 'UTC' });
  const next = [];
  let d = ref;
  for (let i = 0; i < 3; i++) { d = ct.getNextDateFrom(d, 'UTC'); next.push(d.toISO()); }
  console.log(e, next.join(' '));
}
