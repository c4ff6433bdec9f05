const fs = require('fs');
const built = { argv: process.argv.slice(2), cwd: process.cwd(), env: process.env.AMBER_RENEW, pid: process.pid };
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log(JSON.stringify({
    argv: process.argv.slice(2),
    cwdChanged: process.cwd() !== built.cwd,
    env: process.env.AMBER_RENEW,
    builtEnv: built.env,
    pidChanged: process.pid !== built.pid,
    execPath: process.execPath === fs.realpathSync('/proc/self/exe'),
    stdout: process.stdout._type,
    random: Math.random(),
  }));
});
