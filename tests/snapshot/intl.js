// Intl objects created while building (here at module load, as fast-levenshtein does)
// hold ICU state V8 cannot serialize; amber re-creates them after restore.
const collator = new Intl.Collator('en', { sensitivity: 'base' });
const fmt = Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const seg = new Intl.Segmenter('en', { granularity: 'grapheme' });
console.log('build:', collator.compare('a', 'A'), fmt.format(1234.5));
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log(collator.compare('a', 'A'), collator.compare('a', 'b'), fmt.format(1234.5), [...seg.segment('héllo')].length);
  console.log(collator instanceof Intl.Collator, Object.prototype.toString.call(collator), collator.resolvedOptions().sensitivity);
  console.log(['b', 'a', 'C'].sort(new Intl.Collator('en').compare).join(','));
});
