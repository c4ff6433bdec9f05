module.exports = { value: 'dep at build' };
