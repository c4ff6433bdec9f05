const fs = require('fs');
const builtAt = Date.now();
while (Date.now() - builtAt < 50);
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
    // The time origin is this process's start, not the build's.
    freshClock: performance.now() < 5000 && process.uptime() < 5,
  }));
});
