# Shared setup of the bench/*.sh scripts; sourced, never run. After it:
#   the working directory is bench/, $root the repository, $amber the release binary
#   (built unless NO_BUILD is set; AMBER=path measures another build instead), $node24 Node 24 from bench/node_modules (installed
#   from bench/package-lock.json when missing), $deno and $bun where their npm packages
#   are installed (optional dependencies: empty when absent), and the helpers below.
set -euo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)
cd "$bench"
# shellcheck disable=SC1091
[ -f "$root/../shared/v8/env.sh" ] && source "$root/../shared/v8/env.sh"
[ -n "${NO_BUILD:-}${AMBER:-}" ] || (cd "$root" && cargo build --release -q)
amber=${AMBER:-$root/target/release/amber}
[ -x node_modules/.bin/node ] && [ -d node_modules/typescript ] || npm ci --no-audit --no-fund -q
node24="$bench/node_modules/.bin/node"
deno=""
[ -x node_modules/@deno/linux-x64-glibc/deno ] && deno="$bench/node_modules/@deno/linux-x64-glibc/deno"
bun=""
[ -x node_modules/@oven/bun-linux-x64/bin/bun ] && bun="$bench/node_modules/@oven/bun-linux-x64/bin/bun"

need() {
  command -v "$1" >/dev/null || { echo "$(basename "$0"): $1 is needed (apt-get install $1)" >&2; exit 1; }
}

# compat_modules: the npm packages of tests/compat (real tools), installed when missing.
compat_modules() {
  [ -d "$root/tests/compat/node_modules/typescript" ] || npm ci --prefix "$root/tests/compat" --no-audit --no-fund -q
}

# hf_table JSON REF [TITLE]: a markdown table of a hyperfine --export-json file: median,
# spread (min-max), and each command's median over REF's (the command named REF), so
# "2.00x" reads "takes twice as long as REF".
hf_table() {
  python3 - "$@" <<'PY'
import json, sys
path, ref = sys.argv[1], sys.argv[2]
res = json.load(open(path))["results"]
med = {r["command"]: r["median"] * 1000 for r in res}
base = med.get(ref)
print(f"| command | median | min-max | vs {ref} |")
print("| --- | ---: | ---: | ---: |")
for r in res:
    m = r["median"] * 1000
    ratio = f"{m / base:.2f}x" if base else "-"
    print(f"| {r['command']} | {m:.1f} ms | {r['min'] * 1000:.1f}-{r['max'] * 1000:.1f} ms | {ratio} |")
PY
}

# mib FILE: a file's size in MiB with one decimal.
mib() {
  python3 -c "import os,sys;print(f'{os.path.getsize(sys.argv[1])/1048576:.1f} MiB')" "$1"
}
