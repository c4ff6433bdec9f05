#!/usr/bin/env bash
# Memory of many processes at once: N (default 50) concurrent processes of an app that
# loaded the typescript compiler (apps/idle_tsc.js), started as `node24 app.js`,
# `node24 --snapshot-blob`, `amber app.js` and `amber app.snap`. Prints the sum of their
# proportional set sizes (PSS: each shared page counted once over the processes sharing
# it, from /proc/PID/smaps_rollup) and of their resident sizes, per group and per process.
# amber maps the snapshot file and its own binary, so those pages are shared.
# Usage: bench/memory.sh   (N=50)
source "$(dirname "$0")/lib.sh"
n=${N:-50}
out=$(mktemp -d)
pids=()
cleanup() { [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null; rm -rf "$out"; }
trap cleanup EXIT
"$amber" snapshot build apps/idle_tsc.js -o "$out/app.snap" 2>/dev/null
"$node24" --snapshot-blob "$out/app.n24.blob" --build-snapshot apps/idle_tsc.js >/dev/null 2>&1
group() {
  local name=$1; shift
  pids=()
  for i in $(seq "$n"); do
    "$@" > "$out/$i.out" 2>&1 &
    pids+=($!)
  done
  # Every process has loaded the compiler once it printed 'ready' (at most 5 minutes).
  for _ in $(seq 3000); do
    [ "$(cat "$out"/*.out | grep -c '^ready')" -ge "$n" ] && break
    sleep 0.1
  done
  [ "$(cat "$out"/*.out | grep -c '^ready')" -ge "$n" ] || { echo "$name: not all $n processes became ready" >&2; exit 1; }
  python3 - "$name" "$n" "${pids[@]}" <<'PY'
import sys
name, n, pids = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pss = rss = 0
for p in pids:
    for line in open(f"/proc/{p}/smaps_rollup"):
        k, v = line.split(":", 1)
        if k == "Pss": pss += int(v.split()[0])
        if k == "Rss": rss += int(v.split()[0])
print(f"| {name} | {pss / 1024:.0f} MiB | {pss / 1024 / n:.1f} MiB | {rss / 1024:.0f} MiB |")
PY
  kill "${pids[@]}" 2>/dev/null
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
  rm -f "$out"/*.out
}
echo "| $n processes | PSS total | PSS per process | RSS total |"
echo "| --- | ---: | ---: | ---: |"
group "node24 app.js" "$node24" apps/idle_tsc.js
group "node24 --snapshot-blob" "$node24" --snapshot-blob "$out/app.n24.blob"
group "amber app.js" "$amber" apps/idle_tsc.js
group "amber app.snap" "$amber" "$out/app.snap"
