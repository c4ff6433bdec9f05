#!/usr/bin/env bash
# fs.promises.readFile of 1,000 small files with Promise.all (apps/fs_readfile_many.js):
# median round time for amber and node, and their ratio. Both use a pool of
# UV_THREADPOOL_SIZE threads (4 unless set).
# Usage: bench/fs.sh   (AMBER=path to test another build; ROUNDS=n rounds, default 20)
source "$(dirname "$0")/lib.sh"
AMBER=$amber
app=apps/fs_readfile_many.js
a=$("$AMBER" "$app")
n=$(node "$app")
printf '%-8s %10s\n' runtime 'median ms'
printf '%-8s %10s\n' amber "$a" node "$n"
python3 -c "print(f'amber / node: {float(\"$a\") / float(\"$n\"):.2f}x')"
