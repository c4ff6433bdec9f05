// A WebAssembly command for WASI preview 1, assembled by hand: `_start` writes the
// iovec at 0 (pointing at the 16 bytes at 16) to stdout with fd_write, then calls
// proc_exit(3). Its memory is exported; the caller fills bytes 16..32.
const vec = (items) => [items.length, ...items.flat()]; // fewer than 128 items
const str = (s) => vec([...Buffer.from(s)]);
const section = (id, bytes) => [id, bytes.length, ...bytes]; // shorter than 128 bytes
const I32 = 0x7f;
const c = (n) => [0x41, n]; // i32.const n, n < 64
const code = [...c(0), ...c(16), 0x36, 2, 0, ...c(4), ...c(16), 0x36, 2, 0,
  ...c(1), ...c(0), ...c(1), ...c(8), 0x10, 0, 0x1a, ...c(3), 0x10, 1, 0x0b];
module.exports = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vec([[0x60, ...vec([I32, I32, I32, I32]), ...vec([I32])], [0x60, ...vec([I32]), 0], [0x60, 0, 0]])),
  ...section(2, vec([[...str('wasi_snapshot_preview1'), ...str('fd_write'), 0, 0],
    [...str('wasi_snapshot_preview1'), ...str('proc_exit'), 0, 1]])),
  ...section(3, vec([[2]])),
  ...section(5, vec([[0, 1]])),
  ...section(7, vec([[...str('memory'), 2, 0], [...str('_start'), 0, 2]])),
  ...section(10, vec([[code.length + 1, 0, ...code]])),
]);
