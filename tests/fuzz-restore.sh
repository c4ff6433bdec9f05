#!/usr/bin/env bash
# Long restore-path fuzz campaigns over real snapshots (crates/cli/tests/fuzz_restore.rs):
# bit flips, truncations, appended bytes and extreme length fields, with and without
# fixed-up checksums. CI runs the same tests with 200 runs per mode; this runs more,
# over several seeds, and also measures what only a signature prevents.
#   tests/fuzz-restore.sh [runs per mode, default 2000] [seeds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2000}
seeds=${2:-3}
for seed in $(seq 1 "$seeds"); do
  echo "== seed $seed, $runs runs per mode"
  AMBER_FUZZ_RUNS=$runs AMBER_FUZZ_SEED=$seed cargo test -q -p amber_cli --test fuzz_restore -- --include-ignored --nocapture --test-threads=1 2>&1 \
    | grep --line-buffered -E '^(fuzz |reached V8|test result|thread .* panicked)'
done
