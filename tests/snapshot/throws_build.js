function init() { throw new Error('init failed'); }
init();
