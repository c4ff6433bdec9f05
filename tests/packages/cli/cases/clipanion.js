// clipanion: class-based commands with Option parsing and usage, run through Cli.
const { Cli, Command, Option, Builtins } = require('clipanion');
class Add extends Command {
  static paths = [['add']];
  static usage = Command.Usage({ description: 'Adds numbers' });
  verbose = Option.Boolean('-v,--verbose', false);
  nums = Option.Rest();
  async execute() { const s = this.nums.map(Number).reduce((a, b) => a + b, 0); this.context.stdout.write(`sum=${s}${this.verbose ? ' (verbose)' : ''}\n`); return 0; }
}
const cli = new Cli({ binaryName: 'calc', binaryLabel: 'Calc', binaryVersion: '1.0.0', enableColors: false });
cli.register(Add); cli.register(Builtins.HelpCommand); cli.register(Builtins.VersionCommand);
(async () => {
  console.log('code', await cli.run(['add', '1', '2', '39', '-v']));
  console.log('code', await cli.run(['--version']));
  console.log(cli.usage(Add, { detailed: true }));
  const c = cli.process(['add', '5']); console.log(c.constructor.name, JSON.stringify(c.nums));
})();
