// chalk 5 (ESM) with a fixed colour level, so the escapes do not depend on the terminal.
import chalk, { Chalk, supportsColor } from 'chalk';
const c = new Chalk({ level: 1 });
const c3 = new Chalk({ level: 3 });
console.log(JSON.stringify(c.blue('Hello') + ' World' + c.red('!')));
console.log(JSON.stringify(c.blue.bgRed.bold('Hello world!')), JSON.stringify(c.green('I am a green line ' + c.blue.underline.bold('with a blue substring') + ' that becomes green again!')));
console.log(JSON.stringify(c3.rgb(123, 45, 67).underline('Underlined reddish color')), JSON.stringify(c3.hex('#DEADED').bold('Bold gray!')));
console.log(JSON.stringify(c.dim`x`), JSON.stringify(new Chalk({ level: 0 }).red('plain')), c.level, c3.level);
console.log(typeof chalk.red, typeof supportsColor);
