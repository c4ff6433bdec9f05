const start = Date.now();
let ticks = 0;
const iv = setInterval(() => {
  ticks++;
  if (ticks === 3) {
    clearInterval(iv);
    console.log('interval ticked 3 times');
  }
}, 10);
// Far later than the interval's three ticks: the build's own duration is taken off the
// remaining delay, so a short gap here would race with a slow build on a loaded machine.
setTimeout(() => console.log('timeout after restore; ticks', ticks), 1500);
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log('main runs first');
});
