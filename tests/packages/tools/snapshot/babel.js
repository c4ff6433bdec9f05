// @babel/core and its three presets loaded while the snapshot is built; the restored
// process runs cases/babel.js.
require('@babel/core');
require('@babel/preset-env');
require('@babel/preset-react');
require('@babel/preset-typescript');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/babel.js'));
