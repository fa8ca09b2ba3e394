// A tiny static server for the built app, so the browser tests need no npm
// server package and see what a plain static host serves: correct MIME types
// (wasm must be application/wasm for streaming compilation), no caching, and
// index.html for extension-less paths (client-side routes).
// Usage: node tests/e2e/serve.mjs <dir> <port>   (binds 127.0.0.1)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [dir = 'dist', port = '4173'] = process.argv.slice(2);
const root = path.resolve(dir);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const isFile = (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

function reply(req, res, status, headers, file) {
  res.writeHead(status, { 'Cache-Control': 'no-cache', ...headers });
  if (req.method === 'HEAD' || !file) return res.end(file ? undefined : `${status}\n`);
  fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

http
  .createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(req, res, 405, { Allow: 'GET, HEAD' });
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return reply(req, res, 400, {});
    }
    let file = path.join(root, urlPath);
    if (urlPath.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) {
      return reply(req, res, 403, {});
    }
    if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
    if (!isFile(file)) {
      if (path.extname(urlPath) !== '') return reply(req, res, 404, {});
      file = path.join(root, 'index.html'); // a client-side route
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    reply(req, res, 200, { 'Content-Type': type }, file);
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
