#!/usr/bin/env bash
# Warm snapshots (`snapshot build --warmup`, docs/warmup.md): for each app, time a cold
# amber snapshot, a warm one (the main function ran once at build time) and Node 24 from
# its own user-land snapshot, in one hyperfine run; print medians, ratios, sizes and
# build times.
# Usage: bench/warmup.sh [app ...]   (default: tsc_app; each app's main ignores its
# arguments, so the warm-up runs it with none)
source "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
apps=("$@")
[ ${#apps[@]} -eq 0 ] && apps=(tsc_app)
now() { date +%s.%N; }
for app in "${apps[@]}"; do
  js="apps/$app.js"
  t0=$(now); "$amber" snapshot build "$js" -o "$out/$app.cold.snap" 2>/dev/null; t1=$(now)
  "$amber" snapshot build "$js" -o "$out/$app.warm.snap" --warmup '' >/dev/null 2>&1; t2=$(now)
  "$node24" --snapshot-blob "$out/$app.n24.blob" --build-snapshot "$js" >/dev/null 2>&1; t3=$(now)
  # The three must print the same thing.
  a=$("$amber" "$out/$app.cold.snap"); b=$("$amber" "$out/$app.warm.snap"); c=$("$node24" --snapshot-blob "$out/$app.n24.blob")
  [ "$a" = "$b" ] && [ "$a" = "$c" ] || { echo "outputs differ: '$a' / '$b' / '$c'" >&2; exit 1; }
  hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json "$out/$app.json" \
    -n "node24 --snapshot-blob" "$node24 --snapshot-blob $out/$app.n24.blob" \
    -n "amber cold snapshot" "$amber $out/$app.cold.snap" \
    -n "amber warm snapshot" "$amber $out/$app.warm.snap" > /dev/null 2>&1
  APP=$app OUT=$out B_COLD=$(echo "$t1 - $t0" | bc) B_WARM=$(echo "$t2 - $t1" | bc) B_N24=$(echo "$t3 - $t2" | bc) python3 - <<'PY'
import json, os
app, out = os.environ["APP"], os.environ["OUT"]
res = json.load(open(f"{out}/{app}.json"))["results"]
med = {x["command"]: x["median"] * 1000 for x in res}
lo = {x["command"]: x["min"] * 1000 for x in res}
hi = {x["command"]: x["max"] * 1000 for x in res}
cpu = {x["command"]: (x["user"] + x["system"]) * 1000 for x in res}
n24 = med["node24 --snapshot-blob"]
print(f"\n### {app} ({len(res[0]['times'])} runs each)\n")
# CPU time (user + system, means) is printed too: on a loaded machine it moves less
# than wall time.
print("| start | median ms | min-max ms | node24 snapshot / this | CPU ms | node24 CPU / this |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
n24c = cpu["node24 --snapshot-blob"]
for k, v in med.items():
    print(f"| {k} | {v:.1f} | {lo[k]:.1f}-{hi[k]:.1f} | {n24 / v:.2f}x | {cpu[k]:.1f} | {n24c / cpu[k]:.2f}x |")
size = lambda p: os.path.getsize(p) / 1048576
cold, warm, n24b = size(f"{out}/{app}.cold.snap"), size(f"{out}/{app}.warm.snap"), size(f"{out}/{app}.n24.blob")
print(f"\nsnapshot size: amber cold {cold:.2f} MiB, amber warm {warm:.2f} MiB ({warm / cold:.3f}x cold), node24 {n24b:.2f} MiB")
print(f"build time: amber cold {float(os.environ['B_COLD']):.2f} s, amber warm {float(os.environ['B_WARM']):.2f} s, node24 {float(os.environ['B_N24']):.2f} s")
print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
print(f"warm vs cold snapshot: {med['amber cold snapshot'] / med['amber warm snapshot']:.2f}x faster; "
      f"warm vs node24 snapshot: {n24 / med['amber warm snapshot']:.2f}x faster (goal 2.5x); "
      f"warm size {warm / cold:.3f}x cold (goal <= 1.15x)")
PY
done
