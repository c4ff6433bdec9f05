require('v8').startupSnapshot.setDeserializeMainFunction(() => { throw new RangeError('main failed'); });
