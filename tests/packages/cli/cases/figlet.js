// figlet: ASCII-art text with fonts shipped in the package (read from disk).
const figlet = require('figlet');
console.log(figlet.textSync('amber'));
console.log(figlet.textSync('CLI', { font: 'Ghost' }));
figlet.text('async', { font: 'Standard', horizontalLayout: 'fitted' }, (err, data) => {
  if (err) throw err;
  console.log(data);
  console.log(figlet.fontsSync().length > 100, figlet.fontsSync().includes('Doom'));
});
