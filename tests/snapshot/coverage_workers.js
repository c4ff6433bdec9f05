// Loads worker_threads, so the snapshot holds a second (worker) context, bootstrapped in
// the same build process: NODE_V8_COVERAGE still writes one file for the build.
require('worker_threads');
globalThis.ready = true;
