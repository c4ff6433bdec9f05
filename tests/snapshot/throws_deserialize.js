require('v8').startupSnapshot.addDeserializeCallback(() => { throw new Error('deserialize failed'); });
