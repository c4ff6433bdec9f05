// boxen: draws boxes around text (borders, padding, titles, alignment).
import boxen from 'boxen';
console.log(boxen('unicorn', { padding: 1 }));
console.log(boxen('hello\nworld!', { borderStyle: 'double', title: 'greeting', textAlignment: 'center' }));
console.log(boxen('left', { borderStyle: 'round', margin: { left: 2 }, width: 20 }));
