// The same handler map over HTTP, for the browser mode (`regua serve`): the built screens as static
// files, POST /api/<method> with a bearer token, and GET /api/events as server-sent events.
// Only 127.0.0.1 by default; a foreign Host (DNS rebinding) or Origin (cross-site) is refused.
import { timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Handlers } from '../shared/api';
import { invoke, isMethodName } from './api/index';
import type { EventBus } from './services/events';

export interface HttpOptions {
  handlers: Handlers;
  events: EventBus;
  token: string;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** Host names (without port) that may appear in Host and Origin. */
  allowedHosts: readonly string[];
  /** Where unexpected errors are written (the log file); they never stop the server. */
  log?: (message: string) => void;
}

const MAX_BODY = 64 * 1024 * 1024; // an import document with 100k invoices fits
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'";

const sameToken = (given: string | null, expected: string) => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY) throw new BadRequest(413, 'corpo da requisição grande demais');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new BadRequest(413, 'corpo da requisição grande demais');
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof BadRequest) throw e;
    throw new BadRequest(400, 'requisição interrompida antes do fim');
  }
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequest(400, 'corpo da requisição não está em UTF-8');
  }
  try {
    return text ? JSON.parse(text) : {};
  } catch (e) {
    throw new BadRequest(400, `JSON inválido: ${(e as Error).message}`);
  }
}

/** A path of the screens, or null when it does not decode (e.g. `%E0%A4%A`). */
function decodePath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

export function createHttpServer(options: HttpOptions): Server {
  const { handlers, events, token } = options;
  const staticDir = resolve(options.staticDir);
  const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));

  const hostAllowed = (req: IncomingMessage, port: number) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (![...allowed].some((h) => host === `${h}:${port}` || host === `[${h}]:${port}`)) return false;
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return [...allowed].some((h) => origin.toLowerCase() === `http://${h}:${port}`);
  };

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const decoded = decodePath(pathname);
    if (decoded === null) return json(res, 400, { error: 'endereço inválido' });
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(staticDir, relative);
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return json(res, 403, { error: 'proibido' });
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!isFile) file = join(staticDir, 'index.html'); // client-side routes
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('A interface ainda não foi construída (npm run build:renderer).');
    }
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': conectado\n\n');
    const unsubscribe = events.subscribe((event) =>
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`),
    );
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  };

  const log = options.log ?? ((message: string) => console.error(message));
  /** The last word on any request that went wrong: 500, logged, and the server carries on. */
  const internalError = (res: ServerResponse, e: unknown) => {
    log(`erro inesperado ao atender uma requisição: ${(e as Error)?.stack ?? String(e)}`);
    if (res.headersSent) return res.destroy();
    json(res, 500, { ok: false, error: { code: 'internal', message: 'erro interno no Régua' } });
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const port = (server.address() as { port: number }).port;
    if (!hostAllowed(req, port)) return json(res, 403, { error: 'host ou origem não permitidos' });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return json(res, 400, { error: 'endereço inválido' });
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return json(res, 405, { error: 'método não permitido' });
      serveStatic(req, res, url.pathname).catch((e: unknown) => internalError(res, e));
      return;
    }
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? null;
    const given = bearer ?? (url.pathname === '/api/events' ? url.searchParams.get('token') : null);
    if (!sameToken(given, token))
      return json(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'token ausente ou inválido' },
      });
    if (url.pathname === '/api/events' && req.method === 'GET') return serveEvents(req, res);
    if (req.method !== 'POST') return json(res, 405, { error: 'use POST' });
    const name = url.pathname.slice('/api/'.length);
    readBody(req)
      .then(
        async (input) => {
          const result = await invoke(handlers, name, input);
          if (!result.ok && result.error.code === 'internal') {
            log(`método ${name}: ${result.error.message}`);
            return json(res, 500, result);
          }
          json(res, result.ok || result.error.code !== 'not_found' || isMethodName(name) ? 200 : 404, result);
        },
        (e: unknown) => {
          if (!(e instanceof BadRequest)) return internalError(res, e);
          json(res, e.status, { ok: false, error: { code: 'validation', message: e.message } });
          if (e.status === 413) req.resume();
        },
      )
      .catch((e: unknown) => internalError(res, e));
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      internalError(res, e);
    }
  });
  // Malformed HTTP (bad headers, garbage bytes): answer 400 and drop that connection only.
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
