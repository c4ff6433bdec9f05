#!/usr/bin/env bash
# WebAssembly after a snapshot restore (docs/wasm-in-snapshots.md): a generated 2.1 MB
# module (apps/wasm_gen.js, 3,000 functions) compiled, instantiated and run three times by
# apps/wasm_app.js, in one run: Node 20 (on PATH) and Node 24 from source, amber from
# source, amber from a snapshot whose deserialize callback compiles the module, and amber
# from a snapshot where the module was declared with amber:wasm's precompile() (its
# optimized code is in the snapshot). Prints the median of the in-process times
# (compile+instantiate, the three runs) and of the whole process (hyperfine).
# Usage: bench/wasm_snapshot.sh   (RUNS=n processes per command; AMBER=path for another build;
#   FUNCS=n functions in the module)
set -euo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)
# shellcheck disable=SC1091
[ -f "$root/../shared/v8/env.sh" ] && source "$root/../shared/v8/env.sh"
[ -n "${NO_BUILD:-}${AMBER:-}" ] || (cd "$root" && cargo build --release -q)
amber=${AMBER:-$root/target/release/amber}
node20=$(command -v node)
node24="$bench/node_modules/.bin/node"  # installed by lib.sh for the other scripts
[ -x "$node24" ] || node24="${NODE24:-}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export WASM="$out/big.wasm" RUNS=3
"$node20" "$bench/apps/wasm_gen.js" "$WASM" "${FUNCS:-3000}"
"$amber" snapshot build "$bench/apps/wasm_app.js" -o "$out/plain.snap" > /dev/null
PRECOMPILE=1 "$amber" snapshot build "$bench/apps/wasm_app.js" -o "$out/pre.snap" > /dev/null
declare -a names cmds
add() { names+=("$1"); cmds+=("$2"); }
add "node 20" "$node20 $bench/apps/wasm_app.js"
[ -n "$node24" ] && add "node 24" "$node24 $bench/apps/wasm_app.js"
add "amber" "$amber $bench/apps/wasm_app.js"
add "amber snapshot, compiled in a deserialize callback" "$amber $out/plain.snap"
add "amber snapshot, precompile()" "$amber $out/pre.snap"
n=${PROCS:-${RUNS_PER:-10}}
echo "module: $(python3 -c "import os,sys;print(f'{os.path.getsize(sys.argv[1])/1048576:.1f} MiB')" "$WASM"), snapshots: $(du -h "$out/plain.snap" | cut -f1) / $(du -h "$out/pre.snap" | cut -f1) (plain / precompiled)"
echo "| command | compile + instantiate | 3 runs | process (hyperfine) |"
echo "| --- | ---: | ---: | ---: |"
for i in "${!names[@]}"; do
  for _ in $(seq "$n"); do $(echo "${cmds[$i]}"); done > "$out/lines"
  hf=""
  if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 1 --runs "$n" --export-json "$out/h.json" "${cmds[$i]}" > /dev/null 2>&1
    hf=$(python3 -c "import json,sys;print(f\"{json.load(open(sys.argv[1]))['results'][0]['median']*1000:.0f} ms\")" "$out/h.json")
  fi
  python3 - "${names[$i]}" "$out/lines" "$hf" <<'PY'
import json, statistics, sys
name, path, hf = sys.argv[1:]
rows = [json.loads(l) for l in open(path) if l.startswith('{')]
c = statistics.median(r['compileMs'] for r in rows)
r = statistics.median(r['runMs'] for r in rows)
print(f"| {name} | {c:.1f} ms | {r:.1f} ms | {hf or '-'} |")
PY
done
