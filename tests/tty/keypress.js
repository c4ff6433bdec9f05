const readline = require('readline');
readline.emitKeypressEvents(process.stdin);
process.stdin.setRawMode(true);
// The test types only after this line: the terminal is in raw mode by then.
console.log('ready');
process.stdin.on('keypress', (s, k) => {
  console.log(`${JSON.stringify(s)} ${k.name} ctrl=${k.ctrl} shift=${k.shift}`);
  if (k.ctrl && k.name === 'c') { process.stdin.setRawMode(false); process.stdin.pause(); }
});
