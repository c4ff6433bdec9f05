// xml2js: parse with callbacks and promises, build XML.
const xml2js = require('xml2js');
const xml = '<root a="1"><item id="x">one</item><item id="y">two<sub>s</sub></item><empty/><txt>  keep  </txt></root>';
xml2js.parseString(xml, (err, result) => {
  console.log(err, JSON.stringify(result));
  new xml2js.Parser({ explicitArray: false, mergeAttrs: true, trim: true }).parseStringPromise(xml).then((r) => {
    console.log(JSON.stringify(r));
    const builder = new xml2js.Builder({ rootName: 'out', renderOpts: { pretty: true, indent: '  ', newline: '\n' }, xmldec: { version: '1.0', encoding: 'UTF-8' } });
    console.log(builder.buildObject({ a: { $: { k: 'v' }, _: 'text & <esc>' }, list: [1, 2] }));
    return xml2js.parseStringPromise('<a><b>');
  }).catch((e) => console.log('error:', e.message.split('\n')[0]));
});
