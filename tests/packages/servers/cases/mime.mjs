// mime (v4, ESM) and mime-types lookups, extensions and charsets.
import mime from 'mime';
import { createRequire } from 'node:module';
const mt = createRequire(import.meta.url)('mime-types');
for (const p of ['a.txt', 'x/y/z.JSON', 'photo.webp', 'archive.tar.gz', 'noext', 'font.woff2', '.mjs']) console.log(p, mime.getType(p), mt.lookup(p), mt.contentType(p));
for (const t of ['text/html', 'application/javascript', 'image/svg+xml', 'bogus/type']) console.log(t, mime.getExtension(t), mt.extension(t), [...(mime.getAllExtensions(t) || [])].join(','), mt.charset(t));
