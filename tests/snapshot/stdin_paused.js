process.stdin.on('data', () => {});
process.stdin.pause();
