// ajv-cli's bin validates JSON fixtures against a schema (valid, invalid with --errors=text)
// and compiles the schema.
const path = require('path'); const { bin } = require('./_run');
const cwd = path.join(__dirname, '../fixtures/lint');
for (const args of [['validate', '-s', 'schema.json', '-d', 'good.json'], ['validate', '-s', 'schema.json', '-d', 'bad.json', '--errors=text', '--all-errors'], ['compile', '-s', 'schema.json']]) {
  const r = bin('ajv-cli/dist/index.js', args, { cwd });
  console.log(args[0], r.status, JSON.stringify(r.stdout.trim()), JSON.stringify(r.stderr.trim()));
}
