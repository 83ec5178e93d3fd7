import { afterAll, beforeAll, describe, it } from 'vitest';
import { makeHardeningWorkspace } from '../../support/hardening';
import { bundleCases, writeGoodBundle } from './bundle-cases';
import { expectRefused } from './catalogue-case';
import { replayCases } from './replay-cases';
import { sourceCases } from './source-cases';

// One workspace for the whole table: each case checks the workspace is byte-for-byte unchanged afterwards,
// so a case that slipped something in would also show up in every later case.
describe('bad-input catalogue: each input gets one clear line, the right exit code, and changes nothing', () => {
  let env: ReturnType<typeof makeHardeningWorkspace>;
  beforeAll(async () => {
    env = makeHardeningWorkspace();
    await writeGoodBundle(env.root);
  });
  afterAll(() => env.cleanup());

  describe.each([
    ['bundles', bundleCases],
    ['unsigned sources', sourceCases],
    ['replay cases', replayCases],
  ])('%s', (_group, cases) => {
    for (const c of cases) {
      // A gap is an input Attest does not refuse yet; its reason names the file that must change.
      it.skipIf(c.gap !== undefined)(c.gap ? `${c.name} (not yet refused: ${c.gap})` : c.name, async () => {
        await expectRefused(c, env.root, env.ws);
      });
    }
  });
});
