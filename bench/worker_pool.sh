#!/usr/bin/env bash
# Time to start a pool of 8 workers that each load the typescript compiler and post back
# ts.version (apps/worker_pool.js, apps/ts_worker.js), in one run:
#   node24                     Node 24 (bench/node_modules), the script
#   node20                     the system node, the script
#   amber                      amber from source (its runtime snapshot), the script
#   amber snapshot (library)   a snapshot of the app: workers start from the library-only
#                              worker context and load typescript each
#   amber snapshot (--worker)  a snapshot with a worker context prebuilt for ts_worker.js:
#                              each worker is one context deserialization, no loading
# Prints means (wall and CPU time) and ratios against node24.
# Usage: bench/worker_pool.sh   (builds amber in release mode first; AMBER=path skips that;
# needs hyperfine; RUNS=n, WORKERS=n to change the run and worker counts)
source "$(dirname "$0")/lib.sh"
AMBER=$amber
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$AMBER" snapshot build apps/worker_pool.js -o "$work/library.snap" 2>/dev/null
"$AMBER" snapshot build apps/worker_pool.js --worker apps/ts_worker.js -o "$work/prebuilt.snap" 2>/dev/null
# Every variant must answer with 8 versions before it is timed.
for cmd in "$node24 apps/worker_pool.js" "$AMBER apps/worker_pool.js" "$AMBER $work/library.snap" "$AMBER $work/prebuilt.snap"; do
  out=$(PRINT=1 $cmd)
  [ "$(wc -w <<<"$out")" = "${WORKERS:-8}" ] || { echo "$cmd answered: $out"; exit 1; }
done
hyperfine -N --warmup 1 --runs "${RUNS:-10}" --export-json "$work/r.json" \
  -n "node24" "$node24 apps/worker_pool.js" \
  -n "node20" "node apps/worker_pool.js" \
  -n "amber" "$AMBER apps/worker_pool.js" \
  -n "amber snapshot (library)" "$AMBER $work/library.snap" \
  -n "amber snapshot (--worker)" "$AMBER $work/prebuilt.snap" > /dev/null
echo "snapshot sizes: library $(du -m "$work/library.snap" | cut -f1) MiB, with the prebuilt worker context $(du -m "$work/prebuilt.snap" | cut -f1) MiB"
RESULTS="$work/r.json" python3 - <<'PY'
import json, os
r = json.load(open(os.environ["RESULTS"]))["results"]
base = r[0]["mean"]
cpu = lambda x: x["user"] + x["system"]
# CPU time (user + system, all threads) is printed too: the machine's load inflates wall
# time, not the work done.
print(f"{'runtime':28} {'mean ms':>9} {'± ms':>7} {'vs node24':>10} {'CPU ms':>8} {'vs node24':>10}")
for x in r:
    print(f"{x['command']:28} {x['mean']*1000:9.1f} {x['stddev']*1000:7.1f} {x['mean']/base:9.2f}x {cpu(x)*1000:8.1f} {cpu(x)/cpu(r[0]):9.2f}x")
PY
