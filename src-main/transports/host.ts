import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, posix, resolve, sep } from 'node:path';
import { MAX_IMPORT_BASE64 } from '../../src-shared/contract/imports';
import { SECURITY_HEADERS } from '../../src-shared/csp';
import { type ErrorCode, LumenError, type Settled } from '../../src-shared/errors';
import type { Logger } from '../core/logger';
import { settle, type Registry } from '../core/registry';
import { type Connection, newConnection } from '../core/session';

export interface HostOptions {
  registry: Pick<Registry, 'call'>;
  /** The Vite build (dist/renderer). */
  rendererDir: string;
  /** The repository's assets/ folder: the app icon, served as the favicon. */
  assetsDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  logger: Logger;
}

export interface Host {
  /** The launch URL, carrying the per-launch secret; opening it signs the browser in to this host. */
  url: string;
  origin: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

const SECRET_COOKIE = 'lumen_secret';
const CONN_COOKIE = 'lumen_conn';
const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Uploads carry the file itself as base64, a third larger than the file: a photo (the contract caps it at ~10 MB of
 * picture), a file to import (64 MB of file), each with room for the rest of the JSON.
 */
const UPLOAD_METHODS = new Map<string, number>([
  ['photos.add', 16 * 1024 * 1024],
  ['imports.addFile', MAX_IMPORT_BASE64 + 1024 * 1024],
]);
/** Clients that never send the connection cookie back (scripts using the bearer token) get a fresh one each call; keep the map bounded. */
const MAX_CONNECTIONS = 1000;
const CALL_PREFIX = '/api/call/';
/** The paths browsers ask for the page's icon at, and the app icon file that answers each. */
const FAVICONS: Record<string, string> = { '/favicon.svg': 'icon.svg', '/favicon.ico': 'icon.ico' };

const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_transition: 409,
  weak_password: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  possible_duplicate: 409,
  locked: 423,
  account_locked: 423,
  approval_required: 403,
  no_consent: 409,
  unavailable: 503,
  internal: 500,
};

export function httpStatusOf(settled: Settled<unknown>): number {
  return settled.ok ? 200 : (STATUS_OF[settled.error.code] ?? 500);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The renderer file a URL path names, never outside `rendererDir`. A path without a file extension is an app
 * route (/patients/12) and gets index.html; a missing asset is null (404) rather than HTML posing as script.
 * Shared by the loopback host and Electron's lumen:// protocol.
 */
export function resolveRendererFile(rendererDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, '.' + posix.normalize('/' + decoded.replace(/\\/g, '/')));
  if (file !== root && !file.startsWith(root + sep)) return null;
  if (isFile(file)) return file;
  if (extname(decoded)) return null;
  const index = join(root, 'index.html');
  return isFile(index) ? index : null;
}

