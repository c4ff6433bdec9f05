#!/usr/bin/env bash
# Cold start of an app that require()s the 9 MB typescript compiler (apps/tsc_require.cjs):
# amber with its default code cache (warm: filled by the warm-up runs), amber with the
# cache off, Node 24 without and with NODE_COMPILE_CACHE, and Deno (which keeps V8 code
# caches of the modules it ran), in one run. Prints means and ratios against amber.
# Usage: bench/compile_cache.sh   (needs hyperfine; RUNS=n to change the run count)
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
[ -f ../../shared/v8/env.sh ] && source ../../shared/v8/env.sh
(cd "$root" && cargo build --release -q)
[ -x node_modules/.bin/node ] && [ -d node_modules/typescript ] || npm ci --no-audit --no-fund -q
[ -x node_modules/@deno/linux-x64-glibc/deno ] || npm install --no-save --no-audit --no-fund -q @deno/linux-x64-glibc
amber="$root/target/release/amber"
node24="$(pwd)/node_modules/.bin/node"
deno="$(pwd)/node_modules/@deno/linux-x64-glibc/deno"
cache=$(mktemp -d)
app=apps/tsc_require.cjs
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$cache/r.json" \
  -n "amber (default code cache)" "env XDG_CACHE_HOME=$cache/xdg $amber $app" \
  -n "amber --no-compile-cache" "$amber --no-compile-cache $app" \
  -n "node24" "$node24 $app" \
  -n "node24 NODE_COMPILE_CACHE" "env NODE_COMPILE_CACHE=$cache/node $node24 $app" \
  -n "deno" "env DENO_DIR=$cache/deno $deno run -A $app" > /dev/null
RESULTS="$cache/r.json" python3 - <<'PY'
import json, os
r = json.load(open(os.environ["RESULTS"]))["results"]
a = r[0]["mean"]
print(f"{'runtime':30} {'mean ms':>9} {'± ms':>7} {'vs amber':>9}")
for x in r:
    print(f"{x['command']:30} {x['mean']*1000:9.1f} {x['stddev']*1000:7.1f} {x['mean']/a:8.2f}x")
PY
rm -rf "$cache"
