#!/usr/bin/env bash
# Regenerates the expected output of every fixture in tests/fixtures from `node`
# (the behavioural reference), or checks them with --check. Absolute paths of the
# fixture directory are written as <dir>; the test harness normalizes the rest
# (internal stack frames, Node's version trailer) on both sides.
set -euo pipefail
# The fixtures were recorded with this Node; another version prints other messages and
# stack frames, so it is refused rather than silently recording different output.
NODE_VERSION=v20.20.2
if [ "$(node --version)" != "$NODE_VERSION" ]; then
  echo "regen-expected.sh: needs node $NODE_VERSION, found $(node --version)" >&2
  exit 2
fi
cd "$(dirname "$0")/fixtures"
dir=$(pwd)
check=${1:-}
status=0
for js in *.js *.mjs; do
  name=${js%.*}
  [ -f "$name.amber-only" ] && continue
  args=()
  [ -f "$name.args" ] && read -r -a args < "$name.args"
  envs=()
  [ -f "$name.env" ] && read -r -a envs < "$name.env"
  stdin=/dev/null
  [ -f "$name.stdin" ] && stdin="$name.stdin"
  set +e
  env "${envs[@]}" node "$js" "${args[@]}" < "$stdin" > "/tmp/amber-regen.out" 2> "/tmp/amber-regen.err"
  code=$?
  set -e
  sed -i "s#$dir#<dir>#g" /tmp/amber-regen.out /tmp/amber-regen.err
  if [ "$check" = "--check" ]; then
    cmp -s /tmp/amber-regen.out "$name.stdout" || { echo "stdout differs: $name"; status=1; }
    # Process ids in warnings differ between runs.
    mask='s/(node:[0-9]*)/(node:PID)/g'
    cmp -s <(sed "$mask" /tmp/amber-regen.err) <(sed "$mask" "$name.stderr") || { echo "stderr differs: $name"; status=1; }
    want=0
    [ -f "$name.code" ] && want=$(cat "$name.code")
    [ "$code" = "$want" ] || { echo "exit code differs: $name (recorded $want, node gives $code)"; status=1; }
  else
    cp /tmp/amber-regen.out "$name.stdout"
    cp /tmp/amber-regen.err "$name.stderr"
    if [ "$code" != 0 ]; then echo "$code" > "$name.code"; else rm -f "$name.code"; fi
  fi
done
exit $status
