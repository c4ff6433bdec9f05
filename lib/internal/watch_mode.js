'use strict';
// `--watch` / `--watch-path`: this process does not run the program; it runs it in a
// child process (the same runtime, the same options without the watch ones) and starts
// it again when a watched file changes, as Node's watch mode does. Without
// `--watch-path` the watched files are those the program loaded: the child reports its
// CommonJS modules (`require.cache`) and ES modules over an IPC channel
// (`reportLoadedFiles`, started by `AMBER_WATCH_REPORT` in the child's environment).
// With `--watch-path`, those paths (directories recursively) instead. Changes within
// 200 ms make one restart; the terminal is cleared first (when it shows colours) unless
// `--watch-preserve-output`.

const { getOptionValue } = require('internal/options');

const REPORT_ENV = 'AMBER_WATCH_REPORT';
const DEBOUNCE_MS = 200;

function watchAsked() {
  return getOptionValue('--watch') === true || getOptionValue('--watch-path').length > 0;
}

// The options this process was started with, minus the watch ones (`--watch-path x`
// takes the next argument).
function childExecArgv() {
  const out = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--watch' || a === '--watch-preserve-output' || a.startsWith('--watch-path=')) continue;
    if (a === '--watch-path') {
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function runWatched(entry) {
  const { spawn } = require('child_process');
  const fs = require('fs');
  const path = require('path');
  const { inspect } = require('util');
  const colors = process.stdout.isTTY && process.stdout.hasColors?.();
  const paint = (code, text) => (colors ? `\u001b[${code}m${text}\u001b[39m` : text);
  const clear = colors ? '\u001bc' : '';
  const args = process.argv.slice(2);
  const commandStr = inspect([entry, ...args].map((a, i) => (i === 0 ? path.relative(process.cwd(), a) || a : a)).join(' '));
  const watchPaths = getOptionValue('--watch-path').map((p) => path.resolve(p));
  const preserve = getOptionValue('--watch-preserve-output') === true;
  const watchers = new Map();
  let child;
  let exited;
  let timer;
  let restarting = false;

  function onChange() {
    clearTimeout(timer);
    timer = setTimeout(restart, DEBOUNCE_MS);
  }

  function watch(file, recursive) {
    if (watchers.has(file)) return;
    try {
      const w = fs.watch(file, { recursive, persistent: true }, onChange);
      w.on('error', () => {});
      watchers.set(file, w);
    } catch {
      // gone already: its parent directory change restarts nothing; skip it
    }
  }

  function start() {
    const env = { ...process.env };
    const stdio = ['inherit', 'inherit', 'inherit'];
    if (watchPaths.length === 0) {
      env[REPORT_ENV] = '1';
      stdio.push('ipc');
      watch(path.resolve(entry), false);
    }
    child = spawn(process.execPath, [...childExecArgv(), entry, ...args], { stdio, env });
    exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        if (!restarting) {
          if (code === 0) process.stdout.write(`${paint(34, `Completed running ${commandStr}`)}\n`);
          else process.stdout.write(`${paint(31, `Failed running ${commandStr}`)}\n`);
        }
        resolve();
      });
    });
    child.on('message', (message) => {
      if (message !== null && typeof message === 'object' && Array.isArray(message['watch:files'])) {
        for (const f of message['watch:files']) watch(f, false);
      }
    });
  }

  async function restart() {
    restarting = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    restarting = false;
    if (!preserve) process.stdout.write(clear);
    process.stdout.write(`${paint(32, `Restarting ${commandStr}`)}\n`);
    start();
  }

  for (const p of watchPaths) watch(p, fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() === true);
  start();
  // Ending the watcher ends the program too.
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, async () => {
      for (const w of watchers.values()) w.close();
      clearTimeout(timer);
      restarting = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      await exited;
      process.exit(0);
    });
  }
}

// In the watched child: report the files loaded so far, now and whenever more are
// loaded (checked once a second, without keeping the program alive).
function reportLoadedFiles() {
  delete process.env[REPORT_ENV];
  if (typeof process.send !== 'function') return;
  const { Module } = require('internal/modules/cjs');
  const seen = new Set();
  const report = () => {
    const fresh = [];
    for (const f of Object.keys(Module._cache)) if (!seen.has(f)) { seen.add(f); fresh.push(f); }
    for (const f of binding.esm.loadedFiles()) if (!seen.has(f)) { seen.add(f); fresh.push(f); }
    if (fresh.length > 0 && process.connected) process.send({ 'watch:files': fresh });
  };
  setImmediate(report).unref?.();
  setInterval(report, 1000).unref();
  // The channel must not keep a finished program alive.
  process.channel?.unref?.();
  process.on('exit', () => {
    try {
      report();
    } catch {
      // the channel is closing
    }
  });
}

module.exports = { watchAsked, runWatched, reportLoadedFiles, REPORT_ENV };
