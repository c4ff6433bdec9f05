// fast-xml-parser: parse with attributes, build XML, validate.
const { XMLParser, XMLBuilder, XMLValidator } = require('fast-xml-parser');
const xml = `<?xml version="1.0"?>
<catalog xmlns:x="urn:x">
  <book id="bk101" available="true"><author>Gambardella, Matthew</author><title>XML Developer&apos;s Guide</title><price>44.95</price><x:tag>t</x:tag></book>
  <book id="bk102"><author>Ralls, Kim</author><title><![CDATA[Midnight <Rain>]]></title><price>5.95</price></book>
  <!-- comment -->
</catalog>`;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: true, cdataPropName: '__cdata', commentPropName: '#comment' });
const obj = parser.parse(xml);
console.log(JSON.stringify(obj, null, 1));
const builder = new XMLBuilder({ ignoreAttributes: false, format: true, attributeNamePrefix: '@_' });
console.log(builder.build({ root: { '@_v': '1', item: [{ name: 'a & b' }, { name: 'c' }] } }));
console.log(XMLValidator.validate(xml), XMLValidator.validate('<a><b></a>'));
console.log(new XMLParser({ isArray: (name) => name === 'i' }).parse('<r><i>1</i></r>'));
