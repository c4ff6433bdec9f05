const start = Date.now();
let ticks = 0;
const iv = setInterval(() => {
  ticks++;
  if (ticks === 3) {
    clearInterval(iv);
    console.log('interval ticked 3 times');
  }
}, 20);
setTimeout(() => console.log('timeout after restore; ticks', ticks), 150);
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log('main runs first');
});
