// listr2 with its non-TTY renderer: tasks, subtasks, skip, context, a failure collected.
import { Listr } from 'listr2';
const tasks = new Listr([
  { title: 'first', task: (ctx) => { ctx.a = 1; } },
  { title: 'async', task: async (ctx, task) => { await new Promise(r => setTimeout(r, 5)); task.output = 'working'; ctx.b = 2; } },
  { title: 'skipped', skip: () => 'not needed', task: () => {} },
  { title: 'sub', task: (ctx, task) => task.newListr([{ title: 'sub one', task: () => {} }, { title: 'sub two', task: () => {} }], { concurrent: false }) },
  { title: 'fails', task: () => { throw new Error('boom'); } },
], { renderer: 'simple', exitOnError: false, rendererOptions: { timestamp: false } });
const ctx = await tasks.run();
console.log(JSON.stringify({ a: ctx.a, b: ctx.b }));
