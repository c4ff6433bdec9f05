#!/usr/bin/env bash
# Cold start of an app that require()s the 9 MB typescript compiler (apps/tsc_require.cjs):
# amber with its default code cache (warm: filled by the warm-up runs), amber with the
# cache off, Node 24 without and with NODE_COMPILE_CACHE, and Deno (which keeps V8 code
# caches of the modules it ran), in one run. Prints medians and ratios against amber.
# Usage: bench/compile_cache.sh   (needs hyperfine; RUNS=n to change the run count)
source "$(dirname "$0")/lib.sh"
need hyperfine
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
app=apps/tsc_require.cjs
cmds=(-n "amber (default code cache)" "env XDG_CACHE_HOME=$cache/xdg $amber $app"
  -n "amber --no-compile-cache" "$amber --no-compile-cache $app"
  -n "node24" "$node24 $app"
  -n "node24 NODE_COMPILE_CACHE" "env NODE_COMPILE_CACHE=$cache/node $node24 $app")
[ -n "$deno" ] && cmds+=(-n "deno" "env DENO_DIR=$cache/deno $deno run -A $app")
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$cache/r.json" "${cmds[@]}" > /dev/null
hf_table "$cache/r.json" "amber (default code cache)"
