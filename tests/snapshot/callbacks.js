const v8 = require('v8');
const { startupSnapshot: s } = v8;
const order = [];
s.addSerializeCallback((d) => { order.push(`serialize ${d}`); }, 'one');
s.addSerializeCallback((d) => { order.push(`serialize ${d}`); }, 'two');
s.addDeserializeCallback((d) => { order.push(`deserialize ${d}`); }, 'three');
s.setDeserializeMainFunction((d) => {
  console.log(order.join(', '), '| main data:', d, '| building:', s.isBuildingSnapshot());
  try { s.addSerializeCallback(() => {}); } catch (e) { console.log(e.code); }
}, 'main-data');
try { s.setDeserializeMainFunction(() => {}); } catch (e) { console.log('build:', e.code); }
console.log('amber:snapshot same API:', typeof require('amber:snapshot').setDeserializeMainFunction);
