'use strict';
// amber:snapshot — the same API as require('v8').startupSnapshot.
const s = require('internal/snapshot');
module.exports = {
  isBuildingSnapshot: s.isBuildingSnapshot,
  addSerializeCallback: s.addSerializeCallback,
  addDeserializeCallback: s.addDeserializeCallback,
  setDeserializeMainFunction: s.setDeserializeMainFunction,
};
