import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttestError } from '../../../electron/main/core/errors';
import { builtWorkerFile } from '../../../electron/main/core/worker-file';

const REPO_ROOT = join(__dirname, '..', '..', '..');

describe('builtWorkerFile', () => {
  it('finds every worker the build writes, from source as the tests run', () => {
    const workers = readdirSync(join(REPO_ROOT, 'electron/main'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.worker.ts'))
      .map((f) => `${f.split('/').pop()!.replace(/\.ts$/, '.cjs')}`);
    expect(workers.length).toBeGreaterThan(1);
    for (const w of workers) expect(builtWorkerFile(w, w)).toBe(join(REPO_ROOT, 'dist', 'workers', w));
  });

  it('says which worker is missing and how to build it', () => {
    let caught: unknown;
    try {
      builtWorkerFile('nothing.worker.cjs', 'imaginary');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AttestError);
    expect(caught).toMatchObject({ code: 'unsupported' });
    expect((caught as AttestError).message).toContain('The imaginary worker is not built (nothing.worker.cjs');
  });
});
