#!/usr/bin/env bash
# Hello-world startup: amber vs the floor (bench/floor: a bare V8 that restores a
# snapshot holding one native console.log and runs the script), Node 20 (system), Node 24
# and, where installed, Deno and Bun (bench/package.json's optional dependencies), in the
# same run: medians, spread, ratio to amber and to the floor (issue 12's goal: amber at
# most 1.05x the floor), the peak resident memory of one run each (GNU time) and, when
# valgrind is installed, the instructions one run of amber, the floor and Bun executes
# (callgrind, all threads), which a loaded machine does not inflate.
# Usage: bench/startup.sh   (RUNS=50; needs hyperfine; COUNT=0 skips the instruction counts)
source "$(dirname "$0")/lib.sh"
need hyperfine
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The floor: its own package (outside the workspace), built with amber's release
# settings the first time; its snapshot is made by the floor itself.
floor="$bench/floor/target/release/amber-floor"
[ -x "$floor" ] || (cd "$bench/floor" && cargo build --release -q)
"$floor" --build "$out/floor.snap"
cmds=(-n amber "$amber apps/hello.js" -n floor "$floor $out/floor.snap apps/hello.js" -n node20 "node apps/hello.js" -n node24 "$node24 apps/hello.js")
[ -n "$deno" ] && cmds+=(-n deno "$deno run -A apps/hello.js")
[ -n "$bun" ] && cmds+=(-n bun "$bun apps/hello.js")
hyperfine -N --warmup 5 --runs "${RUNS:-50}" --export-json "$out/r.json" "${cmds[@]}" > /dev/null
hf_table "$out/r.json" amber
echo
python3 - "$out/r.json" <<'PY'
import json, sys
med = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
print(f"amber / floor: {med['amber'] / med['floor']:.2f}x (goal: at most 1.05x)", end="")
print(f"; amber / bun: {med['amber'] / med['bun']:.2f}x" if "bun" in med else "")
PY
# Instructions of one run (every thread), from callgrind.
if [ "${COUNT:-1}" != 0 ] && command -v valgrind >/dev/null; then
  instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
  echo
  echo "| runtime | instructions (callgrind) |"
  echo "| --- | ---: |"
  echo "| amber | $(instr "$amber" apps/hello.js) |"
  echo "| floor | $(instr "$floor" "$out/floor.snap" apps/hello.js) |"
  [ -n "$bun" ] && echo "| bun | $(instr "$bun" apps/hello.js) |"
fi
# Peak RSS: one run each.
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "| runtime | peak RSS |"
echo "| --- | ---: |"
echo "| amber | $(($(rss "$amber" apps/hello.js) / 1024)) MiB |"
echo "| floor | $(($(rss "$floor" "$out/floor.snap" apps/hello.js) / 1024)) MiB |"
echo "| node20 | $(($(rss node apps/hello.js) / 1024)) MiB |"
echo "| node24 | $(($(rss "$node24" apps/hello.js) / 1024)) MiB |"
[ -n "$deno" ] && echo "| deno | $(($(rss "$deno" run -A apps/hello.js) / 1024)) MiB |"
[ -n "$bun" ] && echo "| bun | $(($(rss "$bun" apps/hello.js) / 1024)) MiB |"
exit 0
