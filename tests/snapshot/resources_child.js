require('child_process').spawn('sleep', ['10']);
