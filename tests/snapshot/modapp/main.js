const dep = require('./lib/dep');
dep.marker = 'set at build';
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  const again = require('./lib/dep');
  console.log('same object:', again === dep, again.marker, again.value);
  console.log('cache has dep:', Object.keys(require.cache).some((k) => k.endsWith('dep.js')));
  console.log('new module:', require('./lib/later').value);
});
