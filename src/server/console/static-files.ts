/**
 * Serves the console: web/index.html at `/`, web/assets/** under `/assets/`, and the few
 * browser libraries straight from node_modules under `/vendor/` (ES modules, no bundler). No
 * credentials are needed for these files; every piece of data comes through /api/. Files are
 * read once at start (a few hundred kB) and served with ETags and a strict CSP: scripts only
 * from this origin, plus the hash of the one inline import map.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { packageRoot } from '../../core/package-root.js';

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** URL name → file inside node_modules. */
const VENDOR: Record<string, string> = {
  'preact.mjs': 'preact/dist/preact.mjs',
  'preact-hooks.mjs': 'preact/hooks/dist/hooks.mjs',
  'htm.mjs': 'htm/dist/htm.mjs',
  'uplot.mjs': 'uplot/dist/uPlot.esm.js',
  'uplot.css': 'uplot/dist/uPlot.min.css',
};

function load(path: string): StaticFile {
  const body = readFileSync(path);
  return { body, type: TYPES[extname(path)] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The CSP for console pages: the inline import map is allowed by its hash only. */
export function contentSecurityPolicy(indexHtml: string): string {
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(indexHtml)?.[1];
  const mapHash = importMap ? ` 'sha256-${createHash('sha256').update(importMap).digest('base64')}'` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${mapHash}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * `GET /` is shared with the Elasticsearch-compatible API, whose clients ask it for the cluster
 * version. Browsers ask for HTML, so the console's `/` is constrained to requests accepting
 * text/html and every other request falls through to the unconstrained route.
 */
const ACCEPTS_HTML = 'acceptsHtml';
const acceptsHtmlStrategy = {
  name: ACCEPTS_HTML,
  storage() {
    const handlers = new Map<string, unknown>();
    return { get: (k: string) => (handlers.get(k) ?? null) as never, set: (k: string, v: unknown) => void handlers.set(k, v) };
  },
  deriveConstraint: (req: { headers: Record<string, string | string[] | undefined> }) => (/(^|,)\s*text\/html/i.test(String(req.headers.accept ?? '')) ? 'yes' : 'no'),
  mustMatchWhenDerived: false,
};

export async function registerStaticRoutes(app: FastifyInstance, webDir = join(packageRoot(import.meta.url), 'web')): Promise<void> {
  const modules = join(packageRoot(import.meta.url), 'node_modules');
  const index = load(join(webDir, 'index.html'));
  const csp = contentSecurityPolicy(index.body.toString('utf8'));
  const assets = new Map<string, StaticFile>();
  for (const file of walk(join(webDir, 'assets'))) assets.set(relative(join(webDir, 'assets'), file).split(sep).join('/'), load(file));
  const vendor = new Map(Object.entries(VENDOR).map(([name, path]) => [name, load(join(modules, path))]));

  const send = (req: { headers: Record<string, unknown> }, reply: FastifyReply, file: StaticFile | undefined) => {
    if (!file) return reply.code(404).type('text/plain').send('not found');
    reply
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cross-origin-opener-policy', 'same-origin')
      .header('cache-control', 'no-cache')
      .header('etag', file.etag);
    if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body);
  };

  if (!app.hasConstraintStrategy(ACCEPTS_HTML)) app.addConstraintStrategy(acceptsHtmlStrategy);
  app.get('/', { constraints: { [ACCEPTS_HTML]: 'yes' } }, async (req, reply) => send(req, reply, index));
  app.get<{ Params: { '*': string } }>('/assets/*', async (req, reply) => send(req, reply, assets.get(req.params['*'])));
  app.get<{ Params: { file: string } }>('/vendor/:file', async (req, reply) => send(req, reply, vendor.get(req.params.file)));
}
