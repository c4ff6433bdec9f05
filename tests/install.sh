#!/usr/bin/env bash
# Installs the npm packages the tests run, each project pinned by its lock file:
# tests/compat (real CLI tools, servers, addons) and every tests/packages/<group>
# (popular libraries run side by side with node).
set -euo pipefail
cd "$(dirname "$0")"
for lock in compat/package-lock.json packages/*/package-lock.json; do
  [ -f "$lock" ] || continue
  npm ci --prefix "$(dirname "$lock")" --no-audit --no-fund --loglevel=error
done
