import { type Actor, currentActor } from './core/actor';
import { type Clock, systemClock } from './core/clock';
import { EventBus } from './core/events';
import { JobRunner } from './core/jobs';
import { APP_VERSION } from './app-version';
import { handlers } from './handlers';
import type { HandlerContext } from './handlers/types';
import { createDispatcher, type Dispatch } from './transport/dispatcher';
import { openWorkspace, type OpenWorkspaceOptions } from './workspace/workspace';

export interface MainOptions extends OpenWorkspaceOptions {
  workspaceDir: string;
  clock?: Clock;
  actor?: Actor;
}

/** The main process minus Electron: an open workspace, its job runner, event bus and dispatcher. */
export interface Main {
  ctx: HandlerContext;
  dispatch: Dispatch;
  close(): void;
}

/** Wire up the main process for one workspace. Used by the Electron shell, `attest serve` and the CLI. */
export function createMain(options: MainOptions): Main {
  const workspace = openWorkspace(options.workspaceDir, options);
  const bus = new EventBus();
  const ctx: HandlerContext = {
    workspace,
    clock: options.clock ?? systemClock,
    actor: options.actor ?? currentActor(),
    bus,
    jobs: new JobRunner(bus),
    appVersion: APP_VERSION,
  };
  return { ctx, dispatch: createDispatcher(handlers, ctx), close: () => workspace.close() };
}
