// `reachedByWarmup` is compiled only when the main function runs with `warm`;
// `afterRestoreOnly` only when it runs with anything else. Neither runs at build time.
function helper(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
function reachedByWarmup(n) { return helper(n) + 1; }
function afterRestoreOnly(n) { return n * 3; }
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  if (process.argv[2] === 'warm') return reachedByWarmup(10);
  console.log(reachedByWarmup(5), afterRestoreOnly(2));
});
