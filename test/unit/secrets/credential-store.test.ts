import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';
import { fixedClock } from '../../../electron/main/core/clock';
import { type Main, createMain } from '../../../electron/main/main-context';
import type { Keychain } from '../../../electron/main/secrets/keychain';
import { credentialsFile } from '../../../electron/main/workspace/paths';
import { runCli } from '../../../electron/cli/run-cli';
import { makeTempDir } from '../../support/temp';
import { mlflowRoutes, startServer } from '../sync/mlflow-server';
import { fakeKeychain } from './fake-keychain';

const TOKEN = 'tok-7f3a9c-secret-do-not-leak';
const actor = { user: 'engineer', displayName: 'E. Engineer' };

/** Every file under `dir` (workspace, WAL, logs, tmp), read as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

describe('live-sync credentials', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(keychain?: Keychain, env: NodeJS.ProcessEnv = {}, serverAuth: Parameters<typeof startServer>[1] = TOKEN) {
    const temp = makeTempDir();
    const main = createMain({
      workspaceDir: join(temp.dir, 'ws'),
      create: true,
      clock: fixedClock('2026-03-01T00:00:00.000Z'),
      actor,
      env,
      ...(keychain ? { keychain } : {}),
    });
    const seen: string[] = [];
    const unsubscribe = main.ctx.bus.subscribe((name, payload) =>
      seen.push(`${name} ${JSON.stringify(payload)}`),
    );
    const started = await startServer(mlflowRoutes(), serverAuth);
    cleanups.push(
      temp.cleanup,
      () => main.close(),
      unsubscribe,
      () => new Promise<void>((r) => started.server.close(() => r())),
    );
    const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<unknown>> => {
      const result = await main.dispatch(channel, request);
      seen.push(JSON.stringify(result));
      return result;
    };
    return { main, call, seen, url: started.url, root: join(temp.dir, 'ws') };
  }

  async function syncJob(
    main: Main,
    call: (c: 'sync:mlflow', r: RequestOf<'sync:mlflow'>) => Promise<Envelope<unknown>>,
    url: string,
  ) {
    const started = await call('sync:mlflow', { url, timeoutMs: 2000 });
    if (!started.ok) return started.error;
    return main.ctx.jobs.wait((started.value as { jobId: string }).jobId);
  }

  it('keeps the token only as keychain ciphertext and sends it as the Authorization header of a sync', async () => {
    const { main, call, seen, url, root } = await setup(fakeKeychain());
    const before = await call('credentials:status', { url: `${url}/` });
    expect(before).toMatchObject({
      ok: true,
      value: {
        server: url,
        saved: null,
        source: 'none',
        keychain: { available: true, backend: 'fake-keychain' },
      },
    });
    expect(await syncJob(main, call, url)).toMatchObject({
      state: 'failed',
      error: { message: expect.stringMatching(/refused the credentials \(HTTP 401\)/) as unknown },
    });

    const saved = await call('credentials:save', { url, token: TOKEN });
    expect(saved).toMatchObject({
      ok: true,
      value: { source: 'keychain', saved: { kind: 'bearer-token', savedBy: 'engineer', backend: 'fake-keychain' } },
    });
    expect(await syncJob(main, call, url)).toMatchObject({
      state: 'succeeded',
      result: { counts: { registeredModels: 2 } },
    });
    // The audit log records who configured which server, not the token.
    const audit = main.ctx.workspace.db
      .prepare("SELECT action, object_id, details_json FROM audit_event WHERE action LIKE 'credential%'")
      .all();
    expect(audit).toEqual([
      { action: 'credential saved', object_id: url, details_json: '{"backend":"fake-keychain","kind":"bearer-token"}' },
    ]);
    expect(statSync(credentialsFile(root)).mode & 0o777).toBe(0o600);

    main.close();
    const plainForms = [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('hex')];
    for (const { path, bytes } of filesUnder(root))
      for (const form of plainForms) expect(bytes.includes(form), `${form} in ${path}`).toBe(false);
    for (const text of seen) expect(text).not.toContain(TOKEN);
  });

  it('keeps a username and password (MLflow basic auth) only as ciphertext and signs a sync in with them', async () => {
    const signIn = { username: 'svc-attest-reader', password: 'pw-91c2-secret-do-not-leak' };
    const { main, call, seen, url, root } = await setup(fakeKeychain(), {}, signIn);
    // A token saved first is replaced, not kept beside the new sign-in.
    await call('credentials:save', { url, token: TOKEN });
    expect(await syncJob(main, call, url)).toMatchObject({ state: 'failed', error: { message: expect.stringMatching(/HTTP 401/) as unknown } });

    const saved = await call('credentials:save', { url, ...signIn });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        source: 'keychain',
        saved: { kind: 'basic-auth', savedBy: 'engineer' },
        message: expect.stringMatching(/sends the username and password saved in the OS keychain/) as unknown,
      },
    });
    expect(await syncJob(main, call, url)).toMatchObject({ state: 'succeeded', result: { counts: { registeredModels: 2 } } });
    const audit = main.ctx.workspace.db.prepare("SELECT details_json FROM audit_event WHERE action = 'credential saved' ORDER BY id").pluck().all();
    expect(audit).toEqual(['{"backend":"fake-keychain","kind":"bearer-token"}', '{"backend":"fake-keychain","kind":"basic-auth"}']);

    main.close();
    const basic = Buffer.from(`${signIn.username}:${signIn.password}`).toString('base64');
    const plainForms = [signIn.username, signIn.password, basic, TOKEN, Buffer.from(signIn.password).toString('base64')];
    for (const { path, bytes } of filesUnder(root))
      for (const form of plainForms) expect(bytes.includes(form), `${form} in ${path}`).toBe(false);
    for (const text of seen) for (const form of plainForms) expect(text).not.toContain(form);
  });

  it('refuses a sign-in with an empty username or password, and writes nothing', async () => {
    const { call, root } = await setup(fakeKeychain());
    for (const request of [{ username: '', password: 'x' }, { username: 'x', password: '' }, { username: 'x' }, { token: 't', username: 'x', password: 'y' }]) {
      const refused = await call('credentials:save', { url: 'http://127.0.0.1:1', ...request } as RequestOf<'credentials:save'>);
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(filesUnder(root).some((f) => f.path.includes('secrets'))).toBe(false);
  });

  it('refuses to save without a keychain (attest serve, CLI), writes nothing, and uses the environment instead', async () => {
    const { main, call, seen, url, root } = await setup(undefined, { ATTEST_MLFLOW_TOKEN: TOKEN });
    const refused = await call('credentials:save', { url, token: 'another-secret-value' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'unsupported',
        message: expect.stringMatching(
          /not saved\. No OS keychain is available here.*attest serve.*ATTEST_MLFLOW_TOKEN/,
        ) as unknown,
      },
    });
    expect(filesUnder(root).some((f) => f.path.includes('secrets'))).toBe(false);
    const status = await call('credentials:status', { url });
    expect(status).toMatchObject({
      ok: true,
      value: {
        keychain: { available: false, backend: null },
        saved: null,
        source: 'environment',
        message: expect.stringMatching(/ATTEST_MLFLOW_TOKEN in the environment/) as unknown,
      },
    });
    expect(await syncJob(main, call, url)).toMatchObject({ state: 'succeeded' });
    expect(
      main.ctx.workspace.db
        .prepare("SELECT count(*) FROM audit_event WHERE action LIKE 'credential%'")
        .pluck()
        .get(),
    ).toBe(0);
    for (const text of seen) expect(text).not.toContain('another-secret-value');
  });

  it('refuses a token another keychain sealed, or one moved to another server in the file', async () => {
    const { main, call, url, root } = await setup(fakeKeychain('alice'));
    await call('credentials:save', { url, token: TOKEN });
    const file = credentialsFile(root);
    const content = JSON.parse(readFileSync(file, 'utf8')) as { servers: Record<string, unknown> };
    content.servers['https://evil.example'] = content.servers[url];
    writeFileSync(file, JSON.stringify(content));
    expect(await call('sync:mlflow', { url: 'https://evil.example' })).toMatchObject({
      ok: false,
      error: { code: 'integrity', message: expect.stringMatching(/sealed for another server/) as unknown },
    });
    main.close();

    const other = createMain({
      workspaceDir: root,
      clock: fixedClock('2026-03-02T00:00:00.000Z'),
      actor,
      env: {},
      keychain: fakeKeychain('bob'),
    });
    cleanups.push(() => other.close());
    expect(await other.dispatch('sync:mlflow', { url })).toMatchObject({
      ok: false,
      error: {
        code: 'unsupported',
        message: expect.stringMatching(/cannot be opened with this user's keychain/) as unknown,
      },
    });
    expect(await other.dispatch('credentials:forget', { url })).toMatchObject({
      ok: true,
      value: { removed: true, status: { saved: null } },
    });
    expect(
      other.ctx.workspace.db
        .prepare("SELECT action FROM audit_event WHERE action LIKE 'credential%' ORDER BY id")
        .pluck()
        .all(),
    ).toEqual(['credential saved', 'credential forgotten']);
  });

  it('keeps credentials out of the CLI output of `attest sync mlflow`, which reads the environment', async () => {
    const { url, root, main } = await setup();
    main.close();
    let out = '';
    const io = (env: NodeJS.ProcessEnv) => ({
      stdout: (t: string) => void (out += t),
      stderr: (t: string) => void (out += t),
      env,
      interrupted: new Promise<void>(() => {}),
    });
    expect(
      await runCli(
        ['sync', 'mlflow', '--url', url, '--workspace', root, '--timeout-ms', '2000'],
        io({ ATTEST_MLFLOW_TOKEN: 'wrong-token-value' }),
      ),
    ).toBe(2);
    expect(out).toMatch(/refused the credentials/);
    expect(
      await runCli(
        ['sync', 'mlflow', '--url', url, '--workspace', root, '--json'],
        io({ ATTEST_MLFLOW_TOKEN: TOKEN }),
      ),
    ).toBe(0);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('wrong-token-value');
    for (const { bytes } of filesUnder(root)) expect(bytes.includes(TOKEN)).toBe(false);
  });
});
