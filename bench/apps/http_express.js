// bench/http.sh: a hello-world express app on $PORT.
const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('hello world'));
app.listen(Number(process.env.PORT), '127.0.0.1');
