// File-system operations still running when the entry returns are waited for by the
// settling build (they always finish), including chains of them, so a program that
// loads its configuration with fs.promises or callbacks at build time still builds.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');

const state = { config: null, chained: null, streamed: 0 };
fs.promises.readFile(path.join(__dirname, 'config.json'), 'utf8').then((text) => {
  state.config = Object.keys(JSON.parse(text)).length;
});
fs.stat(__filename, (err, st) => {
  fs.readFile(__filename, 'utf8', (err2, text) => {
    state.chained = !err && !err2 && st.size === Buffer.byteLength(text);
  });
});
fs.createReadStream(__filename).on('data', (d) => { state.streamed += d.length; });

v8.startupSnapshot.setDeserializeMainFunction(() => {
  console.log('config keys loaded at build:', state.config > 0);
  console.log('chained stat + readFile:', state.chained);
  console.log('stream read all of the file:', state.streamed === fs.statSync(__filename).size);
});
