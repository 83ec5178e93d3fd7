import type { Channel, ParsedRequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { EventBus } from '../core/events';
import type { JobRunner } from '../core/jobs';
import type { CredentialStore } from '../secrets/credential-store';
import type { AppContext } from '../workspace/workspace';

/** What only the desktop shell can do for a handler (absent under `attest serve` and the CLI). */
export interface DesktopServices {
  /** Open a file with the operating system's default application. */
  openPath(path: string): Promise<void>;
  /** Ask the user for a bundle, export folder or events file to import; null when they cancel. */
  chooseImportPath(): Promise<string | null>;
}

/** What every handler receives besides its request. */
export interface HandlerContext extends AppContext {
  jobs: JobRunner;
  bus: EventBus;
  appVersion: string;
  /** Live-sync credentials: the keychain's saved tokens, else the environment's. */
  credentials: CredentialStore;
  desktop?: DesktopServices;
}

/** A plain function of its validated request and its dependencies. */
export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  ctx: HandlerContext,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** Handlers for a subset of channels (one domain file). */
export type HandlerMap<C extends Channel> = { [K in C]: Handler<K> };

/** One handler per channel of the contract; a missing one fails to compile. */
export type HandlerTable = HandlerMap<Channel>;
