// A v8.GCProfiler started while the snapshot is built is carried: a serialize callback
// stops its native recording (the records stay in the heap) and a deserialize callback
// starts it again, so after restore it still records collections and stop() returns
// them all. One stopped before the build is stopped after restore.
const v8 = require('v8');
const running = new v8.GCProfiler();
running.start();
globalThis.gc?.();
const stopped = new v8.GCProfiler();
stopped.start();
stopped.stop();
v8.startupSnapshot.setDeserializeMainFunction(() => {
  // Allocate until V8 collects at least once.
  let keep = [];
  for (let i = 0; i < 200000; i++) keep.push({ i });
  keep = null;
  const profile = running.stop();
  const entry = profile.statistics[0];
  console.log('version', profile.version, 'recorded', profile.statistics.length > 0);
  console.log('entry', typeof entry.gcType, entry.cost >= 0, Object.keys(entry.afterGC).join(','));
  console.log('heap keys', Object.keys(entry.afterGC.heapStatistics).length, typeof entry.afterGC.heapSpaceStatistics[0].spaceName);
  console.log('stopped again', running.stop(), stopped.stop());
});
