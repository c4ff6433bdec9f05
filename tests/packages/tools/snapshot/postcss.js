// postcss, autoprefixer (with its browser data) and postcss-nested loaded while the
// snapshot is built; the restored process runs cases/postcss.js.
require('postcss');
require('autoprefixer');
require('postcss-nested');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/postcss.js'));
