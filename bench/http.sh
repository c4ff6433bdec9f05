#!/usr/bin/env bash
# HTTP servers: requests per second and p99 latency of a hello-world node:http server and
# an express app under load, amber (release) vs Node 20 (system) vs Node 24; then time to
# first response of an express app with 50 routes and an ejs page: `node app.js`,
# `amber app.js`, `amber app.snap` (the app configured at snapshot build time), `amber
# app.snap` whose server was already listening at build time (carried, listens again at
# restore), and that snapshot warmed up by one request at build (`--warmup`).
# Usage: bench/http.sh   (DURATION=seconds per load run, CONNECTIONS, RUNS for hyperfine,
# ROUNDS=n load rounds with the runtimes interleaved, medians reported, APPS="http_hello"
# to load only some apps, RUNTIMES="amber node24" to load only some runtimes, AMBER_BASE=path
# to load another amber build too (as amber_base: a change's before and after in one run),
# TTFR=0 to skip the time-to-first-response part). Each load reports requests per second,
# the p99 latency and the server's CPU time per request (user + system, all its threads).
# The load generator is `wrk` when installed (apt-get install wrk), otherwise autocannon
# from npm, installed with express into bench/.http/ (--no-save, not committed).
source "$(dirname "$0")/lib.sh"
need hyperfine
work="$(pwd)/.http"
mkdir -p "$work"
deps=(express@5.3.0 ejs@7.0.2)
command -v wrk >/dev/null || deps+=(autocannon@8)
[ -d "$work/node_modules/express" ] && [ -d "$work/node_modules/ejs" ] && { command -v wrk >/dev/null || [ -d "$work/node_modules/autocannon" ]; } \
  || npm install --prefix "$work" --no-save --no-audit --no-fund -q "${deps[@]}" >/dev/null
# The apps run from $work so that `require('express')` finds its node_modules.
cp -r apps/http_hello.js apps/http_express.js apps/express_50.js apps/express_50_listening.js apps/views "$work/"
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-50}
results=$(mktemp)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

# cpu_ticks <pid>: user + system CPU time the process used so far, in clock ticks (all
# its threads: JS, GC, compiler).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)

# load <label> <runtime> <app>: appends "label app rps p99ms cpu_us_per_request" to $results.
# The CPU time per request (the server's, over the measured run) depends less on what
# else runs on the machine than the request rate does.
load() {
  local label=$1 bin=$2 app=$3 port pid rps p99 t0 t1 n
  port=$(free_port)
  PORT=$port "$bin" "$work/$app.js" & pid=$!
  wait_port "$port" || { echo "$label $app did not listen" >&2; kill "$pid"; return 1; }
  if command -v wrk >/dev/null; then
    wrk -t1 -c"$CONNECTIONS" -d1s "http://127.0.0.1:$port/" >/dev/null  # warm-up
    t0=$(cpu_ticks "$pid")
    out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port/")
    t1=$(cpu_ticks "$pid")
    n=$(awk '$2 == "requests" && $3 == "in" {print $1}' <<<"$out")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' <<<"$out")
  else
    local ac="$work/node_modules/.bin/autocannon"
    node "$ac" -c "$CONNECTIONS" -d 1 "http://127.0.0.1:$port/" >/dev/null 2>&1  # warm-up
    out=$(node "$ac" -j -c "$CONNECTIONS" -d "$DURATION" "http://127.0.0.1:$port/" 2>/dev/null)
    rps=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"]["average"])' <<<"$out")
    p99=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["latency"]["p99"])' <<<"$out")
    t0=0; t1=0; n=1
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$label $app $rps $p99 $(awk -v d=$((t1 - t0)) -v n="$n" -v t="$tck" 'BEGIN {print d / t * 1e6 / n}')" >> "$results"
}

