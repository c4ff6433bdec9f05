'use strict';
// node:test (only reachable with the `node:` scheme): test/it/describe/suite with
// skip/todo/only, the global hooks, `mock`, and `run` (test files in child
// processes). The runner itself lives in internal/test_runner/.

const harness = require('internal/test_runner/harness');

// As in Node, reporters and destinations that do not pair up are an error as soon
// as node:test is loaded (a file run by run() reports to its parent instead).
if (process.env.AMBER_TEST_RUNNER_CHILD !== '1') require('internal/test_runner/reporters').parseCommandLine();

function run(options) {
  return require('internal/test_runner/runner').run(options);
}

let mock;
const test = harness.test;
module.exports = test;
Object.assign(test, {
  after: harness.after,
  afterEach: harness.afterEach,
  before: harness.before,
  beforeEach: harness.beforeEach,
  describe: harness.describe,
  it: harness.it,
  run,
  suite: harness.suite,
  test,
});
Object.defineProperty(test, 'mock', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    if (mock === undefined) {
      const { MockTracker } = require('internal/test_runner/mock');
      mock = new MockTracker();
    }
    return mock;
  },
});

// What `amber --test` calls (crates/cli/src/args.rs); not enumerable.
Object.defineProperty(test, Symbol.for('amber.test.runFromCli'), {
  __proto__: null,
  value: (args) => require('internal/test_runner/runner').runFromCli(args),
});
