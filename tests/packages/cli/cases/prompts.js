// prompts: a question list answered through prompts.inject (typed, validated answers).
const prompts = require('prompts');
(async () => {
  prompts.inject(['alice', 42, true]);
  console.log(JSON.stringify(await prompts([
    { type: 'text', name: 'name', message: 'Name?' },
    { type: 'number', name: 'age', message: 'Age?' },
    { type: 'confirm', name: 'ok', message: 'OK?' },
  ])));
})();