ROUNDS=${ROUNDS:-1}
APPS=${APPS:-http_hello http_express}
echo "load generator: $(command -v wrk >/dev/null && echo wrk || echo autocannon), $CONNECTIONS connections, ${DURATION}s per run, $ROUNDS round(s), medians"
# Interleaved, so that load from elsewhere on the machine falls on every runtime alike.
RUNTIMES=${RUNTIMES:-amber node20 node24}
[ -n "${AMBER_BASE:-}" ] && RUNTIMES="amber_base $RUNTIMES"
binary_of() {
  case $1 in amber) echo "$amber" ;; amber_base) echo "$AMBER_BASE" ;; node20) echo node ;; node24) echo "$node24" ;; esac
}
for _ in $(seq "$ROUNDS"); do
  for app in $APPS; do
    for rt in $RUNTIMES; do load "$rt" "$(binary_of "$rt")" "$app"; done
  done
done

# The load tables (medians of the rounds), then, unless TTFR=0, time to first response.
RESULTS=$results APPS=$APPS RUNTIMES=$RUNTIMES python3 - <<'PY'
import os, statistics
rows = [l.split() for l in open(os.environ["RESULTS"]) if l.strip()]
runs = {}
for r in rows:
    runs.setdefault((r[0], r[1]), []).append((float(r[2]), float(r[3]), float(r[4])))
data = {k: tuple(statistics.median(x[i] for x in v) for i in range(3)) for k, v in runs.items()}
titles = {"http_hello": "node:http hello world", "http_express": "express hello world"}
for app in os.environ["APPS"].split():
    a_rps, a_p99, a_cpu = data[("amber", app)]
    print(f"\n## {titles.get(app, app)}\n")
    print("| runtime | requests/s | vs amber | p99 latency ms | vs amber | server CPU µs/request | vs amber |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for rt in os.environ["RUNTIMES"].split():
        rps, p99, cpu = data[(rt, app)]
        cpu_ratio = f"{cpu / a_cpu:.2f}x" if a_cpu else "-"
        print(f"| {rt} | {rps:,.0f} | {rps / a_rps:.2f}x | {p99:.2f} | {p99 / a_p99:.2f}x | {cpu:.1f} | {cpu_ratio} |")
PY
rm -f "$results"
[ "${TTFR:-1}" = 0 ] && exit 0

# Time to first response: start, listen, answer one request of its own, exit.
"$amber" snapshot build "$work/express_50.js" -o "$work/express_50.snap" >/dev/null
"$amber" snapshot build "$work/express_50_listening.js" -o "$work/express_50_listening.snap" >/dev/null
# The same, warmed up (docs/warmup.md): at build its main function requests the page once,
# so the bytecode of the request path (router, template rendering) is in the snapshot.
"$amber" snapshot build "$work/express_50_listening.js" -o "$work/express_50_warm.snap" --warmup '' >/dev/null
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$work/ttfr.json" \
  -n "node20 app.js" "node $work/express_50.js" \
  -n "node24 app.js" "$node24 $work/express_50.js" \
  -n "amber app.js" "$amber $work/express_50.js" \
  -n "amber app.snap" "$amber $work/express_50.snap" \
  -n "amber app.snap (listening at build)" "$amber $work/express_50_listening.snap" \
  -n "amber app.snap (listening, warm)" "$amber $work/express_50_warm.snap" >/dev/null

TTFR="$work/ttfr.json" python3 - <<'PY'
import json, os
res = {x["command"]: x for x in json.load(open(os.environ["TTFR"]))["results"]}
snap = res["amber app.snap"]["mean"]
print("\n## express, 50 routes: time to first response (start, listen, one request, exit)\n")
node24 = res["node24 app.js"]["mean"]
print("| command | mean ms | ± ms | vs amber app.snap | node24 app.js / this |")
print("| --- | ---: | ---: | ---: | ---: |")
for k, v in res.items():
    print(f"| {k} | {v['mean'] * 1000:.1f} | {v['stddev'] * 1000:.1f} | {v['mean'] / snap:.2f}x | {node24 / v['mean']:.2f}x |")
PY
