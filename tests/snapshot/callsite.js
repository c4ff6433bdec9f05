const p = Error.prepareStackTrace; Error.prepareStackTrace = (e, s) => s;
const o = {}; Error.captureStackTrace(o); globalThis.keep = o.stack; Error.prepareStackTrace = p;
require('v8').startupSnapshot.setDeserializeMainFunction(() => console.log('restored'));
