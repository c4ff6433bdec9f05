require('v8').startupSnapshot.addSerializeCallback(() => { throw new Error('serialize failed'); });
