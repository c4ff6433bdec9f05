// gradient-string: colour gradients over text (forced to 24-bit colour to compute them).
import gradient, { rainbow, pastel } from 'gradient-string';
console.log(JSON.stringify(gradient(['#ff0000', '#0000ff'])('gradient text')));
console.log(JSON.stringify(rainbow('rainbow!')));
console.log(JSON.stringify(pastel.multiline('two\nlines')));
