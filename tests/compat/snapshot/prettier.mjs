// prettier's CLI from a snapshot, with its language plugins loaded at build time.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import * as cli from '../node_modules/prettier/internal/legacy-cli.mjs';
const plugins = path.join(import.meta.dirname, '../node_modules/prettier/plugins');
for (const f of fs.readdirSync(plugins).filter((f) => f.endsWith('.mjs')).sort()) {
  await import(path.join(plugins, f));
}
await import('../node_modules/prettier/index.mjs');
v8.startupSnapshot.setDeserializeMainFunction(() => cli.run(process.argv.slice(2)));
