import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestMain } from '../../support/main';

describe('dispatcher', () => {
  let main: ReturnType<typeof createTestMain>;
  beforeEach(() => (main = createTestMain()));
  afterEach(() => main.dispose());

  it('answers a valid request with a validated value', async () => {
    const result = await main.dispatch('models:list', {});
    expect(result).toMatchObject({ ok: true, value: { asOf: null, models: [] } });
  });

  it('refuses an unknown channel', async () => {
    expect(await main.dispatch('fs:readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'Unknown channel "fs:readFile".' },
    });
  });

  it('refuses a malformed request naming the field', async () => {
    const result = await main.dispatch('models:list', { asOf: 'yesterday' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toMatch(/asOf/);
    }
  });

  it('refuses extra fields (strict requests)', async () => {
    const result = await main.dispatch('models:list', { asOf: '2026-01-01', sql: 'DROP TABLE x' });
    expect(result.ok).toBe(false);
  });

  it('maps a thrown AttestError to its code and hint', async () => {
    const result = await main.dispatch('jobs:get', { jobId: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
