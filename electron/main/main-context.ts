import { type Actor, currentActor } from './core/actor';
import { type Clock, systemClock, toIso } from './core/clock';
import { EventBus } from './core/events';
import { JobRunner } from './core/jobs';
import { APP_VERSION } from './app-version';
import { handlers } from './handlers';
import { CredentialStore } from './secrets/credential-store';
import { type Keychain, NO_KEYCHAIN } from './secrets/keychain';
import type { DesktopServices, HandlerContext } from './handlers/types';
import { createDispatcher, type Dispatch } from './transport/dispatcher';
import { credentialsFile } from './workspace/paths';
import { acquireWorkspaceLock, type WorkspaceLock } from './workspace/lock';
import { openWorkspace, type OpenWorkspaceOptions } from './workspace/workspace';

export interface MainOptions extends OpenWorkspaceOptions {
  workspaceDir: string;
  clock?: Clock;
  actor?: Actor;
  /** Take the workspace's writer lock for this purpose (long-running or mutating work); see lock.ts. */
  lockFor?: string;
  /** Services only the Electron shell provides (opening files with the OS). */
  desktop?: DesktopServices;
  /** The OS keychain; only the Electron shell has one (safeStorage). Without it no secret can be saved. */
  keychain?: Keychain;
  /** Where credentials from the environment are read (the CLI passes its own). */
  env?: NodeJS.ProcessEnv;
}

/** The main process minus Electron: an open workspace, its job runner, event bus and dispatcher. */
export interface Main {
  ctx: HandlerContext;
  dispatch: Dispatch;
  close(): void;
}

/** Wire up the main process for one workspace. Used by the Electron shell, `attest serve` and the CLI. */
export function createMain(options: MainOptions): Main {
  const clock = options.clock ?? systemClock;
  const workspace = openWorkspace(options.workspaceDir, options);
  let lock: WorkspaceLock | null = null;
  try {
    if (options.lockFor) lock = acquireWorkspaceLock(workspace.paths.root, options.lockFor, toIso(clock.now()));
  } catch (error) {
    workspace.close();
    throw error;
  }
  const bus = new EventBus();
  const ctx: HandlerContext = {
    workspace,
    clock,
    actor: options.actor ?? currentActor(),
    bus,
    jobs: new JobRunner(bus),
    appVersion: APP_VERSION,
    credentials: new CredentialStore(credentialsFile(workspace.paths.root), options.keychain ?? NO_KEYCHAIN, options.env ?? process.env),
    ...(options.desktop ? { desktop: options.desktop } : {}),
  };
  const close = () => {
    workspace.close();
    lock?.release();
  };
  return { ctx, dispatch: createDispatcher(handlers, ctx), close };
}
