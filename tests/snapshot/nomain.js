globalThis.fromSnapshot = 'value from the snapshot';
