// A small static server for the built site that behaves like the hosts it is deployed to:
// it applies dist/_redirects and dist/_headers, adds trailing slashes to directories, and
// answers unknown paths with 404.html. `npm start` and the end-to-end tests both use it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

const redirects = new Map<string, { to: string; status: number }>();
for (const line of (await readOptional(join(root, '_redirects'))).split('\n')) {
  const [from, to, status] = line.trim().split(/\s+/);
  if (from && to && !from.startsWith('#'))
    redirects.set(from, { to, status: Number(status ?? 301) });
}

// _headers: a path pattern on its own line, then indented "Name: value" lines.
const headerRules: { pattern: RegExp; headers: [string, string][] }[] = [];
for (const line of (await readOptional(join(root, '_headers'))).split('\n')) {
  if (!line.trim() || line.trim().startsWith('#')) continue;
  if (!/^\s/.test(line)) {
    const pattern = new RegExp(
      `^${line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replaceAll('*', '.*')}$`,
    );
    headerRules.push({ pattern, headers: [] });
  } else if (headerRules.length) {
    const at = line.indexOf(':');
    if (at > 0)
      headerRules.at(-1)!.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
}

function applyHeaders(res: ServerResponse, path: string): void {
  for (const rule of headerRules)
    if (rule.pattern.test(path)) for (const [k, v] of rule.headers) res.setHeader(k, v);
}

const PRIVATE = new Set(['/_headers', '/_redirects']);

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    // The path as sent, read strictly: one leading slash (`//host/...` would make every Location
    // below point off the site), valid escapes, no backslash (browsers read `/\\` as `//`), no NUL.
    const raw = req.url ?? '/';
    const query = raw.indexOf('?');
    const rawPath = query < 0 ? raw : raw.slice(0, query);
    if (!rawPath.startsWith('/') || rawPath.startsWith('//')) {
      res.writeHead(400).end();
      return;
    }
    const url = new URL(rawPath + (query < 0 ? '' : raw.slice(query)), 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.includes('\\') || path.includes('\0') || path.startsWith('//')) {
      res.writeHead(400).end();
      return;
    }
    // The host's own configuration files are read, never served.
    if (PRIVATE.has(path)) {
      res.writeHead(404).end();
      return;
    }
    const redirect = redirects.get(path);
    if (redirect) {
      res.writeHead(redirect.status, { Location: redirect.to + url.search }).end();
      return;
    }
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(400).end();
      return;
    }
    let target = path.endsWith('/') ? join(file, 'index.html') : file;
    if (
      !path.endsWith('/') &&
      !(await isFile(target)) &&
      (await isFile(join(file, 'index.html')))
    ) {
      // A same-site path: `url.pathname` starts with one slash, as checked above.
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    let status = 200;
    if (!(await isFile(target))) {
      status = 404;
      target = join(root, '404.html');
    }
    const body = await readFile(target);
    applyHeaders(res, status === 404 ? '/404.html' : path);
    res.setHeader('Content-Type', TYPES[extname(target)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', body.length);
    res.writeHead(status);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
}

const server = createServer((req, res) => void handle(req, res));

server.listen(port, host, () => {
  console.log(`Serving ${root} at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
