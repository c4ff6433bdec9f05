// prettier's CLI from a snapshot, with the language plugins most projects use (JS/JSON,
// CSS, Markdown) loaded at build time; other plugins load from disk on demand. Loading
// every plugin would double the heap and slow every start.
import path from 'node:path';
import v8 from 'node:v8';
import * as cli from '../node_modules/prettier/internal/legacy-cli.mjs';
const plugins = path.join(import.meta.dirname, '../node_modules/prettier/plugins');
for (const name of ['babel', 'estree', 'postcss', 'markdown']) {
  await import(path.join(plugins, `${name}.mjs`));
}
await import('../node_modules/prettier/index.mjs');
v8.startupSnapshot.setDeserializeMainFunction(() => cli.run(process.argv.slice(2)));
