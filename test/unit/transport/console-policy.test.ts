import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleDispatch } from '../../../electron/main/transport/console-policy';
import { createTestMain } from '../../support/main';

describe('what only the command line may ask for', () => {
  let main: ReturnType<typeof createTestMain>;
  beforeEach(() => {
    main = createTestMain();
  });
  afterEach(() => main.dispose());

  it('refuses a console request that names a file to write, and writes nothing', async () => {
    const outPath = join(main.dir, 'audit-export.jsonl');
    const fromConsole = consoleDispatch(main.dispatch);
    const refused = await fromConsole('audit:export', { outPath });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/only the command line/) as unknown } });
    expect(existsSync(outPath)).toBe(false);
    const pack = await fromConsole('packs:generate', { kind: 'model-risk', model: 'm', version: '1', outFile: join(main.dir, 'x.pdf') });
    expect(pack).toMatchObject({ ok: false, error: { message: expect.stringMatching(/may not set outFile/) as unknown } });
    expect(existsSync(join(main.dir, 'x.pdf'))).toBe(false);
  });

  it('lets the command line (in process) export where it is told, and the console everything else', async () => {
    const outPath = join(main.dir, 'audit-export.jsonl');
    expect(await main.dispatch('audit:export', { outPath })).toMatchObject({ ok: true });
    expect(existsSync(outPath)).toBe(true);
    expect(await consoleDispatch(main.dispatch)('models:list', {})).toMatchObject({ ok: true });
  });
});
