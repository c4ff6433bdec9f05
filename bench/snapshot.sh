#!/usr/bin/env bash
# Startup from snapshots: for each app, time `node app.js`, `amber app.js`, Node's own
# user-land snapshot (`node --snapshot-blob`, Node 20 and 24) and `amber app.snap`, in
# one run; print each ratio, the snapshot sizes and the build times.
# Usage: bench/snapshot.sh [app ...]   (default: trivial tsc_app)
source "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
apps=("$@")
[ ${#apps[@]} -eq 0 ] && apps=(trivial tsc_app)
now() { date +%s.%N; }
for app in "${apps[@]}"; do
  js="apps/$app.js"
  t0=$(now); "$amber" snapshot build "$js" -o "$out/$app.snap" 2>/dev/null; t1=$(now)
  node --snapshot-blob "$out/$app.n20.blob" --build-snapshot "$js" >/dev/null 2>&1; t2=$(now)
  "$node24" --snapshot-blob "$out/$app.n24.blob" --build-snapshot "$js" >/dev/null 2>&1; t3=$(now)
  hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$out/$app.json" \
    -n "node20 $app.js" "node $js" \
    -n "node24 $app.js" "$node24 $js" \
    -n "amber $app.js" "$amber $js" \
    -n "node20 --snapshot-blob" "node --snapshot-blob $out/$app.n20.blob" \
    -n "node24 --snapshot-blob" "$node24 --snapshot-blob $out/$app.n24.blob" \
    -n "amber $app.snap" "$amber $out/$app.snap" > /dev/null 2>&1
  APP=$app OUT=$out B_AMBER=$(echo "$t1 - $t0" | bc) B_N20=$(echo "$t2 - $t1" | bc) B_N24=$(echo "$t3 - $t2" | bc) python3 - <<'PY'
import json, os
app, out = os.environ["APP"], os.environ["OUT"]
res = json.load(open(f"{out}/{app}.json"))["results"]
r = {x["command"]: x["median"] * 1000 for x in res}
snap = r[f"amber {app}.snap"]
print(f"\n### {app}\n")
print(f"| command | median ms | vs amber snapshot |")
print(f"| --- | ---: | ---: |")
for k, v in r.items():
    print(f"| {k} | {v:.1f} | {v / snap:.2f}x |")
size = lambda p: os.path.getsize(p) / 1048576 if os.path.exists(p) else float("nan")
print(f"\nsnapshot size: amber {size(f'{out}/{app}.snap'):.1f} MiB, node20 {size(f'{out}/{app}.n20.blob'):.1f} MiB, node24 {size(f'{out}/{app}.n24.blob'):.1f} MiB")
print(f"build time: amber {float(os.environ['B_AMBER']):.2f} s, node20 {float(os.environ['B_N20']):.2f} s, node24 {float(os.environ['B_N24']):.2f} s")
n24 = r["node24 --snapshot-blob"]
print(f"amber snapshot vs node24 snapshot: {n24 / snap:.2f}x faster")
PY
done
rm -rf "$out"
