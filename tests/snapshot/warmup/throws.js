function check(arg) {
  if (arg === 'throw') throw new RangeError('warm-up refused ' + arg);
}
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  check(process.argv[2]);
  if (process.argv[2] === 'exit') process.exit(3);
  if (process.argv[2] === 'exitCode') process.exitCode = 4;
  if (process.argv[2] === 'reject') Promise.reject(new TypeError('later'));
  console.log('ok', process.argv.slice(2));
});
