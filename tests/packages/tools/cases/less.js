// less: render with variables, mixins, operations and functions.
const less = require('less');
const src = `
@primary: #428bca;
@pad: 10px;
.bordered(@w: 2px) { border: @w solid darken(@primary, 10%); }
#header { color: @primary; .navigation { font-size: 12px; padding: (@pad * 2); } .bordered(4px); &:extend(.x all); }
.x { width: ~"calc(100% - @{pad})"; }
`;
less.render(src, {}).then((out) => {
  console.log(out.css);
  return less.render('.a { .b; }');
}).catch((e) => {
  console.log('error:', e.type, e.message, e.line);
});
