#!/usr/bin/env bash
# One benchmark command: builds amber once, runs every benchmark script side by side
# against Node 20, Node 24 and, where their npm packages installed, Deno and Bun, and
# writes bench/RESULTS.md (each script's tables under its own heading, with the machine,
# versions and load the figures were taken under). The README's tables come from it.
# Usage: bench/run.sh [script ...]   (default: all; e.g. bench/run.sh startup memory)
#   QUICK=1 fewer runs per command, for a smoke test.
source "$(dirname "$0")/lib.sh"
need hyperfine
export NO_BUILD=1
if [ -n "${QUICK:-}" ]; then export RUNS=3 ROUNDS=1 DURATION=3; fi
scripts=("$@")
[ ${#scripts[@]} -eq 0 ] && scripts=(startup snapshot warmup compile_cache tools addons memory workers worker_pool wasm_snapshot fs http)
results="$bench/RESULTS.md"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (with local changes)')."
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| machine | $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) |"
  echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo "| amber | $("$amber" --version | tr "\n" " ")($(mib "$amber") binary) |"
  echo "| node 20 | $(node --version) |"
  echo "| node 24 | $("$node24" --version) |"
  [ -n "$deno" ] && echo "| deno | $("$deno" --version | head -1) |"
  [ -n "$bun" ] && echo "| bun | $("$bun" --version) |"
  echo
  echo "Times are medians of hyperfine runs; \"vs X\" is this command's time over X's."
} > "$tmp"
status=0
for s in "${scripts[@]}"; do
  echo "bench/run.sh: $s" >&2
  {
    echo
    echo "## $s"
    echo
    echo "$(sed -n '2,/^[^#]/p' "$bench/$s.sh" | grep '^#' | sed 's/^# \{0,1\}//' | grep -v '^Usage:' | head -8 | tr '\n' ' ')"
    echo
  } >> "$tmp"
  if ! bash "$bench/$s.sh" >> "$tmp" 2>"$tmp.err"; then
    status=1
    { echo; echo "**$s.sh failed:**"; echo; echo '```'; tail -5 "$tmp.err"; echo '```'; } >> "$tmp"
  fi
  rm -f "$tmp.err"
done
echo >> "$tmp"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$tmp"
mv "$tmp" "$results"
trap - EXIT
echo "bench/run.sh: wrote $results" >&2
exit $status
