// markdown-it loaded while the snapshot is built (parser rules, entities, linkify).
// The restored process runs cases/markdown-it.js, whose requires then come from require.cache.
require('markdown-it');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/markdown-it.js'));
