// ink (React for CLIs) rendered with ink-testing-library: Box/Text layout, state updates
// through hooks, and the frames it produced.
import React, { useState, useEffect } from 'react';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
const h = React.createElement;
function Counter({ to }) {
  const [n, setN] = useState(0);
  useEffect(() => { if (n < to) { const t = setTimeout(() => setN(n + 1), 1); return () => clearTimeout(t); } }, [n]);
  return h(Box, { borderStyle: 'round', paddingX: 1, flexDirection: 'column' }, h(Text, null, 'Counter'), h(Text, { bold: true }, `n = ${n}`));
}
const list = render(h(Box, { flexDirection: 'row', gap: 2 }, ['a', 'b', 'c'].map((x) => h(Text, { key: x }, `[${x}]`))));
console.log(list.lastFrame());
const c = render(h(Counter, { to: 3 }));
await new Promise((r) => { const iv = setInterval(() => { if (c.lastFrame().includes('n = 3')) { clearInterval(iv); r(); } }, 5); });
console.log(c.lastFrame());
c.rerender(h(Text, { color: 'green' }, 'replaced'));
console.log(JSON.stringify(c.lastFrame()));
c.unmount(); list.unmount();
