// @vue/compiler-sfc: parse a single-file component, compile its script, template and scoped style.
const { parse, compileScript, compileTemplate, compileStyle } = require('@vue/compiler-sfc');
const sfc = `<template>
  <div class="greeting" @click="count++">{{ msg }} {{ count }}<span v-if="count > 1">many</span></div>
</template>
<script setup lang="ts">
import { ref } from 'vue';
const props = defineProps<{ msg: string }>();
const count = ref<number>(0);
</script>
<style scoped>
.greeting { color: red; }
.greeting span { font-weight: bold; }
</style>
`;
const { descriptor, errors } = parse(sfc, { filename: 'Hello.vue' });
console.log('parse errors', errors.length, 'blocks', !!descriptor.template, !!descriptor.scriptSetup, descriptor.styles.length);
const script = compileScript(descriptor, { id: 'data-v-abc123', inlineTemplate: true });
console.log(script.content);
const tpl = compileTemplate({ source: descriptor.template.content, filename: 'Hello.vue', id: 'data-v-abc123', scoped: true });
console.log(tpl.code);
const style = compileStyle({ source: descriptor.styles[0].content, filename: 'Hello.vue', id: 'data-v-abc123', scoped: true });
console.log(style.code, style.errors.length);
