'use strict';
// NODE_V8_COVERAGE: V8's precise coverage (call counts, block ranges), collected by an
// internal inspector session from the start of each process or thread and written as
// `coverage-<pid>-<ms timestamp>-<threadId>.json` (Profiler.takePreciseCoverage's
// result, as Node writes it) into that directory when the process or thread exits, or
// when `v8.takeCoverage()` asks. A snapshot build writes its own file before the heap
// is serialized (the session ends there); a restored process starts again.

const path = require('path');
const fs = require('fs');
const { internalSession } = require('internal/inspector/session');

let session;
let directory;

function start() {
  if (session !== undefined || !binding.inspector.claimCoverage()) return;
  directory = path.resolve(process.env.NODE_V8_COVERAGE);
  // Children write beside it, whatever their working directory (as in Node).
  process.env.NODE_V8_COVERAGE = directory;
  session = internalSession();
  session.post('Profiler.enable');
  session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  internals.endCoverage = end;
  // As in Node, a SIGINT nobody listens for still writes the coverage.
  if (require('internal/worker/state').isMainThread && binding.snapshot.mode() !== 1) {
    internals.watchSignal('SIGINT');
    binding.inspector.watchSigint();
  }
}

// Writes the counts since the last take (V8 resets them) to a new file.
function take() {
  if (session === undefined) return;
  let coverage;
  session.post('Profiler.takePreciseCoverage', (err, result) => {
    if (err === null) coverage = result;
  });
  if (coverage === undefined) return;
  const maps = require('internal/source_map/source_map_cache').sourceMapCacheToObject(coverage.result.map((s) => s.url));
  if (maps !== undefined) coverage['source-map-cache'] = maps;
  const { threadId } = require('internal/worker/state');
  const file = path.join(directory, `coverage-${process.pid}-${Date.now()}-${threadId}.json`);
  try {
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(coverage));
  } catch (err) {
    process._rawDebug?.(`Failed to write coverage to ${file}: ${err.message}`);
  }
}

// Stops collecting; nothing more is written.
function stop() {
  if (session === undefined) return;
  session.post('Profiler.stopPreciseCoverage');
  session.post('Profiler.disable');
  session.disconnect();
  session = undefined;
  internals.endCoverage = undefined;
}

// At exit (and before a snapshot is serialized): the last file, then the session ends.
function end() {
  take();
  stop();
  // A SIGINT that arrived as the loop ended was not delivered: it ends the process now.
  if (binding.inspector.sigintPending() && process.listenerCount('SIGINT') === 0) binding.process.defaultSignal(2);
}

module.exports = { start, take, stop, end, active: () => session !== undefined };
