import { fixedClock } from '../../electron/main/core/clock';
import { type Main, createMain } from '../../electron/main/main-context';
import { makeTempDir } from './temp';

export const TEST_ACTOR = { user: 'tester', displayName: 'Test Officer' };

/** A fresh workspace in a temp folder with a fixed clock and actor; `dispose` closes and removes it. */
export function createTestMain(now = '2026-11-22T12:00:00.000Z'): Main & { dir: string; dispose: () => void } {
  const temp = makeTempDir();
  const main = createMain({ workspaceDir: temp.dir, create: true, clock: fixedClock(now), actor: TEST_ACTOR });
  return {
    ...main,
    dir: temp.dir,
    dispose: () => {
      main.close();
      temp.cleanup();
    },
  };
}
