#!/usr/bin/env bash
# Hello-world startup: amber vs Node 20 (system), Node 24 and, where installed, Deno and
# Bun (bench/package.json's optional dependencies), in the same run: medians, spread,
# ratio to amber, and the peak resident memory of one run each (GNU time).
# Usage: bench/startup.sh   (RUNS=50; needs hyperfine)
source "$(dirname "$0")/lib.sh"
need hyperfine
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cmds=(-n amber "$amber apps/hello.js" -n node20 "node apps/hello.js" -n node24 "$node24 apps/hello.js")
[ -n "$deno" ] && cmds+=(-n deno "$deno run -A apps/hello.js")
[ -n "$bun" ] && cmds+=(-n bun "$bun apps/hello.js")
hyperfine -N --warmup 5 --runs "${RUNS:-50}" --export-json "$out/r.json" "${cmds[@]}" > /dev/null
hf_table "$out/r.json" amber
# Peak RSS: one run each.
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "| runtime | peak RSS |"
echo "| --- | ---: |"
echo "| amber | $(($(rss "$amber" apps/hello.js) / 1024)) MiB |"
echo "| node20 | $(($(rss node apps/hello.js) / 1024)) MiB |"
echo "| node24 | $(($(rss "$node24" apps/hello.js) / 1024)) MiB |"
[ -n "$deno" ] && echo "| deno | $(($(rss "$deno" run -A apps/hello.js) / 1024)) MiB |"
[ -n "$bun" ] && echo "| bun | $(($(rss "$bun" apps/hello.js) / 1024)) MiB |"
exit 0
