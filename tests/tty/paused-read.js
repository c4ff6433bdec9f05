// What ora's stdin-discarder does: raw mode and a read in flight, then pause. A paused
// stdin must not keep the process alive (amber used to hang here until a key was pressed).
process.on('exit', () => console.log('exit event'));
const discard = () => {};
process.stdin.setRawMode(true);
process.stdin.on('data', discard);
process.stdin.resume();
setTimeout(() => {
  process.stdin.off('data', discard);
  process.stdin.pause();
  process.stdin.setRawMode(false);
  console.log('paused');
}, 100);
