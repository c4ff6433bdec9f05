// picocolors with colours forced on and off via createColors.
const pc = require('picocolors');
const on = pc.createColors(true);
const off = pc.createColors(false);
console.log(JSON.stringify(on.green(`How are ${on.italic('you')} doing?`)), JSON.stringify(on.bold(on.red('a') + 'b' + on.red('c'))));
console.log(JSON.stringify(off.red('x')), JSON.stringify(on.bgBlue(on.white('ok'))), Object.keys(on).length);
