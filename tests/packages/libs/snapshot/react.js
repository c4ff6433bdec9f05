// react and react-dom/server loaded while the snapshot is built.
// The restored process runs cases/react.js, whose requires then come from require.cache.
require('react');
require('react-dom/server');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/react.js'));
