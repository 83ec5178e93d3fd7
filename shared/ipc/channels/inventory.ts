import { Inventory, InventoryRequest } from '../../schemas/registry';
import { defineChannels } from '../channel';

export const inventoryChannels = defineChannels({
  'models:list': { request: InventoryRequest, response: Inventory },
});
