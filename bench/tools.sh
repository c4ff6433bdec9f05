#!/usr/bin/env bash
# Real npm tools: node vs amber from source vs amber from a snapshot, in one run.
# For each tool: startup (`--version`) and a run on the fixture of tests/compat.
# Prints a markdown table with ratios against node and the snapshot sizes.
# Usage: bench/tools.sh   (needs `npm ci --prefix tests/compat`)
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
[ -f ../../shared/v8/env.sh ] && source ../../shared/v8/env.sh
(cd "$root" && cargo build --release -q)
compat="$root/tests/compat"
[ -d "$compat/node_modules/typescript" ] || npm ci --prefix "$compat" --no-audit --no-fund -q
amber="$root/target/release/amber"
nm="$compat/node_modules"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A bin=([tsc]=typescript/bin/tsc [marked]=marked/bin/marked.js [prettier]=prettier/bin/prettier.cjs [eslint]=eslint/bin/eslint.js [webpack]=webpack-cli/bin/cli.js)
declare -A entry=([tsc]=tsc.js [marked]=marked.mjs [prettier]=prettier.mjs [eslint]=eslint.js [webpack]=webpack.js)
# name|working dir|arguments for the fixture run
runs=(
  "tsc|$compat|-p fixtures/ts-errors"
  "marked|$compat|-i fixtures/marked.md"
  "prettier|$compat/fixtures/prettier|--check ."
  "eslint|$compat/fixtures/eslint|src"
  "webpack|$out/webpack|"
)
cp -r "$compat/fixtures/webpack" "$out/webpack"
echo "| tool | task | node | amber | amber snapshot | snapshot vs node | snapshot size |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for spec in "${runs[@]}"; do
  IFS='|' read -r tool dir args <<< "$spec"
  snap="$out/$tool.snap"
  (cd "$compat/snapshot" && "$amber" snapshot build "${entry[$tool]}" -o "$snap" 2>/dev/null)
  size=$(python3 -c "import os;print(f'{os.path.getsize(\"$snap\")/1048576:.1f} MiB')")
  for task in version fixture; do
    if [ "$task" = version ]; then a="--version"; else a="$args"; fi
    (cd "$dir" && hyperfine -N -i --warmup 2 --runs "${RUNS:-10}" --export-json "$out/r.json" \
      -n node "node $nm/${bin[$tool]} $a" \
      -n amber "$amber $nm/${bin[$tool]} $a" \
      -n snap "$amber $snap $a" > /dev/null 2>&1)
    python3 - "$tool" "$task" "$size" "$out/r.json" <<'PY'
import json, sys
tool, task, size, path = sys.argv[1:]
r = {x["command"]: x["mean"] * 1000 for x in json.load(open(path))["results"]}
print(f"| {tool} | {task} | {r['node']:.0f} ms | {r['amber']:.0f} ms | {r['snap']:.0f} ms | {r['node'] / r['snap']:.1f}x | {size} |")
PY
  done
done
