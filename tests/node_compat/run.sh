#!/usr/bin/env bash
# Runs Node's own tests on amber (crates/cli/tests/node_compat.rs).
#   tests/node_compat/run.sh                 all selected tests, compared with expected_pass.txt
#   tests/node_compat/run.sh buffer,test-fs-read   only these areas / files whose names start so
#   tests/node_compat/run.sh --update [f]    add the tests that pass in this run to expected_pass.txt
#                                            (never removes one: a listed failure is reported)
# NODE_COMPAT_REPORT=file writes one line per test (status and first error line).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--update" ]; then
  export NODE_COMPAT_UPDATE=1
  shift
fi
export NODE_COMPAT_FILTER="${1:-}"
if [ -f ../shared/v8/env.sh ]; then
  # shellcheck disable=SC1091
  source ../shared/v8/env.sh
fi
exec cargo test -p amber_cli --test node_compat -- --nocapture
