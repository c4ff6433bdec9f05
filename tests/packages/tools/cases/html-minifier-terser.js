// html-minifier-terser: collapse whitespace, remove comments, minify inline CSS and JS.
const { minify } = require('html-minifier-terser');
const html = `<!DOCTYPE html>
<html>
  <head>
    <!-- a comment -->
    <style> body { color : red ; margin : 0px } </style>
    <script type="text/javascript"> function hello ( name ) { var greeting = "hi " + name ; return greeting ; } </script>
  </head>
  <body class="  a   b ">
    <p   id="x"  >  Hello   <b>world</b>  </p>
    <input type="text" disabled="disabled" value="">
  </body>
</html>`;
minify(html, {
  collapseWhitespace: true,
  removeComments: true,
  minifyCSS: true,
  minifyJS: true,
  collapseBooleanAttributes: true,
  removeEmptyAttributes: true,
  removeRedundantAttributes: true,
  removeScriptTypeAttributes: true,
}).then((out) => console.log(out));
