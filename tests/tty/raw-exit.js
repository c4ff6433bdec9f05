// Leaves the terminal in raw mode on purpose: the runtime must restore it at exit.
process.stdin.setRawMode(true);
console.log(`isRaw ${process.stdin.isRaw}`);
