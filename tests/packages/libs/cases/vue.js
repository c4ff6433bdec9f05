// vue + @vue/server-renderer: components, reactivity, v-for/v-if, renderToString and streams.
const { createSSRApp, h, ref, computed, reactive, watch, nextTick, defineComponent } = require('vue');
const { renderToString, renderToNodeStream, pipeToNodeWritable } = require('@vue/server-renderer');
const { Writable } = require('stream');
const Child = defineComponent({ props: { msg: String }, template: undefined, setup(props, { slots }) { return () => h('span', { class: 'child' }, [props.msg, slots.default && slots.default()]); } });
function makeApp() {
  return createSSRApp({
    data: () => ({ count: 1, items: ['a', 'b<c'] }),
    setup() { const n = ref(2); const doubled = computed(() => n.value * 2); return { n, doubled }; },
    render() {
      return h('div', { id: 'app' }, [h('p', `count ${this.count} doubled ${this.doubled}`), h('ul', this.items.map((i) => h('li', { key: i }, i))), this.count > 0 ? h(Child, { msg: 'hi' }, () => '!') : null, h('input', { value: 'v', disabled: true })]);
    },
  });
}
(async () => {
  console.log(await renderToString(makeApp()));
  const tpl = createSSRApp({ template: '<p v-for="x in xs" :class="{ odd: x % 2 }">{{ x }}</p><em v-if="show">shown</em>', data: () => ({ xs: [1, 2, 3], show: true }) });
  console.log(await renderToString(tpl));
  const state = reactive({ a: 1 });
  const seen = [];
  watch(() => state.a, (v, old) => seen.push(`${old}->${v}`));
  state.a = 2;
  await nextTick();
  console.log(seen);
  const parts = [];
  renderToNodeStream(makeApp()).on('data', (c) => parts.push(c.toString())).on('end', () => {
    console.log('stream', parts.join(''));
    const out = [];
    pipeToNodeWritable(makeApp(), {}, new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); }, final(cb) { console.log('pipe', out.join('')); cb(); } }));
  });
})();
