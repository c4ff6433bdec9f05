'use strict';
// `--cpu-prof` and `--heap-prof`: V8's sampling CPU and heap profilers, run by an
// internal inspector session from the start of the process (or thread) and written at
// exit as Node writes them: `CPU.<date>.<time>.<pid>.<threadId>.<seq>.cpuprofile` and
// `Heap.<...>.heapprofile` (Profiler.stop's and HeapProfiler.stopSampling's `profile`)
// into `--cpu-prof-dir`/`--heap-prof-dir` (default: the working directory at start), or
// the name `--cpu-prof-name`/`--heap-prof-name` gives. Intervals: `--cpu-prof-interval`
// (µs, default 1000), `--heap-prof-interval` (bytes, default 512 KiB).

const path = require('path');
const fs = require('fs');
const { getOptionValue } = require('internal/options');

let seq = 0;
const running = [];

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

// Node's diagnostic file name: PREFIX.YYYYMMDD.HHMMSS.PID.TID.SEQ.EXT (local time).
function diagnosticName(prefix, ext) {
  const d = new Date();
  const { threadId } = require('internal/worker/state');
  seq++;
  return `${prefix}.${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}.${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}.${process.pid}.${threadId}.${pad(seq, 3)}.${ext}`;
}

function asked() {
  return getOptionValue('--cpu-prof') === true || getOptionValue('--heap-prof') === true;
}

function start() {
  const { internalSession } = require('internal/inspector/session');
  if (getOptionValue('--cpu-prof') === true) {
    const session = internalSession();
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: Number(getOptionValue('--cpu-prof-interval') ?? 1000) });
    session.post('Profiler.start');
    running.push({ session, stop: 'Profiler.stop', prefix: 'CPU', ext: 'cpuprofile', dir: path.resolve(getOptionValue('--cpu-prof-dir') ?? '.'), name: getOptionValue('--cpu-prof-name') });
  }
  if (getOptionValue('--heap-prof') === true) {
    const session = internalSession();
    session.post('HeapProfiler.enable');
    session.post('HeapProfiler.startSampling', { samplingInterval: Number(getOptionValue('--heap-prof-interval') ?? 512 * 1024) });
    running.push({ session, stop: 'HeapProfiler.stopSampling', prefix: 'Heap', ext: 'heapprofile', dir: path.resolve(getOptionValue('--heap-prof-dir') ?? '.'), name: getOptionValue('--heap-prof-name') });
  }
  if (running.length > 0) internals.endProfilers = end;
}

// At exit: each profile is written and its session ends.
function end() {
  internals.endProfilers = undefined;
  for (const p of running.splice(0)) {
    let profile;
    p.session.post(p.stop, (err, result) => {
      if (err === null) profile = result.profile;
    });
    p.session.disconnect();
    if (profile === undefined) continue;
    const file = path.join(p.dir, p.name ?? diagnosticName(p.prefix, p.ext));
    try {
      fs.mkdirSync(p.dir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
    } catch (err) {
      process._rawDebug?.(`Failed to write the profile to ${file}: ${err.message}`);
    }
  }
}

module.exports = { asked, start, end };
