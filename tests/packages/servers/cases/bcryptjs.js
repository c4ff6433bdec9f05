// bcryptjs hashing with a fixed salt and comparing (pure JS bcrypt).
const bcrypt = require('bcryptjs');
const salt = '$2b$06$abcdefghijklmnopqrstuu';
const h = bcrypt.hashSync('hunter2', salt);
console.log(h, bcrypt.getRounds(h), bcrypt.getSalt(h));
console.log(bcrypt.compareSync('hunter2', h), bcrypt.compareSync('hunter3', h));
bcrypt.hash('pässwörd', salt).then((h2) => { console.log(h2); return bcrypt.compare('pässwörd', h2); }).then((ok) => console.log('async compare', ok));
