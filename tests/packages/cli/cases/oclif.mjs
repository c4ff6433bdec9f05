// @oclif/core: a tiny CLI defined in the case (a command with args and flags), parsed and
// run, plus flag validation errors.
import { Command, Args, Flags } from '@oclif/core';
class Hello extends Command {
  static description = 'Say hello';
  static args = { person: Args.string({ description: 'who', required: true }) };
  static flags = { from: Flags.string({ char: 'f', required: true }), times: Flags.integer({ default: 1 }), shout: Flags.boolean() };
  async run() {
    const { args, flags } = await this.parse(Hello);
    for (let i = 0; i < flags.times; i++) this.log(`hello ${args.person} from ${flags.from}${flags.shout ? '!' : '.'}`);
    return { person: args.person, ...flags };
  }
}
console.log(JSON.stringify(await Hello.run(['friend', '--from', 'oclif', '--times', '2', '--shout'], import.meta.url)));
try { await Hello.run(['friend'], import.meta.url); } catch (e) { console.log('error:', e.message.split('\n').slice(0, 2).join(' / ')); }
try { await Hello.run(['friend', '-f', 'x', '--times', 'many'], import.meta.url); } catch (e) { console.log('error:', e.message.split('\n').slice(0, 2).join(' / ')); }
// oclif records a failed parse in process.exitCode, as a CLI's entry would exit with it.
console.log('exitCode', process.exitCode);
process.exitCode = 0;
