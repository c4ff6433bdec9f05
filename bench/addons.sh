#!/usr/bin/env bash
# Node-API tools (issue 8): node 24 vs amber from source vs amber from a snapshot that
# loaded the tool's addon at build time, in one run. Each job is the tool's script in
# tests/compat/snapshot/ (it loads the package, then runs the fixture of
# tests/compat/fixtures/addons: rollup bundles in three formats, swc transforms and
# minifies, lightningcss transforms and minifies), plus a "load" job that only requires
# the package (pure startup). Prints a markdown table with ratios against node 24.
# Wall times are means over RUNS (20) runs, as hyperfine reports them; "CPU" is user +
# system time, which a machine loaded by other work inflates less than wall time.
# BASE=path/to/another/amber adds that build's snapshot to the same run (before/after
# figures of a change, each against the same node 24 runs).
# Usage: bench/addons.sh   (needs `npm ci --prefix tests/compat` and bench's node 24)
source "$(dirname "$0")/lib.sh"
compat="$root/tests/compat"
[ -d "$compat/node_modules/@swc/core" ] || npm ci --prefix "$compat" --no-audit --no-fund -q
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A pkg=([rollup]=rollup [swc]=@swc/core [lightningcss]=lightningcss)
base=${BASE:-}
if [ -n "$base" ]; then
  echo "| tool | job | node 24 | amber | amber snapshot | snapshot vs node 24 | CPU vs node 24 | base snapshot | base vs node 24 | base CPU vs node 24 | snapshot size |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
else
  echo "| tool | job | node 24 | amber | amber snapshot | snapshot vs node 24 | CPU vs node 24 | snapshot size |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
fi
for tool in rollup swc lightningcss; do
  # "load": require the package and print one line; "fixture": the fixture script.
  cat > "$out/$tool-load.js" <<JS
const m = require('$compat/node_modules/${pkg[$tool]}');
const main = () => console.log(Object.keys(m).length);
const v8 = require('v8');
if (v8.startupSnapshot?.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else main();
JS
  for job in load fixture; do
    if [ "$job" = load ]; then js="$out/$tool-load.js"; else js="$compat/snapshot/$tool.js"; fi
    snap="$out/$tool-$job.snap"
    "$amber" snapshot build "$js" -o "$snap" 2>/dev/null
    size=$(python3 -c "import os;print(f'{os.path.getsize(\"$snap\")/1048576:.1f} MiB')")
    extra=()
    if [ -n "$base" ]; then
      "$base" snapshot build "$js" -o "$out/$tool-$job.base.snap" 2>/dev/null
      extra=(-n base "$base $out/$tool-$job.base.snap")
    fi
    (cd "$compat/snapshot" && hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$out/r.json" \
      -n node "$node24 $js" \
      -n amber "$amber $js" \
      -n snap "$amber $snap" "${extra[@]}" > /dev/null 2>&1)
    python3 - "$tool" "$job" "$size" "$out/r.json" <<'PY'
import json, sys
tool, job, size, path = sys.argv[1:]
res = json.load(open(path))["results"]
r = {x["command"]: x["mean"] * 1000 for x in res}
cpu = {x["command"]: x["user"] + x["system"] for x in res}
row = f"| {tool} | {job} | {r['node']:.0f} ms | {r['amber']:.0f} ms | {r['snap']:.0f} ms | {r['node'] / r['snap']:.1f}x | {cpu['node'] / cpu['snap']:.1f}x |"
if "base" in r:
    row += f" {r['base']:.0f} ms | {r['node'] / r['base']:.1f}x | {cpu['node'] / cpu['base']:.1f}x |"
print(f"{row} {size} |")
PY
  done
done
