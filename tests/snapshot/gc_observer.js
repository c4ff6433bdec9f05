// A PerformanceObserver watching 'gc' at build time keeps getting entries after
// restore: the native timing stops for the build and starts again when restored.
const { PerformanceObserver } = require('perf_hooks');
let entries = [];
const obs = new PerformanceObserver((list) => { entries.push(...list.getEntries()); });
obs.observe({ entryTypes: ['gc'] });
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  entries = [];
  require('v8').setFlagsFromString('--expose-gc');
  require('vm').runInNewContext('gc')();
  setImmediate(() => setImmediate(() => {
    console.log('entries after restore:', entries.length > 0, entries.every((e) => e.entryType === 'gc' && e.detail.flags === 4));
    obs.disconnect();
  }));
});
