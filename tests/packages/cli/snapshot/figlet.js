// figlet loaded, and its Standard and Ghost fonts parsed, while the snapshot is built; the
// restored process runs cases/figlet.js.
const figlet = require('figlet');
figlet.textSync('warm');
figlet.textSync('warm', { font: 'Ghost' });
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/figlet.js'));
