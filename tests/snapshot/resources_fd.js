const fs = require('fs');
const fd = fs.openSync(__filename, 'r');
void fd;
