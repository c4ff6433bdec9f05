// Reads 1,000 small files at once with fs.promises.readFile and Promise.all, ROUNDS
// times, and prints the median round in milliseconds (bench/fs.sh).
const fs = require('fs');
const os = require('os');
const path = require('path');

const N = 1000;
const rounds = Number(process.env.ROUNDS || 20);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amber-bench-fs-'));
for (let i = 0; i < N; i++) fs.writeFileSync(path.join(dir, `f${i}`), `small file number ${i}\n`.repeat(8));
const names = Array.from({ length: N }, (_, i) => path.join(dir, `f${i}`));

(async () => {
  const times = [];
  for (let r = 0; r < rounds + 2; r++) {
    const t0 = performance.now();
    const all = await Promise.all(names.map((n) => fs.promises.readFile(n)));
    const t = performance.now() - t0;
    if (all.length !== N) throw new Error('missing results');
    if (r >= 2) times.push(t); // the first two rounds warm up
  }
  fs.rmSync(dir, { recursive: true });
  times.sort((a, b) => a - b);
  console.log(times[times.length >> 1].toFixed(2));
})();