function cookiesOf(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

const cookie = (name: string, value: string) => `${name}=${value}; HttpOnly; SameSite=Strict; Path=/`;

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendEnvelope(res: ServerResponse, settled: Settled<unknown>, extra: Record<string, string | string[]> = {}, status = httpStatusOf(settled)): void {
  send(res, status, JSON.stringify(settled), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store', ...extra });
}

const refusal = (code: ErrorCode, message: string): Settled<never> => ({ ok: false, error: new LumenError(code, message).toJSON() });

/** Reads at most `limit` bytes; past that it keeps draining (so the answer reaches the client) and returns null. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => done(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/**
 * Browser mode: the renderer and the registry on 127.0.0.1. A per-launch secret (cookie or bearer token) keeps other
 * local users and web pages out; exact Host and Origin checks stop DNS rebinding and cross-site requests.
 */
export async function createHost({ registry, rendererDir, assetsDir, port = 0, logger }: HostOptions): Promise<Host> {
  const secret = randomBytes(32).toString('base64url');
  const secretDigest = createHash('sha256').update(secret).digest();
  const isSecret = (given: string | undefined) => given !== undefined && timingSafeEqual(createHash('sha256').update(given).digest(), secretDigest);
  const connections = new Map<string, Connection>();
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  function connectionFor(req: IncomingMessage): { conn: Connection; setCookie?: string } {
    const id = cookiesOf(req).get(CONN_COOKIE);
    const known = id ? connections.get(id) : undefined;
    if (known) return { conn: known };
    if (connections.size >= MAX_CONNECTIONS) connections.delete(connections.keys().next().value as string);
    const fresh = randomBytes(24).toString('base64url');
    const conn = newConnection('host');
    connections.set(fresh, conn);
    return { conn, setCookie: cookie(CONN_COOKIE, fresh) };
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendEnvelope(res, refusal('invalid_input', 'Calls use POST.'), { Allow: 'POST' }, 405);
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return sendEnvelope(res, refusal('invalid_input', 'Calls send JSON (Content-Type: application/json).'), {}, 415);
    }
    const limit = UPLOAD_METHODS.get(name) ?? MAX_BODY_BYTES;
    const body = await readBody(req, limit);
    if (body === null) return sendEnvelope(res, refusal('invalid_input', `The request is larger than ${Math.floor(limit / 1024 / 1024)} MB.`), {}, 413);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendEnvelope(res, refusal('invalid_input', 'The request body is not valid JSON.'));
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return sendEnvelope(res, refusal('invalid_input', 'The request body must be an object like {"input": …}.'));
    }
    const { conn, setCookie } = connectionFor(req);
    const settled = await settle(
      () => registry.call(name, (parsed as { input?: unknown }).input, conn),
      (error) => logger.error(`${name.slice(0, 60)} failed unexpectedly`, error),
    );
    sendEnvelope(res, settled, setCookie ? { 'Set-Cookie': setCookie } : {});
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
    const icon = Object.hasOwn(FAVICONS, pathname) ? join(assetsDir, FAVICONS[pathname]) : null;
    const file = icon ?? resolveRendererFile(rendererDir, pathname);
    if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    // Vite fingerprints everything under assets/; the shell and the icon keep their names, so they are revalidated.
    const cache = icon || file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
    send(res, 200, readFileSync(file), contentTypeOf(file), { 'Cache-Control': cache });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'Forbidden host', 'text/plain; charset=utf-8');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return send(res, 403, 'Forbidden origin', 'text/plain; charset=utf-8');

    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const launchSecret = url.searchParams.get('secret');
    if (url.pathname === '/' && launchSecret !== null) {
      if (!isSecret(launchSecret)) return send(res, 401, 'This link has expired. Use the link Lumen printed when it started.', 'text/plain; charset=utf-8');
      return send(res, 303, '', 'text/plain; charset=utf-8', { Location: '/', 'Set-Cookie': cookie(SECRET_COOKIE, secret) });
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!isSecret(cookiesOf(req).get(SECRET_COOKIE)) && !isSecret(bearer)) {
      if (url.pathname.startsWith('/api/')) return sendEnvelope(res, refusal('unauthenticated', 'Open Lumen with the link it printed when it started.'));
      return send(res, 401, 'Open Lumen with the link it printed when it started.', 'text/plain; charset=utf-8');
    }

    if (url.pathname.startsWith(CALL_PREFIX)) return handleCall(req, res, url.pathname.slice(CALL_PREFIX.length));
    if (url.pathname.startsWith('/api/')) return sendEnvelope(res, refusal('not_found', 'There is no such endpoint.'));
    handleStatic(req, res, url.pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(`${req.method} ${req.url?.split('?')[0]} failed unexpectedly`, error);
      if (!res.headersSent) sendEnvelope(res, refusal('internal', 'Something went wrong. The details are in the log.'));
      else res.destroy();
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${bound}`, `localhost:${bound}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
  const origin = `http://127.0.0.1:${bound}`;

  return {
    url: `${origin}/?secret=${secret}`,
    origin,
    port: bound,
    secret,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
