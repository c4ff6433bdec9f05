// perf_hooks loaded while building: the restored process has its own time origin (not
// the build's), and observers made after restore see the entries made then.
const { performance, PerformanceObserver } = require('perf_hooks');
performance.mark('at-build');
// At least 100 ms between the build's time origin and the restore, so a time origin
// carried over from the build would be off by that much.
const until = Date.now() + 100;
while (Date.now() < until);
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  const drift = Math.abs(performance.timeOrigin + performance.now() - Date.now());
  console.log('origin is this process:', drift < 50);
  console.log('carried marks:', performance.getEntriesByName('at-build').length);
  const o = new PerformanceObserver((list, observer) => {
    console.log(list.getEntries().map((e) => `${e.entryType}:${e.name}`).join(' '), observer === o);
    o.disconnect();
  });
  o.observe({ entryTypes: ['mark'] });
  performance.mark('restored');
});
