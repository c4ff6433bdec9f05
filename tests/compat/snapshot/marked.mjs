// marked's CLI from a snapshot.
import { main } from '../node_modules/marked/bin/main.js';
import v8 from 'node:v8';
v8.startupSnapshot.setDeserializeMainFunction(() => {
  process.title = 'marked';
  main(process);
});
