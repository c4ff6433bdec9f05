// cheerio: load HTML, select, traverse, manipulate, serialize.
const cheerio = require('cheerio');
const $ = cheerio.load('<h2 class="title">Hello world</h2><ul id="fruits"><li class="apple">Apple</li><li class="orange">Orange</li><li class="pear">Pear</li></ul><a href="/x?a=1&amp;b=2">link</a>');
$('h2.title').text('Hello there!');
$('h2').addClass('welcome');
$('#fruits').append('<li class="plum">Plum</li>');
console.log($.html());
console.log($('li').map((i, el) => $(el).text()).get(), $('li').length, $('.pear').attr('class'), $('a').attr('href'));
console.log($('li').eq(1).next().text(), $('ul').children().first().text(), $('li:not(.apple)').length, $('li').filter((i, el) => $(el).text().startsWith('P')).length);
$('li.orange').remove();
$('li').each((i, el) => $(el).attr('data-i', String(i)));
console.log($('ul').html(), $.root().find('li[data-i="2"]').text());
const x = cheerio.load('<r><item id="1">x</item></r>', { xml: true });
console.log(x('item').attr('id'), x.xml());
console.log(cheerio.load('<p>a <b>b</b></p>', null, false)('p').extract({ bold: 'b', text: { selector: 'p', value: 'innerText' } }));
