import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(() => builtWorkerFile('nothing.worker.cjs', 'imaginary')).toThrow(
      expect.objectContaining({ code: 'unsupported', message: expect.stringContaining('The imaginary worker is not built (nothing.worker.cjs') }),
    );
  });
});
