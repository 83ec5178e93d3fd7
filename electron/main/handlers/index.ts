import { attestationHandlers } from './attestations';
import { auditHandlers } from './audit';
import { desktopHandlers } from './desktop';
import { inventoryHandlers } from './inventory';
import { jobHandlers } from './jobs';
import { monitoringHandlers } from './monitoring';
import { packHandlers } from './packs';
import { replayHandlers } from './replay';
import { syncHandlers } from './sync';
import type { HandlerTable } from './types';
import { workspaceHandlers } from './workspace';

/** Every channel's handler. Typed against the contract: a channel without a handler fails to compile. */
export const handlers: HandlerTable = {
  ...workspaceHandlers,
  ...inventoryHandlers,
  ...jobHandlers,
  ...auditHandlers,
  ...attestationHandlers,
  ...monitoringHandlers,
  ...replayHandlers,
  ...packHandlers,
  ...syncHandlers,
  ...desktopHandlers,
};
