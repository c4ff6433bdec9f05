import { dep, bump } from './lib/dep.mjs';
import path from 'node:path';
import v8 from 'node:v8';
bump();
v8.startupSnapshot.setDeserializeMainFunction(async () => {
  bump();
  const again = await import('./lib/dep.mjs');
  console.log('esm state:', dep.count, again.dep === dep, path.basename(import.meta.filename));
  const later = await import('./lib/later.mjs');
  console.log('new esm module:', later.value);
});
