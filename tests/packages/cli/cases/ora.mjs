// ora in non-TTY mode (stdout is a pipe): no animation, each final state is one line on stderr.
import ora from 'ora';
const s = ora('Loading unicorns').start();
s.text = 'still loading';
s.succeed('Loaded');
ora('second').start().fail('Failed');
ora('third').start().warn('Careful');
ora('fourth').info('Info');
ora({ text: 'custom', stream: process.stdout }).stopAndPersist({ symbol: '*', text: 'persisted' });
console.log('spinning', s.isSpinning, ora.name);
