import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AttestError } from '../core/errors';
import type { EventBus } from '../core/events';
import { isConsoleEntryPath, prerenderConsoleEntry } from './console-entry';
import { CONSOLE_CSP } from './csp';
import type { Dispatch } from './dispatcher';
import { readStaticFile } from './static-files';

export interface LoopbackOptions {
  dispatch: Dispatch;
  bus: EventBus;
  /**
   * Where files dropped on the browser console are received (the workspace's tmp/uploads); omit to refuse
   * uploads. The server owns the folder: it empties it when it starts (leftovers of a server that was killed;
   * the workspace lock admits one server) and removes it when it closes, so copies of people's files do not pile
   * up in the workspace. An upload is only a vehicle for an import, which keeps what it imports.
   */
  uploadDir?: string;
  /** Built console to serve (dist/renderer); omit to serve only the transport. */
  staticDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Told when the console's first page could not be pre-rendered (it is then served as built, and still works). */
  onPrerenderFailure?: (error: Error) => void;
}

export interface LoopbackServer {
  url: string;
  /**
   * The URL a person opens. Its query carries the token: the console's first page is sent with the Inventory in
   * it (pre-rendered) only to the holder of the token; the console then moves the token out of the address bar.
   */
  consoleUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const HOST = '127.0.0.1';

/**
 * The IPC contract over HTTP on 127.0.0.1, for browser tests and `attest serve`: POST /ipc/<channel> with the
 * per-launch token in `x-attest-token`, push events as server-sent events on GET /events?token=…
 * Same dispatcher, same validation as Electron IPC; only the wire differs. Off unless started.
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('base64url');
  const clearUploads = () => {
    if (options.uploadDir) rmSync(options.uploadDir, { recursive: true, force: true });
  };
  clearUploads();
  const server = createServer((req, res) => {
    handle(req, res, options, token, server).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(error) } });
      else res.end();
    });
  });
  const port = await listen(server, options.port ?? 0);
  const url = `http://${HOST}:${port}`;
  return {
    url,
    consoleUrl: `${url}/?token=${token}`,
    port,
    token,
    close: async () => {
      await closeServer(server);
      clearUploads();
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: LoopbackOptions, token: string, server: Server) {
  const port = (server.address() as AddressInfo).port;
  // DNS-rebinding guard: a page on another origin resolving to 127.0.0.1 still sends its own Host.
  if (req.headers.host !== `${HOST}:${port}` && req.headers.host !== `localhost:${port}`) {
    return sendText(res, 421, 'Misdirected request');
  }
  const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
  if (url.pathname.startsWith('/ipc/')) {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST');
    if (!isAuthorised(req.headers['x-attest-token'], token)) return sendText(res, 401, 'Missing or wrong token');
    return handleInvoke(req, res, options.dispatch, decodeURIComponent(url.pathname.slice('/ipc/'.length)));
  }
  if (url.pathname === '/upload') {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST');
    if (!isAuthorised(req.headers['x-attest-token'], token)) return sendText(res, 401, 'Missing or wrong token');
    return handleUpload(req, res, options.uploadDir, req.headers['x-file-name']);
  }
  if (url.pathname === '/events') {
    if (!isAuthorised(url.searchParams.get('token') ?? undefined, token)) return sendText(res, 401, 'Missing or wrong token');
    return handleEvents(req, res, options.bus);
  }
  if (req.method !== 'GET' || !options.staticDir) return sendText(res, 404, 'Not found');
  const file = readStaticFile(options.staticDir, url.pathname);
  if (!file) return sendText(res, 404, 'Not found');
  const body = isConsoleEntryPath(url.pathname) && isAuthorised(url.searchParams.get('token') ?? undefined, token)
    ? await prerenderConsoleEntry(file.body, options.dispatch, options.onPrerenderFailure ?? (() => undefined))
    : file.body;
  res.writeHead(200, {
    'content-type': file.mediaType,
    'content-security-policy': CONSOLE_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function handleInvoke(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch, channel: string) {
  let payload: unknown;
  try {
    payload = JSON.parse(await readBody(req));
  } catch (error) {
    const message = error instanceof AttestError ? error.message : 'The request body is not valid JSON.';
    return sendJson(res, 200, { ok: false, error: { code: 'bad-request', message } });
  }
  sendJson(res, 200, await dispatch(channel, payload));
}

/**
 * A file dropped on the browser console: streamed into the upload folder under a fresh, sanitised name, and
 * answered with its path for import:verify / import:start. The browser has no file paths to give.
 */
async function handleUpload(req: IncomingMessage, res: ServerResponse, uploadDir: string | undefined, rawName: string | string[] | undefined) {
  if (!uploadDir) return sendJson(res, 200, { ok: false, error: { code: 'unsupported', message: 'This console does not accept uploads.' } });
  const name = typeof rawName === 'string' ? decodeURIComponent(rawName) : 'upload';
  const safe = basename(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120) || 'upload';
  mkdirSync(uploadDir, { recursive: true });
  const path = join(uploadDir, `${randomBytes(6).toString('hex')}-${safe}`);
  try {
    await pipeline(req, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    rmSync(path, { force: true });
    const message = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'The disk holding the workspace is full.' : `The upload did not complete (${(error as Error).message}).`;
    return sendJson(res, 200, { ok: false, error: { code: 'bad-input', message, hint: 'Nothing was imported; try again or import by path.' } });
  }
  sendJson(res, 200, { ok: true, value: { path } });
}

function handleEvents(req: IncomingMessage, res: ServerResponse, bus: EventBus) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = bus.subscribe((name, payload) => {
    res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  req.on('close', unsubscribe);
}

function isAuthorised(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AttestError('bad-request', 'The request body is larger than 1 MiB.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new AttestError('unsupported', `Port ${port} on ${HOST} is already in use.`, 'Choose another --port or omit it.')
          : error,
      );
    });
    server.listen(port, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
