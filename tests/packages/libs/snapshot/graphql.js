// graphql loaded while the snapshot is built (the parser, validation rules, the executor).
// The restored process runs cases/graphql.js, whose requires then come from require.cache.
require('graphql');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/graphql.js'));
