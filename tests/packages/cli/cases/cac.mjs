// cac: commands, options with defaults, dotted options, help output.
import cac from 'cac';
const cli = cac('mycli');
cli.option('--type <type>', 'Choose a project type', { default: 'node' });
cli.command('build [...files]', 'Build files').option('--minify', 'Minify output')
  .action((files, opts) => console.log('build', JSON.stringify(files), JSON.stringify(opts)));
cli.help();
cli.version('1.2.3');
cli.parse(['node', 'mycli', 'build', 'a.js', 'b.js', '--minify']);
const r = cli.parse(['node', 'mycli', '--type', 'deno', 'x'], { run: false });
console.log(JSON.stringify(r));
cli.outputHelp();
