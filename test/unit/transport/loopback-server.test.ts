import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../../../electron/main/transport/loopback-server';
import { createTestMain } from '../../support/main';

describe('loopback transport', () => {
  let main: ReturnType<typeof createTestMain>;
  let server: LoopbackServer;
  let staticDir: string;

  beforeEach(async () => {
    main = createTestMain();
    staticDir = join(main.dir, 'console');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Attest</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startLoopbackServer({ dispatch: main.dispatch, bus: main.ctx.bus, staticDir, uploadDir: join(main.dir, 'tmp', 'uploads') });
  });
  afterEach(async () => {
    await server.close();
    main.dispose();
  });

  const post = (channel: string, body: string, token: string | null) =>
    fetch(`${server.url}/ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-attest-token': token } : {}) },
      body,
    });

  it('listens on 127.0.0.1 and puts the token in the console URL\'s query', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.consoleUrl).toBe(`${server.url}/?token=${server.token}`);
  });

  it('carries the contract with the right token', async () => {
    const response = await post('models:list', '{}', server.token);
    expect(await response.json()).toMatchObject({ ok: true, value: { models: [] } });
  });

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await post('models:list', '{}', null)).status).toBe(401);
    expect((await post('models:list', '{}', 'x'.repeat(server.token.length))).status).toBe(401);
  });

  it('answers bad JSON with a bad-request envelope', async () => {
    const response = await post('models:list', '{nope', server.token);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example:80' } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the console with the strict CSP and refuses path traversal', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await index.text()).toContain('<title>Attest</title>');
    expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${server.url}/..%2f..%2fattest.db`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('receives an authorised upload under a fresh, sanitised name inside the upload folder', async () => {
    const upload = (token: string | null) =>
      fetch(`${server.url}/upload`, {
        method: 'POST',
        headers: { ...(token ? { 'x-attest-token': token } : {}), 'x-file-name': encodeURIComponent('../../etc/pass wd.json') },
        body: 'hello',
      });
    expect((await upload(null)).status).toBe(401);
    const answer = (await (await upload(server.token)).json()) as { ok: boolean; value: { path: string } };
    expect(answer.ok).toBe(true);
    expect(answer.value.path.startsWith(join(main.dir, 'tmp', 'uploads'))).toBe(true);
    expect(answer.value.path).toMatch(/[0-9a-f]{12}-pass_wd\.json$/);
    expect(readFileSync(answer.value.path, 'utf8')).toBe('hello');
  });

  it('owns its upload folder: empties it at start (what a killed server left) and removes it at close', async () => {
    const uploads = join(main.dir, 'tmp', 'uploads');
    await server.close();
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, 'left-by-a-killed-server.attest'), 'x');
    server = await startLoopbackServer({ dispatch: main.dispatch, bus: main.ctx.bus, staticDir, uploadDir: uploads });
    expect(existsSync(join(uploads, 'left-by-a-killed-server.attest'))).toBe(false);
    const answer = (await (await fetch(`${server.url}/upload`, { method: 'POST', headers: { 'x-attest-token': server.token, 'x-file-name': 'b.attest' }, body: 'hello' })).json()) as { value: { path: string } };
    expect(readFileSync(answer.value.path, 'utf8')).toBe('hello');
    await server.close();
    expect(existsSync(uploads)).toBe(false);
    // afterEach closes the server again: start one more so that it has one to close.
    server = await startLoopbackServer({ dispatch: main.dispatch, bus: main.ctx.bus, staticDir });
  });

  it('streams push events to an authorised listener', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/events?token=${server.token}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // the ': connected' comment
    const { jobId } = main.ctx.jobs.start('test', () => Promise.resolve(42));
    let text = '';
    while (!text.includes('job:finished')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain(jobId);
    controller.abort();
  });
});
