// conventional-commits-parser: parses commit messages into type/scope/notes/references.
import { CommitParser } from 'conventional-commits-parser';
const p = new CommitParser();
for (const m of ['feat(cli): add --json flag\n\nBody text.\n\nBREAKING CHANGE: output changed\nCloses #12', 'fix: crash on empty input (#34)', 'chore!: drop node 18', 'not conventional']) {
  const c = p.parse(m);
  console.log(JSON.stringify({ type: c.type, scope: c.scope, subject: c.subject, notes: c.notes, references: c.references.map(r => r.issue), body: c.body }));
}
