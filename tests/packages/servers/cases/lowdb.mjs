// lowdb: a JSON file store, written, reread from disk and updated.
import { JSONFilePreset } from 'lowdb/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowdb-'));
const file = path.join(dir, 'db.json');
const db = await JSONFilePreset(file, { posts: [] });
await db.update(({ posts }) => posts.push({ id: 1, title: 'lowdb is awesome' }, { id: 2, title: 'second' }));
console.log(fs.readFileSync(file, 'utf8'));
const again = await JSONFilePreset(file, { posts: [] });
console.log(again.data.posts.map((p) => p.title).join('|'));
again.data.posts = again.data.posts.filter((p) => p.id !== 1);
await again.write();
console.log(fs.readFileSync(file, 'utf8'));
fs.rmSync(dir, { recursive: true });
