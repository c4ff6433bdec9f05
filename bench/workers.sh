#!/usr/bin/env bash
# Time to spawn 8 workers that each require('typescript'): amber vs node, in one run.
# Usage: bench/workers.sh   (builds amber in release mode first; AMBER=path skips that;
# needs `npm ci --prefix tests/compat` for typescript; hyperfine when available, else a loop)
source "$(dirname "$0")/lib.sh"
compat_modules
export TS_DIR="${TS_DIR:-$root/tests/compat/node_modules}"
AMBER=$amber
NODE=${NODE:-node}
RUNS=${RUNS:-10}
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 1 --runs "$RUNS" --export-json /tmp/amber-workers.json \
    -n amber "$AMBER apps/workers8.js" -n node "$NODE apps/workers8.js" > /dev/null
  python3 - <<'PY'
import json
r = {x["command"]: x for x in json.load(open("/tmp/amber-workers.json"))["results"]}
a = r["amber"]["mean"]
print(f"{'runtime':8} {'mean ms':>9} {'± ms':>7} {'vs amber':>9}")
for k in ["amber", "node"]:
    print(f"{k:8} {r[k]['mean']*1000:9.1f} {r[k]['stddev']*1000:7.1f} {r[k]['mean']/a:8.2f}x")
PY
else
  mean() {
    local start end
    "$@" apps/workers8.js >/dev/null
    start=$(date +%s%N)
    for _ in $(seq "$RUNS"); do "$@" apps/workers8.js >/dev/null; done
    end=$(date +%s%N)
    echo $(( (end - start) / RUNS / 1000000 ))
  }
  a=$(mean "$AMBER")
  n=$(mean "$NODE")
  echo "amber ${a} ms, node ${n} ms: node/amber = $(python3 -c "print(f'{$n/$a:.2f}')")x (mean of $RUNS runs)"
fi
