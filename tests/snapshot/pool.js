// 4096 small Buffers carved from Buffer's pools: the snapshot must store the pools
// once, not one copy per Buffer.
const count = Number(process.env.POOL_COUNT || '0');
globalThis.kept = [];
for (let i = 0; i < count; i++) globalThis.kept.push(Buffer.from(`b${i % 10}`));
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  const pools = new Set(globalThis.kept.map((b) => b.buffer));
  console.log(globalThis.kept.length, pools.size, globalThis.kept[4095]?.toString());
});
