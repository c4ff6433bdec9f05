// @babel/core with preset-env (fixed targets), preset-react and preset-typescript.
const babel = require('@babel/core');

const src = `
import React from 'react';
type Props = { name: string; count?: number };
export const Hello = ({ name, count = 1 }: Props) => <div className="hi">{[...Array(count)].map((_, i) => <b key={i}>{name}</b>)}</div>;
export async function load(url: string) { const r = await fetch(url); return r?.ok ?? false; }
class Point { #x = 1; static of(x) { const p = new Point(); p.#x = x; return p; } }
`;
const out = babel.transformSync(src, {
  filename: 'hello.tsx',
  babelrc: false,
  configFile: false,
  presets: [
    ['@babel/preset-env', { targets: { ie: '11' }, modules: 'commonjs' }],
    ['@babel/preset-react', { runtime: 'classic' }],
    '@babel/preset-typescript',
  ],
});
console.log(out.code);

const ast = babel.parseSync('const a = b => b * 2;', { babelrc: false, configFile: false });
console.log(ast.program.body[0].declarations[0].init.type);

const { code } = babel.transformSync('const {a, ...rest} = obj; for (const x of xs) console.log(`${x}`);', {
  babelrc: false,
  configFile: false,
  presets: [['@babel/preset-env', { targets: 'chrome 40' }]],
});
console.log(code);
