const vm = require('vm');
const ctx = vm.createContext({ counter: 1 });
vm.runInContext('function bump() { counter += 1; return counter; } var label = "made at build";', ctx);
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log(vm.runInContext('bump()', ctx), ctx.counter, ctx.label, vm.runInContext('typeof Array', ctx));
});
