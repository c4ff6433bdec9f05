#!/usr/bin/env bash
# Installs the npm packages the tests run, each project pinned by its lock file:
# tests/compat (real CLI tools, servers, addons) and every tests/packages/<group>
# (popular libraries run side by side with node).
set -euo pipefail
cd "$(dirname "$0")"
for lock in compat/package-lock.json packages/*/package-lock.json; do
  [ -f "$lock" ] || continue
  dir=$(dirname "$lock")
  if ! npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error 2>/dev/null; then
    # `npm ci` refuses a lock file that lacks optional dependencies the registry never
    # published (@node-rs/bcrypt 2.0.0 names 13 platform packages, the registry has one;
    # vite names a Windows-only one): `npm install` of the same lock skips them and
    # installs the locked versions, without rewriting the lock (--no-save).
    echo "tests/install.sh: npm ci refused $lock; installing it with npm install --no-save" >&2
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error
  fi
done
