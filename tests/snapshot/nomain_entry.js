console.log(globalThis.fromSnapshot, process.argv.slice(2));
