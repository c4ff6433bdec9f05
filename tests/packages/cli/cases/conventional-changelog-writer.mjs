// conventional-changelog-writer: renders a changelog from parsed commits with its default templates.
import { writeChangelogString } from 'conventional-changelog-writer';
const commits = [
  { hash: 'abc1234567', type: 'feat', scope: 'cli', subject: 'add --json', header: 'feat(cli): add --json', notes: [], references: [] },
  { hash: 'def7654321', type: 'fix', scope: null, subject: 'handle empty input', header: 'fix: handle empty input', notes: [{ title: 'BREAKING CHANGE', text: 'input required' }], references: [] },
];
const out = await writeChangelogString(commits, { version: '1.1.0', title: 'amber', host: 'https://example.com', owner: 'o', repository: 'r', repoUrl: 'https://example.com/o/r', date: '2024-01-02' }, { groupBy: 'type', commitsSort: ['scope', 'subject'] });
console.log(out);
