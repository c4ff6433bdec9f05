// nodemailer: jsonTransport and streamTransport build the message (no network), fixed ids and dates.
const nodemailer = require('nodemailer');
const message = {
  from: '"Fred Foo" <foo@example.com>',
  to: 'bar@example.com, baz@example.com',
  subject: 'Hello ✔',
  text: 'Hello world?',
  html: '<b>Hello world?</b>',
  messageId: '<fixed@example.com>',
  date: new Date('2020-01-01T00:00:00Z'),
  attachments: [{ filename: 'hi.txt', content: 'hello attachment' }],
  headers: { 'X-Test': 'yes' },
};
(async () => {
  const json = nodemailer.createTransport({ jsonTransport: true });
  const info = await json.sendMail(message);
  const parsed = JSON.parse(info.message);
  console.log(info.envelope, info.messageId, parsed.subject, parsed.attachments, Object.keys(parsed).sort());
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const raw = await stream.sendMail({ ...message, baseBoundary: 'fixed' });
  const text = raw.message.toString().replace(/----_NmP-[0-9a-f-]+/g, '<boundary>');
  console.log(text);
  await stream.sendMail({ from: 'x@y', to: 'not an address' }).then((r) => console.log('sent to', r.envelope.to)).catch((e) => console.log('error', e.message));
  await json.sendMail({ from: 'a@b.c' }).catch((e) => console.log('error', e.code, e.message));
})();
