#!/usr/bin/env bash
# Real npm tools (tests/compat's pinned packages): Node 24 vs amber from source vs amber
# from a cold snapshot vs amber from a warm snapshot (`--warmup` with the same two
# command lines, docs/warmup.md), in one run. For each tool: startup (`--version`) and a
# run on the fixture of tests/compat. Prints medians, ratios against Node 24 and the
# snapshot sizes.
# Usage: bench/tools.sh   (RUNS=10; needs hyperfine)
source "$(dirname "$0")/lib.sh"
need hyperfine
compat_modules
compat="$root/tests/compat"
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
echo "| tool | task | node 24 | amber | amber snapshot | amber warm snapshot | warm vs node 24 | sizes cold / warm |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for spec in "${runs[@]}"; do
  IFS='|' read -r tool dir args <<< "$spec"
  snap="$out/$tool.snap"
  warm="$out/$tool.warm.snap"
  (cd "$compat/snapshot" && "$amber" snapshot build "${entry[$tool]}" -o "$snap" 2>/dev/null)
  # The warm-ups run in the fixture's directory, as the timed runs do.
  (cd "$dir" && "$amber" snapshot build "$compat/snapshot/${entry[$tool]}" -o "$warm" --warmup "--version" --warmup "$args" >/dev/null 2>&1)
  sizes="$(mib "$snap") / $(mib "$warm")"
  for task in version fixture; do
    if [ "$task" = version ]; then a="--version"; else a="$args"; fi
    (cd "$dir" && hyperfine -N -i --warmup 2 --runs "${RUNS:-10}" --export-json "$out/r.json" \
      -n node24 "$node24 $nm/${bin[$tool]} $a" \
      -n amber "$amber $nm/${bin[$tool]} $a" \
      -n snap "$amber $snap $a" \
      -n warm "$amber $warm $a" > /dev/null 2>&1)
    python3 - "$tool" "$task" "$sizes" "$out/r.json" <<'PY'
import json, sys
tool, task, sizes, path = sys.argv[1:]
r = {x["command"]: x["median"] * 1000 for x in json.load(open(path))["results"]}
print(f"| {tool} | {task} | {r['node24']:.0f} ms | {r['amber']:.0f} ms | {r['snap']:.0f} ms | {r['warm']:.0f} ms | {r['node24'] / r['warm']:.1f}x | {sizes} |")
PY
  done
done
