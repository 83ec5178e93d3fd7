import type { inventoryChannels } from '../../../shared/ipc/channels/inventory';
import { asOfInstant } from '../../../shared/schemas/common';
import { toIso } from '../core/clock';
import { listInventory } from '../store/inventory-repo';
import type { HandlerMap } from './types';

export const inventoryHandlers: HandlerMap<keyof typeof inventoryChannels> = {
  'models:list': (request, ctx) => {
    const at = request.asOf ? asOfInstant(request.asOf) : null;
    const now = toIso(ctx.clock.now());
    return { asOf: at, generatedAt: now, models: listInventory(ctx.workspace.db, at, now) };
  },
};
