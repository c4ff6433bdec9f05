#!/usr/bin/env bash
# Hello-world startup: amber vs Node 20 (system) and Node 24, in the same run.
# Usage: bench/startup.sh   (builds amber in release mode first; needs hyperfine and GNU time)
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
[ -f ../../shared/v8/env.sh ] && source ../../shared/v8/env.sh
(cd "$root" && cargo build --release -q)
[ -x node_modules/.bin/node ] || npm install --no-audit --no-fund -q
amber="$root/target/release/amber"
node24="$(pwd)/node_modules/.bin/node"
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)"; exit 1; }
hyperfine -N --warmup 5 --runs "${RUNS:-50}" --export-json /tmp/amber-startup.json \
  -n amber "$amber apps/hello.js" \
  -n node20 "node apps/hello.js" \
  -n node24 "$node24 apps/hello.js" > /dev/null
# Peak resident memory of one run each (GNU time).
rss() { /usr/bin/time -f %M "$@" apps/hello.js 2>&1 >/dev/null | tail -1; }
RSS_AMBER=$(rss "$amber") RSS_NODE20=$(rss node) RSS_NODE24=$(rss "$node24") python3 - <<'PY'
import json, os
r = {x["command"]: x for x in json.load(open("/tmp/amber-startup.json"))["results"]}
a = r["amber"]["mean"]
rss = {"amber": os.environ["RSS_AMBER"], "node20": os.environ["RSS_NODE20"], "node24": os.environ["RSS_NODE24"]}
print(f"{'runtime':10} {'mean ms':>9} {'± ms':>7} {'vs amber':>9} {'peak RSS':>10}")
for k in ["amber", "node20", "node24"]:
    m = r[k]["mean"]; s = r[k]["stddev"]
    print(f"{k:10} {m*1000:9.1f} {s*1000:7.1f} {m/a:8.2f}x {int(rss[k]) / 1024:8.1f} MB")
PY
