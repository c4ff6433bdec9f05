'use strict';
// A minimal REPL for `amber` with no script on a terminal: each line is evaluated in
// the global scope, results printed with util.inspect (colors on a terminal), `_` holds
// the last result, `.exit` or end of input quits, incomplete input continues with '...'.

const { inspect } = require('internal/inspect');
const readline = require('readline');
const { runScript } = binding.modules;

function start() {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  const colors = !!process.stdout.isTTY;
  let buffer = '';
  process.stdout.write(`Welcome to amber ${process.versions.amber} (V8 ${process.versions.v8}, Node.js ${process.version} API).\nType ".exit" or press Ctrl+D to quit.\n`);
  rl.prompt();
  rl.on('line', (line) => {
    if (buffer === '' && line.trim() === '.exit') { rl.close(); return; }
    buffer += (buffer ? '\n' : '') + line;
    let result;
    try {
      result = runScript(buffer, 'REPL');
    } catch (err) {
      if (err instanceof SyntaxError && /Unexpected end of input|missing \) after|Unterminated template/.test(err.message)) {
        rl.setPrompt('... ');
        rl.prompt();
        return;
      }
      buffer = '';
      // Show the user's frames, not the REPL's own.
      if (err instanceof Error && typeof err.stack === 'string') {
        err.stack = err.stack.split('\n').filter((l) => !l.includes('(node:')).join('\n');
      }
      process.stdout.write(`Uncaught ${inspect(err, { colors })}\n`);
      rl.setPrompt('> ');
      rl.prompt();
      return;
    }
    buffer = '';
    if (result !== undefined) globalThis._ = result;
    process.stdout.write(`${inspect(result, { colors })}\n`);
    rl.setPrompt('> ');
    rl.prompt();
  });
  rl.on('close', () => process.stdout.write('\n'));
}

module.exports = { start };
