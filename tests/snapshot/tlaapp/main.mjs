// An ES entry whose initialization awaits a timer: the build waits for it to finish,
// so the main function set after the await is in the snapshot.
import v8 from 'node:v8';
import { loaded } from './lib/dep.mjs';
globalThis.state = 'before await';
await new Promise((resolve) => setTimeout(resolve, 50));
globalThis.state = 'after await';
v8.startupSnapshot.setDeserializeMainFunction(() => console.log('main:', globalThis.state, loaded));
