// A main function with every kind of effect: output, module state, a global, a module
// required for the first time, timers. Built with `--warmup 'warm-up run'`, the restored
// process must print exactly what it prints from a snapshot built without warm-up.
const state = { runs: 0, args: [] };
const v8 = require('v8');

v8.startupSnapshot.setDeserializeMainFunction(() => {
  state.runs++;
  state.args.push(process.argv.slice(2));
  const first = state.runs === 1 && globalThis.touched === undefined;
  globalThis.touched = (globalThis.touched ?? 0) + 1;
  const late = require('./late.js');
  late.calls++;
  console.log('main run', state.runs, JSON.stringify(state.args), 'first:', first, 'globals:', globalThis.touched, 'late calls:', late.calls);
  setTimeout(() => console.log('timer of', process.argv.slice(2).join(' ')), 20);
  // Only the warm-up starts an interval: were it carried, the restored run would print it
  // while its own timer waits.
  if (process.argv[2] === 'warm-up') setInterval(() => console.log('interval of the warm-up'), 5).unref();
  process.on('exit', () => console.log('exit of', process.argv.slice(2).join(' ')));
});
